"""The bundled sample archive is exactly what its generator writes: rebuilding it into an
empty folder (with the two hand-kept files, fonds.yml and README.md) gives the same files,
byte for byte. A change to the generator must come with the regenerated archive.
Files LibreOffice made (.doc/.wps/.rtf/.xls/.et/.ppt, listed in
scripts/sample_archive/lo_made.json with the sha256 of the source each was made from)
are reused from the committed archive while that source is unchanged, so this holds
with or without LibreOffice; the test checks that no conversion was needed.
Standalone: does not import dj_archive."""

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.sample_archive import g_formats  # noqa: E402
from scripts.sample_archive.build import SEED, build  # noqa: E402

ARCHIVE = ROOT / "archive"
HAND_KEPT = ("fonds.yml", "README.md")


def _files(root: Path) -> dict[str, bytes]:
    out = {}
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # an index (.dj_archive) is no part of it
        for f in files:
            p = Path(dirpath) / f
            out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


def test_rebuild_is_byte_identical(tmp_path, monkeypatch):
    manifest = Path(g_formats.MANIFEST).read_bytes()
    monkeypatch.setattr(g_formats, "MANIFEST", str(tmp_path / "lo_made.json"))
    (tmp_path / "lo_made.json").write_bytes(manifest)
    converted = []
    monkeypatch.setattr(g_formats.LibreOfficeJobs, "_convert", lambda self, need: converted.extend(need))
    out = tmp_path / "archive"
    out.mkdir()
    for name in HAND_KEPT:
        shutil.copy(ARCHIVE / name, out / name)
    build(str(out), SEED, verbose=False)
    assert converted == []  # every LibreOffice output was reused: its source is unchanged
    assert (tmp_path / "lo_made.json").read_bytes() == manifest
    built, committed = _files(out), _files(ARCHIVE)
    assert len(built) > 600 and sorted(built) == sorted(committed)
    differ = [name for name in built if built[name] != committed[name]]
    assert not differ, f"regenerate the archive (python -m scripts.sample_archive build): {differ[:5]}"

"""The bundled sample archive is exactly what its generator writes: rebuilding it into an
empty folder (with the two hand-kept files, fonds.yml and README.md) gives the same files,
byte for byte. A change to the generator must come with the regenerated archive.
Standalone: does not import dj_archive."""

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

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


def test_rebuild_is_byte_identical(tmp_path):
    out = tmp_path / "archive"
    out.mkdir()
    for name in HAND_KEPT:
        shutil.copy(ARCHIVE / name, out / name)
    build(str(out), SEED, verbose=False)
    built, committed = _files(out), _files(ARCHIVE)
    assert len(built) > 600 and sorted(built) == sorted(committed)
    differ = [name for name in built if built[name] != committed[name]]
    assert not differ, f"regenerate the archive (python -m scripts.sample_archive build): {differ[:5]}"

"""The fourteen holes an outside probe found (issue 15), one test or more per hole,
numbered as in the issue: originals are never written, and one bad file never stops
or starves a run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import tree_fingerprint
from test_draft_archive import ORG

from dj_archive.cli import cli
from dj_archive.errors import OutputInsideArchive, OutputNotWritable
from dj_archive.outfile import write_output

SUMMARY = "ZH_综合类/2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.docx"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


# --- 1. originals are never written ---------------------------------------------------


def test_01_draft_and_catalog_refuse_any_path_inside_the_archive(draft_archive, tmp_path):
    root, _ = draft_archive
    before = tree_fingerprint(root)
    outside = tmp_path / "link-into-archive"
    outside.symlink_to(root / "ZH_综合类")
    targets = [
        ("draft", root / SUMMARY),  # an archived summary
        ("draft", root / "ZH_综合类/2023/新草稿.md"),  # a new file inside is refused too
        ("draft", outside / "2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.docx"),  # through a symlink
        ("draft", tmp_path / ".." / tmp_path.name / "link-into-archive" / "x.md"),
        ("catalog", root / "metadata.csv"),
        ("catalog", root / "ZH_综合类/目录.xlsx"),
    ]
    for cmd, target in targets:
        args = ["--period", "2025H1", "--org", ORG] if cmd == "draft" else []
        r = run(cmd, *args, "-o", target, "--archive", root)
        assert r.exit_code == 1, (target, r.output)
        assert "is inside the archive folder" in r.stderr and "originals are never written" in r.stderr
        assert "Write it outside the archive folder" in r.stderr
    assert tree_fingerprint(root) == before
    assert not (root / "metadata.csv").exists()
    # and the same output outside the archive works
    r = run("catalog", "-o", tmp_path / "目录.csv", "--archive", root)
    assert r.exit_code == 0, r.output


def test_01_library_save_refuses_too(draft_archive, tmp_path):
    from dj_archive.catalog import catalog, write_catalog
    from dj_archive.draft import draft

    root, arc = draft_archive
    before = tree_fingerprint(root)
    d = draft(arc, "2025H1", ORG, date="2025-07-05")
    with pytest.raises(OutputInsideArchive):
        d.save(root / SUMMARY)
    with pytest.raises(OutputInsideArchive):
        write_catalog(catalog(arc), root / "metadata.csv")
    assert tree_fingerprint(root) == before


def test_01_output_is_atomic_a_failed_write_leaves_the_old_file(tmp_path):
    out = tmp_path / "目录.csv"
    out.write_text("old content", encoding="utf-8")

    def half_then_fail(p: Path):
        p.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputNotWritable, match="No space left on device"):
        write_output(out, half_then_fail)
    assert out.read_text(encoding="utf-8") == "old content"
    assert sorted(os.listdir(tmp_path)) == ["目录.csv"]  # no temporary file left behind


def test_01_disk_full_during_catalog_keeps_the_old_xlsx(draft_archive, tmp_path):
    """A real short write: the file size limit (RLIMIT_FSIZE) stands in for a full disk."""
    root, _ = draft_archive
    out = tmp_path / "目录.xlsx"
    out.write_bytes(b"the previous catalogue")
    code = (
        "import resource, signal, sys\n"
        "from dj_archive import open_archive\n"
        "from dj_archive.catalog import catalog, write_catalog\n"
        "from dj_archive.errors import OutputNotWritable\n"
        f"df = catalog(open_archive({str(root)!r}))\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))\n"
        "try:\n"
        f"    write_catalog(df, {str(out)!r})\n"
        "except OutputNotWritable as exc:\n"
        "    sys.exit(str(exc))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    assert r.stderr.endswith(f"cannot write {out}: File too large\n")  # (openpyxl adds a warning)
    assert out.read_bytes() == b"the previous catalogue"
    assert sorted(os.listdir(tmp_path)) == ["目录.xlsx"]


# --- 2. file names that are not valid UTF-8 -----------------------------------------


def test_02_names_that_are_not_utf8_are_indexed_and_shown_readably(small_archive):
    root = small_archive
    folder = os.fsencode(root / "SH_组织生活类" / "2023")
    gbk = folder + b"/" + "2023-03-01_支委会会议记录（旧电脑）.txt".encode("gbk")
    latin = folder + b"/" + b"2023-03-02_caf\xe9-\xff.txt"
    twin = folder + b"/" + b"2023-03-02_caf\xe8-\xfe.txt"  # reads the same as the one above
    for raw, text in ((gbk, "旧电脑拷来的会议记录"), (latin, "另一份拉丁文件名的记录"), (twin, "第三份记录")):
        with open(raw, "wb") as fh:
            fh.write(text.encode("utf-8"))
    before = tree_fingerprint(root)
    r = run("index", "--archive", root, "--format", "json")
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    r = run("list", "--archive", root, "--format", "json")
    import json

    paths = {d["path"]: d["title"] for d in json.loads(r.stdout)["documents"]}
    assert paths["SH_组织生活类/2023/2023-03-01_支委会会议记录（旧电脑）.txt"] == "支委会会议记录（旧电脑）"
    assert paths["SH_组织生活类/2023/2023-03-02_caf\ufffd-\ufffd.txt"] == "caf\ufffd-\ufffd"
    assert paths["SH_组织生活类/2023/2023-03-02_caf%e9-%ff.txt"] == "caf%e9-%ff"  # kept apart, escaped
    r = run("search", "旧电脑拷来", "--archive", root, "--format", "json")
    assert json.loads(r.stdout)["total"] == 1
    r = run("index", "--archive", root, "--format", "json")  # a second run finds nothing changed
    assert json.loads(r.stdout)["indexed"] == 0 and json.loads(r.stdout)["unchanged"] >= 3
    assert tree_fingerprint(root) == before

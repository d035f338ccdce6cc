"""Bad input never stops a run, originals are never touched, interrupted and
concurrent runs leave a consistent index, old indexes are rebuilt not misread."""

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import docx_bytes, write_docx, write_pdf, write_scan_pdf, write_text
from click.testing import CliRunner
from conftest import FONDS, tree_fingerprint

from dj_archive import index as index_module
from dj_archive.cli import cli

GOOD = "ZH_综合类/2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.docx"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def bad_archive(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    write_docx(root / GOOD, ["机关第一党支部2023年上半年党建工作总结", "上半年召开支委会6次，按时收缴党费。"])
    d = root / "SH_组织生活类/2023"
    d.mkdir(parents=True)
    good = docx_bytes(["正文"])
    (d / "2023-01-01_截断的会议记录.docx").write_bytes(good[: len(good) // 3])
    (d / "2023-01-02_其实是doc的会议记录.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    (d / "2023-01-03_空文件.txt").write_bytes(b"")
    (d / "2023-01-04_二进制.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    (d / "2023-01-05_乱码.txt").write_bytes(bytes(random.Random(7).randrange(128, 256) for _ in range(600)))
    with open(d / "2023-01-06_超大文本.txt", "wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    write_scan_pdf(d / "2023-01-07_扫描件.pdf")
    write_pdf(d / "2023-01-08_加密.pdf", ["机密"], encrypt="pw")
    (d / "2023-01-09_旧格式.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    os.symlink("loop", d / "loop")  # a symlink to itself
    os.symlink("/etc/passwd", d / "2023-01-10_外部链接.txt")
    odd = root / "XX_学习教育类/2023"
    write_text(odd / "2023-02-01_心得 体会（全角，标点）【定稿】 v2.txt", "学习体会：不忘初心。", "utf-8")
    long_name = "2023-02-02_" + "关于深入学习贯彻党的二十大精神进一步加强基层党组织建设" * 2 + ".txt"
    write_text(odd / long_name, "长文件名也能检索。", "utf-8")
    write_text(odd / "2023-02-03_副本.txt", "学习体会：不忘初心。", "utf-8")  # same bytes as the odd-named file
    return root


EXPECTED_FAILURES = {
    "SH_组织生活类/2023/2023-01-01_截断的会议记录.docx": "corrupt .docx (not a valid zip archive; truncated or damaged)",
    "SH_组织生活类/2023/2023-01-02_其实是doc的会议记录.docx": "this .docx is really a legacy .doc (OLE2) file; save it as .docx",
    "SH_组织生活类/2023/2023-01-03_空文件.txt": "empty file (0 bytes)",
    "SH_组织生活类/2023/2023-01-04_二进制.txt": "binary content, not text (NUL bytes)",
    "SH_组织生活类/2023/2023-01-05_乱码.txt": "cannot detect the text encoding (not UTF-8, UTF-16, GB18030 or Big5)",
    "SH_组织生活类/2023/2023-01-06_超大文本.txt": "file is 200 MB, above the 64 MB limit (set DJ_ARCHIVE_MAX_MB to raise it)",
    "SH_组织生活类/2023/2023-01-08_加密.pdf": "encrypted PDF (password protected); save an unprotected copy",
    "SH_组织生活类/2023/2023-01-09_旧格式.doc": "corrupt Word document (OLE2 container truncated or damaged)",
    "SH_组织生活类/2023/2023-01-10_外部链接.txt": "symbolic link, not followed",
    "SH_组织生活类/2023/loop": "symbolic link, not followed",
}


def test_every_bad_file_is_reported_with_one_line_and_the_rest_indexed(bad_archive):
    before = tree_fingerprint(bad_archive)
    r = run("index", "--archive", bad_archive, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {f["path"]: f["reason"] for f in data["failed"]} == EXPECTED_FAILURES
    assert all("\n" not in f["reason"] and "Traceback" not in f["reason"] for f in data["failed"])
    assert (data["documents"], data["indexed"]) == (5, 5)  # the scan is an item waiting for OCR
    assert data["needs_ocr"] == [{"path": "SH_组织生活类/2023/2023-01-07_扫描件.pdf", "pages": 1}]
    assert (
        "Duplicate (same content): XX_学习教育类/2023/2023-02-01_心得 体会（全角，标点）【定稿】 v2.txt = XX_学习教育类/2023/2023-02-03_副本.txt"
        in r.stderr
    )
    found = json.loads(run("search", "长文件名", "--archive", bad_archive, "--format", "json").stdout)
    assert found["total"] == 1
    assert tree_fingerprint(bad_archive) == before


def test_a_file_that_disappears_between_listing_and_reading(bad_archive, monkeypatch):
    real_walk = index_module.walk_archive
    victim = bad_archive / "XX_学习教育类/2023/2023-02-03_副本.txt"

    def walk_then_delete(root, *args, **kwargs):
        entries = real_walk(root, *args, **kwargs)
        victim.unlink()
        return entries

    monkeypatch.setattr(index_module, "walk_archive", walk_then_delete)
    data = json.loads(run("index", "--archive", bad_archive, "--format", "json").stdout)
    assert {
        "path": "XX_学习教育类/2023/2023-02-03_副本.txt",
        "reason": "file disappeared before it could be read",
    } in data["failed"]
    assert data["indexed"] == 4


def _others_can_enter(path: Path) -> bool:
    """Whether an unprivileged user can reach *path* (every folder above it is o+x)."""
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents])


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to switch to an unprivileged user")
@pytest.mark.skipif(
    not _others_can_enter(Path(__file__).resolve().parent.parent),
    reason="the checkout sits in a folder other users cannot enter (the unprivileged child could not read its data files)",
)
def test_a_file_without_read_permission():
    import tempfile

    from dj_archive.config import load_config
    from dj_archive.index import build_index
    from dj_archive.segment import default_segmenter

    # pytest's tmp_path sits in a root-only folder; the unprivileged user needs a way in.
    tmp = Path(tempfile.mkdtemp(prefix="dj_perm_"))
    try:
        tmp.chmod(0o755)
        root = tmp / "archive"
        write_text(root / "ZH_综合类/2023/2023-01-01_公开.txt", "公开内容", "utf-8")
        write_text(root / "ZH_综合类/2023/2023-01-02_无权限.txt", "保密内容", "utf-8").chmod(0o000)
        db_dir = tmp / "db"
        db_dir.mkdir()
        db_dir.chmod(0o777)
        config = load_config(root)
        import dj_archive.understand  # noqa: F401 - imported lazily by indexing

        default_segmenter().cut("预热")  # load everything before giving up root's rights
        # One run as root imports every module and codec the child needs: Python's own library
        # may sit where nobody cannot read it (pyenv under /root).
        build_index(config, tmp / "warm.sqlite", workers=1, progress=False)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: become nobody, index with the code already in memory
            code = 1
            try:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                report = build_index(config, db_dir / "i.sqlite", workers=1, progress=False)
                os.write(write_end, json.dumps(report.to_dict(), ensure_ascii=False).encode())
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        data = b""
        while chunk := os.read(read_end, 65536):
            data += chunk
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        report = json.loads(data)
        assert report["failed"] == [{"path": "ZH_综合类/2023/2023-01-02_无权限.txt", "reason": "permission denied"}]
        assert report["indexed"] == 1
    finally:
        shutil.rmtree(tmp)


def _make_corpus(root: Path, n: int):
    (root / "fonds.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    rng = random.Random(3)
    words = ["支委会", "党员大会", "主题党日", "党费", "集中学习", "心得体会", "警示教育", "谈心谈话", "志愿服务"]
    for i in range(n):
        body = "。".join(f"第{j}段，开展{rng.choice(words)}{rng.randrange(1, 9)}次" for j in range(200))
        write_text(root / f"SH_组织生活类/2023/2023-03-{1 + i % 28:02d}_记录{i:04d}.txt", body, "utf-8")


def _check_consistent(db: Path):
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name='doc_fts'").fetchone():
            return 0  # killed (on a busy machine) before the schema was created
        con.execute("INSERT INTO doc_fts(doc_fts) VALUES ('integrity-check')")
        docs = {r[0] for r in con.execute("SELECT rowid FROM documents")}
        fts = {r[0] for r in con.execute("SELECT id FROM doc_fts_docsize")}
        assert docs == fts  # no half-indexed document
        return len(docs)
    finally:
        con.close()


def index_json_cmd(root: Path, db: Path, workers: int) -> list[str]:
    """``dj-archive index`` of ``root`` into ``db`` with JSON output, as a subprocess argv."""
    return [sys.executable, "-m", "dj_archive", "index", "--archive", str(root), "--db", str(db),
            "--workers", str(workers), "--format", "json"]  # fmt: skip


def test_kill_9_at_random_points_leaves_a_consistent_index(tmp_path):
    root = tmp_path / "archive"
    _make_corpus(root, 400)
    db = tmp_path / "idx.sqlite"
    cmd = index_json_cmd(root, db, workers=1)
    rng = random.Random(11)
    done_before = 0
    for _attempt in range(4):
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.4, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if db.exists():
            done = _check_consistent(db)
            assert done >= done_before
            done_before = done
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["documents"] == 400 and data["failed"] == []
    assert data["unchanged"] == done_before and data["indexed"] == 400 - done_before
    assert _check_consistent(db) == 400


def test_a_second_indexer_is_refused_while_one_holds_the_database(small_archive, tmp_path):
    db = tmp_path / "idx.sqlite"
    with index_module._writer_lock(db):  # exactly what a running indexer holds
        second = subprocess.run(
            [sys.executable, "-m", "dj_archive", "index", "--archive", str(small_archive), "--db", str(db)],
            capture_output=True,
            text=True,
        )
    assert second.returncode == 1
    assert second.stderr == (
        f"Error: another indexer is writing {db}\nWait for the other `dj-archive index` to finish, then run it again.\n"
    )
    assert run("index", "--archive", small_archive, "--db", db).exit_code == 0  # free again


def test_searches_while_indexing_see_only_committed_states(tmp_path):
    root = tmp_path / "archive"
    _make_corpus(root, 600)
    db = tmp_path / "idx.sqlite"
    base = [sys.executable, "-m", "dj_archive"]
    first = subprocess.Popen(
        base + ["index", "--archive", str(root), "--db", str(db), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    totals = []
    while first.poll() is None:
        s = subprocess.run(
            base + ["search", "党费", "--archive", str(root), "--db", str(db), "--format", "json"],
            capture_output=True,
            text=True,
        )
        if s.returncode == 0:
            totals.append(json.loads(s.stdout)["total"])
        else:
            assert "Run `dj-archive index` first." in s.stderr, s.stderr  # schema not created yet
    assert first.wait() == 0
    assert totals == sorted(totals)  # each search saw a committed state, never a half-written one
    final = json.loads(
        subprocess.run(
            base + ["search", "党费", "--archive", str(root), "--db", str(db), "--format", "json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )["total"]
    assert all(t <= final for t in totals)
    _check_consistent(db)


def test_an_index_from_an_older_version_is_rebuilt_not_misread(small_archive, tmp_path):
    db = tmp_path / "old.sqlite"
    con = sqlite3.connect(db)
    con.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '1');"
        "CREATE TABLE documents (path TEXT, body TEXT); INSERT INTO documents VALUES ('x', 'y');"
    )
    con.commit()
    con.close()
    r = run("search", "党费", "--archive", small_archive, "--db", db)
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: the index at {db} was built by another version of dj_archive (schema 1)\nRun `dj-archive index` first.\n"
    )
    r = run("index", "--archive", small_archive, "--db", db, "--format", "json")
    assert r.exit_code == 0
    assert "Note: index schema 1 is from another version of dj_archive; rebuilt as schema" in r.stderr
    assert json.loads(r.stdout)["indexed"] == 7
    _check_consistent(db)


def test_searches_and_snippets_respect_filters(small_archive):
    run("index", "--archive", small_archive)
    data = json.loads(
        run("search", "党费", "--archive", small_archive, "--org", "离退休干部党支部", "--format", "json").stdout
    )
    assert data["total"] == 0 and data["hits"] == []
    data = json.loads(
        run("search", "党", "--archive", small_archive, "--year", "2023", "--category", "ZZ", "--format", "json").stdout
    )
    assert {h["category"] for h in data["hits"]} == {"ZZ"} and data["total"] == 1


@pytest.mark.parametrize(
    "query",
    [
        '" OR 1=1 --',
        "*",
        "NEAR(",
        '"unbalanced',
        "党费 AND",
        "党费 NOT 党课",
        "a:b",
        "^",
        "{words}:党费",
        "'; DROP TABLE documents; --",
    ],
)
def test_hostile_queries_get_results_or_a_clear_usage_error(small_archive, query):
    run("index", "--archive", small_archive)
    r = run("search", "--archive", small_archive, "--format", "json", "--", query)
    assert r.exit_code in (0, 1), r.output
    if r.exit_code == 0:
        assert isinstance(json.loads(r.stdout)["total"], int)
    else:
        assert r.stderr.startswith("Error: ") and "Traceback" not in r.stderr
    assert json.loads(run("search", "党费", "--archive", small_archive, "--format", "json").stdout)["total"] == 3

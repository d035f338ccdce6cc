"""The index and search when things go wrong: odd paths, foreign databases, a full disk, killed
workers, edits that keep size and mtime, unwritable folders, bad dates and hostile queries."""

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import write_text
from click.testing import CliRunner
from conftest import FONDS

from dj_archive import open_archive
from dj_archive.cli import cli
from dj_archive.index import tokenizer_fingerprint
from dj_archive.segment import Segmenter

DJ = [sys.executable, "-m", "dj_archive"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _corpus(root: Path, n: int, body_len: int = 150):
    root.mkdir(parents=True, exist_ok=True)
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    for i in range(n):
        write_text(
            root / f"SH_组织生活类/2023/2023-03-{1 + i % 28:02d}_记录{i:04d}.txt",
            "。".join(f"第{j}段，按时收缴党费{i}" for j in range(body_len)),
            "utf-8",
        )


def test_paths_with_uri_characters(tmp_path):
    root = tmp_path / "第1#支部?档案%20"
    _corpus(root, 3, 5)
    assert run("index", "--archive", root).exit_code == 0
    r = run("search", "党费", "--archive", root, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["total"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [root.name]  # no stray "第1" file


def test_a_database_that_is_not_ours_is_left_untouched(small_archive, tmp_path):
    other = tmp_path / "members.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE members (name TEXT)")
    con.execute("INSERT INTO members VALUES ('王晓明')")
    con.commit()
    con.close()
    before = other.read_bytes()
    r = run("index", "--archive", small_archive, "--db", other)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {other} is a database but not a dj_archive index; it was left untouched\n")
    assert other.read_bytes() == before


def test_disk_full_ends_the_run_with_a_message_not_a_hang(tmp_path):
    root = tmp_path / "archive"
    _corpus(root, 300)
    db = tmp_path / "full.sqlite"

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))

    out = subprocess.run(
        DJ + ["index", "--archive", str(root), "--db", str(db), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_file_size,
    )
    assert out.returncode == 1
    assert out.stderr.startswith(f"Error: cannot write the index at {db}: ")
    assert "Traceback" not in out.stderr


def test_a_killed_parallel_indexer_leaves_no_lock_behind(tmp_path):
    root = tmp_path / "archive"
    _corpus(root, 600)
    db = tmp_path / "i.sqlite"
    cmd = DJ + ["index", "--archive", str(root), "--db", str(db), "--workers", "2", "--format", "json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 30
    while not db.exists() and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["documents"] == 600


def test_a_worker_killed_by_the_system_costs_no_document(tmp_path):
    root = tmp_path / "archive"
    _corpus(root, 800, 300)
    db = tmp_path / "i.sqlite"
    proc = subprocess.Popen(
        DJ + ["index", "--archive", str(root), "--db", str(db), "--workers", "2", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    killed = False
    deadline = time.time() + 30
    while not killed and time.time() < deadline and proc.poll() is None:
        for child in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split():
            try:
                os.kill(int(child), signal.SIGKILL)  # what the OOM killer does to a worker
                killed = True
                break
            except ProcessLookupError:
                continue
        time.sleep(0.02)
    out, err = proc.communicate(timeout=120)
    assert killed and proc.returncode == 0, err
    data = json.loads(out)
    assert data["documents"] + len(data["failed"]) == 800
    assert all("reader crashed" in f["reason"] for f in data["failed"])


def test_edits_to_metadata_csv_apply_to_an_open_archive(small_archive):
    arc = open_archive(small_archive)
    arc.index(progress=False)
    (small_archive / "metadata.csv").write_text("path,title\n待整理/总结终稿(2).txt,改过的题名\n", encoding="utf-8")
    arc.index(progress=False)
    assert arc.get("待整理/总结终稿(2).txt")["title"] == "改过的题名"


def test_the_index_records_everything_that_decides_tokens(small_archive, tmp_path):
    db = tmp_path / "i.sqlite"
    run("index", "--archive", small_archive, "--db", db)
    fp = tokenizer_fingerprint(Segmenter())
    assert "unicode=" in fp and "opencc=" in fp
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key='segmenter'").fetchone()[0] == fp
    con.execute("UPDATE meta SET value='rjieba:old unicode=13.0.0' WHERE key='segmenter'")
    con.commit()
    con.close()
    r = run("index", "--archive", small_archive, "--db", db, "--format", "json")
    assert "segmenter changed (rjieba:old unicode=13.0.0 →" in r.stderr
    assert json.loads(r.stdout)["indexed"] == 7


def test_an_edit_that_keeps_size_and_mtime_is_seen(small_archive):
    run("index", "--archive", small_archive)
    p = small_archive / "待整理/总结终稿(2).txt"
    st = p.stat()
    p.write_bytes(p.read_bytes().replace("走访慰问".encode(), "看望慰问".encode()))
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert p.stat().st_size == st.st_size and p.stat().st_mtime_ns == st.st_mtime_ns
    data = json.loads(run("index", "--archive", small_archive, "--format", "json").stdout)
    assert data["indexed"] == 1
    assert json.loads(run("search", "看望慰问", "--archive", small_archive, "--format", "json").stdout)["total"] == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_read_only_index_location_is_a_clear_error(small_archive, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    r = run("index", "--archive", small_archive, "--db", ro / "sub" / "i.sqlite")
    assert r.exit_code == 1 and r.stderr.startswith("Error: cannot create the index at ")


def test_an_unwritable_index_folder_is_a_clear_error(small_archive, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    r = run("index", "--archive", small_archive, "--db", blocker / "i.sqlite")
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: cannot create the index at {blocker / 'i.sqlite'}: ")
    assert r.stderr.endswith("Check free space and permissions, or put the index elsewhere with --db PATH.\n")


@pytest.mark.parametrize(
    "value, message",
    [
        ("2023-13", "not a date: '2023-13'"),
        ("２０２３", "not a date: '２０２３'"),
        ("2023-02-30", "not a date: '2023-02-30'"),
    ],
)
def test_bad_dates_are_usage_errors_with_the_right_hint(small_archive, value, message):
    run("index", "--archive", small_archive)
    r = run("search", "党费", "--archive", small_archive, "--from", value)
    assert r.exit_code == 1
    assert r.stderr == f"Error: {message}\nDates look like 2023, 2023-06 or 2023-06-30.\n"


def test_month_end_bounds(small_archive):
    run("index", "--archive", small_archive)
    r = run("search", "党费", "--archive", small_archive, "--from", "2023-02", "--to", "2023-02", "--format", "json")
    assert [h["date"] for h in json.loads(r.stdout)["hits"]] == ["2023-02-14"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("(" * 20 + "党费" + ")" * 20, "parentheses nested more than 16 deep"),
        (" ".join(f"词{i}" for i in range(70)), "more than 64 terms in one query"),
        ("党费\udcb5", "the query is not valid text; check the terminal's encoding (UTF-8)"),
    ],
)
def test_hostile_query_shapes_are_one_line_errors(small_archive, query, message):
    run("index", "--archive", small_archive)
    r = run("search", "--archive", small_archive, "--", query)
    assert r.exit_code == 1 and r.stderr.startswith(f"Error: {message}\n")


def test_unsupported_large_files_are_refused_by_type_not_size(small_archive):
    with open(small_archive / "ZH_综合类/2023/2023-09-01_视频.mp4", "wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    data = json.loads(run("index", "--archive", small_archive, "--format", "json").stdout)
    assert {"path": "ZH_综合类/2023/2023-09-01_视频.mp4", "reason": "unsupported file type .mp4"} in data["failed"]

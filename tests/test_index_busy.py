"""A busy machine does not make ordinary files fail to index.

The per-file limit (``--timeout``, DJ_ARCHIVE_FILE_TIMEOUT) counts the CPU time a read
uses, not time on the clock: when other jobs share the cores, a file waits for one and
takes longer on the clock without being any less ordinary. Here the indexer (its
process group: the run and its workers) is stopped three quarters of the time with
SIGSTOP/SIGCONT, as if three other jobs shared its core. A PDF that needs c CPU seconds
then takes about 4c on the clock, more than its limit of 3c, and must still be indexed;
a limit on the clock dropped it (and with it a record from every count, as
test_analysis_sample.py once saw for a scan OCR'd under load).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from builders import write_slow_pdf, write_text
from timing import cpu_seconds

from dj_archive.readers import read_document

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP/SIGCONT (POSIX)")


def _share_a_quarter(pgid: int, done: threading.Event) -> None:
    """Let the process group run 0.1 s in every 0.4 s until ``done``."""
    try:
        while not done.is_set():
            os.killpg(pgid, signal.SIGSTOP)
            time.sleep(0.3)
            os.killpg(pgid, signal.SIGCONT)
            time.sleep(0.1)
    except ProcessLookupError:
        return
    finally:
        try:
            os.killpg(pgid, signal.SIGCONT)
        except ProcessLookupError:
            pass


# 4 small files: read in the indexer's own process; 60: by worker processes
@pytest.mark.parametrize("small", [4, 60])
def test_a_file_within_its_cpu_limit_is_indexed_however_long_it_waits_for_a_core(tmp_path, small):
    root = tmp_path / "archive"
    (root / "fonds.yml").parent.mkdir(parents=True)
    (root / "fonds.yml").write_text("fonds_id: D099\nfonds_name: 测试局机关党总支\norgs:\n  - name: 机关第一党支部\n")
    pdf = write_slow_pdf(root / "ZH_综合类/2023/2023-09-01_机关第一党支部长篇记录.pdf", 20_000)
    for i in range(small):
        write_text(root / f"ZH_综合类/2023/2023-10-{i % 28 + 1:02d}_记录{i}.txt", f"第{i}次支委会会议记录。\n", "utf-8")
    c = cpu_seconds(lambda: read_document(pdf))  # ~0.5 s here
    limit = max(3 * c, 0.5)
    proc = subprocess.Popen(
        [sys.executable, "-m", "dj_archive", "index", "--archive", str(root), "--db", str(tmp_path / "i.sqlite")]
        + ["--timeout", f"{limit:.2f}", "--workers", "2", "--no-ocr", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not (tmp_path / "i.sqlite").exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # started up (imports, configuration): from here on it shares its core
    done = threading.Event()
    slower = threading.Thread(target=_share_a_quarter, args=(proc.pid, done), daemon=True)
    slower.start()
    started = time.perf_counter()
    try:
        out, err = proc.communicate(timeout=300)
    finally:
        done.set()
        slower.join()
    assert proc.returncode == 0, err
    data = json.loads(out)
    assert data["failed"] == [] and data["indexed"] == small + 1
    assert time.perf_counter() - started > 4 * c  # it did wait: the PDF alone took ~4c > limit on the clock


FORK_WHILE_IN_SQLITE = r"""
import gc, sqlite3, sys, threading
from dj_archive.pool import isolated_map

def churn(x):
    gc.collect()  # the worker's garbage collector runs, as it does while reading a PDF
    return x

def garbage():  # an unclosed connection with prepared statements, held only by a cycle
    con = sqlite3.connect(":memory:")
    for i in range(5):
        con.execute(f"SELECT {i}").fetchall()
    cycle = {"con": con}
    cycle["self"] = cycle

stop = False
def busy():  # another thread inside SQLite all the time (the index writer, a web search)
    con = sqlite3.connect(":memory:", check_same_thread=False)
    while not stop:
        con.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) "
                    "SELECT count(hex(randomblob(40))) FROM c").fetchall()

threading.Thread(target=busy, daemon=True).start()
got = []
for _ in range(10):
    gc.collect()
    for _ in range(50):
        garbage()
    got += isolated_map(churn, range(4), 2, crashed=lambda x: "crashed", timeout=5, stalled=lambda x: "stalled")
stop = True
print(got.count("stalled"), got.count("crashed"))
"""


def test_workers_forked_while_another_thread_is_inside_sqlite_do_not_hang():
    # Without gc.freeze() around the fork a worker finalised the inherited garbage,
    # waited for ever on SQLite's lock, and the whole run hung (2 runs of 2 here).
    out = subprocess.run([sys.executable, "-c", FORK_WHILE_IN_SQLITE], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["0", "0"]


HANG_WHILE_STARTING = r"""
import os, sys, time
from dj_archive.pool import isolated_map

def hang_once(flag):  # a worker's set-up that hangs the first time, as on a lock inherited at the fork
    try:
        os.close(os.open(flag, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return
    time.sleep(300)

def square(x):
    return x * x

print(list(isolated_map(square, range(6), 1, crashed=lambda x: "crashed", initializer=hang_once,
                        initargs=(sys.argv[1],), timeout=1)))
"""


def test_a_worker_that_hangs_while_starting_is_replaced(tmp_path):
    flag = tmp_path / "hung"
    out = subprocess.run(
        [sys.executable, "-c", HANG_WHILE_STARTING, str(flag)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[0, 1, 4, 9, 16, 25]" and flag.exists()

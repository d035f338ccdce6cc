"""jieba (reference) and jieba-rs (fast) give the same tokens on the whole sample
archive; an index built by another backend is rebuilt, not misread."""

import json
import sqlite3

from click.testing import CliRunner

from dj_archive import open_archive
from dj_archive.cli import cli
from dj_archive.index import build_index, unpack_text
from dj_archive.normalize import fold
from dj_archive.segment import Segmenter


def test_both_backends_cut_the_sample_archive_identically(sample_index):
    con = sqlite3.connect(f"file:{sample_index}?mode=ro", uri=True)
    texts = [fold(unpack_text(t)) for (t,) in con.execute("SELECT text FROM documents ORDER BY path")]
    con.close()
    ref, fast = Segmenter("jieba"), Segmenter("rjieba")
    assert ref.name.split(":")[1] == fast.name.split(":")[1]  # same user dictionary
    big = "\n".join(texts)
    assert len(big) > 300_000
    assert fast.cut(big) == ref.cut(big)
    assert fast.cut_for_search(big) == ref.cut_for_search(big)


def test_index_built_by_another_backend_is_rebuilt(small_archive, tmp_path):
    db = tmp_path / "i.sqlite"
    arc = open_archive(small_archive, db)
    build_index(arc.config, db, progress=False, backend="jieba")
    r = CliRunner().invoke(cli, ["index", "--archive", str(small_archive), "--db", str(db), "--format", "json"])
    assert r.exit_code == 0
    assert "Note: segmenter changed (jieba:" in r.stderr and "→ rjieba:" in r.stderr
    assert json.loads(r.stdout)["indexed"] == 7


ASCII_RUNS = [
    "电话0000-0000000",
    "日期2023.7.5",
    "版本v2.0",
    "C#语言",
    "abc@def.com",
    "http://x.y/z",
    "第1-2次",
    "2023-07-05",
    "COVID-19疫情",
    "c++语言",
    "## 标题",
    "a--b",
    "3.5%的党员",
    "e-mail地址",
    "x__y",
]


def test_ascii_runs_are_cut_the_jieba_way():
    ref, fast = Segmenter("jieba"), Segmenter("rjieba")
    for text in ASCII_RUNS:
        assert fast.cut(text) == ref.cut(text), text
        assert fast.cut_for_search(text) == ref.cut_for_search(text), text

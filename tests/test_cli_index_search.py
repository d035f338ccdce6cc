"""The archivist's path end to end through the CLI: index, search, show, re-run."""

import json
import os

from click.testing import CliRunner
from conftest import tree_fingerprint

from dj_archive.cli import cli
from dj_archive.normalize import fold
from dj_archive.readers import read_document

SCAN = "SH_组织生活类/2023/2023-12-20_离退休干部党支部民主评议党员测评表（扫描件）.pdf"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result


def index_json(root):
    r = run("index", "--archive", root, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_index_reports_exact_shape_and_the_scan_waiting_for_ocr(small_archive):
    data = index_json(small_archive)  # OCR is off in tests unless asked for (conftest)
    assert data == {
        "documents": 7,
        "indexed": 7,
        "unchanged": 0,
        "removed": 0,
        "failed": [],
        "ocr_pages": 0,
        "needs_ocr": [{"path": SCAN, "pages": 1}],
        "low_confidence": [],
        "hidden_skipped": 0,
    }


def test_rerun_is_unchanged_then_changes_and_deletions_are_seen(small_archive):
    index_json(small_archive)
    again = index_json(small_archive)
    assert (again["indexed"], again["unchanged"], again["removed"]) == (0, 7, 0)
    md = small_archive / "XX_学习教育类/2023/2023-04-18_机关第一党支部学习二十大精神心得体会（张敏）.md"
    md.write_text("# 心得体会\n\n新增一句：走在前做表率。\n", encoding="utf-8")
    os.utime(md, ns=(md.stat().st_atime_ns, md.stat().st_mtime_ns + 10**9))
    (small_archive / "待整理/总结终稿(2).txt").unlink()
    third = index_json(small_archive)
    assert (third["documents"], third["indexed"], third["unchanged"], third["removed"]) == (6, 1, 5, 1)
    hits = json.loads(run("search", "走在前做表率", "--archive", small_archive, "--format", "json").stdout)
    assert [h["path"] for h in hits["hits"]] == [str(md.relative_to(small_archive))]
    gone = json.loads(run("search", "走访慰问", "--archive", small_archive, "--format", "json").stdout)
    assert gone["total"] == 0


def test_a_phrase_from_each_format_is_found(small_archive):
    index_json(small_archive)
    cases = {
        "国标编码文本": "ZH_综合类/2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.txt",
        "表格里的独有短语": "ZZ_组织建设类/2023/2023-03-20_机关第一党支部2023年第一季度党费收缴情况.docx",
        "PDF文字层短语": "LZ_党风廉政类/2023/2023-05-10_离退休干部党支部2023年廉政谈话记录.pdf",
        "走访慰问": "待整理/总结终稿(2).txt",
    }
    for phrase, path in cases.items():
        r = run("search", phrase, "--archive", small_archive, "--format", "json")
        assert r.exit_code == 0
        data = json.loads(r.stdout)
        assert [h["path"] for h in data["hits"]] == [path], phrase
        assert "«" in data["hits"][0]["snippet"]


def test_two_character_word_finds_every_document_containing_it(small_archive):
    index_json(small_archive)
    expected = set()
    for p in small_archive.rglob("*"):
        if p.is_file() and p.suffix in (".txt", ".md", ".docx", ".pdf") and "扫描件" not in p.name:
            if "党费" in fold(read_document(p).text):
                expected.add(str(p.relative_to(small_archive)))
    assert len(expected) == 3  # GBK summary, docx table, UTF-16 traditional minutes (黨費)
    data = json.loads(run("search", "党费", "--archive", small_archive, "--format", "json").stdout)
    assert data["total"] == 3
    assert {h["path"] for h in data["hits"]} == expected


def test_search_json_shape_and_filters(small_archive):
    index_json(small_archive)
    data = json.loads(run("search", "党费", "--archive", small_archive, "--category", "ZH", "--format", "json").stdout)
    assert data["query"] == "党费" and data["total"] == 1
    hit = data["hits"][0]
    assert list(hit) == ["id", "path", "title", "date", "category", "org", "doc_type", "score", "snippet", "ocr"]
    assert hit["title"] == "机关第一党支部2023年上半年党建工作总结"
    assert (hit["date"], hit["category"], hit["org"], hit["doc_type"]) == (
        "2023-07-05",
        "ZH",
        "机关第一党支部",
        "工作总结",
    )
    assert hit["snippet"].replace("«", "").replace("»", "").strip("…") in (
        "机关第一党支部2023年上半年党建工作总结 上半年共召开支委会6次，按时足额收缴党费。 旧电脑保存的国标编码文本。 机关第一党支部 2023年7月5日"
    )
    by_org = json.loads(run("search", "党费", "--archive", small_archive, "--org", "一支部", "--format", "json").stdout)
    assert by_org["total"] == 3
    limited = json.loads(run("search", "党费", "--archive", small_archive, "--limit", "1", "--format", "json").stdout)
    assert limited["total"] == 3 and len(limited["hits"]) == 1
    dated = json.loads(
        run(
            "search", "党费", "--archive", small_archive, "--from", "2023-03", "--to", "2023-06-30", "--format", "json"
        ).stdout
    )
    assert [h["date"] for h in dated["hits"]] == ["2023-03-20"]


def test_query_operators(small_archive):
    index_json(small_archive)

    def total(q):
        # `--` lets a query start with "-" (click would read it as an option).
        r = run("search", "--archive", small_archive, "--format", "json", "--", q)
        assert r.exit_code == 0, r.output
        return json.loads(r.stdout)["total"]

    assert total("党费 支委会") == 2
    assert total("党费 -支委会") == 1
    assert total("走访慰问 OR 二十大") == 2
    assert total('"八项规定精神"') == 1
    assert total("-党费") == 4  # the scan (no text until OCR) holds no 党费 either


def test_traditional_and_fullwidth_queries_fold(small_archive):
    index_json(small_archive)
    r = run("search", "黨費收繳", "--archive", small_archive, "--format", "json")
    # the docx title 党费收缴情况 and the UTF-16 traditional minutes 黨費收繳
    assert json.loads(r.stdout)["total"] == 2
    r = run("search", "ＰＤＦ文字层", "--archive", small_archive, "--format", "json")
    assert json.loads(r.stdout)["total"] == 1


def test_show_prints_metadata_and_text(small_archive):
    data = index_json(small_archive)
    assert data["indexed"] == 7
    hit = json.loads(run("search", "走访慰问", "--archive", small_archive, "--format", "json").stdout)["hits"][0]
    r = run("show", hit["id"], "--archive", small_archive)
    assert r.exit_code == 0
    assert "category: UNKNOWN" in r.output
    assert r.output.rstrip().endswith("离退休干部党支部2022年度党建工作总结\n走访慰问老党员。")
    assert "period: 2022" in r.output and "org: 离退休干部党支部" in r.output


def test_originals_are_never_written(small_archive):
    before = tree_fingerprint(small_archive)
    index_json(small_archive)
    run("search", "党费", "--archive", small_archive)
    index_json(small_archive)
    assert tree_fingerprint(small_archive) == before


def test_index_lives_where_asked(small_archive, tmp_path, monkeypatch):
    db = tmp_path / "elsewhere" / "idx.sqlite"
    r = run("index", "--archive", small_archive, "--db", db)
    assert r.exit_code == 0 and db.exists()
    monkeypatch.setenv("DJ_ARCHIVE", str(small_archive))
    monkeypatch.setenv("DJ_ARCHIVE_DB", str(db))
    r = run("search", "走访慰问", "--format", "json")
    assert json.loads(r.stdout)["total"] == 1


def test_errors_have_exit_codes_and_hints(small_archive, tmp_path):
    r = run("index", "--archive", tmp_path / "nope")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: archive folder not found: {tmp_path / 'nope'}\n"
        "Pass --archive PATH or set DJ_ARCHIVE to the folder that holds fonds.yml.\n"
    )
    r = run("search", "党费", "--archive", small_archive)
    assert r.exit_code == 1
    assert r.stderr.endswith("Run `dj-archive index` first.\n")
    r = run("index", "--archive", small_archive, "--workers", "0")
    assert r.exit_code == 2
    index_json(small_archive)
    r = run("search", '"unbalanced', "--archive", small_archive)
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: unbalanced double quote in the query\n")
    r = run("show", "nosuchid", "--archive", small_archive)
    assert r.exit_code == 1 and "no document with id or path 'nosuchid'" in r.stderr


def test_python_dash_m_entry_point(small_archive):
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "dj_archive", "index", "--archive", str(small_archive), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["indexed"] == 7

"""Metadata inferred from path and text, and overridden by the archivist's metadata.csv."""

import json

from click.testing import CliRunner

from dj_archive import open_archive
from dj_archive.cli import cli

LOOSE = "待整理/总结终稿(2).txt"


def _doc(root, path):
    return open_archive(root).get(path)


def test_inferred_metadata(small_archive):
    CliRunner().invoke(cli, ["index", "--archive", str(small_archive)])
    d = _doc(small_archive, "ZH_综合类/2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.txt")
    assert {
        k: d[k] for k in ("title", "date", "year", "period", "category", "doc_type", "org", "retention", "encoding")
    } == {
        "title": "机关第一党支部2023年上半年党建工作总结",
        "date": "2023-07-05",
        "year": 2023,
        "period": "2023H1",
        "category": "ZH",
        "doc_type": "工作总结",
        "org": "机关第一党支部",
        "retention": "永久",
        "encoding": "gb18030",
    }
    minutes = _doc(small_archive, "SH_组织生活类/2023/2023-02-14_机关第一党支部2023年第1次支委会会议记录.txt")
    assert (minutes["period"], minutes["doc_type"], minutes["retention"]) == ("2023H1", "会议记录", "定期30年")
    loose = _doc(small_archive, LOOSE)
    assert (loose["category"], loose["doc_type"], loose["org"], loose["period"]) == (
        "UNKNOWN",
        "工作总结",
        "离退休干部党支部",
        "2022",
    )


def test_metadata_csv_overrides_and_is_picked_up_without_rereading(small_archive):
    CliRunner().invoke(cli, ["index", "--archive", str(small_archive)])
    (small_archive / "metadata.csv").write_text(
        f"path,title,date,category,retention\n{LOOSE},离退休干部党支部2022年度党建工作总结,2023-01-06,ZH,永久\n",
        encoding="utf-8-sig",
    )
    r = CliRunner().invoke(cli, ["index", "--archive", str(small_archive), "--format", "json"])
    data = json.loads(r.stdout)
    assert (data["indexed"], data["unchanged"]) == (0, 7)  # no file re-read
    loose = _doc(small_archive, LOOSE)
    assert (loose["title"], loose["date"], loose["category"], loose["retention"], loose["period"], loose["year"]) == (
        "离退休干部党支部2022年度党建工作总结",
        "2023-01-06",
        "ZH",
        "永久",
        "2022",
        2022,
    )
    hits = json.loads(
        CliRunner()
        .invoke(cli, ["search", "走访慰问", "--archive", str(small_archive), "--category", "ZH", "--format", "json"])
        .stdout
    )
    assert [h["path"] for h in hits["hits"]] == [LOOSE]


def test_a_malformed_metadata_row_is_reported_and_skipped(small_archive):
    (small_archive / "metadata.csv").write_text("path,title\n,没有路径\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["index", "--archive", str(small_archive)])
    assert r.exit_code == 0
    assert r.stderr == f"Warning: {small_archive / 'metadata.csv'}: line 2: no path; the row is skipped\n"


def test_a_taxonomy_in_fonds_yml_replaces_the_default_six(tmp_path):
    from builders import write_text

    root = tmp_path / "archive"
    (root).mkdir()
    (root / "fonds.yml").write_text(
        "fonds_id: X9\nfonds_name: 某村党支部\norgs: [某村党支部]\n"
        "taxonomy:\n  categories:\n    - {code: A, name: 会议类, keywords: [会议]}\n    - {code: B, name: 其他类}\n",
        encoding="utf-8",
    )
    write_text(root / "A_会议类/2024/2024-03-01_某村党支部党员大会会议记录.txt", "会议记录", "utf-8")
    write_text(root / "ZH_综合类/2024/2024-03-02_某村党支部工作总结.txt", "总结", "utf-8")
    CliRunner().invoke(cli, ["index", "--archive", str(root)])
    df = open_archive(root).documents()
    assert dict(zip(df["title"], df["category"])) == {
        "某村党支部党员大会会议记录": "A",
        "某村党支部工作总结": "UNKNOWN",
    }


def test_metadata_rows_for_missing_files_are_warned_about(small_archive):
    (small_archive / "metadata.csv").write_text("path,title\n不存在/文件.docx,某题名\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["index", "--archive", str(small_archive)])
    assert r.exit_code == 0
    assert "Warning: metadata.csv names 不存在/文件.docx, which is not a file in the archive\n" in r.stderr

"""What a drafter and an archivist take away from the sample archive: a 2025H1 draft
per branch whose every figure is a count of that branch's filed records, and the
catalogue exported to xlsx and CSV."""

import csv
import re

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT

from dj_archive import open_archive
from dj_archive.cli import cli
from dj_archive.understand import default_indicators

BRANCHES = ["机关第一党支部", "机关第二党支部", "离退休干部党支部"]


@pytest.mark.parametrize("org", BRANCHES)
def test_2025h1_draft_figures_are_counts_of_filed_records(sample_index, tmp_path, org):
    arc = open_archive(ROOT / "archive", sample_index)
    docs = arc.documents(org=org)
    h1 = docs[docs["date"].between("2025-01-01", "2025-06-30") & ~docs["doc_type"].isin(["工作总结", "工作计划"])]
    md, dx = tmp_path / "d.md", tmp_path / "d.docx"
    for out in (md, dx):
        r = CliRunner().invoke(
            cli,
            [
                "draft",
                "--period",
                "2025H1",
                "--org",
                org,
                "-o",
                str(out),
                "--archive",
                str(ROOT / "archive"),
                "--db",
                str(sample_index),
                "--date",
                "2025-07-05",
            ],
        )
        assert r.exit_code == 0, r.output
    text = md.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[0]
    # Footnotes give the numbers of their documents in the 引用记录 table of 起草参考.
    cited_by_number = dict(re.findall(r"^\| (\d+) \| [^|]* \| ([^|]+) \| [^|]+ \| [^|]+ \|$", text, flags=re.M))
    cited = set()
    for note in re.findall(r"^\[\^\d+\]: (.*)$", text, flags=re.M):
        for part in re.search(r"第([\d—、]+)号", note).group(1).split("、"):
            a, _, b = part.partition("—")
            cited |= {cited_by_number[str(n)] for n in range(int(a), int(b or a) + 1)}
    checked = 0
    for name, keyword in default_indicators().record_titles().items():
        filed = h1[h1["title"].str.contains(keyword, regex=False)]
        assert set(filed["title"]) <= cited, name  # every record counted is cited
        for m in re.finditer(rf"{re.escape(name)}[^。；，\[]*?(\d+)[次名篇]", body):
            assert int(m.group(1)) == len(filed), (name, m.group(0), len(filed))
            checked += 1
    assert checked >= 3
    assert "未找到相关记录" in text or "落实" in text  # last period's commitments are followed up
    document = docx.Document(dx)
    assert document.paragraphs[0].text == f"{org}2025年上半年党建工作总结"


def test_sample_catalogue_exports_and_rereads(sample_index, tmp_path):
    base = ["catalog", "--archive", str(ROOT / "archive"), "--db", str(sample_index)]
    xlsx, csv_path = tmp_path / "目录.xlsx", tmp_path / "目录.csv"
    assert CliRunner().invoke(cli, base + ["-o", str(xlsx)]).exit_code == 0
    assert CliRunner().invoke(cli, base + ["-o", str(csv_path)]).exit_code == 0
    n_docs = len(open_archive(ROOT / "archive", sample_index).documents())
    ws = openpyxl.load_workbook(xlsx).active
    header = [c.value for c in ws[4]]  # after the three title rows
    assert header == ["序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"]
    assert ws.max_row - 4 == n_docs
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n_docs
    danghao = [r["档号"] for r in rows if r["档号"]]
    assert len(danghao) == len(set(danghao)) >= n_docs - 2  # the two loose files wait for classification
    assert all(re.fullmatch(r"D001-WS·20(19|2[0-5])-(Y|D30|D10)-(ZH|ZZ|SH|XX|FZ|LZ)-\d{4}", d) for d in danghao)
    assert {r["日期"][:4] for r in rows} >= {str(y) for y in range(2019, 2026)}

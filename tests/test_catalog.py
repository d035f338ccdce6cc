"""归档文件目录: 档号 and their numbering, files of unknown category, and exports that
Excel opens safely (no formulas from titles)."""

from __future__ import annotations

import csv
import re

import openpyxl
import pytest
from builders import write_text
from click.testing import CliRunner
from test_draft_archive import build_draft_archive

from dj_archive import open_archive
from dj_archive.catalog import COLUMNS, catalog
from dj_archive.cli import cli
from dj_archive.errors import NoRecords

DANGH = re.compile(r"^D099-WS·(\d{4})-(Y|D30|D10)-(ZH|ZZ|SH|XX|FZ|LZ)-(\d{4})$")
EVIL = '=HYPERLINK("evil.example","点我")'


@pytest.fixture(scope="module")
def cat_archive(tmp_path_factory):
    root = build_draft_archive(tmp_path_factory.mktemp("cat") / "档案")
    sh = root / "SH_组织生活类/2023"
    write_text(sh / f"2023-03-01_{EVIL}.txt", "会议记录\n内容。\n")
    write_text(sh / "2023-03-02_+1支部会议记录.txt", "会议记录\n内容。\n")
    write_text(sh / "2023-03-03_@某某支委会会议记录.txt", "会议记录\n" + "长" * 1201 + "\n")  # 3 pages by estimate
    write_text(root / "待整理/总结终稿(2).txt", "离退休干部党支部2022年度党建工作总结\n走访慰问老党员。\n")
    write_text(root / "散件.txt", "没有日期也没有类别的文件\n")
    arc = open_archive(root)
    arc.index(progress=False)
    return root, arc


def test_columns_and_dangh_format(cat_archive):
    _, arc = cat_archive
    df = catalog(arc)
    assert list(df.columns) == COLUMNS
    numbered = df[df["档号"] != ""]
    assert all(DANGH.match(x) for x in numbered["档号"])
    assert list(df["序号"]) == list(range(1, len(df) + 1))
    assert all(re.fullmatch(r"\d{8}", x) for x in numbered["日期"])
    row = df[df["题名"] == "机关第一党支部2024年度党建工作总结"].iloc[0]
    # A summary's 年度 is the year it reports on, not the January it was signed.
    assert (row["档号"], row["日期"], row["责任者"]) == ("D099-WS·2024-Y-ZH-0002", "20250106", "机关第一党支部")


def test_numbering_is_by_date_within_year_retention_and_category(cat_archive):
    _, arc = cat_archive
    df = catalog(arc)
    sh2025 = df[df["档号"].str.startswith("D099-WS·2025-D30-SH-")]
    assert list(sh2025["日期"]) == sorted(sh2025["日期"])
    assert [x[-4:] for x in sh2025["档号"]] == ["0001", "0002", "0003", "0004", "0005"]
    # Each (year, retention, category) starts again at 0001.
    firsts = df[df["档号"].str.endswith("-0001")]["档号"].map(lambda x: x.rsplit("-", 1)[0])
    assert len(set(firsts)) == len(firsts)


def test_filtering_never_renumbers(cat_archive):
    _, arc = cat_archive
    full = catalog(arc).set_index("path")["档号"]
    for kwargs in ({"year": 2025}, {"category": "SH"}, {"year": 2025, "category": "sh"}, {"year": 2023}):
        part = catalog(arc, **kwargs)
        assert len(part) > 0
        assert list(part["序号"]) == list(range(1, len(part) + 1))
        assert all(full[p] == d for p, d in zip(part["path"], part["档号"]))
    assert set(catalog(arc, category="XX")["category"]) == {"XX"}
    assert set(catalog(arc, year=2023)["档号"].str[8:12]) == {"2023"}


def test_unknown_category_is_listed_last_without_dangh(cat_archive):
    _, arc = cat_archive
    df = catalog(arc)
    tail = df[df["category"] == "UNKNOWN"]
    assert list(tail["path"]) == ["待整理/总结终稿(2).txt", "散件.txt"]
    assert list(tail["档号"]) == ["", ""] and list(tail["备注"]) == ["待分类；页数估算", "待分类；页数估算"]
    assert list(tail.index) == [len(df) - 2, len(df) - 1]
    assert set(df.loc[df["category"] != "UNKNOWN", "备注"]) == {"", "页数估算"}


def test_doc_number_pages_and_responsible(cat_archive):
    _, arc = cat_archive
    df = catalog(arc).set_index("题名")
    assert df.loc["机关第一党支部党员大会接收预备党员决议（王晓明）", "文号"] == "一支党〔2025〕3号"
    assert df.loc["机关第一党支部2025年第1次支委会会议记录", "文号"] == ""
    assert df.loc["机关第一党支部警示教育活动记录", ["页数", "备注"]].tolist() == [1, ""]  # a PDF: its real count
    assert df.loc["@某某支委会会议记录", ["页数", "备注"]].tolist() == [3, "页数估算"]  # 1,206 characters
    assert df.loc["@某某支委会会议记录", "责任者"] == "测试局机关党总支"  # no branch named: the fonds
    assert set(df["密级"]) == {""}


def run(*args):
    return CliRunner().invoke(cli, ["catalog", *map(str, args)])


def test_xlsx_export_is_safe_and_readable(cat_archive, tmp_path):
    root, _ = cat_archive
    out = tmp_path / "归档文件目录.xlsx"
    r = run("--archive", root, "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stdout == f"Wrote {out}: 20 entries (2 待分类, without 档号)\n"
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert ws.title == "归档文件目录"
    # Title rows, then DA/T 22's nine columns; category and path on the second sheet.
    assert [ws.cell(row=i, column=1).value for i in (1, 2, 3)] == [
        "归档文件目录",
        "全宗号：D099　　全宗名称：测试局机关党总支",
        "年度：2022—2025",
    ]
    assert [c.value for c in ws[4]] == COLUMNS[:9]
    assert ws.max_column == 9 and ws.max_row == 4 + 20
    extra = wb["类别与路径"]
    assert [c.value for c in extra[1]] == ["序号", "档号", "题名", "category", "path"]
    assert extra.max_row == 1 + 20
    assert {extra.cell(row=i, column=5).value for i in range(2, 22)} >= {"散件.txt", "待整理/总结终稿(2).txt"}
    titles = {ws.cell(row=i, column=5).value for i in range(5, ws.max_row + 1)}
    assert "'" + EVIL in titles and "'+1支部会议记录" in titles and "'@某某支委会会议记录" in titles
    # No cell is a formula.
    assert all(c.data_type != "f" for sheet in wb for row in sheet.iter_rows() for c in row)
    # Printing: landscape A4, one page wide, title rows and header on every page, borders, 题名 wrapped.
    ps = ws.page_setup
    assert (ps.orientation, int(ps.paperSize), ps.fitToWidth, ps.fitToHeight) == ("landscape", 9, 1, 0)  # 9: A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$4" and ws.freeze_panes == "A5"
    assert ws.print_area == "'归档文件目录'!$A$1:$I$24"
    body = [c for row in ws.iter_rows(min_row=4) for c in row]
    assert all(c.border.left.style == c.border.bottom.style == "thin" for c in body)
    assert all(c.alignment.wrap_text for c in ws["E"][4:])
    # Widths fit Chinese text: CJK characters count two.
    assert ws.column_dimensions["E"].width >= 2 * len("机关第一党支部党员大会接收预备党员决议（王晓明）")
    assert ws.column_dimensions["A"].width < 10


def test_csv_export_has_bom_and_escapes(cat_archive, tmp_path):
    root, _ = cat_archive
    out = tmp_path / "目录.csv"
    r = run("--archive", root, "-o", out, "--year", "2023", "--category", "SH")
    assert r.exit_code == 0, r.output
    assert r.stdout == f"Wrote {out}: 3 entries\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == COLUMNS
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [
        ("1", "D099-WS·2023-D30-SH-0001", "'" + EVIL),
        ("2", "D099-WS·2023-D30-SH-0002", "'+1支部会议记录"),
        ("3", "D099-WS·2023-D30-SH-0003", "'@某某支委会会议记录"),
    ]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["--category", "QQ"],
            2,
            "Error: Invalid value for '--category': 'QQ' is not a category of this archive "
            "(ZH, ZZ, SH, XX, FZ, LZ, UNKNOWN)",
        ),
        (["--year", "2030"], 1, "Error: no documents for year 2030; nothing written"),
    ],
)
def test_catalog_errors(cat_archive, tmp_path, args, code, message):
    root, _ = cat_archive
    r = run("--archive", root, "-o", tmp_path / "c.xlsx", *args)
    assert r.exit_code == code
    lines = r.stderr.strip().splitlines()
    if code == 1:  # the hint says what to do next
        assert lines.pop() == NoRecords.hint
    assert lines[-1] == message
    assert not (tmp_path / "c.xlsx").exists()
    r = run("--archive", root, "-o", tmp_path / "c.pdf")
    assert r.exit_code == 2 and r.stderr.strip().endswith("must end with .xlsx or .csv")

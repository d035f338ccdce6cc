"""What a user prints: drafts and the catalogue of the sample archive rendered to PDF by
LibreOffice (all files in one ``soffice`` run per module), then read back with pypdf.

Drafts: no blank page; the body (title to 落款) carries at least 18 of its 22 lines on
every page but its last; 起草参考 starts a page; 28 characters fill a body line. The
catalogue: every page carries the title rows and the header, and all nine columns
(备注 is the last). Skipped where LibreOffice is not installed (CI installs it)."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest
from conftest import ROOT
from pypdf import PdfReader

from dj_archive import open_archive
from dj_archive.catalog import catalog, write_catalog
from dj_archive.draft import draft

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

DRAFTS = [("机关第一党支部", "2025H1"), ("离退休干部党支部", "2025H1"), ("机关第二党支部", "2024")]
BODY_PT = (15.0, 17.0)  # 3号 body and headings
TYPE_AREA = (99.0, 743.0)  # y of the bottom (35 mm) and top (37 mm) margins on A4, in points
PITCH = 28.95  # the body's fixed line spacing: 22 lines in the type area


@pytest.fixture(scope="module")
def rendered(sample_index, tmp_path_factory):
    out = tmp_path_factory.mktemp("render")
    arc = open_archive(ROOT / "archive", sample_index)
    files = []
    for org, period in DRAFTS:
        path = out / f"{org}{period}.docx"
        draft(arc, period, org, date="2025-07-05").save(path)
        files.append(path)
    xlsx = out / "归档文件目录2024.xlsx"
    write_catalog(catalog(arc, year=2024), xlsx)
    # Printing the catalogue prints its first sheet (the nine columns); a PDF export of the
    # whole workbook would add the category/path sheet, so that sheet is dropped for the check.
    wb = openpyxl.load_workbook(xlsx)
    del wb["类别与路径"]
    printed = out / "归档文件目录2024-打印.xlsx"
    wb.save(printed)
    files.append(printed)
    profile = f"-env:UserInstallation=file://{out / 'lo-profile'}"
    subprocess.run(
        [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {p.stem: PdfReader(str(p.with_suffix(".pdf"))) for p in files}


def lines(page) -> list[tuple[float, float, str]]:
    """(y, size, text) of each text run on the page, top first."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((round(tm[5] * (cm[3] or 1) + cm[5], 1), round(size * (tm[3] or 1) * (cm[3] or 1), 1), text))

    page.extract_text(visitor_text=visit)
    return sorted(runs, key=lambda r: -r[0])


def body_lines(page) -> int:
    """How many of the page's 22 lines the body takes: from the top of the type area to
    its last line of 3号 text (body, headings; the 2号 title counts for the lines it takes).
    Footnotes below the body are what can crowd it out."""
    ys = [y for y, size, _ in lines(page) if TYPE_AREA[0] < y < TYPE_AREA[1] and BODY_PT[0] <= size <= BODY_PT[1]]
    first_baseline = TYPE_AREA[1] - PITCH + 1.5  # where the first grid line's text sits
    return round((first_baseline - min(ys)) / PITCH) + 1 if ys else 0


@pytest.mark.parametrize("org, period", DRAFTS)
def test_draft_pages(rendered, org, period):
    pdf = rendered[f"{org}{period}"]
    texts = [p.extract_text() for p in pdf.pages]
    assert all(t.strip() for t in texts), "a blank page"
    last_body = next(i for i, t in enumerate(texts) if "起草参考（定稿前删除）" in t) - 1
    [annex_start] = [i for i, t in enumerate(texts) if "起草参考（定稿前删除）" in t]
    first = lines(pdf.pages[annex_start])[0][2]
    assert first.startswith("起草参考"), first  # the appendix heading starts its page
    assert 2 <= last_body + 1 <= 6  # the summary itself: a few pages
    counts = [body_lines(pdf.pages[i]) for i in range(last_body + 1)]
    assert all(n >= 18 for n in counts[:-1]), counts
    assert all(n <= 22 for n in counts), counts
    # Page numbers: "— n —" on every page.
    assert all(f"— {i} —" in t for i, t in enumerate(texts, 1))


def test_a_body_line_holds_28_characters(rendered):
    pdf = rendered["机关第一党支部2025H1"]
    widths = []
    for page in pdf.pages[:2]:
        by_y: dict[float, str] = {}
        for y, size, text in lines(page):
            if BODY_PT[0] <= size <= BODY_PT[1]:
                by_y[y] = by_y.get(y, "") + text
        widths += [sum(1 if ord(c) > 0x2E80 else 0.5 for c in t.strip()) for t in by_y.values()]
    assert max(widths) >= 27.5  # full lines (an indented first line holds 26)


def test_catalogue_prints_title_and_header_on_every_page(rendered):
    pdf = rendered["归档文件目录2024-打印"]
    texts = [p.extract_text() for p in pdf.pages]
    assert 2 <= len(texts) <= 6  # 92 entries of 2024, landscape, one page wide
    for t in texts:
        assert "归档文件目录" in t and "全宗号：D001" in t and "年度：2024" in t
        assert all(col in t for col in ("序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"))
    assert all(p.mediabox.width > p.mediabox.height for p in pdf.pages)  # landscape

"""The .docx draft: GB/T 9704 layout (fonts incl. eastAsia, sizes, indents, line
spacing, margins) and real Word footnotes naming each figure's sources."""

from __future__ import annotations

import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from dj_archive.cli import cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def draft_docx(draft_archive, tmp_path_factory):
    root, _ = draft_archive
    out = tmp_path_factory.mktemp("docx") / "机关第一党支部2025年上半年党建工作总结.docx"
    args = [
        "draft",
        "--period",
        "2025H1",
        "--org",
        "机关第一党支部",
        "-o",
        out,
        "--archive",
        root,
        "--date",
        "2025-07-05",
    ]
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == 0, r.output
    return out


def fonts(style) -> dict:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")}


@pytest.mark.parametrize(
    "style, font, size, bold",
    [
        ("Normal", "仿宋_GB2312", 16, None),
        ("Title", "方正小标宋简体", 22, False),
        ("Heading 1", "黑体", 16, False),
        ("Heading 2", "楷体_GB2312", 16, False),
        ("Heading 3", "仿宋_GB2312", 16, True),
    ],
)
def test_styles_follow_gbt_9704(draft_docx, style, font, size, bold):
    st = docx.Document(str(draft_docx)).styles[style]
    assert fonts(st) == {"ascii": font, "hAnsi": font, "eastAsia": font, "cs": font}
    assert st.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsiaTheme")) is None  # no theme font overrides it
    assert st.font.size == Pt(size)
    assert st.font.bold is bold
    assert st.font.color.rgb in (None, docx.shared.RGBColor(0, 0, 0))


def test_body_paragraph_format(draft_docx):
    d = docx.Document(str(draft_docx))
    pf = d.styles["Normal"].paragraph_format
    assert pf.first_line_indent == Pt(32)  # two characters of 3号
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert Pt(28) <= pf.line_spacing <= Pt(29)
    title = d.styles["Title"]
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.element.pPr.find(qn("w:pBdr")) is None  # the template's blue rule is gone
    styles = [(p.style.name, p.text) for p in d.paragraphs if p.text][:5]
    assert styles == [
        ("Title", "机关第一党支部2025年上半年党建工作总结"),
        ("Normal", styles[1][1]),
        ("Heading 1", "一、主要工作"),
        ("Heading 2", "（一）突出政治建设，抓好理论学习"),
        ("Normal", "上半年，支部坚持把理论学习作为首要政治任务，组织集中学习1次。"),
    ]
    sign, date = [p for p in d.paragraphs if p.text in ("机关第一党支部", "2025年7月5日")]
    assert sign.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date.paragraph_format.right_indent == Pt(64)  # 右空四字


def test_page_is_a4_with_gbt_margins(draft_docx):
    sec = docx.Document(str(draft_docx)).sections[0]
    mm = [round(x.mm, 1) for x in (sec.page_width, sec.page_height)]
    assert mm == [210.0, 297.0]  # A4 (stored in twips: 11906 × 16838)
    margins = [round(x.mm, 1) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)]
    assert margins == [37.0, 35.0, 28.0, 26.0]
    assert "PAGE" in sec.footer._element.xml


def test_figures_have_word_footnotes_listing_their_sources(draft_docx):
    d = docx.Document(str(draft_docx))
    refs = [r.get(qn("w:id")) for r in d.element.body.iter(qn("w:footnoteReference"))]
    assert refs == [str(n) for n in range(1, 5)]  # one per sub-section with figures
    parts = {str(p.partname): p for p in d.part.package.iter_parts()}
    root = etree.fromstring(parts["/word/footnotes.xml"].blob)
    notes = {
        n.get(f"{W}id"): ["".join(t.text for t in p.iter(f"{W}t")) for p in n.iter(f"{W}p")]
        for n in root.iter(f"{W}footnote")
    }
    assert set(notes) == {"-1", "0", *refs}  # Word's separators plus one per figure
    assert notes["2"] == [" 据起草参考“引用记录”第3—6号。"]
    note_style = d.styles["Footnote Text"]
    assert fonts(note_style)["eastAsia"] == "仿宋_GB2312"
    with zipfile.ZipFile(draft_docx) as z:
        settings = z.read("word/settings.xml").decode()
        table = z.read("word/fontTable.xml").decode()
    assert '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' in settings
    assert 'w:eastAsia="zh-CN"' in settings
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="小标宋"/>' in table


def test_annex_has_the_overlap_table(draft_docx):
    d = docx.Document(str(draft_docx))
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert rows[0] == ["往期总结", "报告期", "重复字数", "占本稿比例"]
    assert rows[1] == ["机关第一党支部2023年上半年党建工作总结", "2023年上半年", "183", "20.5%"]


def test_page_numbers_outside_one_character_in_on_odd_and_even_pages(draft_docx):
    d = docx.Document(str(draft_docx))
    sec = d.sections[0]
    with zipfile.ZipFile(draft_docx) as z:
        assert "<w:evenAndOddHeaders/>" in z.read("word/settings.xml").decode()
    odd, even = sec.footer.paragraphs[0], sec.even_page_footer.paragraphs[0]
    assert not sec.even_page_footer.is_linked_to_previous
    assert (odd.alignment, odd.paragraph_format.right_indent) == (WD_ALIGN_PARAGRAPH.RIGHT, Pt(14))
    assert (even.alignment, even.paragraph_format.left_indent) == (WD_ALIGN_PARAGRAPH.LEFT, Pt(14))
    for p in (odd, even):
        assert p.text == "—  —" and "PAGE" in p._p.xml  # "— n —": n is the PAGE field


def test_28_characters_a_line_22_lines_a_page(draft_docx):
    d = docx.Document(str(draft_docx))
    sec = d.sections[0]
    grid = sec._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")
    spacing = d.styles["Normal"].element.rPr.find(qn("w:spacing"))
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20  # points a character advances
    width = (sec.page_width - sec.left_margin - sec.right_margin) / 12700
    assert int(width // pitch) == 28


def test_appendix_starts_a_page_without_an_empty_paragraph(draft_docx):
    d = docx.Document(str(draft_docx))
    paras = d.paragraphs
    assert all(p.text.strip() or p._p.find(f".//{W}br") is None for p in paras)
    assert not [p for p in paras if not p.text.strip()]  # no empty paragraph anywhere
    [head] = [p for p in paras if p.text.startswith("起草参考")]
    assert head.paragraph_format.page_break_before is True
    assert [p for p in paras if p.paragraph_format.page_break_before] == [head]


def test_document_properties_are_this_drafts(draft_docx):
    import datetime as dt

    cp = docx.Document(str(draft_docx)).core_properties
    assert cp.author == cp.last_modified_by == "机关第一党支部"
    assert cp.title == "机关第一党支部2025年上半年党建工作总结"
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for stamp in (cp.created, cp.modified):
        assert abs((now - stamp.replace(tzinfo=None)).total_seconds()) < 3600
    assert cp.last_printed is None


def test_appendix_tables_repeat_the_header_and_keep_rows_whole(draft_docx):
    d = docx.Document(str(draft_docx))
    assert len(d.tables) == 2  # overlap with earlier summaries; the cited records
    for t in d.tables:
        trs = [r._tr for r in t.rows]
        assert trs[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in trs)
        assert all(tr.trPr.find(qn("w:tblHeader")) is None for tr in trs[1:])
    cited = [[c.text for c in r.cells] for r in d.tables[1].rows]
    assert cited[0] == ["序号", "档号", "题名", "日期", "路径"]
    assert [r[0] for r in cited[1:]] == [str(i) for i in range(1, len(cited))]
    assert all(r[1].startswith("D099-WS·2025-") for r in cited[1:])

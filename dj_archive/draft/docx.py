"""Write a :class:`~dj_archive.draft.compose.Draft` as .docx in the layout of Party and
government documents (GB/T 9704-2012):

* A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; a document grid of
  22 lines × 28 characters; page number ``— n —`` in 宋体 4号, right on odd pages and
  left on even pages, one character in;
* title 方正小标宋简体 2号 (22 pt), centred;
* body 仿宋_GB2312 3号 (16 pt), first line indented two characters, line spacing
  fixed at 28.95 pt (22 lines a page);
* level-1 headings 黑体 3号, level-2 楷体_GB2312 3号, level-3 仿宋_GB2312 3号 bold.

Headings use Word's built-in Title / Heading 1–3 styles (so the navigation pane
works), with their theme fonts, colours and borders replaced. Fonts are set on all
four ``w:rFonts`` slots — python-docx's ``font.name`` sets only ``ascii``/``hAnsi``,
and Word and WPS draw Chinese with the ``eastAsia`` one. The font table names the
common fallbacks (小标宋, 仿宋, 楷体) for machines without the GB2312 fonts.

Figures' sources are real Word footnotes (a ``word/footnotes.xml`` part; python-docx
has no footnote API), one short line each: what was counted and the numbers of the
documents in the 引用记录 table of 起草参考 (档号, 题名, 日期, 路径), so the notes do not
crowd the body off the page. The appendix heading starts a page by page-break-before
(no empty paragraph, so no blank page); the table's header row repeats and rows do not
split across pages.
"""

from __future__ import annotations

from datetime import datetime, timezone

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips
from lxml import etree

__all__ = ["write_docx", "FONTS", "LINE"]

#: Fonts by paragraph kind (GB/T 9704-2012 practice).
FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "h1": "黑体",
    "h2": "楷体_GB2312",
    "h3": "仿宋_GB2312",
}
#: Font-table fallbacks for machines without the GB2312/方正 fonts.
_ALT_NAMES = {"方正小标宋简体": "小标宋", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei"}
SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
LINE = Twips(579)  # 28.95 pt: 22 lines in the 225 mm type area
CHARS_PER_LINE = 28
TABLE_SIZE = Pt(9)  # 小五: the appendix tables
#: 156 mm / 28 = 15.79 pt a character: 3号 (16 pt) set 0.25 pt closer.
CHAR_SPACING = Pt(-0.25)
PAGE_NUMBER_SIZE = Pt(14)  # 4号: the page number's size and its one-character indent
# Elements that follow w:evenAndOddHeaders in w:settings (schema order).
_SETTINGS_AFTER_EVEN_ODD = (
    "w:bookFoldRevPrinting", "w:bookFoldPrinting", "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData", "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne",
    "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt",
    "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr",
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip
INDENT = Pt(32)  # two characters of 3号
_STYLE_OF = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_fonts(rpr_parent, name: str) -> None:
    """Set one font for ascii, hAnsi, eastAsia and cs, dropping theme fonts that would win."""
    if hasattr(rpr_parent, "get_or_add_rPr"):
        rpr = rpr_parent.get_or_add_rPr()
    else:  # w:rPrDefault has no python-docx class of its own
        rpr = rpr_parent.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_parent.append(rpr)
    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _reset_paragraph_style(style) -> None:
    """Remove borders, spacing and colours a template style brings along."""
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:spacing", "w:contextualSpacing", "w:ind"):
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:color", "w:spacing", "w:kern", "w:b", "w:bCs", "w:i", "w:iCs"):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)


def _setup_styles(d) -> dict:
    styles = d.styles
    normal = styles["Normal"]
    _set_fonts(normal.element, FONTS["body"])
    normal.font.size = SIZE
    normal.font.color.rgb = RGBColor(0, 0, 0)
    spacing = OxmlElement("w:spacing")  # condensed so that 28 characters fit a line
    spacing.set(qn("w:val"), str(round(CHAR_SPACING.pt * 20)))
    normal.element.get_or_add_rPr().insert_element_before(
        spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
        "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath",
    )  # fmt: skip
    pf = normal.paragraph_format
    pf.first_line_indent = INDENT
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE
    pf.space_before = pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.widow_control = True
    # Document defaults too, so tables, footers and new paragraphs are Chinese-aware.
    defaults = d.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        _set_fonts(rpr_default, FONTS["body"])
        rpr = rpr_default.find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")

    for kind, name in _STYLE_OF.items():
        st = styles[name]
        _reset_paragraph_style(st)
        _set_fonts(st.element, FONTS[kind])
        st.font.size = TITLE_SIZE if kind == "title" else SIZE
        st.font.bold = kind == "h3"
        st.font.italic = False
        st.font.color.rgb = RGBColor(0, 0, 0)
        spf = st.paragraph_format
        spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        spf.space_before = Pt(0)
        if kind == "title":
            spf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            spf.first_line_indent = Pt(0)
            spf.line_spacing = Pt(35)  # a 22 pt title needs more than the body's 28.95
            spf.space_after = LINE  # one blank line between title and body
        else:
            spf.first_line_indent = INDENT
            spf.line_spacing = LINE
            spf.space_after = Pt(0)
            spf.keep_with_next = True

    note = _style(styles, "Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    _set_fonts(note.element, FONTS["body"])
    note.font.size = Pt(10.5)  # 五号
    npf = note.paragraph_format
    npf.first_line_indent = Pt(0)
    npf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    npf.alignment = WD_ALIGN_PARAGRAPH.LEFT
    ref = _style(styles, "Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True
    return {"note": note.style_id, "ref": ref.style_id}


def _style(styles, name, kind):
    try:
        return styles[name]
    except KeyError:
        return styles.add_style(name, kind)


def _setup_page(d) -> None:
    sec = d.sections[0]
    sec.page_width, sec.page_height = Twips(11906), Twips(16838)  # A4 as Word stores it
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.header_distance, sec.footer_distance = Mm(15), Mm(28)
    # The document grid: 22 lines a page. 28 characters a line: 28 × 16 pt overflows the
    # 156 mm line by 6 pt, so characters are set 0.25 pt closer (Normal's character
    # spacing). A "linesAndChars" grid with a negative charSpace does this in Word, but
    # LibreOffice then gives every character two grid cells (14 a line).
    grid = sec._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sec._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE.twips))
    grid.attrib.pop(qn("w:charSpace"), None)
    # Page numbers (GB/T 9704 7.5): "— n —" in 宋体 4号, odd pages on the right and even
    # pages on the left, one character in; Word needs evenAndOddHeaders to tell them apart.
    settings = d.settings.element
    if settings.find(qn("w:evenAndOddHeaders")) is None:
        settings.insert_element_before(OxmlElement("w:evenAndOddHeaders"), *_SETTINGS_AFTER_EVEN_ODD)
    _page_number(sec.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    sec.even_page_footer.is_linked_to_previous = False
    _page_number(sec.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(p, side) -> None:
    p.alignment = side
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if side == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = PAGE_NUMBER_SIZE
    else:
        pf.left_indent = PAGE_NUMBER_SIZE
    p.add_run("— ")
    p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    p.add_run(" —")
    for r in p._p.iter(qn("w:r")):
        _set_fonts(r, "宋体")
        r.get_or_add_rPr().append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{int(PAGE_NUMBER_SIZE.pt * 2)}"/>'))


_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>dj-archive</Application></Properties>"
)


def _setup_package(d, title: str, author: str) -> None:
    settings = d.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")  # the template says ja-JP: Japanese glyph fallback
    for rel in d.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            # The template's font table is a plain (blob) part: parse, extend, store back.
            part = rel.target_part
            table = parse_xml(part.blob)
            for name, alt in _ALT_NAMES.items():
                table.append(
                    parse_xml(
                        f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                        '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
                    )
                )
            part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    # The template's extended properties claim 1 page written by "Microsoft Macintosh Word";
    # a catalogue would believe them. Name the program and leave page counts to Word.
    for rel in d.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML
    cp = d.core_properties
    cp.title, cp.author, cp.last_modified_by = title, author, author
    # The template's own dates (2013) would say the draft is years old.
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    cp.created = cp.modified = now
    printed = cp._element.find(qn("cp:lastPrinted"))
    if printed is not None:
        cp._element.remove(printed)
    cp.revision = 1
    cp.comments = "dj-archive draft: figures counted from the archive; see footnotes and 起草参考."


class _Footnotes:
    """A word/footnotes.xml part with the two separator notes Word expects."""

    _SUCCESSORS = (
        "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
        "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
        "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
        "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
        "w:decimalSymbol", "w:listSeparator",
    )  # fmt: skip

    def __init__(self, d, style_ids: dict):
        self.ids = style_ids
        spacing = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        self.root = parse_xml(
            f"<w:footnotes {nsdecls('w')}>"
            f'<w:footnote w:type="separator" w:id="-1"><w:p>{spacing}<w:r><w:separator/></w:r></w:p></w:footnote>'
            f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p>{spacing}'
            "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
            "</w:footnotes>"
        )
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.root, d.part.package)
        d.part.relate_to(part, RT.FOOTNOTES)
        settings = d.settings.element
        if settings.find(qn("w:footnotePr")) is None:
            pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
            settings.insert_element_before(pr, *self._SUCCESSORS)

    def _para(self, text: str, with_ref: bool):
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        ps = OxmlElement("w:pStyle")
        ps.set(qn("w:val"), self.ids["note"])
        ppr.append(ps)
        p.append(ppr)
        if with_ref:
            r = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            rs = OxmlElement("w:rStyle")
            rs.set(qn("w:val"), self.ids["ref"])
            rpr.append(rs)
            r.append(rpr)
            r.append(OxmlElement("w:footnoteRef"))
            p.append(r)
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = (" " if with_ref else "") + text
        r.append(t)
        p.append(r)
        return p

    def add(self, n: int, lines: list[str]) -> None:
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(n))
        for i, line in enumerate(lines):
            note.append(self._para(line, with_ref=(i == 0)))
        self.root.append(note)

    def reference(self, paragraph, n: int) -> None:
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        rs = OxmlElement("w:rStyle")
        rs.set(qn("w:val"), self.ids["ref"])
        rpr.insert(0, rs)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(n))
        run._r.append(ref)


def _right_indent_chars(text: str) -> float:
    # Width in characters of 3号: CJK one, ASCII digits half.
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def _column_widths(rows, total_mm: float, size_pt: float = TABLE_SIZE.pt) -> list[float]:
    """Column widths (mm) filling ``total_mm``: a column whose widest text (CJK counts
    two half-width units) fits in a third of the table is that wide, so 序号, 日期 and
    档号 never wrap; the others share the rest in proportion to their text."""
    from ..output import display_width

    unit, pad = size_pt * 0.3528 * 0.56, 4.0  # mm per half-width character; cell margins
    need = [max(display_width(str(r[j])) for r in rows) * unit + pad for j in range(len(rows[0]))]
    fixed = [n if n <= total_mm / 3 else None for n in need]
    rest = total_mm - sum(n for n in fixed if n)
    loose = [min(n, 60 * unit) for n, f in zip(need, fixed) if f is None]
    if not loose or rest <= 0:
        return [n * total_mm / sum(need) for n in need]
    share = iter(w * rest / sum(loose) for w in loose)
    return [f if f else next(share) for f in fixed]


def _add_table(d, rows):
    """A bordered table in 小五, columns as wide as their text needs, whose header row
    repeats on every page and whose rows never split."""
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = d.styles["Table Grid"]
    t.autofit = False
    sec = d.sections[0]
    widths = _column_widths(rows, (sec.page_width - sec.left_margin - sec.right_margin) / 36000)
    for col, grid in zip(t.columns, t._tbl.tblGrid.findall(qn("w:gridCol"))):
        grid.set(qn("w:w"), str(round(widths[col._index] * 56.7)))
    for i, row in enumerate(rows):
        tr_pr = t.rows[i]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if i == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for j, value in enumerate(row):
            cell = t.cell(i, j)
            cell.width = Mm(widths[j])
            p = cell.paragraphs[0]
            p.paragraph_format.first_line_indent = Pt(0)
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if i == 0 else WD_ALIGN_PARAGRAPH.LEFT
            snap = OxmlElement("w:snapToGrid")  # single-spaced, not one 3号 grid line per line
            snap.set(qn("w:val"), "0")
            p._p.get_or_add_pPr().insert_element_before(
                snap, "w:spacing", "w:ind", "w:jc", "w:textDirection", "w:outlineLvl", "w:rPr"
            )
            run = p.add_run(value)
            run.font.size = TABLE_SIZE
            run.font.bold = i == 0


def write_docx(draft, path) -> None:
    """Write ``draft`` to ``path`` (.docx)."""
    d = docx.Document()
    ids = _setup_styles(d)
    _setup_page(d)
    _setup_package(d, draft.title, draft.org)
    notes = _Footnotes(d, ids)
    by_n = {n.n: n for n in draft.notes}
    # The template's body holds one empty paragraph; start clean.
    body = d.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    date_width = 0.0
    for para in draft.body + draft.annex:
        if para.kind == "date":
            date_width = _right_indent_chars(para.text)
    for para in draft.body + draft.annex:
        kind = para.kind
        if kind == "table":
            _add_table(d, para.rows)
            continue
        p = d.add_paragraph(style=_STYLE_OF.get(kind))
        if para.new_page:
            p.paragraph_format.page_break_before = True
        for run in para.runs:
            if isinstance(run, int):
                notes.reference(p, run)
                notes.add(run, [by_n[run].short])
            else:
                p.add_run(run)
        if kind in ("sign", "date"):
            # 成文日期右空四字; the 落款 is centred above the date.
            pf = p.paragraph_format
            pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            pf.first_line_indent = Pt(0)
            extra = 0.0 if kind == "date" else max(0.0, (date_width - _right_indent_chars(para.text)) / 2)
            pf.right_indent = Pt(16 * (4 + extra))
            if kind == "sign":
                pf.space_before = LINE  # 正文下空一行
    d.save(str(path))

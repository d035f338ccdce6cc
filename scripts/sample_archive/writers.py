"""Render a document (a list of blocks) into .docx / .txt (GBK) / .md / .pdf.

Blocks are tuples:
    ("title", text)            centred title
    ("subtitle", text)         centred line under the title (e.g. 文号, 作者)
    ("h1", text)               一、… heading
    ("h2", text)               （一）… heading on its own line
    ("p", text)                body paragraph (first-line indent)
    ("field", text)            unindented line (会议记录 header fields, 落款 lists)
    ("right", text)            right-aligned line (落款, 日期)
    ("table", rows)            rows: list of lists of str; first row is the header
    ("blank",)                 empty line

The .docx writer builds the zip directly from small cached parts (python-docx is
far too slow for the scale corpus); the output opens in python-docx and Word.
"""

import io
import zipfile
from datetime import date
from xml.sax.saxutils import escape

__all__ = ["render_docx", "render_txt", "render_md", "render_pdf", "render_scan_pdf", "plain_text"]

_ZIP_DT = (2000, 1, 1, 0, 0, 0)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    "</Relationships>"
)

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings {_W}><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    "</w:settings>"
)


def _fonts(east, ascii_="Times New Roman"):
    return f'<w:rFonts w:ascii="{ascii_}" w:hAnsi="{ascii_}" w:eastAsia="{east}" w:cs="{ascii_}"/>'


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<w:styles {_W}>"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    + _fonts("仿宋_GB2312")
    + '<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>'
    "<w:rPr>" + _fonts("方正小标宋简体") + '<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:ind w:firstLine="640"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>' + _fonts("黑体") + "</w:rPr></w:style>"
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:ind w:firstLine="640"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr>'
    + _fonts("楷体_GB2312")
    + "</w:rPr></w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
    '<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    "</w:tblBorders></w:tblPr></w:style>"
    "</w:styles>"
)


def _core(title, author, when: date):
    ts = f"{when.isoformat()}T09:00:00Z"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{ts}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{ts}</dcterms:modified>'
        "</cp:coreProperties>"
    )


_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Office Word</Application></Properties>"
)


def _run(text, bold=False, size=None, font=None):
    rpr = ""
    if font:
        rpr += _fonts(font)
    if bold:
        rpr += "<w:b/>"
    if size:
        rpr += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    if rpr:
        rpr = f"<w:rPr>{rpr}</w:rPr>"
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text, style=None, jc=None, indent=True, bold=False, size=None, font=None):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if indent and not style:
        ppr += '<w:ind w:firstLine="640"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    run = _run(text, bold=bold, size=size, font=font) if text else ""
    return f"<w:p>{ppr}{run}</w:p>"


def _table(rows):
    ncol = max(len(r) for r in rows)
    width = 8800 // ncol
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(ncol))
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:jc w:val="center"/><w:tblLook w:val="04A0"/></w:tblPr>',
        f"<w:tblGrid>{grid}</w:tblGrid>",
    ]
    for i, row in enumerate(rows):
        cells = []
        for j in range(ncol):
            text = row[j] if j < len(row) else ""
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:spacing w:line="360" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>'
                f"{_run(text, bold=(i == 0), size=24) if text else ''}</w:p></w:tc>"
            )
        out.append("<w:tr>" + "".join(cells) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _document_xml(blocks):
    body = []
    for b in blocks:
        kind = b[0]
        if kind == "title":
            body.append(_para(b[1], style="Title"))
        elif kind == "subtitle":
            body.append(_para(b[1], jc="center", indent=False, font="楷体_GB2312"))
        elif kind == "h1":
            body.append(_para(b[1], style="Heading1"))
        elif kind == "h2":
            body.append(_para(b[1], style="Heading2"))
        elif kind == "p":
            body.append(_para(b[1]))
        elif kind == "field":
            body.append(_para(b[1], indent=False))
        elif kind == "right":
            body.append(_para(b[1], jc="right", indent=False))
        elif kind == "blank":
            body.append("<w:p/>")
        elif kind == "table":
            body.append(_table(b[1]))
            body.append("<w:p/>")
        else:  # pragma: no cover
            raise ValueError(kind)
    sect = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
        '<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {_W}><w:body>" + "".join(body) + sect + "</w:body></w:document>"
    )


def _zput(z, name, data):
    info = zipfile.ZipInfo(name, date_time=_ZIP_DT)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def render_docx(blocks, title, author, when) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        _zput(z, "[Content_Types].xml", _CONTENT_TYPES)
        _zput(z, "_rels/.rels", _ROOT_RELS)
        _zput(z, "docProps/core.xml", _core(title, author, when))
        _zput(z, "docProps/app.xml", _APP)
        _zput(z, "word/_rels/document.xml.rels", _DOC_RELS)
        _zput(z, "word/styles.xml", _STYLES)
        _zput(z, "word/settings.xml", _SETTINGS)
        _zput(z, "word/document.xml", _document_xml(blocks))
    return buf.getvalue()


# ---------------------------------------------------------------- plain text


def _table_lines_txt(rows):
    return ["\t".join(r) for r in rows]


def plain_lines(blocks, md=False):
    lines = []
    for b in blocks:
        kind = b[0]
        if kind == "title":
            lines += ["# " + b[1] if md else b[1], ""]
        elif kind == "subtitle":
            lines += [b[1], ""]
        elif kind == "h1":
            lines += ["", "## " + b[1], ""] if md else [b[1]]
        elif kind == "h2":
            lines += ["", "### " + b[1], ""] if md else [b[1]]
        elif kind == "p":
            lines += [b[1], ""] if md else ["\u3000\u3000" + b[1]]
        elif kind == "field":
            lines += [b[1] + "  "] if md else [b[1]]
        elif kind == "right":
            lines += [b[1] + "  "] if md else ["\u3000" * 16 + b[1]]
        elif kind == "blank":
            lines.append("")
        elif kind == "table":
            rows = b[1]
            if md:
                ncol = max(len(r) for r in rows)
                rows = [list(r) + [""] * (ncol - len(r)) for r in rows]
                lines.append("")
                lines.append("| " + " | ".join(rows[0]) + " |")
                lines.append("|" + "---|" * ncol)
                for r in rows[1:]:
                    lines.append("| " + " | ".join(c or " " for c in r) + " |")
                lines.append("")
            else:
                lines += _table_lines_txt(rows)
    # collapse runs of blank lines
    out = []
    for ln in lines:
        if ln == "" and out and out[-1] == "":
            continue
        out.append(ln)
    while out and out[-1] == "":
        out.pop()
    return out


def plain_text(blocks):
    return "\n".join(plain_lines(blocks))


def render_txt(blocks) -> bytes:
    text = "\r\n".join(plain_lines(blocks)) + "\r\n"
    return text.encode("gbk")


def render_md(blocks) -> bytes:
    return ("\n".join(plain_lines(blocks, md=True)) + "\n").encode("utf-8")


# ---------------------------------------------------------------- PDF

_FONT = "STSong-Light"


def _register():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))


def _wrap(text, width, size):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, cur = [], ""
    for ch in text:
        if stringWidth(cur + ch, _FONT, size) > width:
            # keep closing punctuation on the line (避头尾)
            if ch in "，。、；：！？）》”" and cur:
                cur += ch
                lines.append(cur)
                cur = ""
                continue
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def render_pdf(blocks, title, author) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor(author)
    w, h = A4
    left, right, top, bottom = 72, 72, 80, 72
    size = 12
    lead = 21
    y = h - top

    def newline(n=1):
        nonlocal y
        y -= lead * n
        if y < bottom:
            c.showPage()
            y = h - top

    def draw(text, x, sz=size):
        c.setFont(_FONT, sz)
        c.drawString(x, y, text)

    for b in blocks:
        kind = b[0]
        if kind == "title":
            c.setFont(_FONT, 17)
            for ln in _wrap(b[1], w - left - right, 17):
                c.drawCentredString(w / 2, y, ln)
                newline()
            newline(0.5)
        elif kind == "subtitle":
            c.setFont(_FONT, size)
            c.drawCentredString(w / 2, y, b[1])
            newline()
        elif kind in ("h1", "h2", "p"):
            indent = size * 2
            lines = _wrap(b[1], w - left - right - indent, size)
            first = True
            for ln in lines:
                draw(ln, left + (indent if first else 0))
                if first:
                    # later lines use the full width
                    first = False
                newline()
        elif kind == "field":
            for ln in _wrap(b[1], w - left - right, size):
                draw(ln, left)
                newline()
        elif kind == "right":
            c.setFont(_FONT, size)
            c.drawRightString(w - right, y, b[1])
            newline()
        elif kind == "blank":
            newline()
        elif kind == "table":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            colw = (w - left - right) / ncol
            for r in rows:
                top_y = y + lead * 0.7
                for j in range(ncol):
                    cell = r[j] if j < len(r) else ""
                    c.setFont(_FONT, 10)
                    c.drawString(left + j * colw + 3, y, cell)
                c.line(left, top_y, left + ncol * colw, top_y)
                newline()
            c.line(left, y + lead * 0.7, left + ncol * colw, y + lead * 0.7)
            newline(0.5)
    c.showPage()
    c.save()
    return buf.getvalue()


def render_scan_pdf(png_bytes_list, title) -> bytes:
    """A PDF whose pages are only images (no text layer), like a scanner makes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setCreator("Scanner")
    w, h = A4
    for data in png_bytes_list:
        c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width=w, height=h)
        c.showPage()
    c.save()
    return buf.getvalue()

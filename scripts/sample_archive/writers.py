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

The .docx writer builds the zip directly from the parts every .docx shares (data/docx/)
and the document's own XML (python-docx is far too slow for this); the output opens in
python-docx and Word.
"""

import io
import os
import zipfile
from datetime import date
from xml.sax.saxutils import escape

__all__ = ["render_docx", "render_txt", "render_md", "render_pdf", "render_scan_pdf", "plain_text"]

_ZIP_DT = (2000, 1, 1, 0, 0, 0)

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# The parts every .docx shares, under data/docx/ with the names they have in the zip.
_DOCX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "docx")


def _part(name):
    with open(os.path.join(_DOCX, name), encoding="utf-8", newline="") as f:
        return f.read().rstrip("\n")


def _fonts(east, ascii_="Times New Roman"):
    return f'<w:rFonts w:ascii="{ascii_}" w:hAnsi="{ascii_}" w:eastAsia="{east}" w:cs="{ascii_}"/>'


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
        for name in ("[Content_Types].xml", "_rels/.rels"):
            _zput(z, name, _part(name))
        _zput(z, "docProps/core.xml", _core(title, author, when))
        for name in ("docProps/app.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml"):
            _zput(z, name, _part(name))
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

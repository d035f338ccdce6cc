"""Build real files for tests: .docx (python-docx), text PDFs (reportlab), scans,
text in any encoding. Shared by the fixtures in conftest.py."""

from __future__ import annotations

import io
from pathlib import Path

import docx

__all__ = ["write_docx", "write_pdf", "write_scan_pdf", "write_text", "docx_bytes"]


def docx_bytes(paragraphs, table=None) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def write_docx(path: Path, paragraphs, table=None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(paragraphs, table))
    return path


def write_pdf(path: Path, lines, encrypt: str | None = None) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path.parent.mkdir(parents=True, exist_ok=True)
    enc = StandardEncryption(encrypt, canPrint=1) if encrypt else None
    c = canvas.Canvas(str(path), invariant=1, encrypt=enc)
    c.setFont("STSong-Light", 12)
    y = 760
    for line in lines:
        c.drawString(72, y, line)
        y -= 20
    c.save()
    return path


def write_scan_pdf(path: Path) -> Path:
    """A page that is only an image, like a scanner produces: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(img)
    for y in range(100, 700, 40):
        draw.line((60, y, 540, y), fill=0, width=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, width=595, height=842)
    c.save()
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.replace("\n", newline)
    if encoding == "utf-16-le-bom":
        path.write_bytes(b"\xff\xfe" + data.encode("utf-16-le"))
    else:
        path.write_bytes(data.encode(encoding))
    return path

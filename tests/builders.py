"""Build real files for tests: .docx (python-docx), text PDFs (reportlab), scans,
text in any encoding. Shared by the fixtures in conftest.py."""

from __future__ import annotations

import io
from pathlib import Path

import docx

__all__ = ["write_docx", "write_pdf", "write_scan_pdf", "write_text", "docx_bytes", "write_slow_pdf"]


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


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1; object 1 is the catalogue) with its
    cross-reference table, for PDFs the drawing libraries will not write."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def write_slow_pdf(path: Path, operators: int) -> Path:
    """A small, valid one-page PDF whose content stream holds ``operators`` text-showing
    operators: a few KB on disk that keep a text extractor busy for a long time."""
    import zlib

    content = b"BT /F1 12 Tf 72 700 Td " + b"(a) Tj 1 0 Td " * operators + b"ET"
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_from_objects(objects))
    return path

"""Text of slides: .pptx with python-pptx (per slide: text frames in reading order,
tables row by row with tab-separated cells, grouped shapes, then the speaker notes);
.ppt through LibreOffice when it is installed (converted to .pptx, then read the same
way), else refused with the reason."""

from __future__ import annotations

import io
import zipfile

from ..errors import ReadError, UnsupportedFormat
from ..i18n import N_

__all__ = ["pptx_text", "ppt_text"]


def _shape_lines(shape) -> list[str]:
    lines: list[str] = []
    if getattr(shape, "shape_type", None) == 6 or hasattr(shape, "shapes"):  # a group
        for s in _ordered(shape.shapes):
            lines += _shape_lines(s)
        return lines
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            cells = [" ".join(c.text.split()) for c in row.cells]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                lines.append("\t".join(cells))
        return lines
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        for p in shape.text_frame.paragraphs:
            t = "".join(r.text for r in p.runs) if p.runs else p.text
            if t.strip():
                lines.append(t.strip())
    return lines


def _ordered(shapes):
    """Shapes top to bottom, then left to right (the order a reader takes them in)."""

    def key(s):
        return ((s.top or 0) // 50000, s.left or 0)  # same line within ~1.4 mm

    try:
        return sorted(shapes, key=key)
    except TypeError:
        return list(shapes)


def pptx_text(data: bytes) -> tuple[str, int]:
    """(text, number of slides) of a .pptx given its bytes."""
    from pptx import Presentation

    from .office import ensure_not_encrypted

    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    ensure_not_encrypted(data)
    try:
        prs = Presentation(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(N_("corrupt .pptx (not a valid zip archive; truncated or damaged)")) from None
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many types on damaged files
        raise ReadError.of(N_("corrupt .pptx ({type}: {error})"), exc) from None
    out = []
    slides = list(prs.slides)
    for slide in slides:
        lines = []
        for shape in _ordered(slide.shapes):
            lines += _shape_lines(shape)
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            if notes is not None and notes.text.strip():
                lines += [ln.strip() for ln in notes.text.splitlines() if ln.strip()]
        out.append("\n".join(lines))
    return "\n".join(t for t in out if t), len(slides)


def ppt_text(data: bytes) -> tuple[str, int]:
    """(text, slides) of a PowerPoint 97-2003 .ppt, through LibreOffice."""
    from .office import ensure_not_encrypted, soffice_convert

    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    ensure_not_encrypted(data)
    pptx = soffice_convert(data, ".ppt", "pptx")
    if pptx is None:
        raise UnsupportedFormat(N_(".ppt needs LibreOffice to be read (not installed); save it as .pptx"))
    return pptx_text(pptx)

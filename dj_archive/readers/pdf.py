"""Text of a PDF's text layer with pypdf. Scans without a text layer and
encrypted files are refused with a reason, never guessed at."""

from __future__ import annotations

import io
import logging
import re

from ..errors import NoTextLayer, ReadError
from ..i18n import N_

__all__ = ["pdf_text", "pdf_page_texts"]

#: %PDF- may be preceded by up to this many bytes of junk.
_HEADER_WINDOW = 1024
_SURROGATE = re.compile("[\ud800-\udfff]")


def _fix_surrogates(text: str) -> str:
    """Lone UTF-16 surrogates (from broken ToUnicode maps) become U+FFFD; a valid pair
    left as two code points becomes the one character it encodes. Without this the
    text cannot be encoded as UTF-8 later (UnicodeEncodeError while indexing)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def pdf_text(data: bytes) -> tuple[str, int]:
    """(text, page count) of a PDF given its bytes."""
    pages = pdf_page_texts(data)
    text = "\n".join(p.strip("\n") for p in pages).strip()
    if not any(ch.strip() for ch in text):
        raise NoTextLayer(
            N_("PDF has no text layer ({pages} page(s), probably a scan); run OCR and file the result").format(
                pages=len(pages)
            )
        )
    return text, len(pages)


def _has_image(page) -> bool:
    """Whether a page draws a picture (an image XObject, directly or in a form)."""
    try:
        xobjects = page["/Resources"].get_object().get("/XObject")
        if not xobjects:
            return False
        for ref in xobjects.get_object().values():
            x = ref.get_object()
            if x.get("/Subtype") == "/Image" or (
                x.get("/Subtype") == "/Form" and "/XObject" in str(x.get("/Resources"))
            ):
                return True
    except (KeyError, AttributeError, TypeError, ValueError):
        return False
    return False


def pdf_page_texts(data: bytes, images: bool = False) -> list:
    """The text layer of each page of a PDF given its bytes ("" for a page without one);
    with ``images``, (text, page draws an image) pairs."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    start = data[:_HEADER_WINDOW].find(b"%PDF-")
    if start < 0:
        raise ReadError(N_("not a PDF file (no %PDF header)"))
    # Junk before the header (a mail gateway's banner, a BOM) is tolerated as by Acrobat:
    # offsets inside the file count from %PDF-.
    data = data[start:]
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns loudly on odd but readable files
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - pypdf raises several types for unknown crypto
                ok = False
            if not ok:
                raise ReadError(N_("encrypted PDF (password protected); save an unprotected copy"))
        pages = [page.extract_text() or "" for page in reader.pages]
        pictures = [_has_image(page) for page in reader.pages] if images else None
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise ReadError.of(N_("corrupt PDF ({type}: {error})"), exc) from None
    except Exception as exc:  # noqa: BLE001 - pypdf can raise anything on hostile input
        raise ReadError(N_("unreadable PDF ({type})").format(type=type(exc).__name__)) from None
    texts = [_fix_surrogates(p) for p in pages]
    return list(zip(texts, pictures)) if pictures is not None else texts

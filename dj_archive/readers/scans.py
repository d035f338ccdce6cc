"""Files whose text is (partly) an image: scanned PDFs, PDFs with image-only pages
among text pages, and photos (.jpg .jpeg .png .tif .tiff .bmp). Pages without a text
layer are rendered with pypdfium2 and read by OCR (:mod:`.ocr`); images are turned
upright by their EXIF orientation first, and their EXIF date is offered as the
document's date.

Without :class:`~.ocr.OcrOptions` (a plain ``read_document``) a scan is refused with
:class:`~dj_archive.errors.NoTextLayer` as before; with OCR disabled the text layer is
returned and the pages that need OCR are counted in ``Document.needs_ocr``.

>>> _exif_date({36867: "2021:07:01 09:35:12"})
'2021-07-01'
>>> _exif_date({306: "0000:00:00 00:00:00"}) is None
True
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date

from ..errors import NoTextLayer, ReadError
from ..i18n import N_
from .ocr import RENDER_DPI, OcrOptions, cached_pages, ocr_pages

__all__ = ["pdf_document", "image_document", "IMAGE_SUFFIXES"]

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp")
_EXIF_DATE = re.compile(r"^(\d{4}):(\d{2}):(\d{2})")


def _exif_date(exif) -> str | None:
    """ISO date from EXIF DateTimeOriginal (36867), DateTimeDigitized (36868) or DateTime (306)."""
    for tag in (36867, 36868, 306):
        m = _EXIF_DATE.match(str(exif.get(tag) or ""))
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                continue
    return None


def _result(text_pages: dict[int, str], ocr: list, n_pages: int, needs: int, fmt: str, when=None):
    from . import Document

    for p in ocr:
        text_pages[p.page] = p.text
    text = "\n".join(text_pages[k].strip("\n") for k in sorted(text_pages) if text_pages[k].strip()).strip()
    return Document(text=text, format=fmt, pages=n_pages, ocr_pages=ocr, needs_ocr=needs, date=when)


def pdf_document(data: bytes, ocr: OcrOptions | None):
    """A PDF's text layer, with OCR for the pages that have none."""
    from .pdf import pdf_page_texts

    pages = pdf_page_texts(data, images=True)
    # a page with no text layer is a scan when it draws a picture (an empty page is just empty)
    blank = [i + 1 for i, (t, pic) in enumerate(pages) if not t.strip() and pic]
    text_pages = {i + 1: t for i, (t, _) in enumerate(pages) if t.strip()}
    if not blank:
        return _result(text_pages, [], len(pages), 0, "pdf")
    if ocr is None:
        if text_pages:
            return _result(text_pages, [], len(pages), 0, "pdf")
        from ..i18n import N_

        raise NoTextLayer(
            N_("PDF has no text layer ({pages} page(s), probably a scan); run OCR and file the result").format(
                pages=len(pages)
            )
        )
    sha = hashlib.sha256(data).hexdigest()
    wanted = blank[: ocr.limit]
    over = len(blank) - len(wanted)
    done = cached_pages(sha, wanted, ocr)
    if done is None and not ocr.enabled:
        return _result(text_pages, [], len(pages), len(blank), "pdf")
    if done is None:
        done = ocr_pages(sha, wanted, _pdf_renderer(data), ocr)
    return _result(text_pages, done, len(pages), over, "pdf")


def _pdf_renderer(data: bytes):
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(N_("cannot render this PDF for OCR ({error})").format(error=exc)) from None

    def render(n: int):
        return pdf[n - 1].render(scale=RENDER_DPI / 72, grayscale=True).to_pil()

    return render


def _open_image(data: bytes):
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = 120_000_000  # above this, a decompression bomb, not a photo
    try:
        img = Image.open(io.BytesIO(data))
        frames = getattr(img, "n_frames", 1)
        exif = img.getexif()
        when = _exif_date({**exif, **exif.get_ifd(0x8769)})
        return img, frames, when, ImageOps
    except UnidentifiedImageError:
        raise ReadError(N_("not an image this toolkit can read (damaged, or another format under this name)")) from None
    except Image.DecompressionBombError:
        raise ReadError(N_("image is too large (over 120 megapixels)")) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ReadError.of(N_("damaged image ({error})"), exc) from None


def image_document(data: bytes, ocr: OcrOptions | None, fmt: str):
    """A photo or scanned image: OCR text per frame (a multi-page TIFF has several)."""
    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    img, frames, when, ImageOps = _open_image(data)
    if ocr is None:
        raise NoTextLayer(N_("{fmt} image: its text can only be read by OCR").format(fmt=fmt))
    numbers = list(range(1, frames + 1))
    wanted = numbers[: ocr.limit]
    over = len(numbers) - len(wanted)
    sha = hashlib.sha256(data).hexdigest()
    done = cached_pages(sha, wanted, ocr)
    if done is None and not ocr.enabled:
        return _result({}, [], frames, frames, fmt, when)

    def render(n: int):
        try:
            img.seek(n - 1)
            page = ImageOps.exif_transpose(img)
            page.load()
        except (OSError, ValueError, SyntaxError) as exc:
            raise ReadError.of(N_("damaged image ({error})"), exc) from None
        return page.convert("RGB")

    if done is None:
        done = ocr_pages(sha, wanted, render, ocr)
    return _result({}, done, frames, over, fmt, when)

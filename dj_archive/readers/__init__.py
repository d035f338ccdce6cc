"""Read the text of an archived file, whatever its format. Read-only, always.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "记录.txt"
>>> _ = p.write_bytes("支部党员大会记录".encode("gbk"))
>>> doc = read_document(p)
>>> doc.text, doc.format
('支部党员大会记录', 'txt')
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError, UnsupportedFormat
from ..i18n import N_

__all__ = ["Document", "read_document", "check_supported", "SUPPORTED_SUFFIXES", "max_bytes"]

#: suffix -> (module, function, format). The function takes the file's bytes and returns
#: its text, or (text, pages) where the format has pages (PDF pages, slides, sheets).
_READERS = {
    ".docx": ("docx", "docx_text", "docx"),
    ".pdf": ("pdf", "pdf_text", "pdf"),
    ".doc": ("worddoc", "word_text", "doc"),
    ".wps": ("worddoc", "word_text", "wps"),
    ".xlsx": ("sheets", "xlsx_text", "xlsx"),
    ".xlsm": ("sheets", "xlsx_text", "xlsx"),
    ".xls": ("sheets", "xls_text", "xls"),
    ".et": ("sheets", "et_text", "et"),
    ".pptx": ("slides", "pptx_text", "pptx"),
    ".ppt": ("slides", "ppt_text", "ppt"),
    ".rtf": ("rtf", "rtf_text", "rtf"),
    ".ofd": ("ofd", "ofd_text", "ofd"),
}
#: Formats whose text may be an image: read with OCR (see scans.py).
_SCANS = {".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg", ".png": "png", ".tif": "tif", ".tiff": "tif", ".bmp": "bmp"}
SUPPORTED_SUFFIXES = tuple(dict.fromkeys((".txt", ".md", *_READERS, *_SCANS)))  # .pdf is in both
#: Formats we recognise and explain rather than call "unknown".
LEGACY_SUFFIXES = (".dps",)
#: Default size limit: files above it are refused (memory stays bounded).
DEFAULT_MAX_MB = 64


def max_bytes() -> int:
    """The size limit in bytes (``DJ_ARCHIVE_MAX_MB`` overrides the default 64 MB).

    A value that is not a positive finite number (``inf``, ``nan``, ``-1``, ``abc``)
    is ignored: the default applies.
    """
    try:
        mb = float(os.environ.get("DJ_ARCHIVE_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    if not math.isfinite(mb) or mb <= 0:
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


@dataclass
class Document:
    text: str
    format: str
    encoding: str | None = None
    pages: int | None = None
    #: Pages whose text came from OCR (readers.ocr.OcrPage: page, text, confidence).
    ocr_pages: list = field(default_factory=list)
    #: Pages that still need OCR (OCR disabled, or beyond the page limit).
    needs_ocr: int = 0
    #: A date the file itself states (a photo's EXIF date), for files whose name has none.
    date: str | None = None


def check_supported(path) -> str:
    """The lower-case suffix of ``path`` if the toolkit can read that format; else raise
    :class:`~dj_archive.errors.UnsupportedFormat` with a one-line reason. Looks only at
    the name, never at the file, so callers can refuse a file before reading its bytes.

    >>> check_supported("记录.DOCX")
    '.docx'
    >>> check_supported("演示.dps")
    Traceback (most recent call last):
    ...
    dj_archive.errors.UnsupportedFormat: WPS .dps slides are not supported; save them as .pptx
    """
    suffix = Path(path).suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        raise UnsupportedFormat(N_("WPS {suffix} slides are not supported; save them as .pptx").format(suffix=suffix))
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormat(N_("unsupported file type {suffix}").format(suffix=suffix or N_("(no extension)")))
    return suffix


def read_document(path, data: bytes | None = None, ocr=None) -> Document:
    """Read ``path`` (or its already-read bytes ``data``) and return its text.

    ``ocr`` (a :class:`~dj_archive.readers.ocr.OcrOptions`) lets scans and photos be
    read by OCR; without it a file with no text layer raises
    :class:`~dj_archive.errors.NoTextLayer`.
    Raises a :class:`~dj_archive.errors.ReadError` subclass with a one-line reason.
    """
    path = Path(path)
    suffix = check_supported(path)
    if data is None:
        data = read_bytes(path)
    if suffix in (".txt", ".md"):
        from .text import decode_text

        text, encoding = decode_text(data)
        return Document(text=text, format=suffix[1:], encoding=encoding)
    if suffix in _SCANS:
        from .scans import image_document, pdf_document

        if suffix == ".pdf":
            return pdf_document(data, ocr)
        return image_document(data, ocr, _SCANS[suffix])
    import importlib

    module, func, fmt = _READERS[suffix]
    result = getattr(importlib.import_module(f".{module}", __name__), func)(data)
    text, pages = result if isinstance(result, tuple) else (result, None)
    return Document(text=text, format=fmt, pages=pages)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing files above the size limit; OS errors become ReadError."""
    try:
        size = path.stat().st_size
        limit = max_bytes()
        if size > limit:
            raise ReadError(
                N_("file is {size:.0f} MB, above the {limit:.0f} MB limit (set DJ_ARCHIVE_MAX_MB to raise it)").format(
                    size=size / 1048576, limit=limit / 1048576
                )
            )
        with path.open("rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise ReadError(N_("file disappeared before it could be read")) from None
    except PermissionError:
        raise ReadError(N_("permission denied")) from None
    except IsADirectoryError:
        raise ReadError(N_("is a directory")) from None
    except OSError as exc:
        raise ReadError(N_("cannot read file: {reason}").format(reason=exc.strerror or exc)) from None

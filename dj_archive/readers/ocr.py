"""OCR, offline: RapidOCR (PP-OCRv4 Chinese detection and recognition models shipped
inside the ``rapidocr-onnxruntime`` wheel, run by onnxruntime; nothing is downloaded).

:class:`OcrOptions` travels with a read: whether OCR may run, the cache of earlier
results (:mod:`dj_archive.ocr_cache`), the page limit per file and a progress callback.
:func:`ocr_pages` turns page images into :class:`OcrPage` results (text in reading
order + mean confidence), taking cached pages from the cache and adding new ones.

>>> _join_line([((10, 0, 40, 20), "支部"), ((45, 0, 80, 20), "大会"), ((200, 0, 260, 20), "2023年")])
'支部大会 2023年'
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "OcrOptions",
    "OcrPage",
    "ocr_pages",
    "ocr_image",
    "engine_id",
    "page_limit",
    "LOW_CONFIDENCE",
    "DEFAULT_PAGE_LIMIT",
    "RENDER_DPI",
]

#: A page whose mean recognition confidence is below this is listed as low-confidence.
LOW_CONFIDENCE = 0.85
#: Pages OCR'd per file unless DJ_ARCHIVE_OCR_PAGES raises it (a 300-page scan is rare and slow).
DEFAULT_PAGE_LIMIT = 30
#: Resolution PDF pages are rendered at for OCR (scanners write 150-300 dpi).
RENDER_DPI = 150
#: Images are scaled so their longer side is at most this (a 12 MP phone photo is slow to OCR).
MAX_SIDE = 2000


def page_limit() -> int:
    """Pages OCR'd per file: ``DJ_ARCHIVE_OCR_PAGES`` (a positive integer) or 30."""
    try:
        n = int(os.environ.get("DJ_ARCHIVE_OCR_PAGES", DEFAULT_PAGE_LIMIT))
    except ValueError:
        n = DEFAULT_PAGE_LIMIT
    return n if n > 0 else DEFAULT_PAGE_LIMIT


@dataclass
class OcrPage:
    page: int  # 1-based page number in the file
    text: str
    confidence: float  # mean over recognised characters, 0..1; 1.0 for a page with no text
    cached: bool = False


@dataclass
class OcrOptions:
    """How a read may use OCR. ``enabled=False`` reads what has a text layer and marks
    the rest as needing OCR; a cached result is used either way."""

    enabled: bool = True
    cache: Any = None  # an OcrCache (dj_archive.ocr_cache), its snapshot view, or None
    limit: int = field(default_factory=page_limit)
    threads: int = 0  # onnxruntime threads per process; 0 = its default (all cores)
    progress: Callable[[str, int], None] | None = None  # ("pages", n) when found, ("done", 1) per page

    def tell(self, what: str, n: int) -> None:
        if self.progress is not None:
            self.progress(what, n)


_engine = None
_engine_threads = None
_lock = threading.Lock()


def engine_id() -> str:
    """Names the OCR models and settings; cached text from another engine is not reused."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("rapidocr-onnxruntime")
    except PackageNotFoundError:
        v = "?"
    return f"rapidocr-onnxruntime={v};dpi={RENDER_DPI};max={MAX_SIDE};cls=0"


def _get_engine(threads: int = 0):
    global _engine, _engine_threads
    with _lock:
        if _engine is None or _engine_threads != threads:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:  # pragma: no cover - a dependency of the package
                from ..errors import ReadError
                from ..i18n import N_

                raise ReadError(N_("OCR is not available ({error}); reinstall dj_archive").format(error=exc)) from None
            kwargs = {"intra_op_num_threads": threads, "inter_op_num_threads": 1} if threads > 0 else {}
            _engine = RapidOCR(**kwargs)
            _engine_threads = threads
        return _engine


def _join_line(boxes) -> str:
    """Texts of one line, left to right; a gap wider than one line height becomes a space."""
    boxes = sorted(boxes, key=lambda b: b[0][0])
    out, prev_right = [], None
    for (x0, y0, x1, y1), text in boxes:
        if prev_right is not None and x0 - prev_right > (y1 - y0):
            out.append(" ")
        out.append(text)
        prev_right = x1
    return "".join(out)


def _layout(result) -> tuple[str, float]:
    """(text in reading order, mean confidence weighted by characters) of RapidOCR's result."""
    if not result:
        return "", 1.0
    boxes = []
    total = weight = 0.0
    for points, text, score in result:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        boxes.append(((min(xs), min(ys), max(xs), max(ys)), text))
        n = max(1, len(text))
        total += float(score) * n
        weight += n
    boxes.sort(key=lambda b: (b[0][1] + b[0][3]) / 2)
    lines: list[list] = []
    for b in boxes:
        cy, h = (b[0][1] + b[0][3]) / 2, b[0][3] - b[0][1]
        if lines:
            last = lines[-1]
            ly = sum((x[0][1] + x[0][3]) / 2 for x in last) / len(last)
            lh = max(x[0][3] - x[0][1] for x in last)
            if abs(cy - ly) <= max(h, lh) / 2:
                last.append(b)
                continue
        lines.append([b])
    return "\n".join(_join_line(line) for line in lines), total / weight if weight else 1.0


def ocr_image(image, threads: int = 0) -> tuple[str, float]:
    """(text, confidence) of one PIL image."""
    import numpy as np

    image = _fit(image)
    result, _ = _get_engine(threads)(np.asarray(image.convert("RGB")), use_cls=False)
    return _layout(result)


def _fit(image):
    w, h = image.size
    if max(w, h) <= MAX_SIDE:
        return image
    scale = MAX_SIDE / max(w, h)
    return image.resize((max(1, round(w * scale)), max(1, round(h * scale))))


def ocr_pages(sha: str, numbers: list[int], render: Callable[[int], object], opts: OcrOptions) -> list[OcrPage]:
    """OCR the pages ``numbers`` (1-based) of the file with content hash ``sha``;
    ``render(n)`` gives page n as a PIL image. Cached pages are not OCR'd again."""
    eid = engine_id()
    cached = opts.cache.get(sha, eid) if opts.cache is not None else {}
    out = []
    todo = [n for n in numbers if n not in cached]
    if todo:
        opts.tell("pages", len(todo))
    for n in numbers:
        if n in cached:
            text, conf = cached[n]
            out.append(OcrPage(n, text, conf, cached=True))
            continue
        text, conf = ocr_image(render(n), opts.threads)
        if opts.cache is not None:
            opts.cache.put(sha, eid, n, text, conf)
        out.append(OcrPage(n, text, conf))
        opts.tell("done", 1)
    return out


def cached_pages(sha: str, numbers: list[int], opts: OcrOptions) -> list[OcrPage] | None:
    """The pages' OCR results if every one of them is in the cache, else None."""
    if opts.cache is None:
        return None
    cached = opts.cache.get(sha, engine_id())
    if not all(n in cached for n in numbers):
        return None
    return [OcrPage(n, cached[n][0], cached[n][1], cached=True) for n in numbers]

"""Length-preserving folding for matching (traditional → simplified, full-width
digits → ASCII); offsets in the folded text are offsets in the original."""

from __future__ import annotations

import re

from ..normalize import fold

__all__ = ["fold_text"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def fold_text(text: str) -> str:
    """:func:`dj_archive.normalize.fold`, safe on lone surrogates (which OpenCC
    cannot encode): each becomes U+FFFD, so the length is kept."""
    if not text:
        return text or ""
    return fold(_SURROGATE.sub("\ufffd", text))

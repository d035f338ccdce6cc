"""Text folding used on both sides of search: traditional → simplified (OpenCC),
full-width → half-width letters and digits, lower case.

Folding is length-preserving, character for character, so an offset in the
folded text is the same offset in the original: snippets show the original.

>>> fold("黨費ＡＢＣ１２３")
'党费abc123'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_char"]


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Fold one character; always returns exactly one character."""
    n = unicodedata.normalize("NFKC", ch)
    if len(n) != 1 or not n.isalnum():
        # Keep punctuation and multi-char compatibility forms as they are.
        n = ch
    n = n.lower()
    if len(n) != 1:
        n = ch
    if ("\u3400" <= n <= "\u9fff" or "\uf900" <= n <= "\ufaff") and not _is_surrogate(n):
        s = _t2s().convert(n)
        if len(s) == 1:
            n = s
    return n


def _is_surrogate(ch: str) -> bool:
    return "\ud800" <= ch <= "\udfff"


def fold(text: str) -> str:
    """Fold a whole text. OpenCC converts phrase-aware; we keep its result only where
    it preserves length, else fall back to per-character folding."""
    if not text:
        return text
    base = "".join(fold_char(ch) if not ("\u3400" <= ch <= "\u9fff") else ch for ch in text)
    try:
        converted = _t2s().convert(base)
    except UnicodeError:  # lone surrogates (from broken files) cannot reach OpenCC
        return "".join(ch if _is_surrogate(ch) else fold_char(ch) for ch in text)
    if len(converted) == len(base):
        return converted
    return "".join(fold_char(ch) for ch in text)

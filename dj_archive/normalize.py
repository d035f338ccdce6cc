"""Text folding used on both sides of search: traditional → simplified (OpenCC),
full-width → half-width letters and digits, lower case.

Folding is length-preserving and context-free, character for character, so an
offset in the folded text is the same offset in the original (snippets show the
original) and a folded substring is a substring of the folded text.

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


class _FoldTable(dict):
    """ord → ord, filled on first sight of each character: str.translate then folds
    in C. Per character, so folding a substring gives the substring of the folded
    text (no phrase context: 乾隆 and 乾 fold alike, search stays consistent)."""

    def __missing__(self, code: int) -> int:
        ch = chr(code)
        value = code if _is_surrogate(ch) else ord(fold_char(ch))
        self[code] = value
        return value


_TABLE = _FoldTable()


def _is_surrogate(ch: str) -> bool:
    return "\ud800" <= ch <= "\udfff"


def fold(text: str) -> str:
    """Fold a whole text, character by character (length-preserving)."""
    return text.translate(_TABLE) if text else text

"""Text folding used on both sides of search: traditional → simplified (OpenCC),
full-width → half-width letters and digits, lower case.

Folding is length-preserving and context-free, character for character, so an
offset in the folded text is the same offset in the original (snippets show the
original) and a folded substring is a substring of the folded text.

>>> fold("黨費ＡＢＣ１２３")
'党费abc123'
"""

from __future__ import annotations

import re
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


@lru_cache(maxsize=1)
def _bmp_changes() -> tuple[dict[str, str], re.Pattern]:
    """Every character of the Basic Multilingual Plane that folding changes, and a regex
    that finds them: most text is already folded, and a regex search in C is ~50× cheaper
    than ``str.translate`` with a dict. Built once per process (~0.1 s): the same
    :func:`fold_char` rules, with OpenCC called once on all ideographs (one per line, so
    no phrase context: identical to one call per character, which a test checks)."""
    # Whole-plane string operations, one character per line: NFKC, lower() and OpenCC
    # never act across a line break, so this equals the per-character rules (tested).
    chars = [chr(c) for c in range(0x10000) if c != 10 and not 0xD800 <= c <= 0xDFFF]
    nfkc = unicodedata.normalize("NFKC", "\n".join(chars)).split("\n")
    step1 = [n if len(n) == 1 and n.isalnum() else ch for ch, n in zip(chars, nfkc)]
    lowered = "\n".join(step1).lower().split("\n")
    pre = {ch: (n if len(n) == 1 else ch) for ch, n in zip(chars, lowered)}
    cjk = sorted({n for n in pre.values() if "\u3400" <= n <= "\u9fff" or "\uf900" <= n <= "\ufaff"})
    converted = dict(zip(cjk, _t2s().convert("\n".join(cjk)).split("\n")))
    changes = {}
    for ch, n in pre.items():
        s = converted.get(n, n)
        n = s if len(s) == 1 else n
        if n != ch:
            changes[ch] = n
    cls = "".join(re.escape(c) for c in sorted(changes))
    return changes, re.compile(f"[{cls}]")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def fold(text: str) -> str:
    """Fold a whole text, character by character (length-preserving)."""
    if not text:
        return text
    if _ASTRAL.search(text):  # rare: the lazy per-character table covers every plane
        return text.translate(_TABLE)
    changes, pattern = _bmp_changes()
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: changes[m[0]], text)

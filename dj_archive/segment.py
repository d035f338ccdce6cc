"""Word segmentation: jieba is the reference; jieba-rs (rjieba) does the bulk work
when installed (17× faster, same tokens). Both load the same user dictionary.

>>> seg = Segmenter()
>>> "主题党日" in seg.cut("开展主题党日活动")
True
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["Segmenter", "default_segmenter", "user_words", "userdict_hash"]

# jieba-rs keeps ASCII runs such as 0000-0000000 or a_b whole where jieba splits them
# (jieba's finalseg: alnum runs, an optional .digits and %, other characters alone).
# Texts with such runs get their tokens re-split the jieba way; others are untouched.
_ASCII_MIXED = re.compile(r"[A-Za-z0-9][!-/:-@\[-`{-~]|[!-/:-@\[-`{-~][A-Za-z0-9]")
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_JIEBA_PUNCT = re.compile(r"[+#&._%\-]+|.", re.S)
_ASCII_TOKEN = re.compile(r"[!-~]+")  # dictionary words such as C# are kept


def _jieba_split(token: str) -> list[str]:
    out = []
    for part in _JIEBA_SKIP.split(token):
        if not part:
            continue
        if _JIEBA_SKIP.fullmatch(part):
            out.append(part)
        else:  # jieba keeps runs of + # & . _ % - together, other punctuation alone
            out.extend(_JIEBA_PUNCT.findall(part))
    return out


def _harmonize(tokens: list[str], search: bool, is_word) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        if len(tok) > 1 and _ASCII_TOKEN.fullmatch(tok) and not is_word(tok):
            if search:  # drop the ASCII sub-words jieba-rs emitted just before it
                while out and out[-1] != tok and _ASCII_TOKEN.fullmatch(out[-1]) and out[-1] in tok:
                    out.pop()
            out.extend(_jieba_split(tok))
        else:
            out.append(tok)
    return out


@lru_cache(maxsize=1)
def _userdict_text() -> str:
    return (Path(__file__).resolve().parent / "data" / "userdict.txt").read_text(encoding="utf-8")


def user_words() -> list[tuple[str, int | None, str | None]]:
    """(word, freq, tag) entries of the domain dictionary shipped with the package."""
    out = []
    for line in _userdict_text().splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        out.append((parts[0], freq, tag))
    return out


def userdict_hash() -> str:
    return hashlib.sha256(_userdict_text().encode("utf-8")).hexdigest()[:12]


class Segmenter:
    """Segment Chinese text with the domain dictionary.

    ``backend`` is ``"auto"`` (rjieba if importable, else jieba), ``"rjieba"`` or ``"jieba"``.
    """

    def __init__(self, backend: str = "auto"):
        self._requested = backend
        self._impl = None
        self.backend = None

    def _load(self):
        if self._impl is not None:
            return self._impl
        backend = self._requested
        if backend in ("auto", "rjieba"):
            try:
                import rjieba

                impl = rjieba.Jieba()
                for word, freq, tag in user_words():
                    impl.add_word(word, freq, tag)
                self._impl, self.backend = impl, "rjieba"
                return impl
            except ImportError:
                if backend == "rjieba":
                    raise
        import jieba

        jieba.setLogLevel(logging.WARNING)
        impl = jieba.Tokenizer()
        for word, freq, tag in user_words():
            impl.add_word(word, freq, tag)
        self._impl, self.backend = impl, "jieba"
        return impl

    @property
    def name(self) -> str:
        """Backend name and dictionary version, recorded in the index."""
        self._load()
        # The suffix versions our own token rules (_harmonize): changing them must rebuild indexes.
        return f"{self.backend}:{userdict_hash()}:t1"

    def cut(self, text: str) -> list[str]:
        """Accurate-mode tokens (what analysis counts)."""
        impl = self._load()
        if self.backend == "rjieba":
            tokens = impl.cut(text, True)
            return _harmonize(tokens, False, impl.has_word) if _ASCII_MIXED.search(text) else tokens
        return impl.lcut(text, HMM=True)

    def cut_for_search(self, text: str) -> list[str]:
        """Search-mode tokens: words plus their dictionary sub-words (what the index stores)."""
        impl = self._load()
        if self.backend == "rjieba":
            tokens = impl.cut_for_search(text, True)
            return _harmonize(tokens, True, impl.has_word) if _ASCII_MIXED.search(text) else tokens
        return impl.lcut_for_search(text, HMM=True)


@lru_cache(maxsize=4)
def default_segmenter(backend: str = "auto") -> Segmenter:
    return Segmenter(backend)

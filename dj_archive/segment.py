"""Word segmentation: jieba is the reference; jieba-rs (rjieba) does the bulk work
when installed (17× faster, same tokens). Both load the same user dictionary.

>>> seg = Segmenter()
>>> "主题党日" in seg.cut("开展主题党日活动")
True
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from .data import data_root, data_version, load_data
from .normalize import fold

__all__ = [
    "Segmenter",
    "default_segmenter",
    "user_words",
    "userdict_hash",
    "load_stopwords",
    "doc_tokens",
    "char_tokens",
    "PUNCT_TOKEN",
]

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


def _entries(lines: list[str]) -> tuple[tuple[str, int | None, str | None], ...]:
    out = []
    for line in lines:
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        out.append((parts[0], freq, tag))
    return tuple(out)


def user_words(archive=None) -> list[tuple[str, int | None, str | None]]:
    """(word, freq, tag) entries of the domain dictionary ``data/userdict.txt`` (or
    ``archive``'s own version of it)."""
    return list(load_data("userdict.txt", archive, _entries))


def load_stopwords(extra=(), archive=None) -> frozenset:
    """Words that say nothing about a text, from ``data/stopwords.txt`` (or ``archive``'s
    own version of it), plus ``extra``.

    >>> "坚持" in load_stopwords(), "廉政" in load_stopwords()
    (True, False)
    """
    base = load_data("stopwords.txt", archive, frozenset)
    return base | frozenset(extra) if extra else base


def userdict_hash(archive=None) -> str:
    """Version of the domain dictionary in use: indexes record it and rebuild when it changes."""
    return data_version("userdict.txt", archive)


class Segmenter:
    """Segment Chinese text with the domain dictionary.

    ``backend`` is ``"auto"`` (rjieba if importable, else jieba), ``"rjieba"`` or ``"jieba"``;
    ``archive``: whose version of the dictionary to load (default: the packaged one).
    """

    def __init__(self, backend: str = "auto", archive=None):
        self._requested = backend
        self._impl: Any = None
        self.backend: str | None = None
        self.archive = data_root(archive)
        self._words = user_words(self.archive)
        self._dict_version = userdict_hash(self.archive)

    def _load(self):
        if self._impl is not None:
            return self._impl
        backend = self._requested
        if backend in ("auto", "rjieba"):
            try:
                import rjieba

                impl = rjieba.Jieba()
                for word, freq, tag in self._words:
                    impl.add_word(word, freq, tag)
                self._impl, self.backend = impl, "rjieba"
                return impl
            except ImportError:
                if backend == "rjieba":
                    raise
        import jieba

        jieba.setLogLevel(logging.WARNING)
        impl = jieba.Tokenizer()
        for word, freq, tag in self._words:
            impl.add_word(word, freq, tag)
        self._impl, self.backend = impl, "jieba"
        return impl

    @property
    def name(self) -> str:
        """Backend name and dictionary version, recorded in the index."""
        self._load()
        # The suffix versions our own token rules (_harmonize): changing them must rebuild indexes.
        return f"{self.backend}:{self._dict_version}:t1"

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


def default_segmenter(backend: str = "auto", archive=None) -> Segmenter:
    """A shared Segmenter (loading a dictionary takes a second): one per backend and
    dictionary version."""
    root = data_root(archive)
    return _shared_segmenter(backend, root, userdict_hash(root))


@lru_cache(maxsize=8)
def _shared_segmenter(backend: str, root, version: str) -> Segmenter:
    return Segmenter(backend, root)


#: The token standing for any character that is not a letter or digit in the char index
#: (a private-use character: the FTS5 tokenizer keeps it as a token of its own).
PUNCT_TOKEN = "\ue000"
_NON_ALNUM = re.compile(r"[\W_]")


def char_tokens(folded: str) -> str:
    """One index token per character: letters/digits stand for themselves, anything
    else for PUNCT_TOKEN. A phrase of these tokens is a substring test.

    >>> char_tokens("党费，a1") == "党 费 \ue000 a 1"
    True
    """
    return " ".join(_NON_ALNUM.sub(PUNCT_TOKEN, folded))


def doc_tokens(segmenter: Segmenter, text: str) -> tuple[str, str]:
    """(words, chars) column values of the index for a document's text: search-mode
    words of the folded text, and one token per character (:func:`char_tokens`)."""
    folded = fold(text)
    # Whitespace tokens only add separators, which the FTS tokenizer skips anyway.
    words = " ".join(segmenter.cut_for_search(folded))
    return words, char_tokens(folded)

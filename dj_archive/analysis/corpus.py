"""The archive's documents with their text, read once per index state.

Every analysis needs the whole catalogue and often the text; reading and folding it
again for each chart would make a notebook slow. :func:`corpus` caches one frame per
index file, keyed on the file's path, size and modification time (and those of its
WAL file), so re-indexing is noticed and a stale frame is never served.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from pathlib import Path

from ..data import data_version
from ..normalize import fold
from ..periods import half_of

__all__ = ["corpus", "tokens", "SUMMARY_TYPES", "NO_ORG"]

#: Documents that report on a named period rather than record an event.
SUMMARY_TYPES = ("工作总结", "工作计划", "述职报告")
#: Label used for documents whose branch could not be determined.
NO_ORG = "未注明"

_CACHE: OrderedDict = OrderedDict()
_TOKENS: OrderedDict = OrderedDict()
_LOCK = threading.Lock()
_MAX = 4


def _state(archive) -> tuple:
    db = Path(archive.db_path).resolve()
    parts: list = [str(db)]
    for p in (db, db.with_name(db.name + "-wal")):
        try:
            st = p.stat()
            parts += [st.st_size, st.st_mtime_ns]
        except FileNotFoundError:
            parts += [None, None]
    return tuple(parts)


def corpus(archive):
    """All indexed documents with ``text`` and ``folded`` (search-folded text) columns,
    plus ``half`` (the half-year a document counts towards). Do not modify the frame."""
    key = _state(archive)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    df = archive.documents(with_text=True)
    df["text"] = df["text"].fillna("")
    df["folded"] = [fold(t) for t in df["text"]]
    df["org"] = df["org"].fillna(NO_ORG)
    df["half"] = [half_of(p, d) for p, d in zip(df["period"], df["date"])]
    df["year"] = df["year"].astype("Int64")
    with _LOCK:
        _CACHE[key] = df
        while len(_CACHE) > _MAX:
            _CACHE.popitem(last=False)
    return df


_NUMERIC = re.compile(
    r"^[第]?[0-9０-９.．%％〇○零一二三四五六七八九十百千万亿两]+"
    r"[年月日号次个名人位项条篇期届批余多]?[度]?$"
)


def _keep_token(tok: str, stop: frozenset) -> bool:
    if len(tok) < 2 or tok in stop:
        return False
    if not any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in tok):
        return False  # punctuation, digits, symbols
    if any(ch.isdigit() for ch in tok) or _NUMERIC.match(tok):
        return False  # 2023年, 第三, 十五次
    return True


def tokens(archive, stopwords: frozenset) -> list[list[str]]:
    """Content words of each document of :func:`corpus` (same order): jieba tokens of the
    folded text, without stop-words, numbers, punctuation and single characters."""
    from ..segment import default_segmenter

    key = (_state(archive), stopwords, data_version("userdict.txt", archive))
    with _LOCK:
        if key in _TOKENS:
            return _TOKENS[key]
    seg = default_segmenter(archive=archive.root)
    out = [[t for t in seg.cut(text) if _keep_token(t, stopwords)] for text in corpus(archive)["folded"]]
    with _LOCK:
        _TOKENS[key] = out
        while len(_TOKENS) > _MAX:
            _TOKENS.popitem(last=False)
    return out

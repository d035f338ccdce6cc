"""Distinctive keywords of each period: TF-IDF where the IDF comes from this archive.

jieba's bundled IDF table describes general Chinese; against it every 党建 word looks
distinctive. Here document frequencies are counted over the archive's own documents,
so words every record uses (支部, 会议, 学习 …) score low and each period's own
vocabulary rises. Tokens come from the project's segmenter (jieba / jieba-rs with the
domain dictionary) on folded text; stop-words (``dj_archive/data/stopwords.txt``),
numbers, punctuation and single characters are dropped.

score(term, period) = (occurrences in the period per 1,000 kept tokens of the period)
                      × ln(N / documents containing the term),
the tf·idf weighting of ``jieba.analyse.extract_tags`` with an archive-specific IDF.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .corpus import corpus, tokens

__all__ = ["period_keywords", "load_stopwords"]

_STOPWORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "stopwords.txt"


@lru_cache(maxsize=1)
def _default_stopwords() -> frozenset:
    words = set()
    for line in _STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        w = line.strip()
        if w and not w.startswith("#"):
            words.add(w)
    return frozenset(words)


def load_stopwords(extra=()) -> frozenset:
    """The packaged stop-words plus ``extra``."""
    base = _default_stopwords()
    return base | frozenset(extra) if extra else base


def period_keywords(
    archive, top: int = 10, unit: str = "year", stopwords=None, min_docs: int = 2
) -> pd.DataFrame:
    """The ``top`` most distinctive words of each period.

    ``unit``: ``"year"`` or ``"half"`` (as in :func:`~dj_archive.analysis.trends.term_frequency`).
    ``stopwords``: extra words to ignore, added to the packaged list.
    ``min_docs``: a word must occur in at least this many documents of the period (one
    document repeating a name or a phrase is not a trend).

    Columns: period, rank (1 = most distinctive), term, score (4 decimals), count
    (occurrences in the period). Sorted by period, rank; ties broken by term.
    """
    if unit not in ("year", "half"):
        raise ValueError(f"unit must be 'year' or 'half', got {unit!r}")
    stop = load_stopwords(stopwords or ())
    docs = corpus(archive)
    toks = tokens(archive, stop)
    if unit == "year":
        periods = [None if pd.isna(y) else str(int(y)) for y in docs["year"]]
    else:
        periods = list(docs["half"])
    n = len(docs)
    df = Counter()
    for ts in toks:
        df.update(set(ts))
    per_tf: dict[str, Counter] = {}
    per_df: dict[str, Counter] = {}
    per_total: Counter = Counter()
    for p, ts in zip(periods, toks):
        if p is None:
            continue
        per_tf.setdefault(p, Counter()).update(ts)
        per_df.setdefault(p, Counter()).update(set(ts))
        per_total[p] += len(ts)
    rows = []
    for p in sorted(per_tf):
        total = per_total[p] or 1
        scored = []
        for term, c in per_tf[p].items():
            if per_df[p][term] < min_docs:
                continue
            score = round(c * 1000 / total * math.log(n / df[term]), 4)
            if score > 0:
                scored.append((-score, term, c))
        scored.sort()
        for rank, (neg, term, c) in enumerate(scored[:top], start=1):
            rows.append({"period": p, "rank": rank, "term": term, "score": -neg, "count": c})
    return pd.DataFrame(rows, columns=["period", "rank", "term", "score", "count"])

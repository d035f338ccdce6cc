"""Distinctive keywords of each period: TF-IDF where the IDF comes from this archive.

jieba's bundled IDF table describes general Chinese; against it every 党建 word looks
distinctive. Here document frequencies are counted over the archive's own documents,
so words every record uses (支部, 会议, 学习 …) score low and each period's own
vocabulary rises. Tokens come from the project's segmenter (jieba / jieba-rs with the
domain dictionary) on folded text; stop-words (``dj_archive/data/stopwords.txt``),
numbers, punctuation and single characters are dropped, and so are candidates jieba's
part-of-speech tagger marks as personal names (the members listed in rosters and
development files), adverbs, conjunctions, pronouns, numerals and time words.

score(term, period) = (occurrences in the period per 1,000 kept tokens of the period)
                      × ln(N / documents containing the term),
the tf·idf weighting of ``jieba.analyse.extract_tags`` with an archive-specific IDF.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from functools import lru_cache

import pandas as pd

from ..segment import load_stopwords
from .corpus import corpus, tokens

__all__ = ["period_keywords", "keywords_table", "load_stopwords"]


#: jieba part-of-speech tags of words that are never keywords: personal names, adverbs,
#: conjunctions, prepositions, particles, pronouns, numerals, measure and time words.
EXCLUDED_POS = frozenset("c d p u uj ul uz uv ud ug r m mq q e y o x f t".split())
_NAME_POS = frozenset({"nr", "nrfg", "nrt"})


@lru_cache(maxsize=1)
def _tagger():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter in notebooks
    return jieba.posseg.dt


@lru_cache(maxsize=1)
def _domain_words() -> frozenset:
    from ..segment import user_words

    return frozenset(w for w, _, _ in user_words())


@lru_cache(maxsize=65536)
def _pos_ok(term: str) -> bool:
    """False when jieba tags ``term`` as a single word of an excluded part of speech.
    Words of the domain dictionary (二十大, 三会一课 …) are always kept."""
    if term in _domain_words():
        return True
    tags = _tagger().lcut(term)
    if len(tags) != 1:
        return True
    flag = tags[0].flag
    if flag in _NAME_POS:
        # Chinese personal names have 2-3 characters; jieba's HMM also tags unknown
        # 4-character phrases (严守纪律) as names.
        return len(term) > 3
    return flag not in EXCLUDED_POS


def period_keywords(
    archive, top: int = 10, unit: str = "year", stopwords=None, min_docs: int = 2, filter_pos: bool = True
) -> pd.DataFrame:
    """The ``top`` most distinctive words of each period.

    ``unit``: ``"year"`` or ``"half"`` (as in :func:`~dj_archive.analysis.trends.term_frequency`).
    ``stopwords``: extra words to ignore, added to the packaged list.
    ``min_docs``: a word must occur in at least this many documents of the period (one
    document repeating a name or a phrase is not a trend).
    ``filter_pos``: drop names, adverbs, numerals … by jieba's part-of-speech tags.

    Columns: period, rank (1 = most distinctive), term, score (4 decimals), count
    (occurrences in the period). Sorted by period, rank; ties broken by term.
    """
    if unit not in ("year", "half"):
        raise ValueError(f"unit must be 'year' or 'half', got {unit!r}")
    stop = load_stopwords(stopwords or (), archive)
    docs = corpus(archive)
    toks = tokens(archive, stop)
    if unit == "year":
        periods = [None if pd.isna(y) else str(int(y)) for y in docs["year"]]
    else:
        periods = [None if pd.isna(p) else p for p in docs["half"]]
    n = len(docs)
    df: Counter = Counter()
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
        rank = 0
        for neg, term, c in scored:
            if rank == top:
                break
            if filter_pos and not _pos_ok(term):
                continue
            rank += 1
            rows.append({"period": p, "rank": rank, "term": term, "score": -neg, "count": c})
    return pd.DataFrame(rows, columns=["period", "rank", "term", "score", "count"])


def keywords_table(df: pd.DataFrame) -> pd.DataFrame:
    """A :func:`period_keywords` frame side by side: one column per period, one row per rank."""
    if not len(df):
        return pd.DataFrame()
    wide = df.pivot(index="rank", columns="period", values="term")
    wide.columns = pd.Index([str(c) for c in wide.columns], name="期间")
    wide.index.name = "排名"
    return wide.fillna("")

"""Continuity between summaries: were last period's plans carried out, and which
problems keep coming back?

*Commitments* are the clauses (split at 。 and ；) of the previous summary's 下一步
part, each under its sub-heading. The evidence for one is the records of this period
that either (a) have one of the clause's key terms in their title (jieba keywords,
generic 党建 words left out; a term also matches its synonyms in
``data/synonyms.yml``, so 三会一课 finds the 支委会 and 党课 records), or (b) are
records of an activity the clause names (it matches an indicator's patterns in
``indicators.yml`` and the record's title has that indicator's ``record_title``):
"组织开展一次警示教育活动" is evidenced by the 警示教育活动记录 of the period.
Titles are evidence to check, not proof: the annex says which terms matched.

*Problems* are the items of the 存在的问题 part of every earlier summary. Two items
are the same problem when they are of the same kind (:mod:`~dj_archive.draft.topics`:
理论学习, 组织生活, 台账资料 …; summaries reword a carried-over problem) or, for
items of no known kind, when the Jaccard similarity of their character bigrams is at
least ``PROBLEM_SIMILARITY``. A problem *recurs* when it appears in two or more
summaries, and is *persistent* when it appears in three or more consecutive ones
(consecutive in the branch's reporting sequence: 2023H1 → 2023年度 → 2024H1 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..normalize import fold
from ..periods import Period, PeriodSequence
from ..query import synonyms_for
from ..understand.numerals import CN_NUMERAL_CHARS
from .records import BranchRecords, Source, Summary, clauses
from .topics import problem_topic

__all__ = ["Commitment", "Problem", "commitments", "problem_history", "key_terms", "similarity", "PROBLEM_SIMILARITY"]

#: Bigram Jaccard at or above which two problem statements count as the same problem.
PROBLEM_SIMILARITY = 0.3
#: Problems appearing in at least this many consecutive summaries are flagged.
PERSISTENT_RUN = 3

#: Words jieba's IDF rates below this are everyday words (管理 4.7, 任务 5.6, 实际 5.3)
#: that would match unrelated titles; domain words it does not know get the median.
MIN_IDF = 6.5
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset:
    from ..segment import load_stopwords
    from .vocab import drafting_vocabulary

    # Plan-speak that would match almost any record title (data/drafting.yml plan_words).
    return load_stopwords(drafting_vocabulary().plan_words)


@lru_cache(maxsize=1)
def _idf():
    import jieba.analyse

    t = jieba.analyse.default_tfidf
    return t.idf_freq, t.median_idf


def key_terms(text: str, top: int = 5) -> list[str]:
    """The ``top`` keywords of ``text`` by tf·idf (jieba's IDF; words it does not know,
    such as the domain dictionary's 党纪学习教育, get the median), stop-words, everyday
    words (IDF < ``MIN_IDF``) and numerals removed.

    >>> key_terms("深入开展党纪学习教育，组织党员赴廉政教育基地参观")
    ['党纪学习教育', '廉政', '参观']
    """
    from ..segment import default_segmenter

    stop = _stopwords()
    idf, median = _idf()
    counts: dict[str, int] = {}
    for tok in default_segmenter().cut(fold(text or "")):
        if tok in stop or not _CJK.match(tok) or len(tok) < 2 or idf.get(tok, median) < MIN_IDF:
            continue
        if all(ch in CN_NUMERAL_CHARS for ch in tok):  # 二十 of 二十届三中全会
            continue
        counts[tok] = counts.get(tok, 0) + 1
    order = {t: i for i, t in enumerate(counts)}
    ranked = sorted(counts, key=lambda t: (-counts[t] * idf.get(t, median), order[t]))
    return ranked[:top]


@dataclass
class Commitment:
    """One clause of the previous summary's 下一步 part and what this period's records show."""

    group: str  # the sub-heading the clause stands under ("" if the part has none)
    text: str
    terms: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)  # indicators the clause names
    evidence: list[Source] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.evidence)

    def to_dict(self) -> dict:
        return {
            "group": self.group,
            "text": self.text,
            "terms": self.terms,
            "activities": self.activities,
            "evidence": [s.to_dict() for s in self.evidence],
        }


def commitments(branch: BranchRecords, vocabulary=None) -> list[Commitment]:
    """The previous summary's plans, clause by clause, each with the records of
    ``branch.period`` that evidence it (most matching terms first, then by date)."""
    prev = branch.previous
    if prev is None:
        return []
    if vocabulary is None:
        from ..understand.indicators import default_indicators

        vocabulary = default_indicators(branch.archive)
    record_titles = vocabulary.record_titles()
    titled = [(fold(r["title"] or ""), r) for r in branch.records]
    out = []
    for heading, body in prev.part("next"):
        for text in clauses(body) or clauses(heading):
            terms = key_terms(text)
            named = {n for _, _, n in vocabulary.matches(text)}
            activities = [n for n in record_titles if n in named]
            # A term also matches its synonyms (data/synonyms.yml): 三会一课 → 支委会, 党课 …
            wanted = [synonyms_for(fold(t), branch.archive) for t in terms] + [
                (fold(record_titles[a]),) for a in activities
            ]
            hits = []
            for t, r in titled:
                matched = sum(any(v in t for v in variants) for variants in wanted)
                if matched:
                    hits.append((matched, r))
            # The best-matching records: a title that shares one word of five with the
            # plan is weak evidence when another shares three.
            floor = (max((m for m, _ in hits), default=0) + 1) // 2
            hits = sorted((h for h in hits if h[0] >= floor), key=lambda h: (-h[0], h[1]["date"] or "", h[1]["path"]))
            out.append(Commitment(heading, text, terms, activities, [Source.from_row(r) for _, r in hits]))
    return out


def _bigrams(text: str) -> set[str]:
    s = "".join(ch for ch in fold(text) if ch.isalnum())
    return {s[i : i + 2] for i in range(len(s) - 1)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the character bigrams of two statements (punctuation ignored).

    >>> round(similarity("理论学习不够深入，学用结合不紧密", "理论学习还不够深入，联系实际不紧密"), 2)
    0.38
    """
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


@dataclass
class Problem:
    """A problem and the summaries that name it (oldest first)."""

    text: str  # the most recent wording
    topic: str | None = None  # its kind (data/problem_topics.yml), if it has one
    occurrences: list[tuple[Summary, str]] = field(default_factory=list)
    #: The branch's summaries in order (half-year and annual mixed, as filed): what
    #: "consecutive" is counted on. None: the occurrences' own periods are the sequence.
    sequence: PeriodSequence | None = None

    @property
    def label(self) -> str:
        """How to name it: its topic, else the first sentence of the latest wording."""
        return self.topic or re.split(r"[。！？!?]", self.text, maxsplit=1)[0]

    @property
    def periods(self) -> list[Period]:
        return [s.period for s, _ in self.occurrences]

    def _runs(self) -> list[int]:
        """Length of the run each occurrence ends (1 where the summary before it in the
        branch's sequence does not name the problem)."""
        seq = self.sequence if self.sequence is not None else PeriodSequence(self.periods)
        out: list[int] = []
        for i, p in enumerate(self.periods):
            out.append(out[-1] + 1 if i and seq.consecutive(self.periods[i - 1], p) else 1)
        return out

    @property
    def run(self) -> int:
        """Longest run of consecutive summaries (adjacent in :attr:`sequence`) naming the problem."""
        return max(self._runs(), default=0)

    @property
    def latest_run(self) -> int:
        """Consecutive summaries up to and including the latest one that names the problem."""
        runs = self._runs()
        return runs[-1] if runs else 0

    @property
    def recurs(self) -> bool:
        return len(self.occurrences) >= 2

    @property
    def persistent(self) -> bool:
        return self.run >= PERSISTENT_RUN

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "topic": self.topic,
            "text": self.text,
            "periods": [str(p) for p in self.periods],
            "consecutive": self.run,
            "sources": [s.source.to_dict() for s, _ in self.occurrences],
        }


def _problem_items(summary: Summary) -> list[str]:
    items = []
    for heading, body in summary.part("problems"):
        if heading:
            # A sub-headed problem is stated by its heading; the body is the evidence.
            items.append(heading)
        elif body:
            items.append(body)
    return items


def problem_history(summaries: list[Summary], threshold: float = PROBLEM_SIMILARITY) -> list[Problem]:
    """Problems of ``summaries`` (oldest first) grouped across periods, in order of first appearance.

    A statement joins the group of its topic (:func:`~dj_archive.draft.topics.problem_topic`:
    summaries reword a carried-over problem, so the kind of problem is the better
    witness); a statement of no known topic joins the group holding its most similar
    earlier wording (bigram Jaccard ≥ ``threshold``). A summary counts once per group.
    """
    groups: list[Problem] = []
    sequence = PeriodSequence(s.period for s in summaries)
    for s in summaries:
        for item in _problem_items(s):
            topic = problem_topic(item)
            if topic:
                target = next((g for g in groups if g.topic == topic), None)
            else:
                target, best = None, threshold
                for g in groups:
                    sim = max(similarity(item, w) for _, w in g.occurrences)
                    if sim >= best:
                        target, best = g, sim
            if target is None:
                target = Problem(item, topic, sequence=sequence)
                groups.append(target)
            if target.occurrences and target.occurrences[-1][0] is s:
                continue  # two statements of one kind in one summary: the first stands
            target.occurrences.append((s, item))
            target.text = item
    return groups

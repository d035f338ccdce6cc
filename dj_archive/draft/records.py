"""What the archive holds for one branch: its periodic summaries and the records
of a period, and the activity figures those records evidence.

A *summary* is a document whose title names a reporting period and says it is the
branch's (党建) work summary: ``机关第一党支部2024年上半年党建工作总结``, ``…2024年度工作总结``.
Topical summaries (``2023年主题教育工作总结``) are not periodic summaries.

A *record* of a period is any document of the branch whose period is one of the
period's half-years (records carry the half-year of their date) and which is not a
summary or plan (those carry the period they report on or plan for).

Figures are counted by the ``record_title`` rule of ``dj_archive/data/indicators.yml``:
one filed document whose title contains the keyword is one occurrence
(支委会 → 支委会会议记录, 发展预备党员 → 接收预备党员, one file per person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..errors import NoRecords, UnknownOrg
from ..i18n import N_
from ..normalize import fold
from ..periods import Period, parse_period

__all__ = ["Source", "Summary", "Figure", "BranchRecords", "SUMMARY_TITLE", "points", "clauses"]

#: Title of a periodic summary; group 1 is the year, group 2 the half (or 度/全年).
SUMMARY_TITLE = re.compile(r"(\d{4})年(上半年|下半年|度|全年)?(?:党建|党支部|支部|党总支)?工作总结")
#: Document types that report on or plan a period rather than record an activity.
_NOT_RECORDS = ("工作总结", "工作计划", "述职报告")
# Last lines that are not content: a date, a signature (short, no punctuation, not a
# heading), or
# the closing pledge (下一步，XX支部将…).
_TAIL = re.compile(
    r"^(?:[0-9〇○零一二三四五六七八九十]{2,4}\s*[年.\-/]\s*[0-9一二三四五六七八九十]{1,2}\s*[月.\-/]\s*[0-9一二三四五六七八九十]{1,3}\s*日?"
    r"|(?![一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．])[^。；;，,：:！？!?]{1,24}"
    r"|(?:(?:下一步|今后|新的一年|下阶段)[，,])?[^。，,]{0,24}?(?:党支部|支部|党总支)将.*)$"
)


@dataclass(frozen=True)
class Source:
    """One archived document cited as evidence."""

    id: str
    path: str
    title: str
    date: str | None

    @classmethod
    def from_row(cls, row: dict) -> Source:
        """From a row of :meth:`Archive.documents`."""
        return cls(row["id"], row["path"], row["title"] or "", row["date"] or None)

    def to_dict(self) -> dict:
        return {"id": self.id, "path": self.path, "title": self.title, "date": self.date}


@dataclass
class Summary:
    """A periodic summary of the branch, with its outline parsed on first use."""

    source: Source
    period: Period
    text: str

    @cached_property
    def _end(self) -> int:
        """Where the body ends: before the 落款, the date and a closing 表态 paragraph."""
        lines = self.text.rstrip().split("\n")
        while lines and _TAIL.search(lines[-1].strip()) or (lines and not lines[-1].strip()):
            lines.pop()
        return len("\n".join(lines))

    @cached_property
    def outline(self):
        from ..understand.outline import parse_outline

        return parse_outline(self.text)

    def part(self, name: str) -> list[tuple[str, str]]:
        """(heading, body) items of a canonical part (``work``, ``problems``, ``next``).

        The items are the sub-headings of the part (``（一）…``), or, in a summary that
        gives the work part as several top-level sections, those sections. A part
        without sub-headings yields one item per sentence-level point (一是…；二是…).
        """
        ol = self.outline
        text = ol.text[: self._end]
        secs = ol.part_sections.get(name) or []
        if not secs:
            return []
        if len(secs) > 1 and name == "work":
            return [(s.heading.text, s.body(text)) for s in secs]
        top = secs[0]
        idx = ol.sections.index(top)
        children = [s for s in ol.sections if s.parent == idx]
        if children:
            return [(s.heading.text, s.body(text)) for s in children]
        return [("", p) for p in points(top.body(text))]


@dataclass
class Figure:
    """An activity count evidenced by filed records."""

    indicator: str
    record_title: str
    sources: list[Source] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.sources)


_MARKER = re.compile(r"(?:^|(?<=[。；;：:\n]))\s*[一二三四五六七八九十]是[，,、：:]?")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_CLAUSE_END = re.compile(r"(?<=[。；;！？!?])")


def _tidy(chunk: str) -> str:
    return chunk.strip().strip(" \u3000\n；;，,")


def points(body: str) -> list[str]:
    r"""The points of a section body, for problems and plans written without sub-headings.

    Enumerated points (一是…；二是…) are split at their markers, each ending with its
    paragraph (a closing 分析原因… paragraph is not a point); otherwise each paragraph
    is a point, and a single paragraph is split into sentences. Scraps under six
    characters are dropped.

    >>> points("一是学习不够深入。表现为……\n二是制度执行不严格。\n分析原因，主要是……")
    ['学习不够深入。表现为……', '制度执行不严格。']
    >>> points("会议记录不规范。党员参与不积极。")
    ['会议记录不规范。', '党员参与不积极。']
    """
    body = body or ""
    marks = list(_MARKER.finditer(body))
    if marks:
        chunks = []
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(body)
            chunks.append(body[m.end() : end].split("\n", 1)[0])
    else:
        lines = [ln for ln in body.splitlines() if ln.strip()]
        chunks = lines if len(lines) > 1 else _SENTENCE_END.split(body)
    return [c for c in (_tidy(c) for c in chunks) if len(c) >= 6]


def clauses(text: str) -> list[str]:
    """Clauses of a plan (split at 。 and ；, enumeration markers dropped).

    >>> clauses("一是开展一次警示教育；二是编印党建工作手册。")
    ['开展一次警示教育', '编印党建工作手册']
    """
    out = []
    for c in _CLAUSE_END.split(text or ""):
        c = _tidy(_MARKER.sub("", _tidy(c), count=1)).rstrip("。；;")
        if len(c) >= 6:
            out.append(c)
    return out


class BranchRecords:
    """One branch's documents, summaries and the records of one period."""

    def __init__(self, archive, org: str, period):
        cfg = archive.config
        canonical = cfg.resolve_org(org) if org else None
        if not canonical:
            known = "、".join(cfg.org_names) or N_("(none: fonds.yml lists no orgs)")
            raise UnknownOrg(
                N_("unknown branch {org!r}; the branches of this archive are: {known}").format(org=org, known=known)
            )
        self.archive = archive
        self.org = canonical
        self.period = parse_period(period)
        docs = archive.documents(with_text=True, org=canonical)
        self.docs = docs.astype(object).where(docs.notna(), None)
        rows = self.docs.to_dict("records")
        self.records = [r for r in rows if r["period"] in self.period.halves and r["doc_type"] not in _NOT_RECORDS]
        if not self.records:
            halves = (r["period"] for r in rows if r["doc_type"] not in _NOT_RECORDS)
            seen = sorted({h for h in halves if re.fullmatch(r"\d{4}H[12]", h or "")})
            if seen:
                have = N_("; its records cover {first} to {last}").format(first=seen[0], last=seen[-1])
            else:
                have = N_("; it has no dated records at all")
            raise NoRecords(
                N_("no records of {canonical} for {period} ({label}) in the archive{have}").format(
                    canonical=canonical, period=self.period, label=self.period.label, have=have
                )
            )
        self.summaries = self._summaries(rows)

    def _summaries(self, rows) -> list[Summary]:
        best: dict[Period, dict] = {}
        for r in rows:
            m = SUMMARY_TITLE.search(fold(r["title"] or ""))
            if not m:
                continue
            half = {"上半年": 1, "下半年": 2}.get(m.group(2) or "")
            p = Period(int(m.group(1)), half)
            # Several versions of one period's summary (初稿, 终稿): the latest dated wins.
            if p not in best or (r["date"] or "", r["path"]) > (best[p]["date"] or "", best[p]["path"]):
                best[p] = r
        return [Summary(Source.from_row(r), p, r["text"] or "") for p, r in sorted(best.items())]

    @property
    def earlier(self) -> list[Summary]:
        """Summaries of periods that end before this period ends, oldest first."""
        return [s for s in self.summaries if s.period < self.period and s.period.end < self.period.end]

    @property
    def previous(self) -> Summary | None:
        """The summary this period follows on from: of the periods ending before this one
        ends, the latest; a year beats its own second half (2025H1 → 2024年度, else 2024H2;
        2025 → 2025H1, else 2024年度)."""
        earlier = self.earlier
        return earlier[-1] if earlier else None

    @property
    def existing(self) -> Summary | None:
        """A summary of this very period already in the archive, if any."""
        for s in self.summaries:
            if s.period == self.period:
                return s
        return None

    def figures(self, vocabulary=None) -> list[Figure]:
        """One Figure per indicator that has a ``record_title`` rule, in vocabulary order."""
        if vocabulary is None:
            from ..understand.indicators import default_indicators

            vocabulary = default_indicators(self.archive)
        titled = [(fold(r["title"] or ""), r) for r in self.records]
        out = []
        for name, keyword in vocabulary.record_titles().items():
            key = fold(keyword)
            hits = [r for t, r in titled if key in t]
            hits.sort(key=lambda r: (r["date"] or "", r["path"]))
            out.append(Figure(name, keyword, [Source.from_row(r) for r in hits]))
        return out

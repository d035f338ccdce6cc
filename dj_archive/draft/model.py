"""The draft as data: paragraphs with footnote references, footnotes and what the
drafter is told about the record. Rendering lives in :mod:`.markdown`, :mod:`.html` and :mod:`.docx`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..periods import Period
from .followup import Commitment, Problem
from .records import Figure, Source

__all__ = ["Para", "Note", "Draft", "Writer", "REF", "HINT", "TODO", "number_ranges"]

#: Marks in the text: wording offered from earlier summaries, notes to the drafter, gaps.
REF = "【参考往期表述】"
HINT = "【起草提示】"
TODO = "【待补充】"


@dataclass
class Para:
    """A paragraph of the draft. ``runs`` holds text and footnote numbers (int) in order.

    Kinds: ``title``, ``body``, ``h1`` (一、), ``h2`` (（一）), ``h3`` (1.), ``sign``
    (落款), ``date``, ``table`` (``rows``; first row is the header). ``new_page``: the
    paragraph starts a page (Word's page-break-before, so no empty paragraph is left behind).
    """

    kind: str
    runs: list = field(default_factory=list)
    rows: list[list[str]] | None = None
    new_page: bool = False

    @property
    def text(self) -> str:
        return "".join(r for r in self.runs if isinstance(r, str))


@dataclass
class Note:
    """A footnote: what a sentence's figures count, and the numbers of its documents in the
    draft's numbered source list (``Draft.sources``, printed in full in 起草参考)."""

    n: int
    text: str
    sources: list[Source]
    refs: list[int] = field(default_factory=list)

    @property
    def short(self) -> str:
        """The footnote as printed: one short line, the sources by number.

        >>> Note(1, "", [], [1, 2, 3, 5]).short, Note(2, "党费收缴情况", [], [7]).short
        ('据起草参考“引用记录”第1—3、5号。', '党费收缴情况据起草参考“引用记录”第7号。')
        """
        return f"{self.text}据起草参考“引用记录”第{number_ranges(self.refs)}号。"


def number_ranges(numbers) -> str:
    """1, 2, 3, 5 → ``1—3、5`` (runs of three or more joined by a dash).

    >>> number_ranges([4, 1, 2, 3, 7, 8])
    '1—4、7、8'
    """
    ns = sorted(set(numbers))
    out, i = [], 0
    while i < len(ns):
        j = i
        while j + 1 < len(ns) and ns[j + 1] == ns[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{ns[i]}—{ns[j]}")
        else:
            out += [str(x) for x in ns[i : j + 1]]
        i = j + 1
    return "、".join(out)


@dataclass
class Draft:
    org: str
    period: Period
    title: str
    date: str  # ISO date of the 落款
    body: list[Para]
    annex: list[Para]
    notes: list[Note]
    figures: list[Figure]
    commitments: list[Commitment]
    problems: list[Problem]
    previous: Source | None
    overlaps: list[dict]  # one per earlier summary, oldest first
    existing: Source | None = None  # a summary of this period already filed
    sources: list[Source] = field(default_factory=list)  # cited documents, numbered from 1
    archive_root: Path | None = None  # where the records came from: save() never writes there

    def body_text(self) -> str:
        """The summary itself (标题 to date) as plain text: what overlap is measured on."""
        return "\n".join(p.text for p in self.body)

    # -- tables for notebooks: what the drafter checks before writing ----------------
    def figures_frame(self):
        """One row per figure: indicator, count and the records it was counted from."""
        import pandas as pd

        rows = [
            {"指标": f.indicator, "数量": f.count, "依据": "；".join(s.title for s in f.sources)} for f in self.figures
        ]
        return pd.DataFrame(rows, columns=["指标", "数量", "依据"])

    def commitments_frame(self):
        """Last period's 下一步 items with the evidence found this period (or 未找到相关记录)."""
        import pandas as pd

        rows = [
            {
                "上期打算": c.group or "",
                "具体内容": c.text,
                "落实证据": "；".join(s.title for s in c.evidence) or "未找到相关记录",
            }
            for c in self.commitments
        ]
        return pd.DataFrame(rows, columns=["上期打算", "具体内容", "落实证据"])

    def problems_frame(self):
        """Problems stated in earlier summaries, with the periods they appear in."""
        import pandas as pd

        rows = [
            {"问题": p.label, "出现期间": "、".join(str(x) for x in p.periods), "连续期数": p.run}
            for p in self.problems
        ]
        return pd.DataFrame(rows, columns=["问题", "出现期间", "连续期数"])

    def summary(self) -> dict:
        """What the drafter should know at a glance: figures counted (and from how many
        records), indicators without records, last period's plans without records,
        recurring problems, and the overlap with earlier summaries (largest first)."""
        counted = [f for f in self.figures if f.count]
        recurring = [g for g in self.problems if g.recurs]
        return {
            "figures": len(counted),
            "records": len({s.path for f in counted for s in f.sources}),
            "indicators_without_records": len(self.figures) - len(counted),
            "previous": None if self.previous is None else self.previous.title,
            "plans": len(self.commitments),
            "plans_without_records": sum(not c.found for c in self.commitments),
            "recurring_problems": len(recurring),
            "persistent_problems": sum(g.persistent for g in recurring),
            "overlaps": [
                {"label": o["label"], "share": o["share"]} for o in sorted(self.overlaps, key=lambda o: -o["share"])
            ],
            "existing": None if self.existing is None else self.existing.path,
        }

    def to_markdown(self) -> str:
        from .markdown import to_markdown

        return to_markdown(self)

    def to_html(self) -> str:
        """HTML with the footnotes listed as numbered 注释 (what a notebook shows)."""
        from .html import to_html

        return to_html(self)

    def _repr_html_(self) -> str:
        return self.to_html()

    def save(self, path) -> Path:
        """Write ``.md`` or ``.docx`` (by the suffix), atomically. Returns the path.
        A path inside the archive the draft was made from is refused
        (:class:`~dj_archive.errors.OutputInsideArchive`): originals are never written."""
        from ..outfile import write_output

        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".md":
            text = self.to_markdown()
            return write_output(path, lambda p: p.write_text(text, encoding="utf-8"), self.archive_root)
        if suffix == ".docx":
            from .docx import write_docx

            return write_output(path, lambda p: write_docx(self, p), self.archive_root)
        raise ValueError(f"cannot write {suffix or 'a file without suffix'}: use .docx or .md")


class Writer:
    """Accumulates paragraphs and numbers footnotes in order of appearance."""

    def __init__(self):
        self.paras: list[Para] = []
        self.notes: list[Note] = []
        self.sources: list[Source] = []  # numbered in order of first citation
        self._numbers: dict[str, int] = {}

    def add(self, kind: str, *runs, rows=None, new_page: bool = False) -> Para:
        p = Para(kind, list(runs), rows, new_page)
        self.paras.append(p)
        return p

    def note(self, text: str, sources: list[Source]) -> int:
        n = len(self.notes) + 1
        refs = []
        for s in sources:
            if s.id not in self._numbers:
                self.sources.append(s)
                self._numbers[s.id] = len(self.sources)
            refs.append(self._numbers[s.id])
        self.notes.append(Note(n, text, sources, refs))
        return n

"""Drafting from the record: the next half-year or annual summary of a branch, with
figures counted from filed records (each with its sources), last period's plans
checked against this period's records, recurring problems, and the draft's overlap
with earlier summaries; plus ``overlap`` for any file against the archive.

>>> import dj_archive
>>> from dj_archive.draft import draft
>>> arc = dj_archive.open_archive("archive")                  # doctest: +SKIP
>>> d = draft(arc, "2025H1", "机关第一党支部")                  # doctest: +SKIP
>>> [(f.indicator, f.count) for f in d.figures][:2]            # doctest: +SKIP
[('集中学习', 2), ('支委会', 3)]
>>> d.save("out.docx"); d.save("out.md")                       # doctest: +SKIP
"""

from ..periods import InvalidPeriod, Period, parse_period
from .compose import draft
from .model import Draft
from .overlap import overlap_with_archive, read_for_overlap

__all__ = ["draft", "Draft", "overlap_with_archive", "read_for_overlap", "parse_period", "Period", "InvalidPeriod"]

"""Dates and reporting periods: the one place that knows what ``2023H1`` means.

A period is a half-year (``2023H1``, ``2023H2``) or a whole year (``2023``). Summaries
and plans report on one; records count towards the half-year they happened in.

>>> p = parse_period("2023年上半年")
>>> p, str(p), p.label, p.halves, p.start, p.end
(Period('2023H1'), '2023H1', '2023年上半年', ('2023H1',), '2023-01-01', '2023-06-30')
>>> y = parse_period("2023年度")
>>> y.label, y.scope, y.halves, y.contains("2023-09-30")
('2023年度', '全年', ('2023H1', '2023H2'), True)
>>> sorted(map(parse_period, ["2024", "2024H1", "2023", "2023H2"]))
[Period('2023H2'), Period('2023'), Period('2024H1'), Period('2024')]

A branch's reports form its own sequence, mixing half-year and annual summaries;
"the next report" is the next one in that sequence, not the next half-year:

>>> seq = PeriodSequence(["2023H1", "2023", "2024H1", "2024"])
>>> seq.next("2023"), seq.previous("2024H1")
(Period('2024H1'), Period('2023'))
>>> seq.consecutive("2023", "2024")          # 2024H1 lies between them
False
>>> PeriodSequence(["2022", "2023"]).consecutive("2022", "2023")
True

Dates as people type them:

>>> parse_date("2023年1月6日"), parse_date("2023/1/6"), parse_date("20230106"), parse_date("2023-02-30")
('2023-01-06', '2023-01-06', '2023-01-06', None)
>>> half_of_date("2023-07-01")
'2023H2'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as _date

from .errors import InvalidPeriod
from .i18n import N_

__all__ = [
    "Period",
    "PeriodSequence",
    "PeriodLike",
    "parse_period",
    "try_period",
    "period_label",
    "period_range",
    "half_of",
    "half_of_date",
    "consecutive",
    "parse_date",
    "date_from_match",
    "DATE_PATTERN",
    "InvalidPeriod",
]

_HALF_WORDS = {"上半年": 1, "下半年": 2, "度": None, "全年": None, "年度": None, "": None}
_CODE = re.compile(r"^\s*(\d{4})\s*(?:[-_ ]?[Hh]([12]))?\s*$")
_WORDS = re.compile(r"^\s*(\d{4})\s*年\s*(上半年|下半年|年度|度|全年)?\s*$")


@dataclass(frozen=True)
class Period:
    """A half-year (``half`` 1 or 2) or a whole year (``half`` None).

    Periods order by end date, a year after its own second half (it covers more).
    """

    year: int
    half: int | None = None

    def __str__(self) -> str:
        return f"{self.year}H{self.half}" if self.half else str(self.year)

    def __repr__(self) -> str:
        return f"Period('{self}')"

    def _key(self) -> tuple[int, int, int]:
        return (self.year, 6 if self.half == 1 else 12, 0 if self.half else 1)

    def __lt__(self, other: Period) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Period) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Period) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Period) -> bool:
        return self._key() >= other._key()

    @property
    def is_year(self) -> bool:
        return self.half is None

    @property
    def label(self) -> str:
        """How titles name the period: 2025年上半年 / 2025年下半年 / 2025年度."""
        return f"{self.year}年" + {1: "上半年", 2: "下半年", None: "度"}[self.half]

    @property
    def scope(self) -> str:
        """上半年 / 下半年 / 全年."""
        return {1: "上半年", 2: "下半年", None: "全年"}[self.half]

    @property
    def halves(self) -> tuple[str, ...]:
        """The half-years the period covers (records are dated by half-year)."""
        return (str(self),) if self.half else (f"{self.year}H1", f"{self.year}H2")

    @property
    def start(self) -> str:
        """First day, ISO."""
        return f"{self.year}-07-01" if self.half == 2 else f"{self.year}-01-01"

    @property
    def end(self) -> str:
        """Last day, ISO."""
        return f"{self.year}-06-30" if self.half == 1 else f"{self.year}-12-31"

    def contains(self, date: str | None) -> bool:
        """Is the ISO ``date`` (or a longer timestamp) within the period?

        >>> Period(2023, 1).contains("2023-06-30"), Period(2023, 1).contains("2023-07-01")
        (True, False)
        """
        if not date or len(date) < 10:
            return False
        return self.start <= date[:10] <= self.end


PeriodLike = Period | str | int


def parse_period(value: PeriodLike) -> Period:
    """``Period`` from ``2025H1`` / ``2025h2`` / ``2025-H1`` / ``2025`` / ``2025年上半年`` /
    ``2025年度`` / ``2025年`` (or a Period, or a year as int); raises InvalidPeriod.

    >>> parse_period("2025h2"), parse_period("2024年"), parse_period(2024)
    (Period('2025H2'), Period('2024'), Period('2024'))
    """
    if isinstance(value, Period):
        return value
    text = str(value) if value is not None and not isinstance(value, bool) else ""
    m = _CODE.match(text)
    if m:
        year, half = int(m.group(1)), int(m.group(2)) if m.group(2) else None
    else:
        m = _WORDS.match(text)
        if not m:
            raise InvalidPeriod(N_("not a period: {value!r}").format(value=value))
        year, half = int(m.group(1)), _HALF_WORDS[m.group(2) or ""]
    if not 1900 <= year <= 2999:
        raise InvalidPeriod(N_("not a period: {value!r} (year out of range)").format(value=value))
    return Period(year, half)


def try_period(value) -> Period | None:
    """:func:`parse_period`, or None for anything that is not a period (None, NaN, 2023Q1).

    >>> try_period("2023H1"), try_period(None), try_period("2023Q1")
    (Period('2023H1'), None, None)
    """
    if value is None or isinstance(value, float):
        return None
    try:
        return parse_period(value)
    except InvalidPeriod:
        return None


def period_label(period) -> str:
    """How a period is named in titles and on charts; anything else is returned as text.

    >>> period_label("2023H1"), period_label("2023"), period_label("2023Q1")
    ('2023年上半年', '2023年度', '2023Q1')
    """
    p = try_period(period)
    return p.label if p else str(period)


def period_range(first: PeriodLike, last: PeriodLike) -> list[str]:
    """Every period from ``first`` to ``last``, of the same kind as ``first``:
    years (``2019``, ``2020`` …) or half-years (``2019H2``, ``2020H1`` …).

    >>> period_range("2019H2", "2020H2"), period_range("2019", "2021")
    (['2019H2', '2020H1', '2020H2'], ['2019', '2020', '2021'])
    """
    a, b = parse_period(first), parse_period(last)
    if a.is_year:
        return [str(y) for y in range(a.year, b.year + 1)]
    out = []
    y, h = a.year, a.half or 1
    end = (b.year, b.half or 2)
    while (y, h) <= end:
        out.append(f"{y}H{h}")
        y, h = (y, 2) if h == 1 else (y + 1, 1)
    return out


def half_of_date(date: str | None) -> str | None:
    """Half-year containing an ISO date: ``2023-03-15`` → ``2023H1``; None if no date."""
    if not isinstance(date, str) or not re.match(r"\d{4}-\d{2}", date):
        return None
    return f"{date[:4]}H{1 if int(date[5:7]) <= 6 else 2}"


def half_of(period, date) -> str | None:
    """The half-year a document counts towards.

    A half-year period is kept. A whole-year period (annual summary, annual plan) counts
    towards the half-year of its date when dated within that year; dated after it (an
    annual summary written in January) towards the second half, dated before it (next
    year's plan written in December) towards the first. Otherwise the half of the date.

    >>> half_of("2023", "2024-01-10"), half_of("2023", "2022-12-20"), half_of(None, "2023-03-01")
    ('2023H2', '2023H1', '2023H1')
    """
    dated = half_of_date(date)
    p = try_period(period)
    if p is None:
        return dated
    if not p.is_year:
        return str(p)
    if dated is None or int(dated[:4]) > p.year:
        return f"{p.year}H2"
    if int(dated[:4]) < p.year:
        return f"{p.year}H1"
    return dated


class PeriodSequence:
    """The periods a branch actually reported on (its summaries), in order.

    A branch may write half-year summaries, annual ones, or both; the period that
    follows a report is the next one *in this sequence*. Duplicates are dropped.

    >>> seq = PeriodSequence(["2024", "2023H1", "2023", "2023H1"])
    >>> list(seq), len(seq), Period(2023) in seq
    ([Period('2023H1'), Period('2023'), Period('2024')], 3, True)
    >>> seq.next("2024") is None, seq.previous("2023H1") is None
    (True, True)
    """

    def __init__(self, periods: Iterable[PeriodLike]):
        self.periods: list[Period] = sorted(set(map(parse_period, periods)))
        self._pos = {p: i for i, p in enumerate(self.periods)}

    def __iter__(self):
        return iter(self.periods)

    def __len__(self) -> int:
        return len(self.periods)

    def __contains__(self, p) -> bool:
        q = try_period(p)
        return q is not None and q in self._pos

    def __repr__(self) -> str:
        return f"PeriodSequence({[str(p) for p in self.periods]})"

    def index(self, p: PeriodLike) -> int:
        """Position of ``p``; raises InvalidPeriod when the branch has no such report."""
        q = parse_period(p)
        if q not in self._pos:
            raise InvalidPeriod(
                N_("{q} is not in this sequence ({periods})").format(
                    q=q, periods=", ".join(map(str, self.periods)) or N_("empty")
                )
            )
        return self._pos[q]

    def next(self, p: PeriodLike) -> Period | None:
        """The report after ``p`` in the sequence (None after the last)."""
        i = self.index(p) + 1
        return self.periods[i] if i < len(self.periods) else None

    def previous(self, p: PeriodLike) -> Period | None:
        """The report before ``p`` in the sequence (None before the first)."""
        i = self.index(p) - 1
        return self.periods[i] if i >= 0 else None

    def consecutive(self, a: PeriodLike, b: PeriodLike) -> bool:
        """Does ``b`` come right after ``a`` in the sequence (both must be in it)?

        >>> PeriodSequence(["2023H1", "2023H2", "2023"]).consecutive("2023H1", "2023")
        False
        """
        if a not in self or b not in self:
            return False
        return self.index(b) == self.index(a) + 1


def consecutive(sequence: Iterable[PeriodLike], a: PeriodLike, b: PeriodLike) -> bool:
    """``b`` follows ``a`` directly in ``sequence`` (a branch's reported periods, any order).

    >>> consecutive(["2023H1", "2023", "2024H1"], "2023H1", "2023")
    True
    >>> consecutive(["2023H1", "2023", "2024H1"], "2023H1", "2024H1")
    False
    """
    seq = sequence if isinstance(sequence, PeriodSequence) else PeriodSequence(sequence)
    return seq.consecutive(a, b)


# Dates --------------------------------------------------------------------------------

#: The date shapes people type, as a regex without anchors: 2023-01-06, 2023/1/6,
#: 2023.1.6, 2023_1_6 (one separator throughout), 2023年1月6日, 20230106. Read a match
#: with :func:`date_from_match`.
DATE_PATTERN = (
    r"(?:(?P<y1>\d{4})(?P<sep>[-/._])(?P<m1>\d{1,2})(?P=sep)(?P<d1>\d{1,2})"
    r"|(?P<y2>\d{4})年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
    r"|(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2}))"
)
_DATE = re.compile(DATE_PATTERN)


def date_from_match(m: re.Match) -> str | None:
    """ISO date of a match of a pattern built on :data:`DATE_PATTERN`; None if no real date."""
    for i in (1, 2, 3):
        if m.group(f"y{i}"):
            try:
                return _date(int(m.group(f"y{i}")), int(m.group(f"m{i}")), int(m.group(f"d{i}"))).isoformat()
            except ValueError:
                return None
    return None


def parse_date(value: str | None) -> str | None:
    """ISO date of a whole value typed in one of the :data:`DATE_PATTERN` shapes, else None."""
    if not isinstance(value, str):
        return None
    m = _DATE.fullmatch(value.strip())
    return date_from_match(m) if m else None

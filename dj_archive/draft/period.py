"""Reporting periods of summaries: a half-year (``2025H1``, ``2025H2``) or a year (``2025``).

>>> p = parse_period("2025H1")
>>> p.label, p.halves, p.start, p.end
('2025年上半年', ('2025H1',), '2025-01-01', '2025-06-30')
>>> str(parse_period("2024")), parse_period("2024").label, parse_period("2024").halves
('2024', '2024年度', ('2024H1', '2024H2'))
>>> sorted([parse_period("2024"), parse_period("2024H1"), parse_period("2023")])
[Period('2023'), Period('2024H1'), Period('2024')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InvalidPeriod

__all__ = ["Period", "parse_period", "InvalidPeriod"]

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-_ ]?[Hh]([12]))?\s*$")


@dataclass(frozen=True)
class Period:
    year: int
    half: int | None = None  # 1, 2, or None for the whole year

    def __str__(self) -> str:
        return f"{self.year}H{self.half}" if self.half else str(self.year)

    def __repr__(self) -> str:
        return f"Period('{self}')"

    # Order by end date; a year sorts after its second half-year (it covers more).
    def _key(self):
        return (self.year, 6 if self.half == 1 else 12, 0 if self.half else 1)

    def __lt__(self, other: "Period") -> bool:
        return self._key() < other._key()

    @property
    def label(self) -> str:
        """How titles name the period: 2025年上半年 / 2025年下半年 / 2025年度."""
        return f"{self.year}年" + {1: "上半年", 2: "下半年", None: "度"}[self.half]

    @property
    def halves(self) -> tuple[str, ...]:
        """The half-year periods records of this period carry (records are dated by half-year)."""
        return (str(self),) if self.half else (f"{self.year}H1", f"{self.year}H2")

    @property
    def start(self) -> str:
        return f"{self.year}-07-01" if self.half == 2 else f"{self.year}-01-01"

    @property
    def end(self) -> str:
        return f"{self.year}-06-30" if self.half == 1 else f"{self.year}-12-31"


def parse_period(value) -> Period:
    """``Period`` from ``2025H1`` / ``2025h2`` / ``2025`` (or a Period); raises InvalidPeriod."""
    if isinstance(value, Period):
        return value
    m = _PERIOD.match(str(value)) if value is not None else None
    if not m or not 1900 <= int(m.group(1)) <= 2999:
        raise InvalidPeriod(f"not a period: {value!r}")
    return Period(int(m.group(1)), int(m.group(2)) if m.group(2) else None)

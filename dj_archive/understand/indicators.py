"""The controlled vocabulary of activity indicators (``dj_archive/data/indicators.yml``).

>>> vocab = default_indicators()
>>> vocab.match("讲党课"), vocab.match("转入预备党员"), vocab.match("教育、谈话党员")
('党课', '组织关系转入', '谈心谈话')
>>> vocab.record_titles()["支委会"]
'支委会会议记录'
>>> vocab.match("召开支委会、党员大会等会议") is None   # a combined count names no one indicator
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data import load_data
from ..errors import ConfigError
from ..i18n import N_
from ._text import fold_text as fold

__all__ = ["Indicator", "Vocabulary", "default_indicators", "vocabulary_from_dict"]


@dataclass(frozen=True)
class Indicator:
    name: str
    patterns: tuple[str, ...]
    record_title: str | None = None


class Vocabulary:
    """Maps an activity's surface text to a canonical indicator name."""

    def __init__(self, indicators: list[Indicator]):
        self.indicators = indicators
        try:
            # A lookahead finds overlapping matches: in 廉政提醒谈话 both 廉政提醒 and
            # 提醒谈话 (which ends where the generic 谈话 does, and is longer).
            self._compiled = [
                (ind.name, re.compile("(?=(" + "|".join(f"(?:{p})" for p in ind.patterns) + "))")) for ind in indicators
            ]
        except re.error as exc:
            raise ConfigError(N_("indicators: bad pattern ({exc})").format(exc=exc)) from exc

    def __repr__(self):
        return f"Vocabulary({len(self.indicators)} indicators)"

    def names(self) -> list[str]:
        return [i.name for i in self.indicators]

    def record_titles(self) -> dict[str, str]:
        """Indicator → keyword in the title of its filed records (only those that have one)."""
        return {i.name: i.record_title for i in self.indicators if i.record_title}

    def matches(self, activity: str) -> list[tuple[int, int, str]]:
        """(start, end, indicator) of every pattern match in ``activity`` (folded)."""
        text = fold(activity or "")
        out = []
        for name, rx in self._compiled:
            for m in rx.finditer(text):
                if m.end(1) > m.start(1):
                    out.append((m.start(1), m.end(1), name))
        return out

    def match(self, activity: str) -> str | None:
        """The indicator ``activity`` counts, or None.

        The match ending nearest the number (the end of the activity) wins, then the
        longest: in 利用党员大会开展集中学习 the count is of 集中学习. A list of
        several indicators closed by 等 (支委会、党员大会等会议) is a combined count.
        """
        found = self.matches(activity)
        if not found:
            return None
        text = fold(activity)
        start, end, name = max(found, key=lambda t: (t[1], t[1] - t[0]))
        if "等" in text[end:] and len({n for _, _, n in found}) > 1:
            return None
        return name


def vocabulary_from_dict(data: dict) -> Vocabulary:
    try:
        items = [
            Indicator(
                name=str(d["name"]),
                patterns=tuple(str(p) for p in d.get("patterns") or [d["name"]]),
                record_title=(str(d["record_title"]) if d.get("record_title") else None),
            )
            for d in data["indicators"]
        ]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(N_("indicators are malformed: {exc!r} (each needs a name)").format(exc=exc)) from exc
    return Vocabulary(items)


def default_indicators(archive=None) -> Vocabulary:
    """The vocabulary of ``dj_archive/data/indicators.yml`` (or ``archive``'s own version)."""
    return load_data("indicators.yml", archive, vocabulary_from_dict)

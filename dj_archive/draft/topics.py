"""The usual kinds of problem a branch's summary names under 存在的问题.

Summaries reword a carried-over problem from one period to the next (理论学习的深度
还不够 → 学习的系统性和实效性有待增强), so similar wording alone misses most
recurrences. A statement's *topic* is the one whose keyword appears earliest in it
(the opening words name the problem; later ones explain it). Keywords are regular
expressions matched on the folded (simplified) text, listed in
``dj_archive/data/problem_topics.yml``; statements outside it are compared by wording only.

>>> problem_topic("“三会一课”落实的质量还需提高。有的会议记录还不够规范。")
'组织生活'
>>> problem_topic("年轻党员思想活跃，但理论学习的主动性不够。")
'青年党员培养'
>>> problem_topic("办公用房紧张。") is None
True
"""

from __future__ import annotations

import re

from ..data import load_data
from ..normalize import fold

__all__ = ["topics", "problem_topic"]


def _compile(data: dict) -> list[tuple[str, re.Pattern]]:
    return [(str(name), re.compile("|".join(f"(?:{p})" for p in pats))) for name, pats in data.items()]


def topics(archive=None) -> dict[str, list[str]]:
    """topic → keyword patterns, from ``data/problem_topics.yml`` (or ``archive``'s own)."""
    return {str(k): [str(p) for p in v] for k, v in load_data("problem_topics.yml", archive).items()}


def problem_topic(text: str, archive=None) -> str | None:
    """The topic named earliest in ``text``, or None."""
    folded = fold(text or "")
    best = None
    for name, rx in load_data("problem_topics.yml", archive, _compile):
        m = rx.search(folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None

"""Recurring problems of every branch of the sample archive against a hand count.

The hand count: each branch's summaries before 2025H1 in their filed order (half-year
and annual mixed), the problems each names under 存在的问题 (read by hand), and for
every kind of problem the longest run of adjacent summaries naming it and the run
that ends at its latest mention. 2023年度 → 2024年度 is not a run when 2024上半年 lies
between them."""

from __future__ import annotations

import pytest
from conftest import ROOT

from dj_archive import open_archive
from dj_archive.draft.followup import problem_history
from dj_archive.draft.records import BranchRecords

SEQUENCE = ["2019H1", "2019", "2020H1", "2020", "2021H1", "2021", "2022H1", "2022", "2023H1", "2023", "2024H1", "2024"]

# What each summary names (by hand), in SEQUENCE order.
NAMED = {
    "机关第一党支部": [
        "工学矛盾 青年党员培养",
        "组织生活 工学矛盾 支委履职 发展党员",
        "理论学习 工学矛盾 发展党员",
        "工学矛盾 发展党员",
        "组织生活 先锋模范作用 发展党员 青年党员培养",
        "工学矛盾 发展党员 台账资料 青年党员培养",
        "理论学习 支委履职 台账资料 青年党员培养",
        "组织生活 党建与业务融合 先锋模范作用 发展党员",
        "党建与业务融合 先锋模范作用",
        "支委履职 台账资料 青年党员培养",
        "台账资料 青年党员培养",
        "理论学习 台账资料 青年党员培养",
    ],
    "机关第二党支部": [
        "理论学习 党建与业务融合 窗口服务",
        "理论学习 党建与业务融合 工学矛盾 志愿服务",
        "理论学习 工学矛盾",
        "理论学习 工学矛盾 支委履职",
        "理论学习 工学矛盾",
        "党建与业务融合 工学矛盾 先锋模范作用",
        "组织生活 工学矛盾 先锋模范作用",
        "理论学习 党建与业务融合 工学矛盾 先锋模范作用",
        "理论学习 支委履职 先锋模范作用 台账资料",
        "理论学习 先锋模范作用",
        "理论学习 先锋模范作用",
        "组织生活 工学矛盾 支委履职",
    ],
    "离退休干部党支部": [
        "理论学习 支委履职 老党员年龄结构 信息化学习",
        "组织生活 老党员年龄结构 信息化学习",
        "理论学习 老党员年龄结构 信息化学习 老党员作用发挥",
        "组织生活 支委履职 老党员年龄结构",
        "理论学习 支委履职 老党员年龄结构 老党员作用发挥",
        "组织生活 支委履职 信息化学习",
        "理论学习 支委履职 老党员年龄结构 信息化学习",
        "组织生活 台账资料 信息化学习 老党员作用发挥",
        "组织生活 信息化学习",
        "理论学习 老党员年龄结构 信息化学习",
        "组织生活 支委履职",
        "组织生活 支委履职 老党员年龄结构 信息化学习",
    ],
}
# Counted by hand from NAMED: kind → (longest run, run ending at the latest mention).
RUNS = {
    "机关第一党支部": {
        "工学矛盾": (4, 1), "青年党员培养": (3, 3), "组织生活": (1, 1), "支委履职": (1, 1), "发展党员": (5, 1),
        "理论学习": (1, 1), "先锋模范作用": (2, 2), "台账资料": (3, 3), "党建与业务融合": (2, 2),
    },
    "机关第二党支部": {
        "理论学习": (5, 4), "党建与业务融合": (2, 1), "窗口服务": (1, 1), "工学矛盾": (7, 1), "志愿服务": (1, 1),
        "支委履职": (1, 1), "先锋模范作用": (6, 6), "组织生活": (1, 1), "台账资料": (1, 1),
    },
    "离退休干部党支部": {
        "理论学习": (1, 1), "支委履职": (4, 2), "老党员年龄结构": (5, 1), "信息化学习": (5, 1), "组织生活": (2, 2),
        "老党员作用发挥": (1, 1), "台账资料": (1, 1),
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def sample(sample_index):
    return open_archive(ROOT / "archive", sample_index)


@pytest.mark.parametrize("org", list(NAMED))
def test_streaks_match_the_hand_count(sample, org):
    earlier = BranchRecords(sample, org, "2025H1").earlier
    assert [str(s.period) for s in earlier] == SEQUENCE
    history = problem_history(earlier)
    named = {g.label: [str(p) for p in g.periods] for g in history}
    by_hand: dict[str, list[str]] = {}
    for period, kinds in zip(SEQUENCE, NAMED[org]):
        for kind in kinds.split():
            by_hand.setdefault(kind, []).append(period)
    assert named == by_hand
    assert {g.label: (g.run, g.latest_run) for g in history} == RUNS[org]

"""The usual kinds of problem a branch's summary names under 存在的问题.

Summaries reword a carried-over problem from one period to the next (理论学习的深度
还不够 → 学习的系统性和实效性有待增强), so similar wording alone misses most
recurrences. A statement's *topic* is the one whose keyword appears earliest in it
(the opening words name the problem; later ones explain it). Keywords are regular
expressions matched on the folded (simplified) text. The list is deliberately
short and generic; statements outside it are compared by wording only.

>>> problem_topic("“三会一课”落实的质量还需提高。有的会议记录还不够规范。")
'组织生活'
>>> problem_topic("年轻党员思想活跃，但理论学习的主动性不够。")
'青年党员培养'
>>> problem_topic("办公用房紧张。") is None
True
"""

from __future__ import annotations

import re

from ..normalize import fold

__all__ = ["TOPICS", "problem_topic"]

#: topic → keyword patterns (order only breaks ties at the same position).
TOPICS: dict[str, tuple[str, ...]] = {
    "理论学习": (r"理论学习", r"学习的(?:深度|系统性|实效性|自觉性)", r"学用", r"学深悟透", r"不深不透", r"读原文", r"学习笔记"),
    "组织生活": (r"组织生活", r"三会一课", r"主题党日", r"会议议题"),
    "党建与业务融合": (r"党建.{0,4}业务", r"业务.{0,4}党建", r"党业融合", r"党建品牌", r"服务中心工作"),
    "工学矛盾": (r"工学矛盾", r"业务(?:工作)?(?:繁忙|繁重)", r"任务繁重", r"时间冲突", r"难以保证.{0,4}(?:参加|参学)"),
    "支委履职": (r"支部委员", r"支委", r"委员履职", r"班子"),
    "先锋模范作用": (r"先锋模范", r"党员意识", r"亮身份", r"作表率", r"争先创优", r"主动担当", r"担当作为"),
    "发展党员": (r"发展党员", r"入党积极分子", r"积极分子", r"培养联系人", r"发展对象"),
    "台账资料": (r"台账", r"档案", r"归档", r"资料.{0,4}(?:不全|不规范|滞后)", r"会议记录"),
    "老党员年龄结构": (r"年龄", r"高龄", r"身体状况", r"行动不便"),
    "信息化学习": (r"智能手机", r"信息化", r"线上学习", r"学习平台"),
    "老党员作用发挥": (r"发挥余热", r"发挥老党员", r"老党员.{0,2}作用"),
    "志愿服务": (r"志愿服务", r"志愿者"),
    "窗口服务": (r"窗口", r"等候时间", r"办事群众"),
    "青年党员培养": (r"青年党员", r"年轻党员", r"青年干部"),
}
_COMPILED = [(name, re.compile("|".join(f"(?:{p})" for p in pats))) for name, pats in TOPICS.items()]


def problem_topic(text: str) -> str | None:
    """The topic named earliest in ``text``, or None."""
    folded = fold(text or "")
    best = None
    for name, rx in _COMPILED:
        m = rx.search(folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None

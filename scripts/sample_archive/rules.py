"""The counting rule shared by the generator and check.py.

Each record file counts for at most one indicator, chosen by a keyword in its
title; a record's period is the half-year of its date.
"""

import re

# (indicator, title keyword) — order matters only as a tie-break; titles are
# written so that at most one keyword matches.
INDICATORS = [
    ("组织生活会", "组织生活会会议记录"),
    ("支委会", "支委会会议记录"),
    ("党员大会", "党员大会会议记录"),
    ("党小组会", "党小组会会议记录"),
    ("党课", "党课讲稿"),
    ("主题党日", "主题党日活动记录"),
    ("集中学习", "集中学习记录"),
    ("警示教育", "警示教育活动记录"),
    ("廉政谈话", "廉政谈话记录"),
    ("心得体会", "心得体会"),
    ("发展预备党员", "接收预备党员"),
    ("转正", "转正"),
    ("入党积极分子", "确定入党积极分子"),
    ("志愿服务", "志愿服务活动记录"),
    ("走访慰问", "走访慰问记录"),
]
INDICATOR_NAMES = [n for n, _ in INDICATORS]


def indicators_in(title):
    return [name for name, kw in INDICATORS if kw in title]


def indicator_of(title):
    hits = indicators_in(title)
    return hits[0] if hits else None


def is_summary(title):
    return "党建工作总结" in title


_PERIOD_RE = re.compile(r"(20\d\d)年(上半年|度)")


def summary_period(title):
    """'2023H1' for an H1 summary, '2023' for an annual one, else None."""
    m = _PERIOD_RE.search(title)
    if not m:
        return None
    return m.group(1) + ("H1" if m.group(2) == "上半年" else "")


def period_of_date(d):
    """('2023H1', '2023') — the half-year and the year a record date falls in."""
    y = d[:4] if isinstance(d, str) else str(d.year)
    m = int(d[5:7]) if isinstance(d, str) else d.month
    return f"{y}H{1 if m <= 6 else 2}", y


# --- claims in summaries -------------------------------------------------
NUM = r"(\d+|[一二两三四五六七八九十]+)"
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def cn_to_int(s):
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN[s[1]]
    if s.endswith("十"):
        return _CN[s[0]] * 10
    if "十" in s:
        a, b = s.split("十")
        return _CN[a] * 10 + _CN[b]
    return _CN[s]


# The phrases the generator writes (activity + number + unit).  A claim is the
# indicator term followed directly (allowing the listed fillers) by a number.
CLAIM_PATTERNS = {
    # ... and the number before the activity (召开了6次支委会, 讲了2次专题党课, 为2名预备党员办理转正手续)
    "支委会": [r"支委会(?:会议)?" + NUM + r"次", NUM + r"次支委会"],
    "党员大会": [r"党员大会" + NUM + r"次", NUM + r"次党员大会"],
    "党小组会": [r"党小组会(?:议)?" + NUM + r"次", NUM + r"次党小组会"],
    "党课": [r"党课" + NUM + r"(?:人次|次)", NUM + r"(?:人次|次)(?:专题)?党课"],
    "主题党日": [r"主题党日(?:活动)?" + NUM + r"次", NUM + r"次主题党日"],
    "集中学习": [r"集中学习" + NUM + r"次", NUM + r"次集中学习"],
    "组织生活会": [r"组织生活会" + NUM + r"次"],
    "警示教育": [r"警示教育(?:活动)?" + NUM + r"次", NUM + r"次警示教育"],
    "廉政谈话": [r"廉政谈话" + NUM + r"(?:人次|次)"],
    "心得体会": [r"心得体会(?:文章)?" + NUM + r"篇", NUM + r"篇心得体会"],
    "发展预备党员": [r"(?:发展|接收)(?:预备党员|新党员)" + NUM + r"名"],
    "转正": [
        r"转正(?:预备党员)?" + NUM + r"名",
        r"预备党员按期转正" + NUM + r"名",
        r"为" + NUM + r"名预备党员办理了?转正",
    ],
    "入党积极分子": [r"入党积极分子" + NUM + r"名", r"将" + NUM + r"名[^，。；]{0,8}?确定为入党积极分子"],
    "志愿服务": [r"志愿服务(?:活动)?" + NUM + r"次"],
    "走访慰问": [r"走访慰问(?:老党员|困难党员|生活困难党员|老党员和困难党员|党员)?" + NUM + r"(?:次|人次)"],
}
_COMPILED = {k: [re.compile(p) for p in v] for k, v in CLAIM_PATTERNS.items()}
# 召开支委会、党员大会各2次: one count for each meeting listed.
_EACH = re.compile(r"((?:支委会|党员大会|党小组会)(?:、(?:支委会|党员大会|党小组会))+)各" + NUM + r"次")
# A figure whose clause plans, rules, compares or takes stock is no claim of work done.
_NOT_DONE = re.compile(r"计划|拟|预计|力争|每月|每季度|每年|至少|不少于|下半年|明年|较|共有|现有|截至")
_CLAUSE_START = re.compile(r"[，。；：,;:\n][^，。；：,;:\n]*$")


def parse_claims(text):
    """{indicator: [numbers claimed]} for one summary text (its work part, before 二、存在…)."""
    text = text.split("二、存在")[0]
    out = {}

    def done(pos):
        before = text[max(0, pos - 60) : pos]
        m = _CLAUSE_START.search(before)
        return not _NOT_DONE.search(before[m.start() :] if m else before)

    for ind, pats in _COMPILED.items():
        for p in pats:
            for m in p.finditer(text):
                if done(m.start()):
                    out.setdefault(ind, []).append(cn_to_int(m.group(1)))
    for m in _EACH.finditer(text):
        if done(m.start()):
            for ind in m.group(1).split("、"):
                out.setdefault(ind, []).append(cn_to_int(m.group(2)))
    return out

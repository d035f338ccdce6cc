"""Activity counts a summary claims: ``组织集中学习10次``, ``发展预备党员两名``,
``上半年共召开支委会6次，党员大会5次`` (a shared verb), ``开展志愿服务20余次``.

Every "number + unit" in the text is a *figure*; each figure gets a kind:

``work``       a count of the branch's own work in the period (what :func:`extract_metrics` returns)
``state``      a state of affairs: membership (支部共有党员23名), attendance (实到6人), reach (覆盖200人次)
``plan``       a target: 计划/拟/将/力争…, the next-steps part of a summary, a whole 工作计划
``rule``       a frequency rule: 每月召开1次
``breakdown``  a part of the figure before it: 发展党员3名，其中女党员2名
``delta``      a difference: 较去年同期增加2次

Numbers that are not counts never become figures: years and dates, ordinals
(第3次), percentages, money, 三会一课 / 两个维护 / 四个意识 / 从六个方面 (the measure
word is not followed by a clause boundary), 18个月.

The activity stands before the count (组织集中学习10次), before a count in brackets
(开展志愿服务活动（共12次）), in the table cell before it (a .docx row read as
``设立党员先锋岗<tab>8个``), or after it (召开了3次支委会、2次党员大会, 开展了8场专题讲座,
2名预备党员按期转正, 为2名预备党员办理转正手续). Outcomes (评出优秀党员3名, 3人被评为…)
and reach (覆盖/惠及/服务群众…人次) are states, not work.

>>> df = extract_metrics("上半年共召开支委会6次，党员大会5次，讲党课3人次。支部共有党员23名。")
>>> df[["indicator", "activity", "count", "unit", "approx"]].values.tolist()
[['支委会', '召开支委会', 6, '次', False], ['党员大会', '党员大会', 5, '次', False], ['党课', '讲党课', 3, '人次', False]]
>>> extract_state_figures("支部共有党员23名。")[["activity", "count", "unit"]].values.tolist()
[['支部共有党员', 23, '名']]
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..data import load_data
from ..i18n import N_
from ._text import fold_text as fold
from .cleanup import clean_text
from .dates import detect_period
from .indicators import Vocabulary, default_indicators
from .numerals import parse_number
from .outline import Outline, parse_outline

if TYPE_CHECKING:  # annotations only: pandas is imported lazily (indexing must start fast)
    import pandas as pd

__all__ = [
    "Figure", "FigureCues", "figure_cues", "find_figures", "extract_metrics", "extract_state_figures",
    "is_plan_document", "is_personal_document", "COLUMNS", "KINDS", "parse_kinds",
]  # fmt: skip

COLUMNS = [
    "doc_id", "period", "org", "indicator", "activity", "count", "unit", "approx", "section", "sentence", "start",
    "kind", "confidence",
]  # fmt: skip
#: Kinds of figure, in the order ``--kinds`` lists them.
KINDS = ("work", "state", "plan", "rule", "breakdown", "delta")

# 批次/批 and 轮 count rounds of an activity (组织3批次党员参观), 堂 lessons (党课3堂);
# 课时 is a duration and 条/部 count things, not work; 幅/份/册 count material made or handed
# out (张贴挂图30幅, 发放资料500份), 户 households visited: work only after a verb of work.
# The counting words and the cues that decide a figure's kind are data (data/figure_cues.yml,
# an archive may override it): see :func:`figure_cues`.
_PERSON_UNITS = ("名", "人")
# What may follow a count for it to close a statement: punctuation, a conjunction, the end.
_BOUNDARY_AFTER = re.compile(
    r"^(?:$|[\s，,。.；;：:、！!？?（(）)\]】”’\"'…—\-/]|和|及|与|并|以及|等|的?(?:任务|目标))"
)
# A character before the number that makes it an ordinal, a range, a frequency or part of a word.
_BAD_BEFORE_DIGIT = set("第每0123456789.．-—–~～/")
_RANGE_WORDS = set("至到")  # 3至5次 is a range; 实到6人 is not
_BAD_BEFORE_CN = (
    _BAD_BEFORE_DIGIT | _RANGE_WORDS | set("这那哪同某唯统单专逐之初周星其任再又万千百零〇两一二三四五六七八九十几数")
)
_APPROX_BEFORE = re.compile(r"(?:近|约|将近|逾|超过|多达)\s*$")
_LEAD = re.compile(
    r"(?:[和及与并、，,且或]|以及|[一二三四五六七八九十]是|第[一二三四五六七八九十](?!季度)[，,、]?|首先|其次|再次|最后|"
    r"同时|此外|另外|期间|其中|今年以来|年初以来|以来|截至目前|目前|至今|今年|本年度?|年内|"
    r"全年|上半年|下半年|第?[一二三四1-4]季度|截至[^，,]{0,6}?[底末前]|共计?|累计|合计|总计|先后|陆续|已经?|实际|均|都|还|又|另|再|也|"
    r"(?:我|本)?党?支部(?!委员会|大会)|党总支)\s*"
)
_TRAIL = re.compile(r"(?:共计?|累计|合计|总计|计|达到?|近|约|将近|超过|逾|不少于|至少|多达|共有|分别|人均)\s*$")
_BARE_VERB = re.compile(r"^(?:召开|开展|组织|举办|举行|完成|进行|开|办|讲|上|参加|参与|共|了)+了?$")
# An activity named only generically refers to the clause before: 与2个社区开展结对共建，联合开展活动6次.
_GENERIC = re.compile(r"^(?:联合|共同|集中|先后|相继)?(?:开展|组织|举办|举行|进行)了?(?:各类|相关)?活动$")
# A sentence that opens with the parts of the figure before.
_PARTS_OF_BEFORE = re.compile(r"\s*(?:其中|包括|含)")
# Since a founding or an earlier year: 建校以来, 2019年以来 (the year is compared with the period's).
# A stock at a date: 截至目前共建成服务站18个 (things that exist, not occasions or people).
# What the figure is followed by in its clause: …12次、发展党员2名的目标.
_TARGET_AFTER = re.compile(r"[^，,。；;！!？?]*?的(?:目标|任务|计划|指标)")
# The count comes before where the activity went: 先后三次到社区开展调研.
_BREAKDOWN = re.compile(r"其中|含|包括|包含")
# A total stands on its own (每月1次，全年共12次 / 全年12次): it does not share the clause before's kind.
_TOTAL = re.compile(r"共|累计|合计|总计|全年|年内|上半年|下半年")
# A difference from another period (较去年同期增加2次) is not a count.
_DELTA = re.compile(r"(?:较|比|同比|环比).{0,8}?(?:增加|减少|增长|提高|下降|多|少)|^(?:增加|减少)了?$")
# 计划 as a noun that was carried out (按照计划组织…) is not a plan.
_PLAN_NOUN = re.compile(r"(?<!按照)(?<!按)(?<!根据)(?<!依照)(?<!依据)(?<!学习)(?<!工作)(?<!年度)计划")
_PAST = re.compile(r"已(?!经?(?:制定|印发|安排))|已经|实际")
# Units that may stand before the activity they count: 召开3次支委会, 撰写2篇心得体会.
_REVERSED_UNITS = {"次", "场", "场次", "名", "篇", "期", "轮", "人次", "批", "批次", "堂"}
# Indicators whose counted people can open a clause: 2名预备党员按期转正.
_SUBJECT_INDICATORS = {"转正", "组织关系转入", "组织关系转出", "发展预备党员", "入党积极分子", "发展对象", "表彰先进"}
# ... and those that can follow 为/对/与 + people: 与3名党员开展谈心谈话, 为5名困难党员送去慰问.
_PEOPLE_INDICATORS = _SUBJECT_INDICATORS | {"谈心谈话", "廉政谈话", "走访慰问", "培训"}
# Units that count occasions of an activity (not people, items or kinds).
_EVENT_UNITS = {"次", "场", "场次", "期", "轮", "批", "批次", "堂"}
# What names an activity when the vocabulary does not: 8场专题讲座, 2轮党员积分评定.
_VERB_BEFORE = re.compile(r"(?:召开|开展|组织|举办|举行|进行|讲授?|上|观看|收看|参观|走访|慰问|完成)了?\s*$")
# The counted people stand before their verb as a beneficiary, the object of 将/把 or the
# other party of a talk: 为2名预备党员办理转正手续, 将2名积极分子列为发展对象, 对2名民警进行提醒谈话.
_PEOPLE_BEFORE = re.compile(r"(?:为|给|帮助?|将|把|对|与|同|办理)(?:[^，,、]{1,8}的)?$")  # 对新提任的2名干部
_DISPATCH = re.compile(r"(?:选派|派出|推荐|选送|输送|安排)$")
_MAIN_VERB = re.compile(
    r"开展|召开|组织(?!生活)|举办|举行|撰写|发展|培养|确定|接收|走访|慰问|观看|参观|讲|上(?=[微专]?[题]?党课)"
)
_PARA_PLAN = re.compile(r"^.{0,4}(?:下一步|下阶段|今后|明年|来年)")
_SENT_END = re.compile(r"[。！!？?\n]")
_OPEN = "（(“‘《「『【"
_CLOSE = "）)”’》」』】"
_HARD = set("，,；;：:\t|｜")  # tab and bar separate table cells
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})\s*年")


@dataclass
class Figure:
    """A number + unit in a document, with what it counts and what kind of figure it is."""

    indicator: str | None
    activity: str
    count: int
    unit: str
    approx: bool
    kind: str
    sentence: str
    section: str
    start: int  # offset of the number in the text
    end: int
    confidence: float = 0.5  # how sure the kind (and, for work, the activity) is: 0.5 … 0.95


def is_plan_document(text: str, title: str | None = None, cues: FigureCues | None = None) -> bool:
    """True when the title (or a short first line) says the document is a plan.

    >>> is_plan_document("", title="第三党支部2024年党建工作计划"), is_plan_document("", title="2023年工作总结及2024年工作计划")
    (True, False)
    """
    heads = [fold(title or "")]
    first = next((ln.strip() for ln in (text or "").split("\n") if ln.strip()), "")
    if len(first) <= 60 and "。" not in first:
        heads.append(fold(first))
    else:
        # Text without line breaks starts with its title: take the words before the first comma.
        m = re.match(r"[^，。,；;]{4,50}", first)
        heads.append(fold(m.group()) if m else "")
    c = cues or figure_cues()
    if any(c.not_plan_titles.search(h) for h in heads):
        return False
    return any(c.plan_titles.search(h) for h in heads)


def is_personal_document(text: str, title: str | None = None, cues: FigureCues | None = None) -> bool:
    """True for a reflection or a personal statement (心得体会, 思想汇报…): its counts are
    the writer's (撰写了3篇读书笔记), not the branch's work.

    >>> is_personal_document("学习二十大精神心得体会\\n我认真研读了报告……"), is_personal_document("", title="2023年工作总结")
    (True, False)
    """
    heads = [fold(title or "")]
    first = next((ln.strip() for ln in (text or "").split("\n") if ln.strip()), "")
    heads.append(fold(first) if len(first) <= 30 and not re.search(r"[。，,；;]", first) else "")
    c = cues or figure_cues()
    if any(c.not_personal_titles.search(h) for h in heads):
        return False
    return any(c.personal_titles.search(h) for h in heads)


@dataclass(frozen=True)
class FigureCues:
    """The vocabulary of :mod:`metrics`, compiled from ``data/figure_cues.yml``."""

    units: tuple
    item_units: frozenset
    figure: re.Pattern  # a number + a counting word
    work_verbs: re.Pattern
    state: re.Pattern
    reach_people: re.Pattern
    plan_strong: re.Pattern
    plan_weak: re.Pattern
    rule: re.Pattern
    as_of: re.Pattern
    since: re.Pattern
    going: re.Pattern
    activity_heads: re.Pattern
    plan_titles: re.Pattern
    not_plan_titles: re.Pattern
    personal_titles: re.Pattern
    not_personal_titles: re.Pattern


_CUE_KEYS = ("work_verbs", "state", "reach_people", "plan_strong", "plan_weak", "rule", "as_of", "since", "going",
             "activity_heads", "plan_titles", "not_plan_titles", "personal_titles", "not_personal_titles")  # fmt: skip


def _compile_cues(data) -> FigureCues:
    from ..errors import ConfigError

    try:
        units = tuple(sorted((str(u) for u in data["units"]), key=len, reverse=True))
        figure = re.compile(
            # Matched on folded text (simplified, half-width digits): 余 and 场 are already simplified.
            r"(?P<num>[0-9]+万|[0-9]+(?:,[0-9]{3})*|[〇零一二两三四五六七八九十百千万]+)\s*(?P<post>余|多)?\s*"
            rf"(?P<unit>{'|'.join(map(re.escape, units))})(?P<after>以上|左右|之多|多)?"
        )
        rx = {k: re.compile("|".join(str(x) for x in data[k])) for k in _CUE_KEYS}
        return FigureCues(units, frozenset(str(u) for u in data.get("item_units") or ()), figure, **rx)
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(
            N_("figure_cues.yml: {exc!r} (it needs units and {keys})").format(exc=exc, keys=", ".join(_CUE_KEYS))
        ) from exc


def figure_cues(archive=None) -> FigureCues:
    """The cues for ``archive`` (its ``.dj_archive_data/figure_cues.yml`` if it has one).

    >>> c = figure_cues()
    >>> c.units[:3], bool(c.rule.search("每月")), bool(c.plan_strong.search("下一步"))
    (('人次', '场次', '批次'), True, True)
    """
    return load_data("figure_cues.yml", archive, _compile_cues)


def _spans(folded: str, pattern: re.Pattern, extra_cuts=()) -> list[tuple[int, int]]:
    cuts = sorted({0, len(folded), *extra_cuts, *(m.end() for m in pattern.finditer(folded))})
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _clause_start(folded: str, lo: int, pos: int) -> int:
    """Where the clause ending at ``pos`` starts: after the nearest comma-like mark
    outside brackets and quotes, but not before ``lo``."""
    depth = 0
    i = pos - 1
    while i >= lo and folded[i] in " \t\u3000":
        i -= 1  # a table cell: 设立党员先锋岗<tab>8个 (the tab before the count is no boundary)
    while i >= lo:
        ch = folded[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and ch in _HARD:
            return i + 1
        i -= 1
    return lo


def _strip_activity(folded: str, a: int, b: int) -> tuple[int, int, bool]:
    """Trim adverbials (上半年、共、先后…) and qualifiers (累计、近…) off ``folded[a:b]``;
    returns the new span and whether an approximation word was cut."""
    approx = bool(_APPROX_BEFORE.search(folded[a:b]))
    while True:
        m = _LEAD.match(folded, a, b)
        if not m or m.end() == a:
            break
        a = m.end()
    while True:
        m = _TRAIL.search(folded[a:b])
        if not m or m.start() == m.end():
            break
        b = a + m.start()
    while a < b and folded[a] in " \t\u3000":
        a += 1
    while b > a and folded[b - 1] in " \t\u3000":
        b -= 1
    return a, b, approx


@dataclass
class _Hit:
    """What one number + unit counts, before its kind is decided."""

    activity: str
    indicator: str | None
    approx: bool
    end: int
    own: str  # the clause in front of the number (folded), where cues are looked for
    clause_start: int
    reversed: bool = False  # the counted noun follows the number (召开3次支委会)
    each: list | None = None  # 召开支委会、党员大会各2次: (activity, indicator) of each


class _Extractor:
    def __init__(self, text: str, title: str | None, outline: Outline | None, period: str | None, vocab: Vocabulary,
                 cues: FigureCues):  # fmt: skip
        self.c = cues
        self.text = text
        self.folded = fold(text)
        self.outline = outline or parse_outline(text)
        self.period = period
        self.vocab = vocab
        self.plan_doc = is_plan_document(text, title, cues)
        self.personal = is_personal_document(text, title, cues)
        self.period_year = int(period[:4]) if period and period[:4].isdigit() else None
        heads = self.outline.headings
        # A heading is its own sentence, and its marker (1. / （二）) is not part of any clause.
        cuts = [h.start for h in heads] + [h.text_start for h in heads] + [h.end for h in heads]
        self.sentences = _spans(self.folded, _SENT_END, cuts)
        self.paragraphs = _spans(self.folded, re.compile(r"\n"), [h.start for h in heads])

    def run(self) -> list[Figure]:
        out: list[Figure] = []
        carried = None
        for a, b in self.sentences:
            figures = self._sentence(a, b)
            if self.personal:
                for f in figures:
                    if f.kind == "work":
                        f.kind, f.confidence = "state", 0.7  # the writer's own, not the branch's
            if carried and _PARTS_OF_BEFORE.match(self.folded, a, b):
                # 预计全年开展活动200余场。其中文艺演出80余场: the parts share the forecast's kind.
                for f in figures:
                    if f.kind == "work":
                        f.kind, f.confidence = carried, 0.75
            out.extend(figures)
            if figures:
                carried = figures[-1].kind if figures[-1].kind in ("plan", "state") else None
        return out

    # -- one sentence -------------------------------------------------------
    def _sentence(self, s0: int, s1: int) -> list[Figure]:
        figures: list[Figure] = []
        prev_end, prev_kind, prev_indicator, prev_reversed = s0, None, None, False
        for m in self.c.figure.finditer(self.folded, s0, s1):
            count = parse_number(m.group("num"))
            if not count:
                continue
            hit = self._hit(m, s0, s1, prev_end, prev_reversed)
            if hit is None:
                continue
            joined = prev_kind is not None and hit.clause_start == prev_end and re.match(r"\s*(?:、|和|及|与)", hit.own)
            kind = prev_kind if joined and prev_kind else self._kind(hit, m.group("unit"), prev_kind, prev_indicator)
            if prev_kind == "work" and self.folded[prev_end : hit.clause_start].strip() in ("（", "("):
                kind = "breakdown"  # 讲党课4次（书记2次、委员2人次）: parts of the count before
            if kind == "work":
                kind = self._work_or_plan(hit.own, self.folded[s0 : m.start()], m.start(), count)
            if kind == "work" and _TARGET_AFTER.match(self.folded, m.end(), s1):
                kind = "plan"  # 确定全年开展主题党日12次、发展党员2名的目标
            unit = m.group("unit")
            if (
                kind == "work"
                and unit not in _EVENT_UNITS
                and unit not in _PERSON_UNITS
                and unit != "人次"
                and self.c.as_of.search(self.folded, s0, m.start())
                and not _PAST.search(hit.own)
            ):
                kind = "state"  # 截至目前共建成党员责任区18个
            if kind == "work" and self._cumulative(self.folded[s0 : m.start()], hit.own):
                kind = "state"  # 建校以来累计输送干部20名: a running total, not the period's work
            confidence = self._confidence(
                kind, hit, bool(joined) or (kind == prev_kind and not self.c.work_verbs.search(hit.own))
            )
            if kind == "state":
                # A state keeps its subject: 支部共有党员, not 有党员.
                hit.activity = self.text[hit.clause_start : m.start()].strip(" \t\u3000、，,和及与")
            for indicator, activity in [(i, a) for a, i in hit.each] if hit.each else [(hit.indicator, hit.activity)]:
                figures.append(
                    Figure(indicator, activity, count, m.group("unit"), hit.approx, kind,
                           self.text[s0:s1].strip(), self.outline.path_at(m.start()), m.start(), hit.end, confidence)
                )  # fmt: skip
            prev_end, prev_kind, prev_indicator = hit.end, kind, hit.indicator
            prev_reversed = hit.reversed
        return figures

    def _hit(self, m: re.Match, s0: int, s1: int, prev_end: int, after_reversed: bool) -> _Hit | None:
        f = self.folded
        num = m.group("num")
        before = f[m.start() - 1] if m.start() > 0 else ""
        if before in (_BAD_BEFORE_DIGIT if num[0].isdigit() else _BAD_BEFORE_CN):
            return None
        if (
            before in _RANGE_WORDS
            and m.start() > 1
            and (f[m.start() - 2].isdigit() or f[m.start() - 2] in "一二两三四五六七八九十")
        ):
            return None
        approx = bool(m.group("post")) or m.group("after") in ("以上", "左右", "之多", "多")
        lo = max(s0, prev_end)
        clause_a = _clause_start(f, lo, m.start())
        act_end, end = m.start(), m.end()
        if clause_a > lo and f[clause_a - 1] in "（(":
            a, b, approx_inside = _strip_activity(f, clause_a, m.start())
            if b <= a:
                # 开展志愿服务（共12次）, 吸收预备党员（2名）: the count belongs to the words before
                # the bracket; the figure ends after it, so 转入（2名）、转出（1名） is a list.
                act_end = clause_a - 1
                clause_a = _clause_start(f, lo, act_end)
                approx = approx or approx_inside
                end += f[end : end + 1] in "）)"
        own = f[clause_a:act_end]
        sent_on = (
            m.group("unit") in _PERSON_UNITS
            and re.match(r"(?:参加|参与|赴|前往|作为)", f[m.end() : m.end() + 2])
            and re.search(r"推荐|选派|选送|派出|输送", own)
        )  # 推荐优秀团员60名参加团校学习; not 组织党员30余人前往纪念馆 (attendance)
        if _BOUNDARY_AFTER.match(f[m.end() : m.end() + 4]) or sent_on:
            return self._forward(m, s0, lo, clause_a, act_end, end, own, approx)
        if (m.group("after") and m.group("after") != "多") or m.group("unit") not in _REVERSED_UNITS:
            return None  # 分两批参观…, 5项活动: a batch or a kind, not a count of the noun
        return self._reversed(m, s1, clause_a, own, approx, after_reversed)

    def _forward(self, m, s0, lo, clause_a, act_end, end, own, approx) -> _Hit | None:
        """Activity before the number: 组织集中学习10次, 党员大会5次, 开展集中学习（共15次）.
        ``lo`` is the end of the figure before (or the sentence start ``s0``)."""
        each = act_end > clause_a and self.folded[act_end - 1] == "各"
        a, b, approx_before = _strip_activity(self.folded, clause_a, act_end - each)
        indicator = self.vocab.match(self.text[a:b])
        if indicator is None and clause_a - 1 > lo and _GENERIC.match(self.folded[a:b]):
            indicator = self.vocab.match(self.text[_clause_start(self.folded, lo, clause_a - 1) : clause_a - 1])
        if indicator is None and (b - a < 2 or _BARE_VERB.match(self.folded[a:b])):
            # Elliptical: 坚持每月召开支委会，上半年共召开6次 -> the noun is earlier.
            indicator = self._indicator_before(s0, a)
            if indicator is None:
                return None
            if b <= a:
                # 组织积极分子参加党校培训，共计45人次: the activity is the clause before.
                prev_a = _clause_start(self.folded, s0, max(s0, clause_a - 1))
                a, b, _ = _strip_activity(self.folded, prev_a, max(prev_a, clause_a - 1))
        if b <= a:
            return None
        a = self._trim_long(a, b)
        hit = _Hit(self.text[a:b].strip(), indicator, approx or approx_before, end, own, clause_a)
        if each:
            hit.each = self._each(a, b)
        return hit

    def _each(self, a: int, b: int) -> list | None:
        """The items of 召开支委会、党员大会各2次 (the verb goes with the first), or None."""
        bounds = [a, *(i + 1 for i in range(a, b) if self.folded[i] in "、和及与"), b + 1]
        items = [
            (self.text[x : y - 1].strip(), self.vocab.match(self.text[x : y - 1])) for x, y in zip(bounds, bounds[1:])
        ]
        return items if len(items) > 1 and all(act for act, _ in items) else None

    def _reversed(self, m, s1, clause_a, own, approx, after_reversed) -> _Hit | None:
        """Number before the noun: 召开3次支委会、2次党员大会, 发展了2名预备党员, 开展了8场专题讲座,
        2名预备党员按期转正, 为2名预备党员办理转正手续, 选派4名党员参加轮训."""
        f = self.folded
        unit = m.group("unit")
        tail = f[m.end() : s1]
        stop = re.search(r"[，,。；;：:、！!？?）)\s]|和|及|与|并", tail)
        clause_end = m.end() + (stop.start() if stop else len(tail))
        noun = self.text[m.end() : min(clause_end, m.end() + 12)]
        long_noun = self.text[m.end() : min(clause_end, m.end() + 20)]
        a, _, approx_before = _strip_activity(f, clause_a, m.start())
        approx = approx or approx_before
        lead = f[a : m.start()]  # the words before the count, adverbials cut
        # An activity outside the vocabulary: a count of occasions of something named as an
        # activity (8场专题讲座, 2轮党员积分评定), not 从六个方面, 一名党员, 5项措施.
        named = unit in _EVENT_UNITS and bool(self.c.activity_heads.search(fold(long_noun)))

        if (
            unit in _EVENT_UNITS
            and self.c.going.match(f, m.end(), clause_end)
            and not lead.endswith("分")
            and (
                self.c.work_verbs.search(f, m.end(), clause_end) or self.c.activity_heads.search(f, m.end(), clause_end)
            )
        ):
            # 先后三次到农户家中开展调研: the activity follows the count and where it took place.
            noun = self.text[m.end() : clause_end]
            indicator = self.vocab.match(noun)
            return _Hit(noun.strip(), indicator, approx, clause_end, f[clause_a:clause_end], clause_a, True)
        if a == m.start() and after_reversed and re.fullmatch(r"\s*(?:、|和|及|与|以及)\s*", own):
            # 召开了6次支委会、2次党员大会: the list shares the verb before its first count.
            indicator = self._head_indicator(noun, 0)
            if indicator is None and not named:
                return None
            noun = noun if indicator else long_noun
            return _Hit(noun.strip(), indicator, approx, m.end() + len(noun), own, clause_a, True)
        if a == m.start() or _PEOPLE_BEFORE.search(lead):
            # The counted people are the subject (2名预备党员按期转正) or stand before their verb
            # (为2名预备党员办理转正手续, 对2名民警进行提醒谈话); not 对31名党员进行民主评议.
            indicator = self.vocab.match(noun)
            allowed = _SUBJECT_INDICATORS if a == m.start() else _PEOPLE_INDICATORS
            if indicator not in allowed and a < m.start() and self.vocab.match(long_noun) in allowed:
                noun, indicator = long_noun, self.vocab.match(long_noun)  # 将3名青年职工确定为入党积极分子
            if indicator not in allowed or not self.c.work_verbs.search(fold(noun)):
                return None
            activity = (self.text[a : m.start()] + noun).strip()
            return _Hit(
                activity, indicator, approx, m.end() + len(noun), f[clause_a : m.end() + len(noun)], clause_a, True
            )
        if unit in _PERSON_UNITS and _DISPATCH.search(lead):
            # 选派4名党员参加局党校轮训: the people sent count the activity they are sent to.
            sent = re.match(r"[^，,；;。]{0,8}?(?:参加|参与)", f[m.end() : clause_end])
            indicator = self.vocab.match(self.text[m.end() + sent.end() : clause_end]) if sent else None
            if indicator is None:
                # 推荐12名团员作为入党积极分子: the count is of what they were put forward as.
                became = re.match(r"[^，,；;。]{0,8}?(?:作为|为)", f[m.end() : clause_end])
                indicator = self.vocab.match(self.text[m.end() + became.end() : clause_end]) if became else None
                if indicator not in _SUBJECT_INDICATORS:
                    return None
            noun = self.text[m.end() : clause_end]
        else:
            if not self.c.work_verbs.search(own) or re.search(r"作为|成为|(?<![一二三四五六七八九十])是|有", own):
                return None
            indicator = self._head_indicator(noun, len(lead), self.text[a : m.start()])
            became_at = fold(long_noun).find("为")
            if indicator is None and became_at >= 0:
                # 吸收3名一线骨干为入党积极分子, 确定2名同志为发展对象: the count is of what they became.
                became_what = self.vocab.match(self.text[a : m.start()] + long_noun[became_at:])
                if became_what in _SUBJECT_INDICATORS:
                    indicator, noun = became_what, long_noun
            if indicator is None:
                if not (named and _VERB_BEFORE.search(lead)):
                    return None  # 开展了8场专题讲座, 组织3批次党员赴…参观学习
                noun = long_noun
        verb = re.sub(r"了\s*$", "", self.text[a : m.start()])  # 召开了3次党员大会 -> 召开党员大会
        return _Hit((verb + noun).strip(), indicator, approx, m.end() + len(noun), own, clause_a, True)

    def _head_indicator(self, noun: str, offset: int, verb: str = "") -> str | None:
        """The indicator named at the head of ``noun`` (``verb`` before it, ``offset`` its
        length): 支委会 in 召开3次支委会研究发展党员工作, 发展预备党员 in 发展了2名预备党员.
        A quoted name before the head is skipped: 1次“以案说纪”警示教育."""
        quoted = re.match(r"[“\"‘「《][^”\"’」》]{1,12}[”\"’」》]", fold(noun))
        head_at = offset + (quoted.end() if quoted else 0)
        heads = [h for h in self.vocab.matches(verb + noun) if h[0] <= head_at + 2 and h[1] > offset]
        return max(heads, key=lambda h: h[1] - h[0])[2] if heads else None

    def _trim_long(self, a: int, b: int) -> int:
        """Start a long activity at its last main verb: 围绕《…》和…开展专题研讨 -> 开展专题研讨."""
        if b - a <= 15:
            return a
        verbs = [v for v in _MAIN_VERB.finditer(self.folded, a, b)]
        return verbs[-1].start() if verbs and verbs[-1].start() < b - 1 else a

    def _indicator_before(self, s0: int, pos: int) -> str | None:
        hits = self.vocab.matches(self.text[s0:pos])
        if not hits:
            return None
        return max(hits, key=lambda t: (t[1], t[1] - t[0]))[2]

    # -- what kind of figure ------------------------------------------------
    def _confidence(self, kind: str, hit: _Hit, inherited: bool) -> float:
        """How sure the kind is, from the cues behind it: an explicit cue in the figure's own
        clause (a verb of work, 现有/实到, 计划/拟, 每月) is surer than a kind shared with the
        item before or a bare count of people."""
        own = hit.own
        if kind == "work":
            c = 0.9 if hit.indicator else 0.75
            if inherited:
                c -= 0.05
            if hit.reversed:
                c -= 0.05
            return round(c, 2)
        if kind == "state":
            return 0.9 if self.c.state.search(own) else 0.65
        if kind == "plan":
            strong = self.plan_doc or self.c.plan_strong.search(own) or _PLAN_NOUN.search(own)
            return 0.9 if strong else 0.75
        if kind in ("rule", "delta"):
            return 0.9
        return 0.75

    def _kind(self, hit: _Hit, unit: str, prev_kind, prev_indicator) -> str:
        own = hit.own
        if _DELTA.search(own):
            return "delta"
        if self.c.state.search(own):
            return "state"
        if unit in _PERSON_UNITS and self.c.reach_people.search(own):
            return "state"  # 签约服务群众4800余人 is reach; 服务群众1200余人次 is service given
        if unit in self.c.item_units and not self.c.work_verbs.search(own):
            return "state"  # 收到入党申请书5份, 低保户12户: things, not work
        if _BREAKDOWN.search(own):
            if prev_kind is None:
                return "state" if unit in _PERSON_UNITS else "work"
            if prev_kind == "work" and (hit.indicator is None or hit.indicator == prev_indicator):
                return "breakdown"
            return prev_kind
        if prev_kind is not None and not self.c.work_verbs.search(own) and not _TOTAL.search(own):
            if prev_kind == "work" and unit in _PERSON_UNITS and hit.indicator is None:
                return "state"  # …参加培训班，结业42人: people, not an item of a shared-verb list
            return prev_kind  # 上半年召开支委会6次，党员大会5次: the verb is shared
        if unit in _PERSON_UNITS and not self.c.work_verbs.search(own):
            return "state"  # 在职党员15名: a bare count of people is membership
        return "work"

    def _cumulative(self, prefix: str, own: str) -> bool:
        since = self.c.since.search(prefix)
        if not since or not re.search(r"累计|共计?|先后", own + prefix[since.end() :]):
            return False
        year = since.group("year")
        return year is None or (self.period_year is not None and int(year) < self.period_year)

    def _work_or_plan(self, own: str, prefix: str, pos: int, count: int = 1) -> str:
        rule = self.c.rule.search(own)
        if rule and not (count > 1 and rule.group().startswith("按")):
            return "rule"  # 每月1次; but 按季度公开村务4期 is the year's total, done quarterly
        return "plan" if self._planned(own, prefix, pos) else "work"

    def _planned(self, own: str, prefix: str, pos: int) -> bool:
        if self.plan_doc or self.outline.part_at(pos) == "next":
            return True
        if _PAST.search(own):
            return False
        # Only the clause the figure stands in: 谋划明年重点工作；二是全年组织集中学习5次 reports work.
        prefix = re.split(r"[；;]", prefix)[-1]
        if self.c.plan_weak.search(own) or _PLAN_NOUN.search(own) or self.c.plan_strong.search(prefix):
            return True
        if self.period and self.period.endswith("H1") and re.search(r"下半年|全年", prefix):
            return True
        if self.period_year and any(int(y) > self.period_year for y in _YEAR.findall(prefix)):
            return True
        for a, b in self.paragraphs:
            if a <= pos < b:
                head = self.folded[a:b].lstrip()
                h1 = self.period and self.period.endswith("H1")
                return bool(_PARA_PLAN.match(head) or (h1 and re.match(r"^.{0,4}下半年", head)))
        return False


def find_figures(
    text: str, *, title: str | None = None, outline: Outline | None = None, period: str | None = None,
    vocabulary: Vocabulary | None = None, archive=None,
) -> list[Figure]:  # fmt: skip
    """Every count-like figure in ``text`` with its kind (work/state/plan/rule/breakdown/delta)
    and a confidence. Converter debris (發(fā)展) is dropped first; offsets are the original's."""
    cleaned = clean_text(text or "")
    if period is None:
        period = detect_period(cleaned.text, title=title)
    if cleaned.text != (text or ""):
        outline = None  # its offsets are the original's
    ex = _Extractor(
        cleaned.text, title, outline, period, vocabulary or default_indicators(archive), figure_cues(archive)
    )
    figures = ex.run()
    if cleaned.text != (text or ""):
        for f in figures:
            f.start, f.end = cleaned.original_offset(f.start), cleaned.original_offset(f.end)
    return figures


def parse_kinds(kinds) -> set[str]:
    """The set of kinds ``kinds`` names (a list, or ``"work,state"``); InvalidKind for others.

    >>> sorted(parse_kinds("work, state"))
    ['state', 'work']
    """
    if isinstance(kinds, str):
        kinds = [k for k in re.split(r"[,，\s]+", kinds) if k]
    wanted = set(kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        from ..errors import InvalidKind

        raise InvalidKind(
            N_("unknown figure kind(s): {unknown} (choose from {kinds})").format(
                unknown=", ".join(sorted(unknown)), kinds=", ".join(KINDS)
            )
        )
    return wanted


def _frame(figures, kinds, doc_id, period, org) -> pd.DataFrame:
    rows = []
    wanted = parse_kinds(kinds)
    for fig in figures:
        if fig.kind not in wanted:
            continue
        d = asdict(fig)
        rows.append({"doc_id": doc_id, "period": period, "org": org, **d})
    import pandas as pd  # lazily: indexing imports this package and must start fast

    df = pd.DataFrame(rows, columns=COLUMNS)
    if rows:
        df = df.astype({"count": "int64", "approx": "bool", "start": "int64", "confidence": "float64"})
    # Unmapped activities have indicator None (not NaN), so JSON shows null.
    df["indicator"] = df["indicator"].astype(object).where(df["indicator"].notna(), None)
    return df


def extract_metrics(
    text: str, *, title: str | None = None, doc_id: str | None = None, org: str | None = None,
    period: str | None = None, outline: Outline | None = None, vocabulary: Vocabulary | None = None,
    kinds=("work",), archive=None,
) -> pd.DataFrame:  # fmt: skip
    """Counts of the branch's own work in ``text`` as a DataFrame (columns :data:`COLUMNS`).

    ``indicator`` is the canonical name from the vocabulary, or None when the activity
    (kept as written in ``activity``) is not in it. ``kinds`` (a list, or ``"work,state"``)
    adds figures of other kinds (:data:`KINDS`); each row says its ``kind`` and ``confidence``.
    ``archive`` selects that archive's vocabularies (indicators, figure cues) when it overrides them.

    >>> extract_metrics("支部现有党员23名，上半年召开支委会6次。", kinds="work,state")[["kind", "count", "confidence"]].values.tolist()
    [['state', 23, 0.9], ['work', 6, 0.9]]
    """
    text = text or ""
    period = period if period is not None else detect_period(clean_text(text).text, title=title)
    figs = find_figures(text, title=title, outline=outline, period=period, vocabulary=vocabulary, archive=archive)
    return _frame(figs, kinds, doc_id, period, org)


def extract_state_figures(
    text: str, *, title: str | None = None, doc_id: str | None = None, org: str | None = None,
    period: str | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Figures that describe a state (membership, attendance, reach), same columns."""
    text = text or ""
    period = period if period is not None else detect_period(text, title=title)
    return _frame(find_figures(text, title=title, period=period), ("state",), doc_id, period, org)

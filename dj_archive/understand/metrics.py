"""Activity counts a summary claims: ``组织集中学习10次``, ``发展预备党员两名``,
``上半年共召开支委会6次，党员大会5次`` (a shared verb), ``开展志愿服务20余次``.

Every "number + unit" in the text is a *figure*; each figure gets a kind:

``work``       a count of the branch's own work in the period (what :func:`extract_metrics` returns)
``state``      a state of affairs: membership (支部共有党员23名), attendance (实到6人), reach (覆盖200人次)
``plan``       a target: 计划/拟/将/力争…, the next-steps part of a summary, a whole 工作计划
``rule``       a frequency rule: 每月召开1次
``breakdown``  a part of the figure before it: 发展党员3名，其中女党员2名

Numbers that are not counts never become figures: years and dates, ordinals
(第3次), percentages, money, 三会一课 / 两个维护 / 四个意识 / 从六个方面 (the measure
word is not followed by a clause boundary), 18个月.

>>> df = extract_metrics("上半年共召开支委会6次，党员大会5次，讲党课3人次。支部共有党员23名。")
>>> df[["indicator", "activity", "count", "unit", "approx"]].values.tolist()
[['支委会', '召开支委会', 6, '次', False], ['党员大会', '党员大会', 5, '次', False], ['党课', '讲党课', 3, '人次', False]]
>>> extract_state_figures("支部共有党员23名。")[["activity", "count", "unit"]].values.tolist()
[['支部共有党员', 23, '名']]
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import pandas as pd

from ..normalize import fold
from .dates import detect_period
from .indicators import Vocabulary, default_indicators
from .numerals import parse_number
from .outline import Outline, parse_outline

__all__ = ["Figure", "find_figures", "extract_metrics", "extract_state_figures", "is_plan_document", "COLUMNS"]

COLUMNS = ["doc_id", "period", "org", "indicator", "activity", "count", "unit", "approx", "section", "sentence", "start"]

UNITS = ("人次", "场次", "次", "名", "人", "场", "篇", "项", "个", "件", "期", "批", "轮")
_PERSON_UNITS = ("名", "人")
_UNIT_RX = "|".join(UNITS)
# Matched on folded text (simplified, half-width digits): 余 and 场 are already simplified.
_FIGURE = re.compile(
    rf"(?P<num>[0-9]+(?:,[0-9]{{3}})*|[〇零一二两三四五六七八九十百千万]+)\s*(?P<post>余|多)?\s*(?P<unit>{_UNIT_RX})"
    r"(?P<after>以上|左右|之多|多)?"
)
# What may follow a count for it to close a statement: punctuation, a conjunction, the end.
_BOUNDARY_AFTER = re.compile(r"^(?:$|[\s，,。.；;：:、！!？?）)\]】”’\"'…—\-/]|和|及|与|并|以及|等|，|的?(?:任务|目标))")
# A character before the number that makes it an ordinal, a range, a frequency or part of a word.
_BAD_BEFORE_DIGIT = set("第每0123456789.．-—–~～至到/")
_BAD_BEFORE_CN = _BAD_BEFORE_DIGIT | set("这那哪同某唯统单专逐之初周星其任万千百零〇两一二三四五六七八九十几数")
_APPROX_BEFORE = re.compile(r"(?:近|约|将近|逾|超过|多达|上)\s*$")
_LEAD = re.compile(
    r"^(?:[和及与并、，,且或]|以及|同时|此外|另外|期间|其中|今年以来|年初以来|以来|截至目前|目前|至今|今年|本年度?|年内|"
    r"全年|上半年|下半年|第?[一二三四1-4]季度|共计?|累计|合计|总计|先后|陆续|已经?|均|都|还|又|另|再|也|"
    r"(?:我|本)?党?支部(?!委员会|大会)|党总支)\s*"
)
_TRAIL = re.compile(r"(?:共计?|累计|合计|总计|计|达到?|近|约|将近|超过|逾|不少于|至少|多达|共有|分别)\s*$")
_BARE_VERB = re.compile(r"^(?:召开|开展|组织|举办|举行|完成|进行|开|办|讲|上|参加|参与|共|了)+了?$")
_WORK_VERB = re.compile(
    r"召开|开展|组织|举办|举行|讲|上|授|撰写|提交|完成|参观|观看|收看|走访|慰问|看望|帮扶|结对|办理|解决|整改|"
    r"查摆|征求|收集|报送|推送|发布|宣讲|培训|评议|推荐|表彰|表扬|发展|培养|确定|接收|吸收|转|谈|约|教育|学习|"
    r"研讨|交流|参加|参与|新增|处理|调研|建立|创建|打造|设立|制定|修订|印发|编印|发放|捐|服务|选派|派出|签订|"
    r"督查|检查|考核|测评|评选|命名|认领|筹集|联系|回访|宣传|录制|制作|上报|填报|过|办|送|帮|引导|吸纳|列为|"
    r"纳入|领学|导学|观摩|考察|座谈|调整|补选|选举|增补|处分|问责|提醒|函询|批评|诫勉"
)
_STATE = re.compile(
    r"应到|实到|缺席|请假|列席|出席|参会|到会|与会|共有|现有|拥有|尚有|仍有|还有|另有|只有|仅有|计有|^有|"
    r"有(?:正式|预备)?党员|下设|设有|辖|在册|总数|人数|党龄|年龄|涉及|覆盖|惠及|受益|受教育|参学|参训|"
    r"参加(?:人员|党员|人数|会议|对象)|参与(?:人员|人数)|占|少数民族|学历|大专|本科|研究生|在职党员|退休党员"
)
_BREAKDOWN = re.compile(r"其中|含|包括|包含")
_PLAN_STRONG = re.compile(
    r"计划(?=于|在|将|再|要|继续|组织|召开|开展|举办|举行|完成|发展|培养|确定|接收|讲|上|安排|每|全年|年内|下半年)|"
    r"拟(?![定订稿制])|预计|下一步|下阶段|下步|今后|明年|来年|下一年"
)
_PLAN_WEAK = re.compile(
    r"将(?=继续|进一步|持续|全面|重点|组织|召开|开展|举办|举行|认真|着力|积极|深入|不断|坚持|按照|定期|每|至少|"
    r"力争|确保|在|于|完成|发展|培养)|力争|争取|确保|不少于|不低于|至少|要求|必须|应当|目标|任务是"
)
_RULE = re.compile(r"每月|每周|每季度?|每半年|每年|每天|每日|按月|按季|定期|每两个月|每个月|月均|周均")
_PAST = re.compile(r"已(?!经?(?:制定|印发|安排))|已经|实际")
_PARA_PLAN = re.compile(r"^.{0,4}(?:下一步|下阶段|今后|明年|来年)")
_PLAN_TITLE = re.compile(r"计划|要点|安排|打算|方案|思路|规划")
_NOT_PLAN_TITLE = re.compile(r"总结|报告|述职|汇报|情况|记录|纪要")
_SENT_END = re.compile(r"[。！!？?\n]")
_OPEN = "（(“‘《「『【"
_CLOSE = "）)”’》」』】"
_HARD = set("，,；;：:")
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


def is_plan_document(text: str, title: str | None = None) -> bool:
    """True when the title (or a short first line) says the document is a plan.

    >>> is_plan_document("", title="第三党支部2024年党建工作计划"), is_plan_document("", title="2023年工作总结及2024年工作计划")
    (True, False)
    """
    head = title or ""
    if not head:
        first = next((ln.strip() for ln in (text or "").split("\n") if ln.strip()), "")
        if len(first) <= 60 and "。" not in first:
            head = first
    head = fold(head)
    return bool(_PLAN_TITLE.search(head)) and not _NOT_PLAN_TITLE.search(head)


def _spans(folded: str, pattern: re.Pattern, extra_cuts=()) -> list[tuple[int, int]]:
    cuts = sorted({0, len(folded), *extra_cuts, *(m.end() for m in pattern.finditer(folded))})
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _clause_start(folded: str, lo: int, pos: int) -> int:
    """Where the clause ending at ``pos`` starts: after the nearest comma-like mark
    outside brackets and quotes, but not before ``lo``."""
    depth = 0
    i = pos - 1
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


class _Extractor:
    def __init__(self, text: str, title: str | None, outline: Outline | None, period: str | None, vocab: Vocabulary):
        self.text = text
        self.folded = fold(text)
        self.outline = outline or parse_outline(text)
        self.period = period
        self.vocab = vocab
        self.plan_doc = is_plan_document(text, title)
        self.period_year = int(period[:4]) if period and period[:4].isdigit() else None
        cuts = [h.start for h in self.outline.headings] + [h.end for h in self.outline.headings]
        self.sentences = _spans(self.folded, _SENT_END, cuts)
        self.paragraphs = _spans(self.folded, re.compile(r"\n"), [h.start for h in self.outline.headings])

    def run(self) -> list[Figure]:
        out = []
        for a, b in self.sentences:
            out.extend(self._sentence(a, b))
        return out

    # -- one sentence -------------------------------------------------------
    def _sentence(self, s0: int, s1: int) -> list[Figure]:
        f = self.folded
        figures: list[Figure] = []
        prev_end = s0
        prev_kind = None
        prev_indicator = None
        for m in _FIGURE.finditer(f, s0, s1):
            got = self._figure(m, s0, s1, prev_end)
            if got is None:
                continue
            activity, indicator, approx, fig_end, own_clause = got
            count = parse_number(m.group("num"))
            if not count:
                continue
            kind = self._kind(own_clause, f[s0 : m.start()], m.group("unit"), indicator, prev_kind, prev_indicator, m.start())
            if kind is None:
                continue
            sentence = self.text[s0:s1].strip()
            figures.append(
                Figure(indicator, activity, count, m.group("unit"), approx, kind, sentence,
                       self.outline.path_at(m.start()), m.start(), fig_end)
            )  # fmt: skip
            prev_end, prev_kind, prev_indicator = fig_end, kind, indicator
        return figures

    def _figure(self, m: re.Match, s0: int, s1: int, prev_end: int):
        """(activity, indicator, approx, end, own clause) of one number+unit match, or None."""
        f = self.folded
        num = m.group("num")
        before = f[m.start() - 1] if m.start() > 0 else ""
        bad = _BAD_BEFORE_DIGIT if num[0].isdigit() else _BAD_BEFORE_CN
        if before in bad:
            return None
        if not num[0].isdigit() and num in ("万", "千", "百"):
            return None
        approx = bool(m.group("post")) or m.group("after") in ("以上", "左右", "之多", "多")
        fig_end = m.end()
        clause_a = _clause_start(f, max(s0, prev_end), m.start())
        if _BOUNDARY_AFTER.match(f[fig_end : fig_end + 4]):
            a, b, approx_before = _strip_activity(f, clause_a, m.start())
            own_clause = f[clause_a : m.start()]
            indicator = self.vocab.match(self.text[a:b])
            if indicator is None and (b - a < 2 or _BARE_VERB.match(f[a:b])):
                # Elliptical: 坚持每月召开支委会，上半年共召开6次 -> the noun is earlier.
                indicator = self._indicator_before(s0, a)
                if indicator is None:
                    return None
            if b <= a:
                return None
            return self.text[a:b].strip(), indicator, approx or approx_before, fig_end, own_clause
        # Number before the noun: 召开3次支委会, 发展了2名预备党员.
        if m.group("after") and m.group("after") != "多":
            return None
        tail = f[m.end() : s1]
        stop = re.search(r"[，,。；;：:、！!？?）)\s]|和|及|与|并", tail)
        noun_end = m.end() + (stop.start() if stop else min(len(tail), 12))
        noun_end = min(noun_end, m.end() + 12)
        verb = f[clause_a : m.start()]
        if not _WORK_VERB.search(verb) or re.search(r"作为|成为|是|有", verb):
            return None
        noun = self.text[m.end() : noun_end]
        hits = [h for h in self.vocab.matches(noun) if h[0] <= 2]
        if not hits:
            return None
        a, _, approx_before = _strip_activity(f, clause_a, m.start())
        indicator = self.vocab.match(noun)
        activity = (self.text[a : m.start()] + noun).strip()
        return activity, indicator, approx or approx_before, noun_end, verb

    def _indicator_before(self, s0: int, pos: int) -> str | None:
        hits = self.vocab.matches(self.text[s0:pos])
        if not hits:
            return None
        return max(hits, key=lambda t: (t[1], t[1] - t[0]))[2]

    # -- what kind of figure ------------------------------------------------
    def _kind(self, own: str, prefix: str, unit: str, indicator, prev_kind, prev_indicator, pos: int) -> str | None:
        if _STATE.search(own):
            kind = "state"
        elif _BREAKDOWN.search(own):
            if prev_kind is None:
                kind = "state" if unit in _PERSON_UNITS else "work"
            elif prev_kind == "work" and (indicator is None or indicator == prev_indicator):
                kind = "breakdown"
            else:
                kind = prev_kind
        elif prev_kind is not None and not _WORK_VERB.search(own):
            kind = prev_kind  # 上半年召开支委会6次，党员大会5次: the verb is shared
        elif unit in _PERSON_UNITS and not _WORK_VERB.search(own):
            kind = "state"  # 在职党员15名: a bare count of people is membership
        else:
            kind = "work"
        if kind != "work":
            return kind
        if _RULE.search(own):
            return "rule"
        if self._planned(own, prefix, pos):
            return "plan"
        return "work"

    def _planned(self, own: str, prefix: str, pos: int) -> bool:
        if self.plan_doc or self.outline.part_at(pos) == "next":
            return True
        if _PAST.search(own):
            return False
        if _PLAN_WEAK.search(own) or _PLAN_STRONG.search(prefix):
            return True
        if self.period and self.period.endswith("H1") and re.search(r"下半年|全年", prefix):
            return True
        if self.period_year and any(int(y) > self.period_year for y in _YEAR.findall(prefix)):
            return True
        for a, b in self.paragraphs:
            if a <= pos < b:
                head = self.folded[a:b].lstrip()
                if _PARA_PLAN.match(head) or (
                    self.period and self.period.endswith("H1") and re.match(r"^.{0,4}下半年", head)
                ):
                    return True
                break
        return False


def find_figures(
    text: str, *, title: str | None = None, outline: Outline | None = None, period: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> list[Figure]:  # fmt: skip
    """Every count-like figure in ``text`` with its kind (work/state/plan/rule/breakdown)."""
    text = text or ""
    if period is None:
        period = detect_period(text, title=title)
    ex = _Extractor(text, title, outline, period, vocabulary or default_indicators())
    return ex.run()


def _frame(figures, kind, doc_id, period, org) -> pd.DataFrame:
    rows = []
    for fig in figures:
        if fig.kind != kind:
            continue
        d = asdict(fig)
        rows.append({"doc_id": doc_id, "period": period, "org": org, **d})
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.astype({"count": "int64", "approx": "bool", "start": "int64"}) if rows else df


def extract_metrics(
    text: str, *, title: str | None = None, doc_id: str | None = None, org: str | None = None,
    period: str | None = None, outline: Outline | None = None, vocabulary: Vocabulary | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Counts of the branch's own work in ``text`` as a DataFrame (columns :data:`COLUMNS`).

    ``indicator`` is the canonical name from the vocabulary, or None when the activity
    (kept as written in ``activity``) is not in it.
    """
    text = text or ""
    period = period if period is not None else detect_period(text, title=title)
    figs = find_figures(text, title=title, outline=outline, period=period, vocabulary=vocabulary)
    return _frame(figs, "work", doc_id, period, org)


def extract_state_figures(
    text: str, *, title: str | None = None, doc_id: str | None = None, org: str | None = None,
    period: str | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Figures that describe a state (membership, attendance, reach), same columns."""
    text = text or ""
    period = period if period is not None else detect_period(text, title=title)
    return _frame(find_figures(text, title=title, period=period), "state", doc_id, period, org)

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

>>> df = extract_metrics("上半年共召开支委会6次，党员大会5次，讲党课3人次。支部共有党员23名。")
>>> df[["indicator", "activity", "count", "unit", "approx"]].values.tolist()
[['支委会', '召开支委会', 6, '次', False], ['党员大会', '党员大会', 5, '次', False], ['党课', '讲党课', 3, '人次', False]]
>>> extract_state_figures("支部共有党员23名。")[["activity", "count", "unit"]].values.tolist()
[['支部共有党员', 23, '名']]
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass


from ._text import fold_text as fold
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
_BOUNDARY_AFTER = re.compile(r"^(?:$|[\s，,。.；;：:、！!？?（(）)\]】”’\"'…—\-/]|和|及|与|并|以及|等|的?(?:任务|目标))")
# A character before the number that makes it an ordinal, a range, a frequency or part of a word.
_BAD_BEFORE_DIGIT = set("第每0123456789.．-—–~～/")
_RANGE_WORDS = set("至到")  # 3至5次 is a range; 实到6人 is not
_BAD_BEFORE_CN = _BAD_BEFORE_DIGIT | _RANGE_WORDS | set("这那哪同某唯统单专逐之初周星其任万千百零〇两一二三四五六七八九十几数")
_APPROX_BEFORE = re.compile(r"(?:近|约|将近|逾|超过|多达)\s*$")
_LEAD = re.compile(
    r"(?:[和及与并、，,且或]|以及|[一二三四五六七八九十]是|第[一二三四五六七八九十][，,、]?|首先|其次|再次|最后|"
    r"同时|此外|另外|期间|其中|今年以来|年初以来|以来|截至目前|目前|至今|今年|本年度?|年内|"
    r"全年|上半年|下半年|第?[一二三四1-4]季度|截至[^，,]{0,6}?[底末前]|共计?|累计|合计|总计|先后|陆续|已经?|均|都|还|又|另|再|也|"
    r"(?:我|本)?党?支部(?!委员会|大会)|党总支)\s*"
)
_TRAIL = re.compile(r"(?:共计?|累计|合计|总计|计|达到?|近|约|将近|超过|逾|不少于|至少|多达|共有|分别)\s*$")
_BARE_VERB = re.compile(r"^(?:召开|开展|组织|举办|举行|完成|进行|开|办|讲|上|参加|参与|共|了)+了?$")
_WORK_VERB = re.compile(
    r"召开|开展|组织|举办|举行|讲|上(?=[微专]?[题]?党课)|授课|撰写|提交|完成|参观|观看|收看|走访|慰问|看望|帮扶|"
    r"结对|办理|办实事|解决|整改|查摆|征求|收集|报送|推送|发布|宣讲|培训|评议|推荐|表彰|表扬|发展|培养|确定|"
    r"接收|吸收|转入|转出|转正|接转|谈话|谈心|约谈|教育|学习|研讨|交流|参加|参与|新增|处理|调研|建立|创建|打造|"
    r"设立|制定|修订|印发|编印|发放|捐|服务|选派|派出|签订|督查|检查|考核|测评|评选|命名|认领|筹集|联系|回访|"
    r"宣传|录制|制作|上报|填报|送学|送温暖|帮扶|引导|吸纳|列为|纳入|领学|导学|观摩|考察|座谈|调整|补选|选举|"
    r"增补|处分|问责|提醒|函询|批评|诫勉"
)
_STATE = re.compile(
    r"应到|实到|缺席|请假|列席|出席|参会|到会|与会|共有|现有|拥有|尚有|仍有|还有|另有|只有|仅有|计有|^有|"
    r"有(?:正式|预备)?党员|下设|设有|辖|在册|总数|人数|党龄|年龄|涉及|覆盖|惠及|受益|受教育|参学|参训|"
    r"参加(?:人员|党员|人数|会议|对象)|参与(?:人员|人数)|占|少数民族|学历|大专|本科|研究生|参评|参与党员"
)
_BREAKDOWN = re.compile(r"其中|含|包括|包含")
# A total stands on its own (每月1次，全年共12次): it does not share the clause before's kind.
_TOTAL = re.compile(r"共|累计|合计|总计")
# A difference from another period (较去年同期增加2次) is not a count.
_DELTA = re.compile(r"(?:较|比|同比|环比).{0,8}?(?:增加|减少|增长|提高|下降|多|少)|^(?:增加|减少)了?$")
# 计划 as a noun that was carried out (按照计划组织…) is not a plan.
_PLAN_NOUN = re.compile(r"(?<!按照)(?<!按)(?<!根据)(?<!依照)(?<!依据)(?<!学习)(?<!工作)(?<!年度)计划")
_PLAN_STRONG = re.compile(
    r"(?<!按照)(?<!按)(?<!根据)(?<!依照)(?<!依据)"
    r"计划(?=于|在|将|再|要|继续|组织|召开|开展|举办|举行|完成|发展|培养|确定|接收|讲|上|安排|每|全年|年内|下半年)|"
    r"拟(?![定订稿制])|预计|下一步|下阶段|下步|今后|明年|来年|下一年"
)
_PLAN_WEAK = re.compile(
    r"将(?=继续|进一步|持续|全面|重点|组织|召开|开展|举办|举行|认真|着力|积极|深入|不断|坚持|按照|定期|每|至少|"
    r"力争|确保|在|于|完成|发展|培养)|力争|争取|确保|不少于|不低于|至少|要求|必须|应当|目标|任务是|决定|部署|安排"
)
_RULE = re.compile(r"每月|每周|每季度?|每半年|每年|每天|每日|按月|按季|定期|每两个月|每个月|月均|周均")
_PAST = re.compile(r"已(?!经?(?:制定|印发|安排))|已经|实际")
# Units that may stand before the activity they count: 召开3次支委会, 撰写2篇心得体会.
_REVERSED_UNITS = {"次", "场", "场次", "名", "篇", "期", "轮", "人次"}
# Indicators whose counted people can open a clause: 2名预备党员按期转正.
_SUBJECT_INDICATORS = {"转正", "组织关系转入", "组织关系转出", "发展预备党员", "入党积极分子", "发展对象", "表彰先进"}
_MAIN_VERB = re.compile(r"开展|召开|组织(?!生活)|举办|举行|撰写|发展|培养|确定|接收|走访|慰问|观看|参观|讲|上(?=[微专]?[题]?党课)")
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
    heads = [fold(title or "")]
    first = next((ln.strip() for ln in (text or "").split("\n") if ln.strip()), "")
    if len(first) <= 60 and "。" not in first:
        heads.append(fold(first))
    else:
        # Text without line breaks starts with its title: take the words before the first comma.
        m = re.match(r"[^，。,；;]{4,50}", first)
        heads.append(fold(m.group()) if m else "")
    if any(_NOT_PLAN_TITLE.search(h) for h in heads):
        return False
    return any(_PLAN_TITLE.search(h) for h in heads)


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


@dataclass
class _Hit:
    """What one number + unit counts, before its kind is decided."""

    activity: str
    indicator: str | None
    approx: bool
    end: int
    own: str  # the clause in front of the number (folded), where cues are looked for
    clause_start: int


class _Extractor:
    def __init__(self, text: str, title: str | None, outline: Outline | None, period: str | None, vocab: Vocabulary):
        self.text = text
        self.folded = fold(text)
        self.outline = outline or parse_outline(text)
        self.period = period
        self.vocab = vocab
        self.plan_doc = is_plan_document(text, title)
        self.period_year = int(period[:4]) if period and period[:4].isdigit() else None
        heads = self.outline.headings
        # A heading is its own sentence, and its marker (1. / （二）) is not part of any clause.
        cuts = [h.start for h in heads] + [h.text_start for h in heads] + [h.end for h in heads]
        self.sentences = _spans(self.folded, _SENT_END, cuts)
        self.paragraphs = _spans(self.folded, re.compile(r"\n"), [h.start for h in heads])

    def run(self) -> list[Figure]:
        out = []
        for a, b in self.sentences:
            out.extend(self._sentence(a, b))
        return out

    # -- one sentence -------------------------------------------------------
    def _sentence(self, s0: int, s1: int) -> list[Figure]:
        figures: list[Figure] = []
        prev_end, prev_kind, prev_indicator = s0, None, None
        for m in _FIGURE.finditer(self.folded, s0, s1):
            count = parse_number(m.group("num"))
            hit = self._hit(m, s0, s1, prev_end) if count else None
            if hit is None:
                continue
            joined = prev_kind is not None and hit.clause_start == prev_end and re.match(r"\s*(?:、|和|及|与)", hit.own)
            kind = prev_kind if joined else self._kind(hit, m.group("unit"), prev_kind, prev_indicator)
            if kind == "work":
                kind = self._work_or_plan(hit.own, self.folded[s0 : m.start()], m.start())
            elif kind == "state":
                # A state keeps its subject: 支部共有党员, not 有党员.
                hit.activity = self.text[hit.clause_start : m.start()].strip(" \t\u3000、，,和及与")
            figures.append(
                Figure(hit.indicator, hit.activity, count, m.group("unit"), hit.approx, kind,
                       self.text[s0:s1].strip(), self.outline.path_at(m.start()), m.start(), hit.end)
            )  # fmt: skip
            prev_end, prev_kind, prev_indicator = hit.end, kind, hit.indicator
        return figures

    def _hit(self, m: re.Match, s0: int, s1: int, prev_end: int) -> _Hit | None:
        f = self.folded
        num = m.group("num")
        before = f[m.start() - 1] if m.start() > 0 else ""
        if before in (_BAD_BEFORE_DIGIT if num[0].isdigit() else _BAD_BEFORE_CN):
            return None
        if before in _RANGE_WORDS and m.start() > 1 and (f[m.start() - 2].isdigit() or f[m.start() - 2] in "一二两三四五六七八九十"):
            return None
        approx = bool(m.group("post")) or m.group("after") in ("以上", "左右", "之多", "多")
        clause_a = _clause_start(f, max(s0, prev_end), m.start())
        own = f[clause_a : m.start()]
        if _BOUNDARY_AFTER.match(f[m.end() : m.end() + 4]):
            return self._forward(m, s0, clause_a, own, approx)
        if (m.group("after") and m.group("after") != "多") or m.group("unit") not in _REVERSED_UNITS:
            return None  # 分两批参观…, 5项活动: a batch or a kind, not a count of the noun
        return self._reversed(m, s1, clause_a, own, approx)

    def _forward(self, m, s0, clause_a, own, approx) -> _Hit | None:
        """Activity before the number: 组织集中学习10次, 党员大会5次."""
        a, b, approx_before = _strip_activity(self.folded, clause_a, m.start())
        indicator = self.vocab.match(self.text[a:b])
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
        return _Hit(self.text[a:b].strip(), indicator, approx or approx_before, m.end(), own, clause_a)

    def _reversed(self, m, s1, clause_a, own, approx) -> _Hit | None:
        """Number before the noun: 召开3次支委会, 发展了2名预备党员, 2名预备党员转正."""
        f = self.folded
        tail = f[m.end() : s1]
        stop = re.search(r"[，,。；;：:、！!？?）)\s]|和|及|与|并", tail)
        noun_end = m.end() + min(stop.start() if stop else len(tail), 12)
        noun = self.text[m.end() : noun_end]
        a, _, approx_before = _strip_activity(f, clause_a, m.start())
        if a == m.start():
            # The count opens the clause, its noun is the subject: 2名预备党员按期转正.
            indicator = self.vocab.match(noun)
            if indicator not in _SUBJECT_INDICATORS or not _WORK_VERB.search(fold(noun)):
                return None
            own = f[clause_a:noun_end]  # the verb comes after the count
        else:
            if not _WORK_VERB.search(own) or re.search(r"作为|成为|是|有", own):
                return None
            if not any(h[0] <= 2 for h in self.vocab.matches(noun)):
                return None  # 从六个方面, 一名党员: the noun is not an activity
            indicator = self.vocab.match(noun)
        activity = (self.text[a : m.start()] + noun).strip()
        return _Hit(activity, indicator, approx or approx_before, noun_end, own, clause_a)

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
    def _kind(self, hit: _Hit, unit: str, prev_kind, prev_indicator) -> str:
        own = hit.own
        if _DELTA.search(own):
            return "delta"
        if _STATE.search(own):
            return "state"
        if _BREAKDOWN.search(own):
            if prev_kind is None:
                return "state" if unit in _PERSON_UNITS else "work"
            if prev_kind == "work" and (hit.indicator is None or hit.indicator == prev_indicator):
                return "breakdown"
            return prev_kind
        if prev_kind is not None and not _WORK_VERB.search(own) and not _TOTAL.search(own):
            return prev_kind  # 上半年召开支委会6次，党员大会5次: the verb is shared
        if unit in _PERSON_UNITS and not _WORK_VERB.search(own):
            return "state"  # 在职党员15名: a bare count of people is membership
        return "work"

    def _work_or_plan(self, own: str, prefix: str, pos: int) -> str:
        if _RULE.search(own):
            return "rule"
        return "plan" if self._planned(own, prefix, pos) else "work"

    def _planned(self, own: str, prefix: str, pos: int) -> bool:
        if self.plan_doc or self.outline.part_at(pos) == "next":
            return True
        if _PAST.search(own):
            return False
        # Only the clause the figure stands in: 谋划明年重点工作；二是全年组织集中学习5次 reports work.
        prefix = re.split(r"[；;]", prefix)[-1]
        if _PLAN_WEAK.search(own) or _PLAN_NOUN.search(own) or _PLAN_STRONG.search(prefix):
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
    vocabulary: Vocabulary | None = None,
) -> list[Figure]:  # fmt: skip
    """Every count-like figure in ``text`` with its kind (work/state/plan/rule/breakdown)."""
    text = text or ""
    if period is None:
        period = detect_period(text, title=title)
    ex = _Extractor(text, title, outline, period, vocabulary or default_indicators())
    return ex.run()


def _frame(figures, kind, doc_id, period, org) -> "pd.DataFrame":
    rows = []
    for fig in figures:
        if fig.kind != kind:
            continue
        d = asdict(fig)
        rows.append({"doc_id": doc_id, "period": period, "org": org, **d})
    import pandas as pd  # lazily: indexing imports this package and must start fast

    df = pd.DataFrame(rows, columns=COLUMNS)
    if rows:
        df = df.astype({"count": "int64", "approx": "bool", "start": "int64"})
    # Unmapped activities have indicator None (not NaN), so JSON shows null.
    df["indicator"] = df["indicator"].astype(object).where(df["indicator"].notna(), None)
    return df


def extract_metrics(
    text: str, *, title: str | None = None, doc_id: str | None = None, org: str | None = None,
    period: str | None = None, outline: Outline | None = None, vocabulary: Vocabulary | None = None,
) -> "pd.DataFrame":  # fmt: skip
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
) -> "pd.DataFrame":  # fmt: skip
    """Figures that describe a state (membership, attendance, reach), same columns."""
    text = text or ""
    period = period if period is not None else detect_period(text, title=title)
    return _frame(find_figures(text, title=title, period=period), "state", doc_id, period, org)

"""Sentences of 一、主要工作 written from the records themselves: what was studied (the
学习内容 of each 集中学习记录, else its title), the themes of the 主题党日, who gave
which 党课, who reached which stage of joining the Party, the 廉政 activities and the
visits, with the figures inline and each sentence's records in one footnote.

Records state their facts in labelled lines (``学习内容：…``, ``活动主题：…``,
``谈话类型：…``) and their titles (``…党课讲稿《锲而不舍落实中央八项规定精神》``,
``…关于接收预备党员的公示（陈雨桐）``); what a record does not say is left out.

>>> field("时间：2025年3月21日\\n学习内容：二十届中央纪委四次全会精神\\n", "学习内容")
'二十届中央纪委四次全会精神'
>>> study_topic({"title": "某支部2025年6月集中学习记录（学习习近平总书记关于加强党的作风建设的重要论述）", "text": ""})
'习近平总书记关于加强党的作风建设的重要论述'
>>> person({"title": "某支部关于接收预备党员的公示（陈雨桐）"})
'陈雨桐'
>>> lecture({"title": "某支部组织委员罗佳琪党课讲稿：锲而不舍落实中央八项规定精神", "text": ""})
('组织委员', '罗佳琪', '锲而不舍落实中央八项规定精神')
"""

from __future__ import annotations

import re

from ..normalize import fold
from .model import Writer
from .records import Figure, Source

__all__ = ["field", "study_topic", "person", "lecture", "section_paragraphs", "join_cn", "quote"]

_FIELD = "^[#\\s]*{name}\\s*[：:]\\s*(.+?)\\s*$"
_PAREN_END = re.compile(r"[（(]([^（）()]{2,60})[）)]\s*$")
_NAME_END = re.compile(r"[（(]([\u4e00-\u9fff·]{2,4})[）)]\s*$")
_BOOK = re.compile(r"《([^《》]{2,40})》")
_QUOTED = re.compile(r"“([^“”]{2,24})”")
_ROLE = r"(?:书记|副书记|组织委员|宣传委员|纪检委员|青年委员|委员|党员)"
_LECTURER_IN_TITLE = re.compile(rf"({_ROLE})([\u4e00-\u9fff]{{2,3}})党课讲稿")
_LECTURER_LINE = re.compile(rf"^[#\s]*([\u4e00-\u9fff]{{2,4}})[（(][^）)]*?({_ROLE})[）)]\s*$")
_SPEAKER_FIELD = ("主讲人", "授课人", "讲课人")
_CN_DIGITS = "〇一二三四五六七八九"


def field(text: str | None, *names: str) -> str | None:
    """The value of the first labelled line ``名称：值`` of ``text`` for any of ``names``."""
    for name in names:
        m = re.search(_FIELD.format(name=name), text or "", re.M)
        if m and m.group(1).strip("：: "):
            return m.group(1).strip()
    return None


def join_cn(items: list[str], last: str = "和") -> str:
    """Join with 、 and a final 和 (only 、 when an item has a 和 of its own).

    >>> join_cn(["甲", "乙", "丙"]), join_cn(["甲和乙", "丙"])
    ('甲、乙和丙', '甲和乙、丙')
    """
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if any(last in i for i in items):
        return "、".join(items)
    return "、".join(items[:-1]) + last + items[-1]


def quote(text: str) -> str:
    """``text`` in “ ”, its own quotation marks turned into ‘ ’.

    >>> quote("坚持“第一议题”制度")
    '“坚持‘第一议题’制度”'
    """
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _uniq(items):
    seen, out = set(), []
    for i in items:
        if i and i not in seen:
            seen.add(i)
            out.append(i)
    return out


def study_topic(r: dict) -> str | None:
    """What a 集中学习记录 studied: its 学习内容 line, else the bracketed part of its title."""
    topic = field(r.get("text"), "学习内容", "学习主题", "主题")
    if not topic:
        m = _PAREN_END.search(r.get("title") or "")
        topic = m.group(1) if m else None
    if topic:
        topic = re.sub(r"^(?:专题)?学习", "", topic).strip("，。；")
    return topic or None


def essay_topic(r: dict) -> str | None:
    """What a 心得体会 is about: ``学习X心得体会`` → X."""
    title = _NAME_END.sub("", r.get("title") or "")
    m = re.search(r"(?:党支部|支部)(?:党员)?(?:学习)?(.+?)(?:心得体会|专题研讨发言|研讨发言|交流发言|体会)", title)
    return m.group(1).strip("“”") if m and len(m.group(1)) >= 2 else None


def person(r: dict) -> str | None:
    """The person a development record is about: the name in brackets ending its title."""
    m = _NAME_END.search(r.get("title") or "")
    return m.group(1) if m else None


def lecture(r: dict) -> tuple[str | None, str | None, str | None]:
    """(role, name, topic) of a 党课讲稿, from its title and first lines."""
    title = r.get("title") or ""
    text = r.get("text") or ""
    role = name = None
    m = _LECTURER_IN_TITLE.search(title)
    if m:
        role, name = m.group(1), m.group(2)
    else:
        speaker = field(text, *_SPEAKER_FIELD)
        if speaker:
            name = re.split(r"[（(，, ]", speaker)[0] or None
        for line in text.splitlines()[1:6]:
            lm = _LECTURER_LINE.match(line)
            if lm:
                name, role = lm.group(1), lm.group(2)
                break
    topic = None
    b = _BOOK.search(title)
    if b:
        topic = b.group(1)
    else:
        t = re.search(r"党课讲稿[：:](.+)$", title) or _PAREN_END.search(title)
        if t:
            topic = t.group(1).strip()
    return role, name, topic


def _number(text: str | None, label: str) -> int | None:
    m = re.search(label + r"[：:]?\s*(\d+)\s*[人名]", text or "")
    return int(m.group(1)) if m else None


def attendance(records: list[dict]) -> tuple[int, int]:
    """(实到, 应到) summed over the records that state both."""
    present = due = 0
    for r in records:
        a, b = _number(r.get("text"), "实到人数"), _number(r.get("text"), "应到人数")
        if a is not None and b and a <= b:
            present, due = present + a, due + b
    return present, due


def _visited(r: dict) -> int:
    """People visited: rows of the 走访对象 table (a line starting with a row number)."""
    text = r.get("text") or ""
    part = text.split("走访对象", 1)[1] if "走访对象" in text else ""
    part = part.split("走访情况", 1)[0]
    return len(re.findall(r"^\s*\d+\s*[\t|｜ ]", part, re.M))


def _occasion(title: str) -> str | None:
    m = re.search(r"(“[^”]+”前夕|春节前|春节期间|重阳节|中秋节|国庆节?前|元旦前|七一前夕|建党节)", title)
    return m.group(1) if m else None


# Stages of joining the Party, in order: title keyword → how the draft says it.
_STAGES = [
    ("入党申请", "{p}同志递交入党申请书"),
    ("确定入党积极分子", "确定{p}同志为入党积极分子"),
    ("积极分子培养考察", "对入党积极分子{p}同志开展培养考察"),
    ("发展对象", "将{p}同志列为发展对象并开展政审"),
    ("接收预备党员", "接收{p}同志为中共预备党员"),
    ("转正", "{p}同志按期转为正式党员"),
]


def _with(records: list[dict], key: str) -> list[dict]:
    k = fold(key)
    return [r for r in records if k in fold(r.get("title") or "")]


def _src(records: list[dict]) -> list[Source]:
    return [Source.from_row(r) for r in sorted(records, key=lambda r: (r.get("date") or "", r.get("path") or ""))]


def _counts(w: Writer | _Sources, figs: list[Figure], vocab) -> str:
    """召开支委会3次、党员大会2次，讲授党课1次: consecutive counts with one verb share it."""
    out: list[str] = []
    last = None
    for f in figs:
        verb, obj = vocab.phrase(f.indicator)
        piece = obj.format(n=f.count)
        out.append(("、" if verb == last else ("，" if out else "")) + (piece if verb == last else verb + piece))
        last = verb
    return "".join(out)


class _Sources:
    """Stands in for the Writer while a sub-section is written: collects each sentence's
    records, so that the sub-section gets one footnote (fewer notes, more body per page)."""

    def __init__(self):
        self.sources: list[Source] = []

    def note(self, text: str, sources: list[Source]) -> None:
        self.sources += [s for s in sources if s not in self.sources]


def section_paragraphs(
    w: Writer, kind: str, figures: list[Figure], records: list[dict], lead: str, vocab
) -> list[list]:
    """Paragraphs (lists of runs) for a sub-section of kind ``kind``, the last one ending
    with a footnote that numbers every record the sub-section draws on; [] when the
    records say nothing about it."""
    by = {f.indicator: f for f in figures if f.count}
    mine = [by[n] for n in vocab.sections.get(kind, {}).get("indicators", []) if n in by]
    maker = _MAKERS.get(kind)
    sink = _Sources()
    paras = maker(sink, by, records, lead, vocab) if maker else []
    if not paras and mine:  # a kind without its own sentences: the counts
        sink.note(_what(mine), _sources(mine))
        paras = [[f"{lead}，支部{_counts(sink, mine, vocab)}", "。"]]
    paras = [[r for r in runs if r is not None] for runs in paras]
    if paras and sink.sources:
        paras[-1].insert(len(paras[-1]) - 1, w.note("", sink.sources))
    return paras


def _what(figs: list[Figure]) -> str:
    return "、".join(f"{f.record_title}{f.count}件" for f in figs)


def _sources(figs: list[Figure]) -> list[Source]:
    out: list[Source] = []
    for f in figs:
        out += [s for s in f.sources if s not in out]
    return out


def _study(w, by, records, lead, vocab):
    paras = []
    f = by.get("集中学习")
    if f:
        rows = [r for r in records if r["path"] in {s.path for s in f.sources}]
        topics = _uniq(study_topic(r) for r in sorted(rows, key=lambda r: r.get("date") or ""))
        text = f"{lead}，支部坚持把理论学习作为首要政治任务，组织集中学习{f.count}次"
        if topics:
            text += f"，{'先后' if len(topics) > 1 else ''}学习了{join_cn(topics[:4])}" + (
                "等内容" if len(topics) > 4 else ""
            )
        paras.append([text, w.note(_what([f]), f.sources), "。"])
    f = by.get("心得体会")
    if f:
        rows = [r for r in records if r["path"] in {s.path for s in f.sources}]
        topics = _uniq(essay_topic(r) for r in rows)
        about = f"围绕{join_cn(topics[:3])}" if topics else ""
        paras.append([f"组织党员{about}撰写心得体会{f.count}篇，交流学习收获", w.note(_what([f]), f.sources), "。"])
    return paras


def _organisation(w, by, records, lead, vocab):
    paras = []
    meetings = [by[n] for n in ("支委会", "党员大会", "党小组会") if n in by]
    if meetings:
        rows = [r for r in records if r["path"] in {s.path for f in meetings for s in f.sources}]
        text = f"严格落实“三会一课”制度，{lead}{_counts(w, meetings, vocab)}"
        present, due = attendance(rows)
        if due:
            text += f"，党员参会率{present / due:.0%}"
        paras.append([text, w.note(_what(meetings), _sources(meetings)), "。"])
    f = by.get("党课")
    if f:
        rows = [r for r in records if r["path"] in {s.path for s in f.sources}]
        said = []
        for r in sorted(rows, key=lambda r: r.get("date") or ""):
            role, name, topic = lecture(r)
            who = f"{role or ''}{name or ''}" or "支部书记"
            said.append(f"{who}以《{topic}》为题" if topic else who)
        text = f"坚持书记和委员讲党课制度，{lead}讲授党课{f.count}次，" + "，".join(said[:3]) + "作了讲授"
        paras.append([text, w.note(_what([f]), f.sources), "。"])
    f = by.get("主题党日")
    if f:
        rows = [r for r in records if r["path"] in {s.path for s in f.sources}]
        themes = _uniq(
            field(r.get("text"), "活动主题") or next(iter(_QUOTED.findall(r.get("title") or "")), None) for r in rows
        )
        named = "".join(f"“{t}”" for t in themes[:4])
        paras.append(
            [
                f"结合重要时间节点，开展{named}{'等' if len(themes) > 4 else ''}主题党日活动{f.count}次",
                w.note(_what([f]), f.sources),
                "。",
            ]
        )
    f = by.get("组织生活会")
    if f:
        rows = [r for r in records if r["path"] in {s.path for s in f.sources}]
        theme = next((t for t in (field(r.get("text"), "会议主题") for r in rows) if t), None)
        text = f"召开组织生活会{f.count}次" + (f"（{theme}）" if theme else "")
        rated = _with(records, "民主评议党员")
        good = [int(m.group(1)) for r in rated for m in [re.search(r"优秀党员\s*(\d+)\s*名", r.get("text") or "")] if m]
        if rated:
            text += "，同步开展民主评议党员" + (f"，评定优秀党员{sum(good)}名" if good else "")
        paras.append(
            [
                text,
                w.note(
                    _what([f]) + (f"、民主评议党员情况报告{len(rated)}件" if rated else ""), f.sources + _src(rated)
                ),
                "。",
            ]
        )
    return paras


def _members(w, by, records, lead, vocab):
    stage_of: dict[str, tuple[int, dict]] = {}
    for r in records:
        name = person(r)
        title = fold(r.get("title") or "")
        for i, (key, _) in enumerate(_STAGES):
            if name and key in title and (name not in stage_of or stage_of[name][0] < i):
                stage_of[name] = (i, r)
    if not stage_of:
        return []
    ordered = sorted(stage_of.items(), key=lambda kv: (-kv[1][0], kv[1][1].get("date") or ""))
    said = [_STAGES[i][1].format(p=name) for name, (i, _) in ordered]
    rows = [r for _, (_, r) in ordered]
    return [
        [f"严格按照发展党员工作程序，{lead}{'，'.join(said)}", w.note(f"发展党员材料{len(rows)}件", _src(rows)), "。"]
    ]


def _clean(w, by, records, lead, vocab):
    parts, rows = [], []
    f = by.get("警示教育")
    if f:
        ws = [r for r in records if r["path"] in {s.path for s in f.sources}]
        films = _uniq(b for r in ws for b in _BOOK.findall(r.get("title") or ""))
        cases = any("案例" in (r.get("title") or "") for r in ws)
        how = []
        if films:
            how.append("组织党员观看警示教育片" + "".join(f"《{t}》" for t in films[:2]))
        if cases:
            how.append("通报典型案例")
        parts.append(f"开展警示教育{f.count}次" + "".join(f"，{h}" for h in how) + "，做到以案为鉴")
        rows += ws
    f = by.get("廉政谈话")
    if f:
        ts = [r for r in records if r["path"] in {s.path for s in f.sources}]
        kinds = _uniq(field(r.get("text"), "谈话类型") for r in ts)
        parts.append(f"开展廉政谈话{f.count}次" + (f"（{'、'.join(kinds[:2])}）" if kinds else ""))
        rows += ts
    checks = _with(records, "自查报告")
    for r in checks[:1]:
        m = re.search(r"(落实.+?)自查报告", r.get("title") or "")
        parts.append(f"对照{m.group(1)[2:]}开展自查" if m else "开展自查自纠")
    rows += checks[:1]
    pledges = _with(records, "承诺书")
    if pledges:
        parts.append("组织党员签订廉洁自律承诺书")
        rows += pledges
    if not parts:
        return []
    return [[f"{lead}，支部" + "；".join(parts), w.note(f"党风廉政记录{len(rows)}件", _src(rows)), "。"]]


def _service(w, by, records, lead, vocab):
    paras = []
    f = by.get("走访慰问")
    if f:
        vs = [r for r in records if r["path"] in {s.path for s in f.sources}]
        people = sum(_visited(r) for r in vs)
        when = _uniq(_occasion(r.get("title") or "") for r in vs)
        text = (f"在{join_cn(when)}" if when else "") + f"走访慰问老党员和生活困难党员{f.count}次"
        if people:
            text += f"，看望{people}人次，送去组织的关心和问候"
        paras.append([text, w.note(_what([f]), f.sources), "。"])
    f = by.get("志愿服务")
    if f:
        vs = [r for r in records if r["path"] in {s.path for s in f.sources}]
        names = _uniq(next(iter(_QUOTED.findall(r.get("title") or "")), None) for r in vs)
        joined = [int(m.group(1)) for r in vs for m in [re.search(r"共\s*(\d+)\s*人", r.get("text") or "")] if m]
        text = f"组织党员开展{''.join(f'“{n}”' for n in names[:3])}志愿服务活动{f.count}次"
        if joined:
            text += f"，参加党员{sum(joined)}人次"
        paras.append([text, w.note(_what([f]), f.sources), "。"])
    return paras


_MAKERS = {"学习": _study, "组织": _organisation, "队伍": _members, "廉政": _clean, "服务": _service}

"""Compose a draft half-year or annual summary (党建工作总结) of one branch from the record.

The draft follows the genre: 标题; an opening paragraph; ``一、主要工作`` with
``（一）…`` sub-sections headed as this branch headed them in its most recent
summary (else a default set); ``二、存在的问题``; ``三、下一步工作打算``; 落款 and date.
Every figure is counted from the filed records and carries its sources as a
footnote. Wording offered from earlier summaries is marked 【参考往期表述】, and
notes to the drafter 【起草提示】. After the 落款 comes 起草参考 (delete before
filing): last period's plans and the evidence for each, problems that keep
recurring, the draft's overlap with each earlier summary, and how figures are counted.

>>> from dj_archive import open_archive                     # doctest: +SKIP
>>> d = draft(open_archive("archive"), "2025H1", "机关第一党支部")  # doctest: +SKIP
>>> d.save("机关第一党支部2025年上半年党建工作总结.docx")          # doctest: +SKIP
"""

from __future__ import annotations

import re
from datetime import date as _date

from ..normalize import fold
from .followup import PERSISTENT_RUN, Commitment, Problem, commitments, problem_history
from .model import HINT, REF, TODO, Draft, Writer
from .notes import drafting_notes
from .overlap import Overlap
from .records import BranchRecords, Figure, Summary, clauses

__all__ = ["draft"]

CN_NUM = "一二三四五六七八九十"


# --- themes: which sub-section a figure belongs under -----------------------------------

# Keywords that say what a sub-section heading is about (longer keywords weigh more)
# and the indicators reported under it. Headings come from the branch's own summaries,
# so this has to recognise many phrasings; a figure whose theme no heading has gets a
# sub-section with the default heading.
_THEMES = {
    "学习": (
        ("理论学习", "政治理论", "理论武装", "思想建设", "政治建设", "学习", "理论", "思想", "武装", "铸魂"),
        ("集中学习", "心得体会"),
        "加强政治理论学习，筑牢思想根基",
    ),
    "组织": (
        ("组织生活", "三会一课", "组织建设", "支部建设", "标准化", "规范化", "基层组织", "战斗堡垒", "组织", "制度"),
        ("支委会", "党员大会", "党小组会", "党课", "主题党日", "组织生活会"),
        "严格落实组织生活制度，夯实支部基础",
    ),
    "队伍": (
        ("党员队伍", "发展党员", "党员发展", "队伍建设", "教育管理", "党员管理", "队伍", "发展"),
        ("发展预备党员", "入党积极分子", "转正"),
        "加强党员队伍建设，严把发展党员质量关",
    ),
    "廉政": (
        ("党风廉政", "从严治党", "警示教育", "八项规定", "廉政", "廉洁", "纪律", "作风", "党纪", "警示"),
        ("警示教育", "廉政谈话"),
        "深化党风廉政建设，持续改进作风",
    ),
    "服务": (
        ("先锋模范", "中心工作", "为民服务", "志愿服务", "服务", "群众", "志愿", "为民", "业务", "融合", "关怀", "关爱", "慰问", "实事"),
        ("志愿服务", "走访慰问"),
        "发挥党员先锋模范作用，服务中心工作",
    ),
}
_DEFAULT_THEME = "组织"

# How the genre says each count: (verb, object). Consecutive counts with the same verb
# share it: 召开支委会3次、党员大会1次. Other indicators read 开展{name}{n}次.
_PHRASES = {
    "集中学习": ("组织", "集中学习{n}次"),
    "支委会": ("召开", "支委会{n}次"),
    "党员大会": ("召开", "党员大会{n}次"),
    "党小组会": ("召开", "党小组会{n}次"),
    "党课": ("讲授", "党课{n}次"),
    "主题党日": ("开展", "主题党日活动{n}次"),
    "组织生活会": ("召开", "组织生活会{n}次"),
    "廉政谈话": ("开展", "廉政谈话{n}次"),
    "发展预备党员": ("接收", "预备党员{n}名"),
    "入党积极分子": ("确定", "入党积极分子{n}名"),
    "转正": ("办理", "{n}名预备党员转正手续"),
    "警示教育": ("开展", "警示教育{n}次"),
    "志愿服务": ("开展", "志愿服务活动{n}次"),
    "走访慰问": ("开展", "走访慰问{n}次"),
    "心得体会": ("组织党员撰写", "心得体会{n}篇"),
}
# A sentence that states a count is not offered as wording to reuse: its number is old.
_HAS_COUNT = re.compile(r"[0-9０-９]|[一二三四五六七八九十两百千]+\s*(?:次|名|篇|人|场|期|个|项|余|多|户|元|万|件)")


def _theme_of_heading(heading: str) -> str | None:
    t = fold(heading)
    scores = {name: sum(len(k) for k in kws if k in t) for name, (kws, _, _) in _THEMES.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else None


def _theme_of_indicator(name: str) -> str:
    for theme, (_, inds, _) in _THEMES.items():
        if name in inds:
            return theme
    return _DEFAULT_THEME


def _cn(n: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 … 19 → 十九 (enough for headings)."""
    return CN_NUM[n - 1] if n <= 10 else "十" + CN_NUM[n - 11]


def _reference_sentences(body: str, k: int = 2) -> list[str]:
    """Up to ``k`` clauses of an earlier section worth offering as wording: of a
    readable length and stating no count (a copied number would be last period's)."""
    out = [c + "。" for c in clauses(body) if 12 <= len(c) <= 120 and not _HAS_COUNT.search(c)]
    return out[:k]


def _sentence(text: str) -> str:
    text = text.strip().rstrip("；;，,")
    return text if text[-1:] in "。！？!?" else text + "。"


def _cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def _figure_runs(w: Writer, figs: list[Figure], lead: str) -> list:
    runs: list = [lead, "，支部"]
    last_verb = None
    for i, f in enumerate(figs):
        verb, obj = _PHRASES.get(f.indicator, ("开展", f.indicator + "{n}次"))
        if i:
            runs.append("、" if verb == last_verb else "，")
        runs.append((obj if verb == last_verb else verb + obj).format(n=f.count))
        runs.append(w.note(f"{f.record_title}{f.count}件", f.sources))
        last_verb = verb
    runs.append("。")
    return runs


def _work_headings(branch: BranchRecords) -> tuple[list[tuple[str, str]], Summary | None]:
    """Sub-section (heading, body) of the latest earlier summary that has them, else defaults."""
    for s in reversed(branch.earlier):
        items = [(h, b) for h, b in s.part("work") if h]
        if items:
            return items, s
    return [(default, "") for _, _, default in _THEMES.values()], None


def _work(w: Writer, branch: BranchRecords, figures: list[Figure]) -> Summary | None:
    """一、主要工作: sub-sections, each with its figures, offered wording and a gap to fill.
    Returns the summary whose headings were followed (None: the defaults)."""
    w.add("h1", "一、主要工作")
    headings, source_summary = _work_headings(branch)
    themes = [_theme_of_heading(h) for h, _ in headings]
    placed: dict[int, list[Figure]] = {}
    extra: dict[str, list[Figure]] = {}
    for f in figures:
        if not f.count:
            continue
        theme = _theme_of_indicator(f.indicator)
        if theme in themes:
            placed.setdefault(themes.index(theme), []).append(f)
        else:
            extra.setdefault(theme, []).append(f)
    sections = [(h, b, placed.get(i, [])) for i, (h, b) in enumerate(headings)]
    sections += [(_THEMES[t][2], "", figs) for t, figs in extra.items()]
    lead = {1: "上半年", 2: "下半年", None: "全年"}[branch.period.half]
    for i, (heading, body, figs) in enumerate(sections, 1):
        w.add("h2", f"（{_cn(i)}）{heading}")
        if figs:
            w.add("body", *_figure_runs(w, figs, lead))
        for s in _reference_sentences(body):
            w.add("body", REF + s)
        w.add("body", TODO + "本期具体做法、成效和典型事例。")
    return source_summary


def _problems(w: Writer, prev: Summary | None, history: list[Problem]) -> None:
    """二、存在的问题: the previous summary's problems, each with its history."""
    w.add("h1", "二、存在的问题")
    for g in history if prev is not None else []:
        wording = next((wd for s, wd in g.occurrences if s is prev), None)
        if wording is None:
            continue
        w.add("body", REF + _sentence(wording))
        if g.recurs:
            said = "、".join(x.label for x in g.periods)
            what = f"“{g.topic}”方面的问题" if g.topic else "该问题"
            tail = f"至上期已连续{g.latest_run}期出现，" if g.latest_run >= PERSISTENT_RUN else ""
            w.add("body", f"{HINT}{what}在{said}总结中均有提及，{tail}请核实整改成效，避免照搬往期表述。")
    w.add("body", TODO + "结合本期实际查找问题不足，并分析原因。")


def _plans(w: Writer, prev: Summary | None, plans: list[Commitment], history: list[Problem]) -> None:
    """三、下一步工作打算: last period's plan headings with what is still open, and
    problems that keep coming back."""
    w.add("h1", "三、下一步工作打算")
    groups: dict[str, list[Commitment]] = {}
    for c in plans:
        groups.setdefault(c.group, []).append(c)
    if groups:
        w.add("body", f"{HINT}以下小标题沿用上期总结《{prev.source.title}》，请结合本期落实情况调整。")
    k = 0
    for group, items in groups.items():
        if group:
            k += 1
            w.add("h2", f"（{_cn(k)}）{group}")
        missing = [c for c in items if not c.found]
        status = f"上期此项下{len(items)}条打算，本期记录可见{len(items) - len(missing)}条"
        if missing:
            quoted = "；".join(f"“{c.text}”" for c in missing)
            status += f"；未找到相关记录：{quoted}。如尚未落实，可继续列入"
        w.add("body", f"{HINT}{status}。")
    persistent = [
        g for g in history if prev is not None and g.occurrences[-1][0] is prev and g.latest_run >= PERSISTENT_RUN
    ]
    if persistent:
        k += 1
        w.add("h2", f"（{_cn(k)}）抓好反复出现问题的整改")
        names = "、".join(f"“{g.label}”" for g in persistent)
        w.add("body", f"{HINT}{names}方面的问题已连续{PERSISTENT_RUN}期以上出现，宜提出具体整改措施。")
    w.add("body", TODO + "结合上级部署和支部实际，提出下一阶段工作打算。")


def _file_numbers(archive, sources) -> dict:
    """档号 of the cited documents, by path (as the 归档文件目录 numbers them)."""
    if not sources:
        return {}
    from ..catalog import catalog

    df = catalog(archive)
    return dict(zip(df["path"], df["档号"]))


def draft(archive, period, org: str, date: str | None = None, vocabulary=None) -> Draft:
    """Draft the summary of ``org`` for ``period`` (``2025H1``, ``2025H2`` or ``2025``).

    ``date`` (ISO) is the 落款 date, default today. Raises UnknownOrg, NoRecords or
    InvalidPeriod (a DjArchiveError) with a message that says what to do.
    """
    branch = BranchRecords(archive, org, period)
    p = branch.period
    date = date or _date.today().isoformat()
    figures = branch.figures(vocabulary)
    plans = commitments(branch, vocabulary)
    history = problem_history(branch.earlier)
    prev = branch.previous
    title = f"{branch.org}{p.label}党建工作总结"
    fonds = archive.config.fonds_name
    superior = fonds if fonds and branch.org not in fonds else "上级党组织"

    w = Writer()
    w.add("title", title)
    w.add(
        "body",
        f"{p.label if p.half else f'{p.year}年'}，{branch.org}在{superior}的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
        "认真落实新时代党的建设总要求，围绕中心、服务大局，扎实推进支部各项工作。现将有关情况总结如下。",
    )
    source_summary = _work(w, branch, figures)
    _problems(w, prev, history)
    _plans(w, prev, plans, history)
    w.add("sign", branch.org)
    w.add("date", _cn_date(date))
    body = w.paras

    # 起草参考 ---------------------------------------------------------------------
    d = Draft(
        org=branch.org, period=p, title=title, date=date, body=body, annex=[], notes=w.notes,
        figures=figures, commitments=plans, problems=history,
        previous=prev.source if prev else None, overlaps=[],
        existing=branch.existing.source if branch.existing else None, sources=w.sources,
        archive_root=getattr(archive, "root", None),
    )
    ov = Overlap(d.body_text())
    for s in branch.earlier:
        chars, share = ov.against(s.text)
        d.overlaps.append(
            {"period": str(s.period), "label": s.period.label, **s.source.to_dict(), "share": share, "chars": chars}
        )
    d.annex = drafting_notes(d, branch, source_summary, len(ov), _file_numbers(archive, d.sources))
    return d

"""Compose a draft half-year or annual summary (党建工作总结) of one branch from the record.

The draft follows the genre: 标题; an opening paragraph; ``一、主要工作`` with
``（一）…`` sub-sections headed as this branch headed them in its most recent
summary (else a default set); ``二、存在的问题``; ``三、下一步工作打算``; 落款 and date.

The prose comes from the record (:mod:`.prose`): what was studied, the 主题党日 and
党课 held and by whom, who was developed at which stage, the 廉政 activities, with
the figures inline and each sentence's records in a footnote. Which sub-section a
figure goes under is decided in one place, ``data/drafting.yml``. The problems are
last period's, restated in the vocabulary's words with their true run of summaries,
plus last period's plans the records do not show carried out; the plans are
proposals (marked so) from those plans, the problems' measures and the next
half-year's fixed work. What the record cannot say is marked 【待补充】 — at most a
sub-section without records and the causes of the problems. After the 落款 comes
起草参考 (delete before filing): last period's plans and the evidence for each,
problems that keep recurring, the overlap with earlier summaries, how figures are
counted, and the numbered list of cited records.

>>> from dj_archive import open_archive                     # doctest: +SKIP
>>> d = draft(open_archive("archive"), "2025H1", "机关第一党支部")  # doctest: +SKIP
>>> d.save("机关第一党支部2025年上半年党建工作总结.docx")          # doctest: +SKIP
"""

from __future__ import annotations

import re
from datetime import date as _date

from ..normalize import fold
from .followup import PERSISTENT_RUN, Commitment, Problem, commitments, problem_history
from .model import HINT, TODO, Draft, Writer
from .notes import drafting_notes
from .overlap import Overlap
from .prose import quote, section_paragraphs
from .records import BranchRecords, Figure, Summary
from .vocab import drafting_vocabulary

__all__ = ["draft", "assign_sections"]

CN_NUM = "一二三四五六七八九十"


# --- 一、主要工作 -------------------------------------------------------------------


def _cn(n: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 … 19 → 十九 (enough for headings)."""
    return CN_NUM[n - 1] if n <= 10 else "十" + CN_NUM[n - 11]


def _cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def assign_sections(headings: list[str], vocab=None) -> list[str | None]:
    """The kind of sub-section (data/drafting.yml ``sections``) each heading is about.

    Each heading takes the kind whose keywords it matches best (longer keywords weigh
    more) and each kind goes to one heading, best matches first, so two headings never
    compete for one kind's figures and a figure's place does not depend on dict order.

    >>> assign_sections(["（三）加强党员教育管理，提高队伍素质", "（四）党建引领“高赋能”，助推业务发展"])
    ['队伍', '服务']
    """
    vocab = vocab or drafting_vocabulary()
    scored = []
    for i, h in enumerate(headings):
        t = fold(h)
        for kind, spec in vocab.sections.items():
            score = sum(len(k) for k in spec["keywords"] if k in t)
            if score:
                scored.append((-score, i, kind))
    out: list[str | None] = [None] * len(headings)
    for _, i, kind in sorted(scored):
        if out[i] is None and kind not in out:
            out[i] = kind
    return out


def _work_headings(branch: BranchRecords, vocab) -> tuple[list[str], Summary | None]:
    """Sub-section headings of the latest earlier summary that has them, else defaults."""
    for s in reversed(branch.earlier):
        items = [h for h, _ in s.part("work") if h]
        if items:
            return [re.sub(r"^[（(][一二三四五六七八九十]+[）)]\s*", "", h).rstrip("。.") for h in items], s
    return [spec["heading"] for spec in vocab.sections.values()], None


def _work(w: Writer, branch: BranchRecords, figures: list[Figure], vocab) -> Summary | None:
    """一、主要工作: the branch's own sub-headings, each with sentences from the record.
    Returns the summary whose headings were followed (None: the defaults)."""
    w.add("h1", "一、主要工作")
    headings, source_summary = _work_headings(branch, vocab)
    kinds = assign_sections(headings, vocab)
    lead = {1: "上半年", 2: "下半年", None: "全年"}[branch.period.half]
    sections: list[tuple[str, list]] = []
    for heading, kind in zip(headings, kinds):
        paras = section_paragraphs(w, kind, figures, branch.records, lead, vocab) if kind else []
        sections.append((heading, paras))
    for kind, spec in vocab.sections.items():  # figures whose kind no heading names
        if kind not in kinds:
            paras = section_paragraphs(w, kind, figures, branch.records, lead, vocab)
            if paras:
                sections.append((spec["heading"], paras))
    if source_summary is None and any(paras for _, paras in sections):
        # The default outline is ours, not the branch's: leave out what the records do not cover.
        sections = [(h, paras) for h, paras in sections if paras]
    for i, (heading, paras) in enumerate(sections, 1):
        w.add("h2", f"（{_cn(i)}）{heading}")
        for runs in paras:
            w.add("body", *runs)
        if not paras:
            w.add("body", f"{TODO}本期此项工作的做法和成效（档案中未见本期相关记录）。")
    return source_summary


# --- 二、存在的问题 and 三、下一步工作打算 -----------------------------------------------


def _open_problems(prev: Summary | None, history: list[Problem], vocab) -> list[Problem]:
    """Problems the previous summary named that the vocabulary can state, longest-running first."""
    named = [g for g in history if prev is not None and g.occurrences[-1][0] is prev and g.topic in vocab.problems]
    return sorted(named, key=lambda g: -g.latest_run)[:3]


def _problems(w: Writer, open_problems: list[Problem], plans: list[Commitment], vocab) -> None:
    """二、存在的问题: last period's problems restated (with their true run of summaries)
    and last period's plans the records do not show carried out."""
    w.add("h1", "二、存在的问题")
    items = []
    for g in open_problems:
        text = vocab.problems[g.topic]["statement"]
        if g.latest_run >= PERSISTENT_RUN:
            first = g.periods[-g.latest_run]
            text += f"，{first.label}以来连续{g.latest_run}期总结均提到这一问题，整改成效还不够明显"
        items.append(text)
    missing = [c for c in plans if not c.found]
    if missing:
        quoted = "".join(quote(c.text) for c in missing[:2])
        items.append(f"上期确定的工作打算还有{len(missing)}项未见落实记录，如{quoted}，抓落实的力度还需加大")
    for i, text in enumerate(items):
        w.add("body", f"{CN_NUM[i]}是{text}。")
    what = "问题产生的原因分析" if items else "结合本期实际查找的问题不足及原因分析"
    w.add("body", f"{TODO}{what}。")


def _plans(w: Writer, period, plans: list[Commitment], open_problems: list[Problem], vocab) -> None:
    """三、下一步工作打算, proposed (and marked so): last period's plans not yet carried
    out, measures against the problems, and the fixed work of the next half-year."""
    w.add("h1", "三、下一步工作打算")
    w.add("body", f"{HINT}以下打算根据上期尚未见落实的打算、反复出现的问题和下一阶段的固定工作提出，供支部研究确定。")
    k = 0
    missing = [c for c in plans if not c.found]
    if missing:
        k += 1
        w.add("h2", f"（{_cn(k)}）持续抓好上期工作打算的落实")
        w.add("body", "；".join(c.text for c in missing[:4]) + "。")
    if open_problems:
        k += 1
        w.add("h2", f"（{_cn(k)}）抓好存在问题的整改")
        w.add(
            "body",
            "；".join(f"针对{g.topic}方面的问题，{vocab.problems[g.topic]['measure']}" for g in open_problems) + "。",
        )
    half = "H2" if period.half == 1 else "H1"
    events = vocab.fixed_events.get(half) or []
    if events:
        k += 1
        when = "下半年" if half == "H2" else f"{period.year + 1}年上半年"
        w.add("h2", f"（{_cn(k)}）做好{when}重点工作")
        w.add("body", "；".join(events) + "。")


def _file_numbers(archive, sources) -> dict:
    """档号 of the cited documents, by path (as the 归档文件目录 numbers them); none if
    the register of 档号 cannot be read (the draft is still written; `catalog` says why)."""
    if not sources:
        return {}
    from ..catalog import catalog
    from ..file_numbers import RegisterUnreadable

    try:
        df = catalog(archive)
    except RegisterUnreadable:
        return {}
    return dict(zip(df["path"], df["档号"]))


def draft(archive, period, org: str, date: str | None = None, vocabulary=None) -> Draft:
    """Draft the summary of ``org`` for ``period`` (``2025H1``, ``2025H2`` or ``2025``).

    ``date`` (ISO) is the 落款 date, default today. Raises UnknownOrg, NoRecords or
    InvalidPeriod (a DjArchiveError) with a message that says what to do.
    """
    branch = BranchRecords(archive, org, period)
    vocab = drafting_vocabulary(archive)
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
    source_summary = _work(w, branch, figures, vocab)
    open_problems = _open_problems(prev, history, vocab)
    _problems(w, open_problems, plans, vocab)
    _plans(w, p, plans, open_problems, vocab)
    w.add("sign", branch.org)
    w.add("date", _cn_date(date))
    body = w.paras

    # 起草参考 ---------------------------------------------------------------------
    d = Draft(
        org=branch.org,
        period=p,
        title=title,
        date=date,
        body=body,
        annex=[],
        notes=w.notes,
        figures=figures,
        commitments=plans,
        problems=history,
        previous=prev.source if prev else None,
        overlaps=[],
        existing=branch.existing.source if branch.existing else None,
        sources=w.sources,
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

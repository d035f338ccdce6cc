"""起草参考: the notes after the 落款 that tell the drafter what the record shows —
last period's plans and their evidence, recurring problems, the draft's overlap with
each earlier summary, and how figures are counted. Deleted before filing."""

from __future__ import annotations

import re

from .model import HINT, Draft, Para, Writer
from .overlap import MIN_RUN, NOTES_HEADING
from .records import BranchRecords, Source, Summary

__all__ = ["drafting_notes"]


def _first_sentence(text: str) -> str:
    return re.split(r"[。！？!?]", text.strip(), maxsplit=1)[0]


def _sources_line(sources: list[Source], limit: int = 5) -> str:
    shown = "、".join(f"《{s.title}》（{s.date or '无日期'}）" for s in sources[:limit])
    return shown + (f"等{len(sources)}件" if len(sources) > limit else "")


def drafting_notes(
    d: Draft, branch: BranchRecords, source_summary: Summary | None, body_chars: int, file_numbers: dict | None = None
) -> list[Para]:
    """The 起草参考 paragraphs of draft ``d`` (``body_chars``: its length without whitespace;
    ``file_numbers``: 档号 by archive path, for the 引用记录 table)."""
    w = Writer()
    w.add("h1", NOTES_HEADING, new_page=True)
    if d.existing is not None:
        w.add("body", f"{HINT}档案中已有本期总结《{d.existing.title}》（{d.existing.path}），本稿未参考其内容。")
    if source_summary is not None:
        w.add("body", f"“主要工作”各小标题沿用《{source_summary.source.title}》的小标题。")
    else:
        w.add("body", "往期总结中未找到“主要工作”的小标题，“主要工作”采用默认小标题。")

    w.add("h2", "（一）上期工作打算落实情况")
    prev = branch.previous
    if prev is None:
        w.add("body", f"档案中没有{branch.org}在{d.period.label}以前的工作总结，无从对照。")
    else:
        w.add("body", f"上期总结：《{prev.source.title}》（{prev.source.path}）。")
        if not d.commitments:
            w.add("body", "上期总结中未找到“下一步工作打算”部分。")
        group = None
        for i, c in enumerate(d.commitments, 1):
            if c.group != group and c.group:
                w.add("body", f"【{c.group}】")
            group = c.group
            w.add("h3", f"{i}. {c.text}")
            basis = "、".join(f"“{t}”" for t in c.terms) or "（无）"
            acts = "、".join(f"“{a}”" for a in c.activities)
            w.add("body", f"检索依据：题名含{basis}" + (f"，或为{acts}的记录" if acts else "") + "。")
            if c.found:
                w.add("body", f"落实情况：找到相关记录{len(c.evidence)}件：{_sources_line(c.evidence)}。")
            else:
                w.add("body", "落实情况：未找到相关记录。")

    w.add("h2", "（二）往期问题延续情况")
    w.add(
        "body",
        "同类问题按问题类型（理论学习、组织生活、台账资料等）归并，类型之外的按表述相近程度归并；"
        "“连续”指在本支部已归档的各期总结（上半年、年度总结按时间排列）中前后相邻。",
    )
    recurring = [g for g in d.problems if g.recurs]
    if not recurring:
        w.add("body", "往期总结“存在的问题”中未发现在两期以上重复出现的问题。")
    for i, g in enumerate(recurring, 1):
        w.add("h3", f"{i}. {g.label}")
        flag = f"，最长连续{g.run}期" if g.persistent else ""
        w.add("body", f"出现于：{'、'.join(x.label for x in g.periods)}（共{len(g.periods)}期{flag}）。")
        said = "；".join(f"{s.period.label}“{_first_sentence(wd)}”" for s, wd in g.occurrences)
        w.add("body", f"各期表述：{said}。")

    w.add("h2", "（三）与往期总结的文字重复情况")
    w.add(
        "body",
        f"本稿正文{body_chars}字（不计空白）。重复字数指与该期总结连续{MIN_RUN}字以上相同的文字，"
        "沿用的上期工作打算计入其中，修改后可用 dj-archive overlap 复查。",
    )
    rows = [["往期总结", "报告期", "重复字数", "占本稿比例"]]
    for o in sorted(d.overlaps, key=lambda o: -o["share"]):
        rows.append([o["title"], o["label"], str(o["chars"]), f"{o['share']:.1%}"])
    if len(rows) > 1:
        w.add("table", rows=rows)
    else:
        w.add("body", "档案中没有往期总结。")

    w.add("h2", "（四）数据口径")
    w.add(
        "body",
        f"文中数字按本期（{d.period.start}至{d.period.end}）归档记录的题名统计：题名含某项活动记录关键词"
        "（如“支委会会议记录”“接收预备党员”）的一件记录计为一次（一人）；未归档的活动不计入。"
        "各数字的来源文件见脚注。",
    )
    zeros = [f for f in d.figures if not f.count]
    if zeros:
        names = "、".join(f"“{f.record_title}”" for f in zeros)
        w.add("body", f"{HINT}本期未见题名含{names}的记录；如确有开展，请补充归档后重新生成。")

    w.add("h2", "（五）引用记录")
    if d.sources:
        w.add("body", "正文脚注中的编号即下表序号。")
        rows = [["序号", "档号", "题名", "日期", "路径"]]
        for i, s in enumerate(d.sources, 1):
            rows.append([str(i), (file_numbers or {}).get(s.path, ""), s.title, s.date or "无日期", s.path])
        w.add("table", rows=rows)
    else:
        w.add("body", "正文未引用归档记录。")
    return w.paras

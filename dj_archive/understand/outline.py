"""The heading hierarchy of a Chinese official document (公文层次序号).

Levels follow GB/T 9704: ``一、`` (1), ``（一）`` (2), ``1.`` / ``1、`` / ``1．`` (3),
``（1）`` (4). Inline enumerations (一是…二是…, 第一…, 首先…) are items, not
headings. Works on text with line breaks and on text with none at all (a PDF or a
paste that lost them): then headings are found by their markers in sequence.

>>> text = "一、上半年工作情况\\n（一）抓好政治建设。一是……\\n二、存在的問題\\n一是学习不够。\\n三、下一步打算\\n继续努力。"
>>> ol = parse_outline(text)
>>> [(h.level, h.number, h.text) for h in ol.headings]
[(1, '一、', '上半年工作情况'), (2, '（一）', '抓好政治建设'), (1, '二、', '存在的問題'), (1, '三、', '下一步打算')]
>>> {part: s.heading.text for part, s in ol.parts.items()}
{'work': '上半年工作情况', 'problems': '存在的問題', 'next': '下一步打算'}
>>> ol.path_at(text.index("一是……"))
'一、上半年工作情况 > （一）抓好政治建设'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..data import load_data
from ._text import fold_text as fold
from .cleanup import clean_text
from .numerals import parse_number

__all__ = ["Heading", "Section", "Outline", "parse_outline", "PARTS"]

_CN = "一二三四五六七八九十"
# One alternation so that the leftmost marker wins; each level has its own group.
_MARKER = re.compile(
    rf"(?P<l2>[（(]\s*(?P<n2>[{_CN}]{{1,3}})\s*[）)])"
    rf"|(?P<l4>[（(]\s*(?P<n4>[0-9]{{1,2}})\s*[）)])"
    rf"|(?P<l1>(?<![{_CN}百千零〇两])(?P<n1>[{_CN}]{{1,3}})\s*(?P<p1>[、.．]))"
    rf"|(?P<l3>(?<![0-9.．])(?P<n3>[0-9]{{1,2}})\s*[.、．](?![0-9]))"
)
# Punctuation after which a new heading may start inside a line.
_SENTENCE_END = set("。；;！!？?：:…")
_CLOSE_QUOTES = set("”’」』")
# A heading's own text stops at the first of these (or at an inline item such as 一是).
_HEADING_STOP = re.compile(r"[。；;：:！!？?\n]|[一二三四五六七八九十]是|首先[，,]|第一[，,、]")
_TRAILING = " \t\u3000。，,；;：:、.．！!？?"
# Characters before 一、 that make it part of a word (统一、唯一、第一、), and before
# 二、 etc. that make it a date or an ordinal (周二、初三、).
_WORDY_BEFORE = set("统唯同第单专万逐之划合归均不其择任周期初星年月日号届次")
# A list of numbers (一、二、三等奖) or a run of dates is not a heading.
_LIST_AFTER = re.compile(rf"^\s*[{_CN}0-9]+\s*[、,，.．]")
_LIST_BEFORE = re.compile(rf"[{_CN}0-9]\s*[、,，]\s*$")

PARTS = ("work", "problems", "next")


def _compile_parts(data: dict) -> dict[str, re.Pattern]:
    # Canonical parts of a summary and the heading words naming them: data/outline_parts.yml.
    return {p: re.compile("|".join(f"(?:{x})" for x in data[p])) for p in PARTS}


def _part_patterns(archive=None) -> dict[str, re.Pattern]:
    return load_data("outline_parts.yml", archive, _compile_parts)


@dataclass(frozen=True)
class Heading:
    """A heading: ``text[start:end]`` is its marker and raw text in the original."""

    level: int
    number: str  # the marker as written, e.g. "一、", "（二）", "3."
    text: str  # without marker and trailing punctuation
    start: int
    end: int
    index: int  # the marker's numeric value (二 → 2)
    text_start: int = -1  # where the text after the marker starts

    @property
    def label(self) -> str:
        return f"{self.number}{self.text}"

    def to_dict(self) -> dict:
        return {"level": self.level, "number": self.number, "text": self.text}


@dataclass(frozen=True)
class Section:
    """A heading and everything under it, up to the next heading of the same or a higher level."""

    heading: Heading
    start: int
    end: int
    body_start: int
    parent: int | None  # index of the parent section in Outline.sections

    def body(self, text: str) -> str:
        return text[self.body_start : self.end]


@dataclass
class Outline:
    """Headings and sections of a text; ``parts`` maps ``work`` / ``problems`` / ``next``
    to the section that opens each part, ``part_sections`` to all sections it spans."""

    text: str
    headings: list[Heading]
    sections: list[Section]
    parts: dict[str, Section] = field(default_factory=dict)
    part_sections: dict[str, list[Section]] = field(default_factory=dict, repr=False)

    def chain_at(self, offset: int) -> list[Section]:
        """Sections containing ``offset``, outermost first."""
        best = None
        for i, s in enumerate(self.sections):
            if s.start <= offset < s.end:
                best = i  # later sections are deeper (they start later, inside)
        chain = []
        while best is not None:
            chain.append(self.sections[best])
            best = self.sections[best].parent
        return chain[::-1]

    def path_at(self, offset: int, sep: str = " > ") -> str:
        """The section path of a character offset, e.g. ``一、主要工作 > （二）组织建设``."""
        return sep.join(s.heading.label for s in self.chain_at(offset))

    def part_at(self, offset: int) -> str | None:
        """``"work"``, ``"problems"``, ``"next"`` or None for the part holding ``offset``."""
        for sec in reversed(self.chain_at(offset)):
            for name, secs in self.part_sections.items():
                if any(sec is s for s in secs):
                    return name
        return None

    def body(self, part: str) -> str | None:
        """Body text of a canonical part (its opening section), or None."""
        sec = self.parts.get(part)
        return sec.body(self.text) if sec else None

    def to_dict(self) -> dict:
        return {
            "headings": [h.to_dict() for h in self.headings],
            "parts": {p: (self.parts[p].heading.text if p in self.parts else None) for p in PARTS},
        }


@dataclass
class _Cand:
    level: int
    index: int
    start: int
    marker_end: int
    context: str  # "line", "punct" or "mid"


def _context(folded: str, pos: int) -> str:
    i = pos - 1
    while i >= 0 and folded[i] in " \t\u3000\xa0":
        i -= 1
    if i < 0 or folded[i] in "\n\r\f\v":
        return "line"
    ch = folded[i]
    if ch in _SENTENCE_END:
        return "punct"
    if ch in _CLOSE_QUOTES and i > 0 and folded[i - 1] in _SENTENCE_END:
        return "punct"
    return "mid"


def _candidates(folded: str) -> list[_Cand]:
    out = []
    for m in _MARKER.finditer(folded):
        for level in (1, 2, 3, 4):
            if m.group(f"l{level}"):
                break
        num = parse_number(m.group(f"n{level}"))
        if not num:
            continue
        ctx = _context(folded, m.start())
        after = folded[m.end() : m.end() + 6]
        if _LIST_AFTER.match(after) or not after.strip(" \t\u3000"):
            continue
        if level in (1, 3) and _LIST_BEFORE.search(folded[max(0, m.start() - 4) : m.start()]):
            continue
        if level == 1 and m.group("p1") != "、" and ctx != "line":
            continue  # 一. / 一． only as a line-start marker
        if level == 1 and ctx == "mid" and m.start() > 0 and folded[m.start() - 1] in _WORDY_BEFORE:
            continue
        out.append(_Cand(level, num, m.start(), m.end(), ctx))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Keep the candidates that form a plausible outline.

    When the document has line-start headings, a level seen at line starts only
    takes line-start headings (``……：（一）……；（二）……`` inside a paragraph is an
    enumeration). Other candidates must continue the numbering exactly: after 一 at
    that level comes 二, and a new parent restarts the count at 一.
    """
    line_levels = {c.level for c in cands if c.context == "line"}
    if sum(c.context == "line" for c in cands) < 2:
        line_levels = set()
    last: dict[int, int] = {}
    kept: list[_Cand] = []
    for c in cands:
        if c.context == "line" and c.level in line_levels:
            ok = True
        elif c.level in line_levels:
            ok = False
        else:
            ok = c.index == last.get(c.level, 0) + 1
            # A deeper heading needs its parent level opened first, unless the
            # document starts at that level.
            if ok and c.index == 1 and kept and c.level > 1 and c.context == "mid":
                ok = any(k.level < c.level for k in kept)
            if ok and c.level == 3 and c.context == "mid":
                # 3. inside a sentence is a number, unless it directly follows a
                # heading whose text ran on without punctuation (text without breaks).
                ok = bool(kept) and kept[-1].level < 3 and c.start - kept[-1].marker_end <= 30
        if not ok:
            continue
        kept.append(c)
        last[c.level] = c.index
        for deeper in [lv for lv in last if lv > c.level]:
            del last[deeper]
    return kept


# Where a heading that lost its line break runs on into its first sentence: the
# sentence opens with a time or a subject (下一步工作打算下半年，支部将…).
_RUN_ON = re.compile(
    r"(?:[0-9]{4}年|[上下]半年|全年|今年|一年来|今年以来|近年来|下一步)(?:[，,]|(?=召开|开展|组织|共|以来|向|新|发展|完成|累计|先后|实际))|"
    r"坚持以|依托|每名党员|"
    r"在[^，。]{1,12}?(?:领导|指导|帮助)下|(?:本|我)?党?支部(?=坚持|始终|紧紧|严格|认真|扎实|按照|围绕|以|共|现有)|本人|我们"
)


# A canonical part heading that lost its break runs on into its first words:
# 存在问题党员活动形式单一 -> 存在问题, 下步打算下半年将… -> 下步打算.
_PART_HEAD = re.compile(
    r"(?:存在(?:的)?(?:主要)?(?:问题|不足)(?:[和及与](?:不足|原因|差距|问题|短板))?|"
    r"下一?步(?:工作)?(?:打算|计划|思路|措施|安排)(?:[和及与](?:主要)?措施)?|"
    r"(?:下半年|明年|来年|[0-9]{4}年)(?:工作)?(?:打算|计划|安排|思路|设想)|"
    r"(?:上半年|下半年|全年)?(?:(?:主要)?工作(?:开展|完成|落实|进展)?情况|主要工作)(?:及成效)?|基本情况|工作成绩|主要成效|工作成效|"
    r"(?:上半年|下半年|全年)工作(?=组织|召开|开展|完成))"
)
# A heading on a line of its own is followed by a space and its first sentence:
# 一、基本情况 本支部现有党员21名… -> 基本情况.
_SPACE_RUN_ON = re.compile(r"[ \t\u3000\xa0]+(?=\S.{3})")


# What the words after a part heading must look like to be its first sentence, not more of
# the heading (主要工作完成情况及成效 is one heading).
_SENTENCE_LIKE = re.compile(r"[，,0-9一二三四五六七八九十]|召开|开展|组织|党员|支部|将|继续|坚持|完善|加强|推进")


def _part_head_cut(folded: str, start: int, end: int, line: bool = False) -> int:
    """End of a part heading that runs on into its first words (a heading on a line of its
    own must be followed by something that reads like a sentence)."""
    part = _PART_HEAD.match(folded, start, end)
    if (
        part
        and end - part.end() >= (6 if line else 4)
        and folded[part.end()] not in "和及与、（("
        and (not line or _SENTENCE_LIKE.search(folded, part.end(), end))
    ):
        return part.end()
    return end


def _run_on_cut(folded: str, start: int, end: int) -> int:
    cut = _part_head_cut(folded, start, end)
    if cut < end:
        return cut
    if end - start <= 20:
        return end
    m = _RUN_ON.search(folded, start + 4, end)
    return m.start() if m else end


def _space_cut(folded: str, start: int, end: int) -> int:
    """Where a heading's text ends when a space separates it from its first sentence."""
    m = _SPACE_RUN_ON.search(folded, start, end)
    if m and 2 <= m.start() - start <= 30:
        return m.start()
    return end


def _part_of(text: str, archive=None) -> list[str]:
    # Part names open the heading; in text without line breaks a heading may run
    # on into its first sentence, whose words must not count.
    t = fold(text)[:20]
    patterns = _part_patterns(archive)
    return [p for p in ("problems", "next", "work") if patterns[p].search(t)]


def parse_outline(text: str, archive=None) -> Outline:
    """Parse the headings, sections and canonical parts of ``text`` (the part names
    from ``data/outline_parts.yml``, or ``archive``'s own version of it)."""
    text = text or ""
    folded = fold(text)
    kept = _select(_candidates(folded))
    headings: list[Heading] = []
    for i, c in enumerate(kept):
        limit = kept[i + 1].start if i + 1 < len(kept) else len(text)
        stop = _HEADING_STOP.search(folded, c.marker_end, limit)
        raw_end = stop.start() if stop else limit
        text_at = c.marker_end + (
            len(folded[c.marker_end : raw_end]) - len(folded[c.marker_end : raw_end].lstrip(" \t\u3000"))
        )
        raw_end = _space_cut(folded, text_at, raw_end)
        if c.context != "line":
            raw_end = _run_on_cut(folded, text_at, raw_end)
        else:
            raw_end = _part_head_cut(folded, text_at, raw_end, line=True)  # 二、存在问题党员活动形式单一
        raw = text[c.marker_end : raw_end]
        title = clean_text(raw).text.strip(_TRAILING)  # 党员发(fā)展 -> 党员发展
        end = c.marker_end + len(raw.rstrip(_TRAILING))
        number = text[c.start : c.marker_end].replace(" ", "").replace("\u3000", "")
        text_start = c.marker_end + (len(raw) - len(raw.lstrip(_TRAILING)))
        headings.append(Heading(c.level, number, title, c.start, max(end, c.marker_end), c.index, text_start))
    sections: list[Section] = []
    stack: list[int] = []
    for i, h in enumerate(headings):
        end = len(text)
        for later in headings[i + 1 :]:
            if later.level <= h.level:
                end = later.start
                break
        while stack and headings[stack[-1]].level >= h.level:
            stack.pop()
        parent = stack[-1] if stack else None
        body_start = h.end
        while body_start < end and text[body_start] in _TRAILING + "\n":
            body_start += 1
        sections.append(Section(h, h.start, end, body_start, parent))
        stack.append(i)
    outline = Outline(text, headings, sections)
    _find_parts(outline, archive)
    return outline


def _find_parts(outline: Outline, archive=None) -> None:
    if not outline.sections:
        return
    top = min(h.level for h in outline.headings)
    tops = [s for s in outline.sections if s.heading.level == top]
    # Only top-level headings name parts: a 3.研究…安排 item in a record is not a plan.
    for sec in tops:
        found = _part_of(sec.heading.text, archive)
        for part in found:
            if part == "work" and len(found) > 1:
                continue  # 工作情况及存在问题: the problems reading wins
            outline.parts.setdefault(part, sec)
            outline.part_sections.setdefault(part, []).append(sec)
    # Thematic summaries (一、坚持政治引领… 二、夯实组织基础… 三、存在的问题) name no
    # "work" heading: the top-level sections before the problems/next part are the work.
    if "work" not in outline.parts:
        first_other = min((outline.parts[p].start for p in ("problems", "next") if p in outline.parts), default=None)
        before = [s for s in tops if first_other is not None and s.start < first_other]
        if before:
            outline.parts["work"] = before[0]
            outline.part_sections["work"] = before

"""Render a :class:`~dj_archive.draft.compose.Draft` as Markdown with footnotes.

Headings: ``#`` title, ``##`` 一、, ``###`` （一）, ``####`` 1.; each figure is followed
by ``[^n]``; the footnote says what was counted and the numbers of its documents in
the 引用记录 table of 起草参考 (档号, 题名, 日期, archive path).
The 落款 and date close the summary; 起草参考 follows a rule (``---``).
"""

from __future__ import annotations

import re

__all__ = ["to_markdown"]

_HEAD = {"title": "# ", "h1": "## ", "h2": "### ", "h3": "#### "}
# Markup characters; an underscore inside a word (ZH_综合类) is not markup in CommonMark.
_SPECIAL = re.compile(r"([\\`*\[\]<>|])|(?<!\w)_|_(?!\w)")


def _esc(text: str) -> str:
    """Escape the characters Markdown would read as markup (titles come from the archive)."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _runs(runs) -> str:
    return "".join(f"[^{r}]" if isinstance(r, int) else _esc(r) for r in runs)


def to_markdown(draft) -> str:
    """The draft as one Markdown document (UTF-8 text, ``\\n`` line ends)."""
    out: list[str] = []
    for para in draft.body + draft.annex:
        kind = para.kind
        if para.new_page:
            out += ["---", ""]
        if kind == "table":
            rows = para.rows
            out.append("| " + " | ".join(_esc(c) for c in rows[0]) + " |")
            out.append("|" + "---|" * len(rows[0]))
            out += ["| " + " | ".join(_esc(c) for c in r) + " |" for r in rows[1:]]
        elif kind in _HEAD:
            out.append(_HEAD[kind] + _runs(para.runs))
        else:  # body, sign, date
            out.append(_runs(para.runs))
        out.append("")
    for note in draft.notes:
        out.append(f"[^{note.n}]: {_esc(note.short)}")
    return "\n".join(out).rstrip("\n") + "\n"

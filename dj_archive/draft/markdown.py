"""Render a :class:`~dj_archive.draft.compose.Draft` as Markdown with footnotes.

Headings: ``#`` title, ``##`` 一、, ``###`` （一）, ``####`` 1.; each figure is followed
by ``[^n]`` and the footnote lists its source documents (题名, date, archive path).
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


def _code(path: str) -> str:
    fence = "``" if "`" in path else "`"
    return f"{fence}{path}{fence}"


def _runs(runs) -> str:
    return "".join(f"[^{r}]" if isinstance(r, int) else _esc(r) for r in runs)


def to_markdown(draft) -> str:
    """The draft as one Markdown document (UTF-8 text, ``\\n`` line ends)."""
    out: list[str] = []
    for para in draft.body + draft.annex:
        kind = para.kind
        if kind == "break":
            out.append("---")
        elif kind == "table":
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
        cites = "；".join(f"《{_esc(s.title)}》（{s.date or '无日期'}，{_code(s.path)}）" for s in note.sources)
        out.append(f"[^{note.n}]: {_esc(note.text)}{cites}。")
    return "\n".join(out).rstrip("\n") + "\n"

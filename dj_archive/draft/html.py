"""Render a :class:`~dj_archive.draft.compose.Draft` as HTML for a notebook.

JupyterLab's Markdown has no footnote syntax, so ``Markdown(draft.to_markdown())``
would show each ``[^n]`` as a broken link and drop the sources. Here every figure is
followed by a superscript link ``[n]`` to a numbered 注释 list at the end, which names
each source document (题名, date, archive path). The ``.md`` file keeps its footnotes
for Markdown tools that read them.

>>> from dj_archive.draft.model import Draft, Note, Para
>>> from dj_archive.draft.records import Source
>>> src = Source("d1", "SH/2025/2025-03-01_支委会会议记录.docx", "支委会会议记录", "2025-03-01")
>>> d = Draft(org="一支部", period=None, title="总结", date="2025-07-05",
...           body=[Para("title", ["总结"]), Para("body", ["召开支委会1次", 1, "。"])], annex=[],
...           notes=[Note(1, "支委会会议记录1件：", [src])], figures=[], commitments=[], problems=[],
...           previous=None, overlaps=[])
>>> html = to_html(d)
>>> "召开支委会1次<sup" in html and "《支委会会议记录》" in html and "[^" not in html
True
"""

from __future__ import annotations

import html as _html

__all__ = ["to_html"]

_TAG = {"title": "h2", "h1": "h3", "h2": "h4", "h3": "h5"}
_ALIGN = {"title": "center", "sign": "right", "date": "right"}


def _esc(text) -> str:
    return _html.escape(str(text), quote=True)


def _runs(runs, anchor: str) -> str:
    out = []
    for r in runs:
        if isinstance(r, int):
            out.append(f'<sup><a href="#{anchor}-{r}" id="{anchor}-ref-{r}">[{r}]</a></sup>')
        else:
            out.append(_esc(r))
    return "".join(out)


def to_html(draft, anchor: str = "djfn") -> str:
    """The draft as one HTML fragment: headings, paragraphs, tables, then 注释 with every
    footnote's text and source documents. ``anchor`` prefixes the footnote ids."""
    out = ['<div class="dj-draft" style="max-width:46em;line-height:1.8">']
    for para in draft.body + draft.annex:
        kind = para.kind
        if kind == "break":
            out.append("<hr>")
        elif kind == "table":
            head, *rows = para.rows
            out.append("<table><thead><tr>" + "".join(f"<th>{_esc(c)}</th>" for c in head) + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in r) + "</tr>" for r in rows]
            out.append("</tbody></table>")
        else:
            tag = _TAG.get(kind, "p")
            align = _ALIGN.get(kind)
            style = f' style="text-align:{align}"' if align else ""
            out.append(f"<{tag}{style}>{_runs(para.runs, anchor)}</{tag}>")
    if draft.notes:
        out.append('<hr><p><b>注释</b>（各数字的来源文件）</p><ol class="dj-notes">')
        for note in draft.notes:
            cites = "；".join(
                f"《{_esc(s.title)}》（{_esc(s.date or '无日期')}，<code>{_esc(s.path)}</code>）" for s in note.sources
            )
            out.append(f'<li id="{anchor}-{note.n}" value="{note.n}">{_esc(note.text)}{cites}。</li>')
        out.append("</ol>")
    out.append("</div>")
    return "\n".join(out)

"""A document's content as HTML for the 文档 page: .docx through mammoth, text with its
line breaks, every match of the query marked (on folded text, so 黨 finds 党), and
personal numbers masked unless the reader reveals them.

>>> mark_text("機關黨支部\\n党费", ["党"], mask=False)
'機關<mark class="match">黨</mark>支部\\n<mark class="match">党</mark>费'
>>> mark_text("电话13812345678", [], mask=True)
'电话138****5678'
"""

from __future__ import annotations

import html
from functools import lru_cache

from ..normalize import fold
from ..pii import mask_pii

__all__ = ["mark_text", "mark_html", "snippet_html", "docx_html"]


def _spans(text: str, variants) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``variants`` in ``fold(text)``, longest variant first."""
    folded = fold(text)
    if len(folded) != len(text):  # folding keeps lengths; be safe if it ever does not
        return []
    spans: list[tuple[int, int]] = []
    for v in sorted({v for v in variants if v}, key=len, reverse=True):
        start = folded.find(v)
        while start >= 0 and len(spans) < 5000:
            end = start + len(v)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = folded.find(v, start + 1)
    return sorted(spans)


def mark_text(text: str, variants, mask: bool = True) -> str:
    """``text`` HTML-escaped, matches in ``<mark class="match">``; PII masked if ``mask``."""
    shown = mask_pii(text) if mask else text
    out, pos = [], 0
    for s, e in _spans(text, variants):
        out.append(html.escape(shown[pos:s], quote=False))
        out.append('<mark class="match">' + html.escape(shown[s:e], quote=False) + "</mark>")
        pos = e
    out.append(html.escape(shown[pos:], quote=False))
    return "".join(out)


def snippet_html(snippet: str, marks=("«", "»")) -> str:
    """A search snippet (matches between « ») as HTML with ``<mark>``."""
    return html.escape(snippet, quote=False).replace(marks[0], "<mark>").replace(marks[1], "</mark>")


#: Link targets a document may keep; anything else (javascript:, vbscript:, file:) is dropped.
_SAFE_URL = ("http://", "https://", "mailto:", "#")
_SAFE_SRC = ("data:image/",)
_DROP_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "button", "link", "meta", "base"}


def _sanitize(el) -> None:
    """Keep a document's markup inert: no scripts, no event handlers, no script URLs."""
    for name in list(el.attrib):
        value = el.attrib[name].strip().lower()
        if name.startswith("on") or name == "style":
            del el.attrib[name]
        elif name == "href" and not value.startswith(_SAFE_URL):
            del el.attrib[name]
        elif name == "src" and not value.startswith(_SAFE_SRC):
            del el.attrib[name]


def mark_html(fragment: str, variants, mask: bool = True) -> str:
    """An HTML fragment (mammoth's output) with matches marked, PII masked in its text,
    and nothing that could run (scripts, event handlers, ``javascript:`` links) left in it.

    >>> mark_html('<p onclick="x()">党费<a href="javascript:alert(1)">链接</a></p><script>x()</script>', ["党费"])
    '<p><mark class="match">党费</mark><a>链接</a></p>'
    """
    from lxml import html as lh

    root = lh.fragment_fromstring(fragment or "<p></p>", create_parent="div")
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            if el.getparent() is not None and hasattr(el, "drop_tree"):
                el.drop_tree()  # comments, processing instructions (their tail text stays)
        elif el.tag in _DROP_TAGS and el is not root:
            el.drop_tree()
        else:
            _sanitize(el)
    for el in list(root.iter()):
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if not value or (attr == "tail" and el is root):
                continue
            setattr(el, attr, None)
            marked = lh.fragment_fromstring("<span>" + mark_text(value, variants, mask) + "</span>")
            # Put the marked pieces where the text was.
            pieces = [marked.text or ""]
            children = list(marked)
            if attr == "text":
                el.text = pieces[0]
                for i, child in enumerate(children):
                    el.insert(i, child)
            else:
                parent = el.getparent()
                idx = parent.index(el)
                el.tail = pieces[0]
                for i, child in enumerate(children, 1):
                    parent.insert(idx + i, child)
    inner = (html.escape(root.text, quote=False) if root.text else "") + "".join(
        lh.tostring(child, encoding="unicode") for child in root
    )
    return inner


def docx_html(path) -> str | None:
    """The .docx at ``path`` as clean HTML (headings, paragraphs, tables, lists), or None
    if mammoth cannot read it (the indexed text is shown instead). Kept for the file's
    current size and modification time: mammoth parses the whole package (styles too),
    which takes a noticeable moment per view."""
    import os

    try:
        st = os.stat(path)
    except OSError:
        return None
    return _docx_html(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _docx_html(path: str, mtime_ns: int, size: int) -> str | None:
    try:
        import mammoth

        with open(path, "rb") as fh:
            result = mammoth.convert_to_html(fh)
    except Exception:  # noqa: BLE001 - a damaged file falls back to its indexed text
        return None
    return result.value

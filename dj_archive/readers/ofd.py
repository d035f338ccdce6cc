"""Text of an OFD file (GB/T 33190-2016, the Chinese fixed-layout format): a zip whose
``OFD.xml`` names each document's ``Document.xml``, which lists the pages; each page's
``Content.xml`` holds ``TextObject``s placed by a ``Boundary`` with ``TextCode`` runs.
Text is put in reading order per page: lines top to bottom (objects whose baselines
are within half a glyph of each other share a line), left to right within a line.

>>> _box("10 20.5 30 4")
(10.0, 20.5, 30.0, 4.0)
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from ..errors import ReadError
from ..i18n import N_

__all__ = ["ofd_text"]

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el, name):
    return [c for c in el.iter() if _local(c.tag) == name]


def _box(s: str | None) -> tuple[float, float, float, float]:
    try:
        x, y, w, h = (float(v) for v in (s or "0 0 0 0").split()[:4])
    except ValueError:
        return (0.0, 0.0, 0.0, 0.0)
    return (x, y, w, h)


def _resolve(base: str, loc: str) -> str:
    loc = loc.strip()
    if loc.startswith("/"):
        return loc.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), loc))


def _page_text(xml: bytes) -> str:
    root = etree.fromstring(xml, _PARSER)
    runs = []  # (y of baseline, x, text, height)
    for obj in _children(root, "TextObject"):
        bx, by, _w, bh = _box(obj.get("Boundary"))
        size = float(obj.get("Size") or bh or 1)
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            if not text.strip():
                continue
            x = bx + float(code.get("X") or 0)
            y = by + float(code.get("Y") or 0)
            runs.append((y, x, text, size))
    runs.sort()
    lines: list[list[tuple]] = []
    for run in runs:
        if lines and abs(run[0] - lines[-1][0][0]) <= max(run[3], lines[-1][0][3]) / 2:
            lines[-1].append(run)
        else:
            lines.append([run])
    return "\n".join("".join(r[2] for r in sorted(line, key=lambda r: r[1])) for line in lines)


def ofd_text(data: bytes) -> tuple[str, int]:
    """(text, page count) of an OFD given its bytes."""
    from .docx import _check_part

    def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
        return zf.read(_check_part(zf, name))  # sizes checked first: a zip bomb is refused

    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "OFD.xml" not in names:
                raise ReadError(N_("not an OFD file (no OFD.xml inside)"))
            root = etree.fromstring(_read_part(zf, "OFD.xml"), _PARSER)
            pages_text = []
            for doc_root in _children(root, "DocRoot"):
                doc_path = _resolve("OFD.xml", doc_root.text or "")
                if doc_path not in names:
                    raise ReadError(N_("corrupt OFD ({doc_path} is missing)").format(doc_path=doc_path))
                doc = etree.fromstring(_read_part(zf, doc_path), _PARSER)
                for page in _children(doc, "Page"):
                    page_path = _resolve(doc_path, page.get("BaseLoc") or "")
                    if page_path not in names:
                        raise ReadError(N_("corrupt OFD ({page_path} is missing)").format(page_path=page_path))
                    pages_text.append(_page_text(_read_part(zf, page_path)))
    except zipfile.BadZipFile:
        raise ReadError(N_("corrupt OFD (not a valid zip archive; truncated or damaged)")) from None
    except etree.XMLSyntaxError as exc:
        raise ReadError(N_("corrupt OFD (bad XML: {error})").format(error=exc.msg)) from None
    except (KeyError, ValueError, OSError, EOFError) as exc:
        raise ReadError(N_("corrupt OFD ({error})").format(error=exc)) from None
    return "\n".join(t for t in pages_text if t), len(pages_text)

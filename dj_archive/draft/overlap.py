"""How much of a text is copied from other texts: the share of its characters that lie
in spans of 13 or more consecutive characters found verbatim in another text.

Whitespace is removed first (line breaks and indentation say nothing about wording).
A span of ``MIN_RUN`` characters shared by two texts is a 13-gram they have in common,
so the work is set lookups, not string matching: the checked text's 13-grams go into
one dict (gram → positions), then each other text is read once and each of its
13-grams is looked up — O(total length), never O(n·m) pairwise comparison.

>>> ov = Overlap("机关第一党支部严格落实三会一课制度，按时召开支委会。")
>>> ov.against("上半年，支部严格落实三会一课制度，按时召开支委会和党员大会。")
(20, 0.7692)
>>> ov.against("毫不相干的一句话")
(0, 0.0)
"""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import N_

__all__ = ["MIN_RUN", "Overlap", "squeeze", "overlap_with_archive", "read_for_overlap", "NOTES_HEADING"]

#: Shortest copied span that counts (characters, whitespace removed). 13 characters
#: is longer than any stock phrase (坚持以习近平新时代中国特色社会主义思想 aside, which
#: is 19 and does count: it *is* copied wording).
MIN_RUN = 13

_WS = re.compile(r"\s+")
_MD_FOOTNOTE_REF = re.compile(r"\[\^\d+\]")
_MD_FOOTNOTE_DEF = re.compile(r"^\[\^\d+\]:.*$", re.M)
_MD_MARKUP = re.compile(r"^(?:#{1,6}\s+|---+\s*$)|\\(?=[\\`*_\[\]<>|])", re.M)


def squeeze(text: str) -> str:
    """``text`` without any whitespace."""
    return _WS.sub("", text or "")


class Overlap:
    """The 13-grams of one text, ready to be compared with many others."""

    def __init__(self, text: str, n: int = MIN_RUN):
        self.n = n
        self.text = squeeze(text)
        self._positions: dict[str, list[int]] = {}
        for i in range(len(self.text) - n + 1):
            self._positions.setdefault(self.text[i : i + n], []).append(i)

    def __len__(self) -> int:
        return len(self.text)

    def covered(self, other: str) -> int:
        """Characters of this text inside spans of ``n``+ characters that also occur in ``other``."""
        if not self._positions:
            return 0
        other = squeeze(other)
        n, pos = self.n, self._positions
        starts = sorted({i for i in range(len(other) - n + 1) for i in pos.get(other[i : i + n], ())})
        total, run_end = 0, -1
        for s in starts:  # union of the intervals [s, s + n)
            if s >= run_end:
                total += n
            else:
                total += s + n - run_end
            run_end = s + n
        return total

    def against(self, other: str) -> tuple[int, float]:
        """(characters covered, share of this text covered, 4 decimals)."""
        chars = self.covered(other)
        return chars, (round(chars / len(self.text), 4) if self.text else 0.0)


#: Heading of the drafting notes a generated draft carries after its 落款 (not prose).
NOTES_HEADING = "起草参考（定稿前删除）"


def read_for_overlap(path) -> str:
    """The prose of a file: footnotes are left out (they list sources, not wording),
    and so are the 起草参考 notes of a draft made by ``dj-archive draft``.

    ``.md``: footnote references ``[^n]`` and definitions, heading marks, rules and
    escapes are removed; ``.docx``: body paragraphs and tables (and text boxes) in
    document order; anything else as :func:`dj_archive.readers.read_document` reads it.
    """
    return _without_notes(_read_prose(path))


def _without_notes(text: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.lstrip("# ").strip() == NOTES_HEADING:
            return "\n".join(lines[:i])
    return text


def _read_prose(path) -> str:
    """The text as the index reads it (the same guarded readers: a hostile file is a
    ReadError with a reason, never a traceback), footnotes of a .docx left out."""
    from ..errors import ReadError
    from ..readers import read_bytes, read_document
    from ..readers.docx import docx_text

    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return docx_text(read_bytes(path), footnotes=False)
        text = read_document(path).text
    except ReadError as exc:
        raise type(exc)(f"{path}: {exc}") from None
    except MemoryError:
        raise ReadError(N_("{path}: too large to read in memory").format(path=path)) from None
    except Exception as exc:  # noqa: BLE001 - as in the index: a reason, not a traceback
        raise ReadError(
            N_("{path}: unexpected error while reading: {error}").format(
                path=path, error=f"{type(exc).__name__}: {exc}"[:300]
            )
        ) from None
    if suffix == ".md":
        text = _MD_MARKUP.sub("", _MD_FOOTNOTE_REF.sub("", _MD_FOOTNOTE_DEF.sub("", text)))
    return text


def overlap_with_archive(archive, text: str, exclude_sha256: str | None = None) -> list[dict]:
    """Every archived document sharing 13+ character spans with ``text``, most shared first.

    Each row: ``id, path, title, share`` (of ``text``'s characters, whitespace removed)
    and ``chars``. A document whose content hash is ``exclude_sha256`` (the file being
    checked, if it is itself archived) is skipped.
    """
    ov = Overlap(text)
    docs = archive.documents(with_text=True)
    rows = []
    for d in docs.itertuples(index=False):
        if exclude_sha256 and d.sha256 == exclude_sha256:
            continue
        chars, share = ov.against(d.text)
        if chars:
            rows.append({"id": d.id, "path": d.path, "title": d.title, "share": share, "chars": chars})
    rows.sort(key=lambda r: (-r["share"], r["path"]))
    return rows

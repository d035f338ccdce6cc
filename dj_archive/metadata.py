"""Per-document metadata inferred from the path, title and text, then overridden by
the archivist's ``metadata.csv`` (the catalogue sheet wins over inference).

>>> from dj_archive.config import ArchiveConfig, Org
>>> cfg = ArchiveConfig(root=".", orgs=[Org("机关第一党支部", ("一支部",))])
>>> m = infer_metadata("ZH_综合类/2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.docx", cfg, "")
>>> m["category"], m["period"], m["org"], m["doc_type"], m["retention"]
('ZH', '2023H1', '机关第一党支部', '工作总结', '永久')
"""

from __future__ import annotations

import hashlib
import re

from .config import ArchiveConfig
from .files import parse_path
from .periods import half_of_date
from .taxonomy import UNKNOWN

__all__ = ["infer_metadata", "doc_id", "METADATA_FIELDS"]

METADATA_FIELDS = ("title", "date", "year", "period", "category", "doc_type", "org", "retention")


def doc_id(rel_path: str) -> str:
    """Stable id of a document: derived from its path in the archive."""
    return hashlib.sha1(rel_path.encode("utf-8")).hexdigest()[:12]


def _detect_period(title: str, text: str) -> str | None:
    from .understand.dates import detect_period

    try:
        return detect_period(text or "", title=title)
    except Exception:  # noqa: BLE001 - inference must never stop indexing
        return None


def _detect_date(text: str) -> str | None:
    try:
        from .understand.dates import detect_date
    except ImportError:
        return None
    try:
        return detect_date(text or "")
    except Exception:  # noqa: BLE001
        return None


def infer_metadata(rel_path: str, config: ArchiveConfig, text: str, date_hint: str | None = None) -> dict:
    """Metadata of one document: the archivist's overrides (metadata.csv) first, then
    inference for what they leave open. An overridden title, date or doc_type feeds what
    is derived from it (period, year, retention); an overridden period wins over all.
    ``date_hint`` is a date the file itself states (a photo's EXIF date): used when
    neither the overrides nor the name give one."""
    info = parse_path(rel_path)
    tx = config.taxonomy
    over = config.overrides.get(rel_path, {})
    category = None
    if info["folder"]:
        cat = tx.category_for_folder(info["folder"])
        category = cat.code if cat else None
    path_title = info["title"]
    title = over.get("title") or path_title
    date = over.get("date") or info["date"] or date_hint or _detect_date(text)
    head = (text or "")[:300]
    doc_type: str | None
    if over.get("doc_type"):
        doc_type = over["doc_type"]
    else:
        dt = tx.doc_type_for(title) or tx.doc_type_for(path_title) or tx.doc_type_for(head.split("\n", 1)[0])
        doc_type = dt.name if dt else None
    meta = {
        "title": title,
        "date": date,
        "period": None,
        "category": over.get("category") or category or UNKNOWN,
        "doc_type": doc_type,
        "org": over.get("org") or config.find_org(title) or config.find_org(path_title) or config.find_org(head),
    }
    if over.get("period"):
        meta["period"] = over["period"]
    else:
        # Summaries and plans report on a named period; records belong to the half-year they happened in.
        if doc_type in ("工作总结", "工作计划", "述职报告"):
            meta["period"] = _detect_period(title, head)
        meta["period"] = meta["period"] or half_of_date(date) or _detect_period(title, head)
    meta["retention"] = over.get("retention") or tx.retention_for(doc_type)
    year = None
    for source in (meta.get("period"), meta.get("date")):
        if source and re.match(r"\d{4}", source):
            year = int(source[:4])
            break
    meta["year"] = year or info["year"]
    return meta

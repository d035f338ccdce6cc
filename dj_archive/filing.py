"""File loose documents into the archive under its convention: copies, never moves,
never overwrites, and says what it would do first.

>>> import dj_archive
>>> arc = dj_archive.open_archive("archive")                     # doctest: +SKIP
>>> report = file_documents(arc, ["~/下载/总结终稿(2).docx"], dry_run=True)  # doctest: +SKIP
>>> report.to_frame()                                             # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date as _date
from pathlib import Path

from .errors import ConfigError, DjArchiveError, ReadError, UnknownOrg
from .readers import read_bytes, read_document
from .taxonomy import UNKNOWN

__all__ = ["FilingPlan", "FilingReport", "plan_filing", "file_documents", "LOW_CONFIDENCE"]

#: Below this classifier confidence the archivist is asked to confirm the category.
LOW_CONFIDENCE = 0.6
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass
class FilingPlan:
    source: str
    target: str | None = None  # relative to the archive
    title: str | None = None
    date: str | None = None
    date_source: str | None = None  # 正文落款 / 文件修改时间
    category: str | None = None
    confidence: float | None = None  # None when the category was given
    doc_type: str | None = None
    org: str | None = None
    status: str = "planned"  # planned, filed, duplicate, failed
    reason: str | None = None
    confirm: bool = False  # low-confidence category: the archivist should check it


@dataclass
class FilingReport:
    plans: list[FilingPlan] = field(default_factory=list)
    dry_run: bool = False
    indexed: int = 0

    def to_dict(self) -> dict:
        return {"dry_run": self.dry_run, "files": [asdict(p) for p in self.plans]}

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([asdict(p) for p in self.plans])

    @property
    def to_confirm(self) -> list[FilingPlan]:
        return [p for p in self.plans if p.confirm and p.status in ("planned", "filed")]


def _known_hashes(archive) -> dict[str, str]:
    try:
        con = archive._con()
    except DjArchiveError:
        return {}
    try:
        return {r[0]: r[1] for r in con.execute("SELECT sha256, path FROM documents")}
    except sqlite3.DatabaseError:
        return {}
    finally:
        con.close()


def _classifier(archive):
    from .understand.classify import Classifier

    clf = Classifier(archive.config.taxonomy)
    try:
        df = archive.documents(with_text=True)
    except DjArchiveError:  # not indexed yet: keywords only
        return clf
    rows = df[df["category"] != UNKNOWN]
    return clf.fit(zip(rows["category"], rows["title"], rows["text"].str.slice(0, 3000)))


def _safe_title(title: str) -> str:
    title = _UNSAFE.sub("", title).strip().strip(".")
    return title[:80] or "未命名文件"


def plan_filing(archive, paths, category: str | None = None, org: str | None = None) -> list[FilingPlan]:
    """Where each file would go, without touching anything."""
    from .understand.classify import clean_title, guess_title
    from .understand.dates import detect_date

    config = archive.config
    if category and not config.taxonomy.category(category):
        raise ConfigError(f"unknown category {category!r}; the archive's categories are {', '.join(config.taxonomy.codes)}")
    if org:
        canonical = config.resolve_org(org)
        if not canonical:
            raise UnknownOrg(f"unknown org {org!r}; known: {', '.join(config.org_names) or '(none in fonds.yml)'}")
        org = canonical
    known = _known_hashes(archive)
    clf = None
    plans, taken = [], set()
    for raw in paths:
        src = Path(raw)
        plan = FilingPlan(source=str(raw))
        plans.append(plan)
        try:
            data = read_bytes(src)
            text = read_document(src, data=data).text
        except ReadError as exc:
            plan.status, plan.reason = "failed", str(exc)
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in known:
            plan.status, plan.reason, plan.target = "duplicate", f"already in the archive as {known[sha]}", known[sha]
            continue
        # The document's own title line beats its file name (总结终稿(2).docx); a title that
        # names the branch or the year is preferred, else the longer one.
        names = [t for t in (guess_title(text), clean_title(src.name)) if t]
        specific = [t for t in names if config.find_org(t) or re.search(r"\d{4}|[〇零一二三四五六七八九]{4}", t)]
        title = (specific or sorted(names, key=len, reverse=True) or ["未命名文件"])[0]
        plan.title = _safe_title(clean_title(title))
        plan.date = detect_date(text)
        plan.date_source = "正文落款" if plan.date else "文件修改时间"
        if not plan.date:
            plan.date = _date.fromtimestamp(src.stat().st_mtime).isoformat()
        if category:
            plan.category = category
        else:
            clf = clf or _classifier(archive)
            pred = clf.predict(text, title=plan.title)
            plan.category, plan.confidence = pred.category, round(pred.confidence, 2)
            plan.confirm = pred.category == UNKNOWN or pred.confidence < LOW_CONFIDENCE
        dt = config.taxonomy.doc_type_for(plan.title)
        plan.doc_type = dt.name if dt else None
        plan.org = org or config.find_org(plan.title) or config.find_org(text[:300])
        if plan.category == UNKNOWN:
            plan.status, plan.reason = "failed", "no category could be suggested; give one with --category"
            continue
        folder = config.taxonomy.category(plan.category).folder
        stem = f"{plan.date}_{plan.title}"
        ext = src.suffix.lower()
        target = f"{folder}/{plan.date[:4]}/{stem}{ext}"
        n = 2
        while (config.root / target).exists() or target in taken:
            target = f"{folder}/{plan.date[:4]}/{stem}_{n}{ext}"  # never overwrite: number the newcomer
            n += 1
        taken.add(target)
        plan.target = target
        known[sha] = target  # the same file twice on one command line is filed once
    return plans


def file_documents(archive, paths, category=None, org=None, dry_run: bool = False, index: bool = True) -> FilingReport:
    """Copy loose files into the archive (sources untouched), then index what was filed."""
    report = FilingReport(plan_filing(archive, paths, category, org), dry_run=dry_run)
    if dry_run:
        return report
    filed = 0
    for plan in report.plans:
        if plan.status != "planned":
            continue
        dest = archive.root / plan.target
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(plan.source, "rb") as src, open(dest, "xb") as out:  # "x": fail rather than overwrite
                shutil.copyfileobj(src, out)
            shutil.copystat(plan.source, dest)
        except FileExistsError:
            plan.status, plan.reason = "failed", f"{plan.target} appeared meanwhile; not overwritten"
            continue
        except OSError as exc:
            plan.status, plan.reason = "failed", f"cannot copy: {exc.strerror or exc}"
            continue
        plan.status = "filed"
        filed += 1
    if filed and index:
        report.indexed = archive.index(progress=False).indexed
    return report

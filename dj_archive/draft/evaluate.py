"""How close a draft comes to the summary the branch actually wrote: leave-one-out.

For a period whose summaries are filed, copy the archive without them, draft each
branch's summary from what is left, and compare the draft with the summary that was
removed: the figures (the counts the summary claims, read by
:func:`~dj_archive.understand.metrics.extract_metrics`, against the draft's counts of
filed records), the topics (each ``（一）…`` sub-section of the real summary, by kind,
has a sub-section with text from the record in the draft), the characters the two
share (:class:`~dj_archive.draft.overlap.Overlap`) and the marks left for the drafter.

>>> from dj_archive import open_archive                               # doctest: +SKIP
>>> rows = leave_one_out(open_archive("archive"), "2025H1", "/tmp/loo")  # doctest: +SKIP
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from ..periods import parse_period
from .compose import assign_sections, draft
from .model import HINT, REF, TODO, Draft
from .overlap import Overlap
from .records import SUMMARY_TITLE, Source, Summary

__all__ = ["compare_with_summary", "leave_one_out"]


def _claims(text: str) -> dict[str, int]:
    """Counts of work the summary claims, by indicator (the first claim of each)."""
    from ..understand.metrics import extract_metrics

    df = extract_metrics(text)
    out: dict[str, int] = {}
    for ind, count in zip(df["indicator"], df["count"]):
        out.setdefault(ind, int(count))
    return out


def _draft_kinds(d: Draft) -> set[str]:
    """Kinds of the draft's 一、主要工作 sub-sections that carry text from the record."""
    kinds, heading, filled = set(), None, False
    work = d.body[: next(i for i, p in enumerate(d.body) if p.kind == "h1" and p.text.startswith("二"))]
    sections: list[tuple[str, bool]] = []
    for p in work:
        if p.kind == "h2":
            if heading is not None:
                sections.append((heading, filled))
            heading, filled = p.text, False
        elif p.kind == "body" and heading is not None and not p.text.startswith(TODO):
            filled = True
    if heading is not None:
        sections.append((heading, filled))
    for kind, (_, has_text) in zip(assign_sections([h for h, _ in sections]), sections):
        if kind and has_text:
            kinds.add(kind)
    return kinds


def compare_with_summary(d: Draft, summary: Summary) -> dict:
    """Figures, topics and shared characters of draft ``d`` and the real ``summary``."""
    claimed = _claims(summary.text)
    counted = {f.indicator: f.count for f in d.figures}
    figures = [
        {"indicator": ind, "summary": n, "draft": counted[ind], "agree": n == counted[ind]}
        for ind, n in claimed.items()
        if ind in counted
    ]
    real_kinds = [k for k in assign_sections([h for h, _ in summary.part("work") if h]) if k]
    drafted = _draft_kinds(d)
    chars, share = Overlap(d.body_text()).against(summary.text)
    body = d.body_text()
    return {
        "org": d.org,
        "period": str(d.period),
        "figures": figures,
        "figures_agree": sum(f["agree"] for f in figures),
        "topics": real_kinds,
        "topics_in_draft": [k for k in real_kinds if k in drafted],
        "overlap_chars": chars,
        "overlap_share": share,
        "marks": sum(body.count(m) for m in (TODO, HINT, REF)),
    }


def leave_one_out(archive, period, workdir, orgs=None, date: str | None = None) -> list[dict]:
    """Draft ``period`` for each branch (default: those with a summary of it) from a copy of
    the archive in ``workdir`` without the period's summaries, and compare each draft
    with the removed summary. The index is copied too, so only the removal is indexed."""
    from .. import open_archive

    p = parse_period(period)
    docs = archive.documents(with_text=True)
    docs = docs.astype(object).where(docs.notna(), None)
    removed: dict[str, Summary] = {}
    for r in docs.to_dict("records"):
        m = SUMMARY_TITLE.search(r["title"] or "")
        half = {"上半年": 1, "下半年": 2}.get(m.group(2) or "") if m else None
        if m and r["org"] and int(m.group(1)) == p.year and half == p.half:
            removed[r["org"]] = Summary(Source.from_row(r), p, r["text"] or "")
    work = Path(workdir)
    if work.exists():
        shutil.rmtree(work)
    root = work / "archive"
    skip = {s.source.path for s in removed.values()}
    shutil.copytree(archive.root, root, ignore=shutil.ignore_patterns(".dj_archive"))
    for path in skip:
        (root / path).unlink()
    db = work / "index.sqlite"
    with sqlite3.connect(archive.db_path) as src, sqlite3.connect(db) as dst:
        src.backup(dst)  # consistent even with a write-ahead log beside it
    copy = open_archive(root, db)
    copy.index(progress=False)
    out = []
    for org in orgs or sorted(removed):
        d = draft(copy, p, org, date=date)
        out.append(compare_with_summary(d, removed[org]))
    return out


def main(argv=None) -> None:
    """``python -m dj_archive.draft.evaluate --period 2025H1 [--archive A] [--db D]``: one JSON line per branch."""
    import argparse
    import json
    import tempfile

    from .. import open_archive

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", default=None)
    ap.add_argument("--db", default=None)
    ap.add_argument("--period", default="2025H1")
    ap.add_argument("--date", default=None, help="落款 date of the drafts (YYYY-MM-DD)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        for row in leave_one_out(open_archive(args.archive, args.db), args.period, work, date=args.date):
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()

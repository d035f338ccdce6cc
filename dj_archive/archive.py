"""The archive as notebooks and the CLI see it: open it, index it, search it.

>>> import dj_archive
>>> arc = dj_archive.open_archive("archive")          # doctest: +SKIP
>>> arc.index().to_dict()                              # doctest: +SKIP
>>> arc.search("党费", year=2023).to_frame()            # doctest: +SKIP
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .config import ArchiveConfig, default_archive_path, default_db_path, load_config
from .errors import DjArchiveError, DocumentNotFound
from .i18n import N_
from .index import IndexReport, build_index, connect, unpack_text
from .pii import find_pii
from .pii import mask_pii as _mask
from .search import Filters, SearchResult, filter_sql, run_search

if TYPE_CHECKING:
    import pandas as pd

    from .understand.classify import Classifier

__all__ = ["Archive", "open_archive"]

DOC_COLUMNS = (
    "id",
    "path",
    "title",
    "date",
    "year",
    "period",
    "category",
    "doc_type",
    "org",
    "retention",
    "chars",
    "format",
    "encoding",
    "pages",
    "sha256",
    "size",
    "ocr_pages",
    "needs_ocr",
)


class Archive:
    """An archive folder and its index. Originals are only ever read."""

    def __init__(self, config: ArchiveConfig, db_path: str | os.PathLike | None = None):
        self.config = config
        self.root = config.root
        self.db_path = Path(db_path) if db_path else default_db_path(config.root)

    def __repr__(self) -> str:
        return f"<Archive {self.config.fonds_name or self.root} at {self.root}>"

    # -- building ---------------------------------------------------------------------
    def index(
        self,
        workers: int | None = None,
        progress: bool | None = None,
        on_progress: Callable | None = None,
        ocr: bool | None = None,
        timeout: float | None = None,
    ) -> IndexReport:
        """Bring the index up to date (incremental). Returns what happened.
        ``on_progress(done, total)`` is called as files are read. ``ocr=False`` leaves
        scans and photos unread (listed in ``report.needs_ocr``); None follows DJ_ARCHIVE_OCR.
        A file still being read after ``timeout`` seconds of CPU time, or using none for that
        long (default ``$DJ_ARCHIVE_FILE_TIMEOUT`` or 120), fails alone."""
        self.config = load_config(self.root)  # fonds.yml / metadata.csv may have been edited
        return build_index(self.config, self.db_path, workers=workers, progress=progress, on_progress=on_progress,
                           ocr=ocr, timeout=timeout)  # fmt: skip

    def _con(self) -> sqlite3.Connection:
        return connect(self.db_path, readonly=True)

    # -- reading ----------------------------------------------------------------------
    def search(
        self,
        query: str,
        category: str | None = None,
        year: int | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        org: str | None = None,
        doc_type: str | None = None,
        period: str | None = None,
        limit: int | None = 20,
        offset: int = 0,
        mask_pii: bool = False,
        sort: str = "relevance",
        facets: bool = False,
    ) -> SearchResult:
        """Documents containing the query, best first (``sort="date"``: newest first).
        ``limit=None`` returns all. ``mask_pii`` masks ID, phone and bank card numbers in
        snippets. ``facets`` counts the matches per category, year, branch and doc type
        (``result.facets``). An unknown category or branch is an error that says so."""
        self._check_filters(category, org)
        con = self._con()
        try:
            return run_search(
                con,
                query,
                Filters(category, year, date_from, date_to, org, doc_type, period),
                limit=limit,
                offset=offset,
                resolve_org=self.config.resolve_org,
                mask=mask_pii,
                sort=sort,
                facets=facets,
                archive=self.root,
            )
        finally:
            con.close()

    def documents(self, with_text: bool = False, **filters) -> pd.DataFrame:
        """Catalogue of indexed documents as a DataFrame (filters as in :meth:`search`)."""
        import pandas as pd

        f = Filters(**filters)
        self._check_filters(f.category, f.org)
        where, params = filter_sql(f, self.config.resolve_org)
        cols = ", ".join(f"d.{c}" for c in DOC_COLUMNS + (("text",) if with_text else ()))
        con = self._con()
        try:
            rows = con.execute(
                f"SELECT {cols} FROM documents d WHERE {where} ORDER BY d.date, d.path", params
            ).fetchall()
        finally:
            con.close()
        records = [dict(r) for r in rows]
        if with_text:
            for rec in records:
                rec["text"] = unpack_text(rec["text"])
        return pd.DataFrame(records, columns=list(DOC_COLUMNS) + (["text"] if with_text else []))

    def _check_filters(self, category: str | None, org: str | None) -> None:
        if category:
            self.config.taxonomy.check_code(category)
        if org:
            self.config.check_org(org)

    def get(self, key: str, mask_pii: bool = False) -> dict:
        """One document's metadata and text, by id or archive-relative path."""
        con = self._con()
        try:
            row = con.execute(
                "SELECT * FROM documents WHERE id = ? OR path = ?", (key, str(key).replace(os.sep, "/"))
            ).fetchone()
        finally:
            con.close()
        if row is None:
            raise DocumentNotFound(N_("no document with id or path {key!r}").format(key=key))
        d = dict(row)
        d.pop("rowid", None)
        d["text"] = unpack_text(d["text"])
        if mask_pii:
            for key in ("text", "title", "path"):
                d[key] = _mask(d[key] or "")
        return d

    def known_hashes(self) -> dict[str, str]:
        """sha256 → path of every indexed document; empty when there is no index yet."""
        try:
            con = self._con()
        except DjArchiveError:
            return {}
        try:
            return {r[0]: r[1] for r in con.execute("SELECT sha256, path FROM documents")}
        except sqlite3.DatabaseError:
            return {}
        finally:
            con.close()

    def classifier(self) -> Classifier:
        """A category classifier over this archive's taxonomy, trained on its filed
        documents: from the index when there is one (no file is re-read), else from the files."""
        from .taxonomy import UNKNOWN
        from .understand.classify import BODY_CHARS, Classifier, clean_title, examples_from_archive

        clf = Classifier(self.config.taxonomy)
        try:
            df = self.documents(with_text=True)
        except DjArchiveError:  # not indexed yet
            return clf.fit(examples_from_archive(self.root, self.config.taxonomy))
        rows = df[df["category"] != UNKNOWN]
        return clf.fit(zip(rows["category"], rows["title"].map(clean_title), rows["text"].str.slice(0, BODY_CHARS)))

    def pii_report(self) -> pd.DataFrame:
        """Documents holding personal numbers (身份证号, 手机号, 银行卡号), one row per document
        and kind, to review before sharing an export."""
        import pandas as pd

        con = self._con()
        try:
            rows = con.execute("SELECT id, path, title, text FROM documents ORDER BY path").fetchall()
        finally:
            con.close()
        out = []
        for r in rows:
            counts: dict[str, int] = {}
            for item in find_pii(unpack_text(r["text"])):
                counts[item["kind"]] = counts.get(item["kind"], 0) + 1
            for kind, n in counts.items():
                out.append({"id": r["id"], "path": r["path"], "title": r["title"], "kind": kind, "count": n})
        return pd.DataFrame(out, columns=["id", "path", "title", "kind", "count"])

    def stats(self) -> dict:
        """What the index holds: documents (in all and per format), characters, when the
        last index run finished, the index file's size."""
        con = self._con()
        try:
            formats = {
                r[0] or "?": r[1]
                for r in con.execute("SELECT format, count(*) FROM documents GROUP BY format ORDER BY count(*) DESC")
            }
            chars = con.execute("SELECT coalesce(sum(chars), 0) FROM documents").fetchone()[0]
            failed = con.execute("SELECT count(*) FROM failures").fetchone()[0]
            last = con.execute("SELECT value FROM meta WHERE key = 'last_run'").fetchone()
        finally:
            con.close()
        size = sum(p.stat().st_size for p in (self.db_path, Path(str(self.db_path) + "-wal")) if p.exists())
        return {
            "documents": sum(formats.values()),
            "formats": formats,
            "chars": chars,
            "failed": failed,
            "last_run": last[0] if last else None,
            "db_path": str(self.db_path),
            "db_bytes": size,
        }

    def failures(self) -> list[dict]:
        """Files the last index run could not read, with the reason."""
        con = self._con()
        try:
            return [dict(r) for r in con.execute("SELECT path, reason FROM failures ORDER BY path")]
        finally:
            con.close()


def open_archive(path: str | os.PathLike | None = None, db: str | os.PathLike | None = None) -> Archive:
    """Open the archive at ``path`` (default ``$DJ_ARCHIVE`` or ``./archive``)."""
    path = path or default_archive_path()
    db = db or os.environ.get("DJ_ARCHIVE_DB") or None
    return Archive(load_config(path), db)

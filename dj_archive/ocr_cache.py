"""The OCR cache: text recognised from scans and photos, per page, keyed by the file's
content hash (sha256) and the OCR engine. A SQLite file of its own next to the index
(``ocr-cache.sqlite``), so rebuilding or deleting the index never costs the OCR again,
and an unchanged file is never OCR'd twice. ``DJ_ARCHIVE_OCR_CACHE`` names another file.

>>> import tempfile, pathlib
>>> c = OcrCache(pathlib.Path(tempfile.mkdtemp()) / "ocr-cache.sqlite")
>>> c.put("ab12", "engine", 1, "支部大会", 0.98)
>>> c.get("ab12", "engine")
{1: ('支部大会', 0.98)}
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

__all__ = ["OcrCache", "OcrCacheView", "cache_path_for"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ocr_pages (
    sha256 TEXT NOT NULL,
    engine TEXT NOT NULL,
    page INTEGER NOT NULL,
    text TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (sha256, engine, page)
) WITHOUT ROWID;
"""


def cache_path_for(db_path) -> Path:
    """Where the OCR cache of the index at ``db_path`` lives."""
    env = os.environ.get("DJ_ARCHIVE_OCR_CACHE")
    if env:
        return Path(env)
    return Path(db_path).parent / "ocr-cache.sqlite"


class OcrCache:
    """Opened lazily in each process that uses it (safe to pass to worker processes)."""

    def __init__(self, path):
        self.path = Path(path)
        self._con = None
        self._pid = None

    def _db(self) -> sqlite3.Connection:
        if self._con is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            con.execute("PRAGMA busy_timeout=60000")
            try:
                con.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError:
                pass
            con.executescript(_SCHEMA)
            self._con, self._pid = con, os.getpid()
        return self._con

    def __getstate__(self):
        return {"path": self.path}

    def __setstate__(self, state):
        self.__init__(state["path"])

    def get(self, sha: str, engine: str) -> dict[int, tuple[str, float]]:
        try:
            rows = (
                self._db()
                .execute("SELECT page, text, confidence FROM ocr_pages WHERE sha256=? AND engine=?", (sha, engine))
                .fetchall()
            )
        except sqlite3.DatabaseError:
            return {}  # an unreadable cache costs time, never the run
        return {p: (t, c) for p, t, c in rows}

    def put(self, sha: str, engine: str, page: int, text: str, confidence: float) -> None:
        try:
            self._db().execute(
                "INSERT OR REPLACE INTO ocr_pages VALUES (?, ?, ?, ?, ?)", (sha, engine, page, text, float(confidence))
            )
        except sqlite3.DatabaseError:
            pass

    def view(self, engine: str) -> OcrCacheView:
        """Everything cached for ``engine``, read into memory: what worker processes use.
        (A process forked while another thread is inside SQLite must not touch SQLite:
        workers read this snapshot, and the indexer stores their new pages with put().)"""
        try:
            rows = (
                self._db()
                .execute("SELECT sha256, page, text, confidence FROM ocr_pages WHERE engine=?", (engine,))
                .fetchall()
            )
        except sqlite3.DatabaseError:
            rows = []
        data: dict[str, dict[int, tuple[str, float]]] = {}
        for sha, page, text, conf in rows:
            data.setdefault(sha, {})[page] = (text, conf)
        return OcrCacheView(engine, data)

    def pages(self) -> int:
        return self._db().execute("SELECT count(*) FROM ocr_pages").fetchone()[0]


class OcrCacheView:
    """A read-only snapshot of the cache for one engine (see :meth:`OcrCache.view`)."""

    def __init__(self, engine: str, data: dict):
        self.engine, self.data = engine, data

    def get(self, sha: str, engine: str) -> dict[int, tuple[str, float]]:
        return dict(self.data.get(sha, {})) if engine == self.engine else {}

    def put(self, sha: str, engine: str, page: int, text: str, confidence: float) -> None:
        """New pages travel back with the worker's result; the indexer stores them."""

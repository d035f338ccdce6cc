"""The index: one SQLite file, derived from the archive and rebuildable at any time.
The only module that issues DDL.

Tables: ``documents`` (metadata and original text), ``doc_fts`` (a contentless
FTS5 table with two columns: ``words``, jieba search-mode tokens used for
ranking, and ``chars``, one token per character used for recall: a phrase of
character tokens is an exact substring test, so 1- and 2-character terms are
never missed), ``doc_titles`` (the 题名 and 文种 of each document as character tokens,
plus the folded 题名 and 文种, for ranking documents *about* a term first),
``failures`` and ``meta``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import signal
import sqlite3
import sys
import threading
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .config import INDEX_DIRNAME, ArchiveConfig, default_db_path, load_config
from .data import data_version
from .errors import IndexDamaged, IndexFailure, IndexLocked, IndexMissing, NotAnIndex, ReadError
from .files import FileEntry, walk_archive
from .i18n import N_, _
from .metadata import METADATA_FIELDS, doc_id, infer_metadata
from .normalize import fold
from .pool import cpu_seconds, isolated_map
from .readers import check_supported, read_bytes, read_document
from .segment import Segmenter, char_tokens, doc_tokens

__all__ = ["IndexReport", "build_index", "connect", "SCHEMA_VERSION", "pack_text", "unpack_text"]

#: Bump when the schema or tokenisation changes: older indexes are rebuilt, never misread.
SCHEMA_VERSION = 7
_BATCH = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL DEFAULT 0,  -- catches edits that keep size and mtime (touch -r)
    format TEXT,
    encoding TEXT,
    pages INTEGER,
    title TEXT,
    date TEXT,
    year INTEGER,
    period TEXT,
    category TEXT,
    doc_type TEXT,
    org TEXT,
    retention TEXT,
    chars INTEGER,
    text BLOB NOT NULL,  -- the original text, zlib-compressed (see pack_text)
    ocr_pages INTEGER NOT NULL DEFAULT 0,  -- pages whose text came from OCR
    ocr_confidence REAL,  -- lowest mean confidence of those pages
    ocr_low TEXT,  -- comma-separated page numbers below readers.ocr.LOW_CONFIDENCE
    needs_ocr INTEGER NOT NULL DEFAULT 0  -- pages not read yet (--no-ocr, or beyond the page limit)
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE INDEX IF NOT EXISTS documents_year ON documents(year, category);
CREATE TABLE IF NOT EXISTS failures (path TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS doc_fts USING fts5(
    words, chars, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS doc_titles USING fts5(
    title, doc_type, folded UNINDEXED, tokenize='unicode61 remove_diacritics 0'
);
"""


@dataclass
class IndexReport:
    documents: int = 0
    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    rebuilt: str | None = None  # why the whole index was rebuilt, if it was
    seconds: float = 0.0
    ocr_pages: int = 0  # pages read by OCR in this run (not from the OCR cache)
    needs_ocr: list = field(default_factory=list)  # {"path", "pages"}: scans left unread
    low_confidence: list = field(default_factory=list)  # {"path", "pages", "confidence"}
    hidden: list = field(default_factory=list)  # hidden files and folders, skipped

    def to_dict(self) -> dict:
        """The CLI's JSON shape."""
        d = asdict(self)
        keys = ("documents", "indexed", "unchanged", "removed", "failed", "ocr_pages", "needs_ocr", "low_confidence")
        out = {k: d[k] for k in keys}
        out["hidden_skipped"] = len(self.hidden)
        return out


#: PRAGMA application_id of our index files ("djar"): someone else's database is never dropped.
APPLICATION_ID = 0x646A6172


def _uri(db_path: Path, mode: str, immutable: bool = False) -> str:
    # as_uri() percent-encodes # ? % and non-ASCII, which a raw "file:" URI would misread.
    return f"{db_path.resolve().as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")


def _on_read_only_media(db_path: Path) -> bool:
    """A reader of a WAL database must create its -shm file next to it; on a CD, a
    read-only share or a folder without write permission it cannot, so the index is
    opened ``immutable`` (no locking, no WAL: what the file holds is what is read)."""
    return not os.access(db_path.parent, os.W_OK) or (
        Path(f"{db_path}-shm").exists() and not os.access(f"{db_path}-shm", os.W_OK)
    )


class _ReadCursor(sqlite3.Cursor):
    """A cursor whose errors say "damaged" when the file is (see :func:`_damaged_error`)."""

    def execute(self, *args):
        with _damage_is_named(self.connection):
            return super().execute(*args)

    def fetchone(self):
        with _damage_is_named(self.connection):
            return super().fetchone()

    def fetchmany(self, *args):
        with _damage_is_named(self.connection):
            return super().fetchmany(*args)

    def fetchall(self):
        with _damage_is_named(self.connection):
            return super().fetchall()

    def __next__(self):
        # Once per row: a plain try (free in Python 3.11+) rather than a context
        # manager, which tripled the cost of reading 20,000 rowids.
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            if type(exc) is sqlite3.DatabaseError:
                raise _damaged_error(getattr(self.connection, "db_path", "?"), exc) from None
            raise


class _ReadConnection(sqlite3.Connection):
    """Read-only connection to the index: a damaged page met by any query (search, list,
    show…) raises IndexDamaged with the hint to rebuild, not a bare DatabaseError."""

    db_path: Path

    def cursor(self, factory=_ReadCursor):
        return super().cursor(factory)

    def execute(self, *args):
        return self.cursor().execute(*args)


@contextlib.contextmanager
def _damage_is_named(con):
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if type(exc) is sqlite3.DatabaseError:  # SQLITE_CORRUPT, SQLITE_NOTADB: not locked, not I/O
            raise _damaged_error(getattr(con, "db_path", "?"), exc) from None
        raise


def _damaged_error(db_path, exc) -> IndexDamaged:
    return IndexDamaged(
        N_("the index at {db_path} is damaged or not an index ({exc})").format(db_path=db_path, exc=exc)
    )


def connect(db_path, readonly: bool = False) -> sqlite3.Connection:
    """Open the index. ``readonly`` raises IndexMissing if it does not exist yet, and
    IndexDamaged (with the hint to rebuild) if it, or any later query, finds it damaged."""
    db_path = Path(db_path)
    try:
        if readonly:
            if not db_path.exists():
                raise IndexMissing(N_("no index at {db_path}").format(db_path=db_path))
            try:
                con = _open_read(db_path, _on_read_only_media(db_path))
            except sqlite3.OperationalError:  # e.g. -shm cannot be created after all
                con = _open_read(db_path, True)
        else:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            # The build writes from a worker thread (see _Writer); one thread at a time.
            con = sqlite3.connect(_uri(db_path, "rwc"), uri=True, timeout=30, check_same_thread=False)
            _check_ours(con, db_path)
            # Must precede the first table; lets a build hand back pages FTS merges freed.
            con.execute("PRAGMA auto_vacuum=INCREMENTAL")
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA cache_size=-65536")  # 64 MB: FTS segment merges stay in memory
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA busy_timeout=30000")
    except IndexDamaged:
        raise
    except sqlite3.DatabaseError as exc:
        if type(exc) is sqlite3.DatabaseError:
            raise _damaged_error(db_path, exc) from None
        raise IndexFailure(N_("cannot open the index at {db_path}: {exc}").format(db_path=db_path, exc=exc)) from None
    except OSError as exc:
        raise IndexFailure(
            N_("cannot create the index at {db_path}: {reason}").format(db_path=db_path, reason=exc.strerror or exc)
        ) from None
    return con


def _open_read(db_path: Path, immutable: bool) -> sqlite3.Connection:
    con = sqlite3.connect(_uri(db_path, "ro", immutable), uri=True, timeout=30, factory=_ReadConnection)
    con.db_path = db_path
    try:
        version = _meta(con, "schema_version")
    except BaseException:
        con.close()
        raise
    if version != str(SCHEMA_VERSION):
        con.close()
        raise IndexMissing(
            N_("the index at {db_path} was built by another version of dj_archive (schema {version})").format(
                db_path=db_path, version=version
            )
        )
    return con


#: quick_check reads every page: done before each build when the file is at most this big
#: (a fraction of a second); a larger index is checked when a query meets a damaged page.
QUICK_CHECK_MAX_BYTES = 512 * 1024 * 1024


def _damage(db_path: Path) -> str | None:
    """Why the index file is damaged (quick_check's first finding, or "file is not a
    database"), or None when it is sound or absent. Locked or unreadable is not damage."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(_uri(db_path, "rw"), uri=True, timeout=30)
        try:
            found = [r[0] for r in con.execute("PRAGMA quick_check(3)")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return str(exc) if type(exc) is sqlite3.DatabaseError else None
    return None if found == ["ok"] else "; ".join(found)


def _discard_damaged(db_path: Path, reason: str) -> str:
    """Delete a damaged index (derived data) so the build starts afresh, and say why. A
    file that is not ours (elsewhere than <archive>/.dj_archive/, without our application
    id) is left untouched."""
    with open(db_path, "rb") as fh:
        head = fh.read(100)
    ours = head[68:72] == APPLICATION_ID.to_bytes(4, "big") or db_path.parent.name == INDEX_DIRNAME
    if not ours:
        raise NotAnIndex(
            N_(
                "{db_path} is damaged or not a database ({reason}) and not known as a dj_archive index; "
                "it was left untouched"
            ).format(db_path=db_path, reason=reason)
        )
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{db_path}{suffix}")
    return N_("the index was damaged ({reason}); rebuilt from the archive").format(reason=reason)


def _check_ours(con, db_path: Path) -> None:
    """Refuse a database that is not one of ours (and not empty) before touching it."""
    app_id = con.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if app_id == APPLICATION_ID or not tables:
        return
    if "meta" in tables and "documents" in tables:  # an index from before the application_id
        return
    con.close()
    raise NotAnIndex(
        N_("{db_path} is a database but not a dj_archive index; it was left untouched").format(db_path=db_path)
    )


def _meta(con, key):
    try:
        row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return row[0] if row else None


def pack_text(text: str) -> bytes:
    """Stored form of a document's text: Chinese UTF-8 compresses to about 40 %,
    which keeps the index within ~2× the raw text."""
    return zlib.compress(text.encode("utf-8"), 1)  # level 1: 3x faster, ~5 % larger


def unpack_text(blob) -> str:
    return zlib.decompress(blob).decode("utf-8")


def title_row(title, doc_type) -> tuple[str, str, str]:
    """(title, doc_type, folded) values of ``doc_titles`` for a document's 题名 and 文种;
    ``folded`` is the folded 题名 and 文种 on two lines.

    >>> title_row("黨費收繳情況", "报告")[0] == "党 费 收 缴 情 况"
    True
    """
    t, d = fold(title or ""), fold(doc_type or "")
    return char_tokens(t), char_tokens(d), t + "\n" + d


def _set_title(con, rowid: int, title, doc_type):
    con.execute("DELETE FROM doc_titles WHERE rowid=?", (rowid,))
    con.execute(
        "INSERT INTO doc_titles(rowid, title, doc_type, folded) VALUES (?, ?, ?, ?)",
        (rowid, *title_row(title, doc_type)),
    )


# --- extraction (runs in worker processes) -------------------------------------------

_worker_seg: Segmenter | None = None
_worker_config: ArchiveConfig | None = None
_worker_packs = False
_worker_ocr = None


def _init_worker(backend: str, config: ArchiveConfig, packs: bool = False, ocr=None, pages_queue=None):
    global _worker_seg, _worker_config, _worker_packs, _worker_ocr
    _worker_seg = Segmenter(backend, config.root)
    if ocr is not None and pages_queue is not None:  # in a worker process: progress goes to the parent
        ocr.progress = lambda what, n: pages_queue.put((what, n))
    # Load the dictionary and the readers now, not while the first file's time runs.
    _worker_seg.cut_for_search("党")
    from .readers import docx, pdf, text  # noqa: F401

    _worker_config = config
    _worker_packs = packs  # compress in the worker process (parallel) or in the writer thread
    _worker_ocr = ocr


def _extract(entry: FileEntry):
    """Read, decode, tokenise and describe one file: everything but the SQL, so it
    can run in a worker process. Returns ("ok", ...) or ("failed", path, reason)."""
    if entry.problem:
        return ("failed", entry.path, entry.problem)
    assert _worker_seg is not None and _worker_config is not None, "_init_worker runs first"
    try:
        check_supported(entry.abspath)  # before reading: a .mp4 is "unsupported", not "too large"
        data = read_bytes(entry.abspath)
        sha = hashlib.sha256(data).hexdigest()
        doc = read_document(entry.abspath, data=data, ocr=_worker_ocr)
        text = doc.text
        if not text.strip() and not (doc.needs_ocr or doc.ocr_pages or doc.format in IMAGE_FORMATS):
            raise ReadError(N_("no text in the document"))
        words, chars = doc_tokens(_worker_seg, text)
        # a photo's EXIF date counts when its name has none
        meta = infer_metadata(entry.path, _worker_config, text, date_hint=doc.date)
    except ReadError as exc:
        return ("failed", entry.path, str(exc))
    except MemoryError:
        return ("failed", entry.path, N_("too large to read in memory"))
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the run
        return (
            "failed",
            entry.path,
            N_("unexpected error while reading: {error}").format(error=f"{type(exc).__name__}: {exc}")[:300],
        )
    stored = pack_text(text) if _worker_packs else text
    ocr = ocr_summary(doc)
    return ("ok", entry.path, sha, doc.format, doc.encoding, doc.pages, len(text), stored, words, chars, meta, ocr)


#: Formats that are pictures: kept as items (题名, date, 页数) even when no text is read.
IMAGE_FORMATS = ("jpg", "png", "tif", "bmp")


def ocr_summary(doc) -> dict:
    """What the index keeps about a document's OCR: pages read, lowest confidence, low pages."""
    from .readers.ocr import LOW_CONFIDENCE

    pages = doc.ocr_pages
    return {
        "ocr_pages": len(pages),
        "ocr_confidence": round(min(p.confidence for p in pages), 4) if pages else None,
        "ocr_low": ",".join(str(p.page) for p in pages if p.confidence < LOW_CONFIDENCE) or None,
        "needs_ocr": doc.needs_ocr,
        "ocr_new": sum(1 for p in pages if not p.cached),
        # pages OCR'd now, stored in the OCR cache by the writer (workers never open SQLite)
        "new_pages": [(p.page, p.text, p.confidence) for p in pages if not p.cached],
    }


# --- the build -----------------------------------------------------------------------


@contextlib.contextmanager
def _writer_lock(db_path: Path):
    """One indexer per database: a second one is refused with a clear error.
    POSIX record locks (lockf) are not inherited by forked workers, so a killed
    indexer's orphans can never keep the archive locked."""
    # Next to the real file: two names for one database (a symlink) share one lock.
    lock_path = Path(os.path.realpath(db_path) + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(lock_path, "a+")
    except OSError as exc:
        raise IndexFailure(
            N_("cannot create the index at {db_path}: {reason}").format(db_path=db_path, reason=exc.strerror or exc)
        ) from None
    try:
        try:
            import fcntl

            try:
                fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise IndexLocked(N_("another indexer is writing {db_path}").format(db_path=db_path)) from None
        except ImportError:  # Windows
            import msvcrt

            try:
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
            except OSError:
                raise IndexLocked(N_("another indexer is writing {db_path}").format(db_path=db_path)) from None
        yield
    finally:
        fh.close()


def _config_hash(config: ArchiveConfig, segmenter: Segmenter) -> str:
    h = hashlib.sha256()
    for name in ("fonds.yml", "metadata.csv"):
        p = config.root / name
        h.update(p.read_bytes() if p.exists() else b"-")
    h.update(data_version("taxonomy.yml", config.root).encode())  # the archive's own taxonomy.yml
    h.update(segmenter.name.encode())
    return h.hexdigest()


def tokenizer_fingerprint(segmenter: Segmenter) -> str:
    """Everything that decides the tokens of a text. Deletes from the contentless FTS
    table re-tokenise the stored text, so any change here must rebuild the index."""
    import unicodedata
    from importlib.metadata import PackageNotFoundError, version

    parts = [segmenter.name, f"unicode={unicodedata.unidata_version}"]
    for pkg in ("opencc", segmenter.backend or "jieba"):
        try:
            parts.append(f"{pkg}={version(pkg)}")
        except PackageNotFoundError:
            parts.append(f"{pkg}=?")
    return " ".join(parts)


def _prepare(con: sqlite3.Connection, segmenter: Segmenter) -> str | None:
    """Create the schema; drop an index from another version or tokenizer. Returns why it was rebuilt."""
    fingerprint = tokenizer_fingerprint(segmenter)
    version = _meta(con, "schema_version")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    reason = None
    if tables and "meta" in tables and version is not None and version != str(SCHEMA_VERSION):
        reason = N_("index schema {version} is from another version of dj_archive; rebuilt as schema {schema}").format(
            version=version, schema=SCHEMA_VERSION
        )
    elif tables and "meta" not in tables:
        reason = N_("index file had an unknown layout; rebuilt")
    elif version and _meta(con, "segmenter") not in (None, fingerprint):
        reason = N_("segmenter changed ({old} → {new}); index rebuilt").format(
            old=_meta(con, "segmenter"), new=fingerprint
        )
    # One transaction: a kill leaves either the old state or the whole new schema.
    con.execute("BEGIN IMMEDIATE")
    try:
        if reason:
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'doc_fts_%' AND name NOT LIKE 'doc_titles_%'"
            ).fetchall():
                con.execute(f'DROP TABLE IF EXISTS "{name}"')
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        con.execute("INSERT OR REPLACE INTO meta VALUES ('segmenter', ?)", (fingerprint,))
        con.execute(f"PRAGMA application_id={APPLICATION_ID}")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return reason


def _create(db_path: Path, segmenter: Segmenter) -> None:
    """A new, empty index at ``db_path``: built under a temporary name and renamed into
    place, so an index file that exists always has its schema (even after a kill -9)."""
    tmp = db_path.with_name(db_path.name + ".new")
    for leftover in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        leftover.unlink(missing_ok=True)  # from a run killed while creating
    con = connect(tmp)
    try:
        _prepare(con, segmenter)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    os.replace(tmp, db_path)


def _stored_text(con, rowid: int) -> str:
    return unpack_text(con.execute("SELECT text FROM documents WHERE rowid=?", (rowid,)).fetchone()[0])


def _delete_doc(con, segmenter, rowid: int, text: str):
    words, chars = doc_tokens(segmenter, text)
    con.execute("INSERT INTO doc_fts(doc_fts, rowid, words, chars) VALUES ('delete', ?, ?, ?)", (rowid, words, chars))
    con.execute("DELETE FROM documents WHERE rowid=?", (rowid,))
    con.execute("DELETE FROM doc_titles WHERE rowid=?", (rowid,))


def _refresh_metadata(con, config: ArchiveConfig):
    rows = con.execute("SELECT rowid, path, text, format, date FROM documents").fetchall()
    for row in rows:
        hint = row["date"] if row["format"] in IMAGE_FORMATS else None  # the EXIF date it was given
        meta = infer_metadata(row["path"], config, unpack_text(row["text"]), date_hint=hint)
        con.execute(
            f"UPDATE documents SET {', '.join(f'{k}=?' for k in METADATA_FIELDS)} WHERE rowid=?",
            [meta[k] for k in METADATA_FIELDS] + [row["rowid"]],
        )
        _set_title(con, row["rowid"], meta["title"], meta["doc_type"])


def build_index(
    config: ArchiveConfig,
    db_path=None,
    workers: int | None = None,
    progress: bool | None = None,
    backend: str = "auto",
    on_progress=None,
    ocr: bool | None = None,
    timeout: float | None = None,
) -> IndexReport:
    """Bring the index up to date with the archive: new and changed files are indexed,
    unchanged ones skipped, deleted ones removed. One bad file never stops the run:
    a file still being read after ``timeout`` seconds (default :func:`file_timeout`)
    fails with that reason, whatever the number of workers.
    ``on_progress(done, total)`` is called as files to (re)read are done (e.g. for a
    progress bar in the web app); the time of the last finished run is kept in
    ``meta.last_run``.

    Scans and photos are read by OCR (``ocr=False`` lists them as needing it); OCR text
    is cached next to the index (:mod:`dj_archive.ocr_cache`), so it survives a rebuild.
    ``ocr=None`` follows ``DJ_ARCHIVE_OCR`` (``0`` turns OCR off; default on)."""
    started = time.perf_counter()
    db_path = Path(db_path) if db_path else default_db_path(config.root)
    # Re-read fonds.yml and metadata.csv: the caller's config may predate an edit, and the
    # hash that decides whether metadata is refreshed is taken from the files on disk.
    config = load_config(config.root)
    segmenter = Segmenter(backend, config.root)
    report = IndexReport()
    with _writer_lock(db_path):
        ocr_options = _ocr_options(db_path, ocr)
        rebuilt = None
        if db_path.exists() and db_path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            damage = _damage(db_path)
            if damage:
                rebuilt = _discard_damaged(db_path, damage)
        for attempt in (1, 2):  # a damage found on the way: discard and build once more
            if not db_path.exists():
                _create(db_path, segmenter)
            try:
                con = connect(db_path)
            except IndexDamaged:
                if attempt == 2 or not (damage := _damage(db_path)):
                    raise
                rebuilt = _discard_damaged(db_path, damage)
                continue
            try:
                _build(con, config, segmenter, report, workers, progress, on_progress, timeout, ocr_options)
                break
            except sqlite3.DatabaseError as exc:  # disk full, read-only medium, damaged file
                con.close()
                damage = _damage(db_path) if attempt == 1 and type(exc) is sqlite3.DatabaseError else None
                if not damage:
                    raise IndexFailure(
                        N_("cannot write the index at {db_path}: {exc}").format(db_path=db_path, exc=exc)
                    ) from None
                rebuilt = _discard_damaged(db_path, damage)
                report = IndexReport()
            finally:
                con.close()
        report.rebuilt = rebuilt or report.rebuilt
    report.failed.sort(key=lambda f: f["path"])
    report.seconds = time.perf_counter() - started
    return report


def _ocr_options(db_path: Path, enabled: bool | None):
    from .ocr_cache import OcrCache, cache_path_for
    from .readers.ocr import OcrOptions

    if enabled is None:
        enabled = os.environ.get("DJ_ARCHIVE_OCR", "1").strip().lower() not in ("0", "no", "off", "false")

    return OcrOptions(enabled=enabled, cache=OcrCache(cache_path_for(db_path)))


def _build(con, config, segmenter, report, workers, progress, on_progress=None, timeout=None, ocr=None):
    report.rebuilt = _prepare(con, segmenter)
    entries = walk_archive(config.root, report.hidden)
    known = {
        r["path"]: r
        for r in con.execute("SELECT rowid, path, size, mtime_ns, ctime_ns, sha256, needs_ocr FROM documents")
    }
    todo: list[FileEntry] = []
    for e in entries:
        row = known.get(e.path)
        if (
            row is not None
            and not e.problem
            and (row["size"], row["mtime_ns"], row["ctime_ns"]) == (e.size, e.mtime_ns, e.ctime_ns)
            and not (ocr.enabled and row["needs_ocr"])  # indexed with --no-ocr: OCR it now
        ):
            report.unchanged += 1
        else:
            todo.append(e)
    seen = {e.path for e in entries}
    with con:
        for path, row in known.items():
            if path not in seen:
                _delete_doc(con, segmenter, row["rowid"], _stored_text(con, row["rowid"]))
                report.removed += 1
        con.execute(
            "DELETE FROM failures WHERE path NOT IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(seen)),),
        )
        cfg_hash = _config_hash(config, segmenter)
        if _meta(con, "config_hash") != cfg_hash:
            _refresh_metadata(con, config)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('config_hash', ?)", (cfg_hash,))
    _index_files(con, config, segmenter, todo, known, report, workers, progress, on_progress, timeout, ocr)
    for r in con.execute(
        "SELECT path, needs_ocr, ocr_low, ocr_confidence FROM documents "
        "WHERE needs_ocr > 0 OR ocr_low IS NOT NULL ORDER BY path"
    ):
        if r["needs_ocr"]:
            report.needs_ocr.append({"path": r["path"], "pages": r["needs_ocr"]})
        if r["ocr_low"]:
            report.low_confidence.append(
                {
                    "path": r["path"],
                    "pages": [int(p) for p in r["ocr_low"].split(",")],
                    "confidence": r["ocr_confidence"],
                }
            )
    report.documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    with con:
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('last_run', ?)",
            (time.strftime("%Y-%m-%dT%H:%M:%S%z"),),
        )
    con.executescript("PRAGMA incremental_vacuum;")  # executescript steps it to the end
    for _sha, paths in con.execute(  # a JSON array: a path may hold any character, a newline too
        "SELECT sha256, json_group_array(path) FROM documents GROUP BY sha256 HAVING count(*) > 1"
    ):
        report.duplicates.append(sorted(json.loads(paths)))


CRASH_REASON = N_("the reader crashed on this file (killed by the system, e.g. out of memory); not indexed")


def _crashed(entry: FileEntry):
    return ("failed", entry.path, CRASH_REASON)


#: Readers (and what they import) by suffix, imported before the workers are forked:
#: a child that imports a module whose import lock another thread of the parent held
#: at the fork waits forever; imported once here, no child needs to.
_PRELOAD = {
    ".doc": ("dj_archive.readers.worddoc", "dj_archive.readers.office", "olefile", "msoffcrypto"),
    ".wps": ("dj_archive.readers.worddoc", "dj_archive.readers.office", "olefile", "msoffcrypto"),
    ".xlsx": ("dj_archive.readers.sheets", "dj_archive.readers.office", "openpyxl", "msoffcrypto"),
    ".xls": ("dj_archive.readers.sheets", "dj_archive.readers.office", "xlrd", "msoffcrypto"),
    ".et": ("dj_archive.readers.sheets", "dj_archive.readers.office", "xlrd", "openpyxl", "msoffcrypto"),
    ".pptx": ("dj_archive.readers.slides", "dj_archive.readers.office", "pptx", "msoffcrypto"),
    ".ppt": ("dj_archive.readers.slides", "dj_archive.readers.office", "pptx", "msoffcrypto"),
    ".rtf": ("dj_archive.readers.rtf", "striprtf.striprtf"),
    ".ofd": ("dj_archive.readers.ofd",),
    ".pdf": ("dj_archive.readers.scans", "dj_archive.readers.pdf", "pypdf"),
    ".docx": ("dj_archive.readers.docx",),
}
_PRELOAD_OCR = (
    "dj_archive.readers.scans",
    "dj_archive.ocr_cache",
    "PIL.Image",
    "pypdfium2",
    "numpy",
    "rapidocr_onnxruntime",
)


def _preload(todo, ocr) -> None:
    import importlib

    suffixes = {Path(e.path).suffix.lower() for e in todo}
    names = {m for s in suffixes for m in _PRELOAD.get(s, ())}
    if ocr is not None and ocr.enabled and suffixes & set(_OCR_SUFFIXES):
        names.update(_PRELOAD_OCR)
    if "msoffcrypto" in names:
        names.update(
            (
                "msoffcrypto.format.doc97",
                "msoffcrypto.format.xls97",
                "msoffcrypto.format.ppt97",
                "msoffcrypto.format.ooxml",
            )
        )
    for name in sorted(names):
        try:
            importlib.import_module(name)
        except ImportError:  # the worker will report it on the file
            pass


#: Fewer files than this are read in this process: a worker process costs ~0.1 s to start.
IN_PROCESS_BELOW = 50
#: CPU seconds one file may take to read before it fails (``DJ_ARCHIVE_FILE_TIMEOUT`` overrides).
DEFAULT_FILE_TIMEOUT = 120


def file_timeout() -> float:
    """Seconds of CPU time one file may take to read (``DJ_ARCHIVE_FILE_TIMEOUT``,
    default 120; 0 for no limit); a read that uses no CPU for that long fails too. A
    value that is not a number, or is negative, is ignored."""
    try:
        seconds = float(os.environ.get("DJ_ARCHIVE_FILE_TIMEOUT", DEFAULT_FILE_TIMEOUT))
    except ValueError:
        seconds = DEFAULT_FILE_TIMEOUT
    return seconds if seconds >= 0 and seconds == seconds else DEFAULT_FILE_TIMEOUT


class _TimeUp(BaseException):
    """Raised by a timer signal in the middle of reading a file (not an Exception: the
    reader's own error handling must not swallow it); ``args[0]`` is "cpu" or "stalled"."""


class _Limit:
    """State of the timers of the read in progress in this process (see _extract_timed)."""

    armed = False
    cpu_seen = 0.0


_limit = _Limit()


def _process_cpu(descendants: bool = False) -> float:
    """CPU seconds of this process (``descendants``: with the programs it started and
    that still run, e.g. LibreOffice converting a file)."""
    cpu = cpu_seconds(os.getpid(), descendants)
    return time.process_time() if cpu is None else cpu


def _alarm(signum, frame):
    if not _limit.armed:
        return
    if signum != signal.SIGALRM:
        raise _TimeUp("cpu")
    cpu = _process_cpu(descendants=True)
    if cpu <= _limit.cpu_seen:
        raise _TimeUp("stalled")
    _limit.cpu_seen = cpu


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _extract_timed(entry: FileEntry, timeout: float, timed_out, stalled):
    """_extract in this process under two timer signals: SIGPROF once the process has
    used ``timeout`` s of CPU time on it (the writer thread's share counts too), and
    SIGALRM every ``timeout`` s on the clock, which stops a read that used no CPU since
    the last one. Both repeat until the read ends: a _TimeUp raised where Python can
    only print it (in a finaliser or a garbage-collector callback) comes again."""
    handlers = {s: signal.signal(s, _alarm) for s in (signal.SIGPROF, signal.SIGALRM)}

    def disarm():
        _limit.armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)

    try:
        try:
            _limit.cpu_seen = _process_cpu()
            _limit.armed = True
            signal.setitimer(signal.ITIMER_PROF, timeout, 0.5)
            signal.setitimer(signal.ITIMER_REAL, timeout, timeout)
            return _extract(entry)
        finally:
            disarm()
    except _TimeUp as up:
        return (timed_out if up.args[0] == "cpu" else stalled)(entry)
    finally:
        disarm()  # a signal that came in the first finally, before the timers were off
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _results(todo, workers, backend_name, config, timeout=None, ocr=None, pages_queue=None):
    """Extraction results in the order of ``todo``, in worker processes, where a worker
    killed by the system (the OOM killer on a hostile file), or one that has used
    ``timeout`` seconds of CPU time on a file or none at all for that long, costs that
    file only, never the run (see :mod:`dj_archive.pool`). CPU time, not the clock: on a
    busy machine an ordinary file waits for a core, and must not fail for it.
    One worker is one process too: the writer thread then has this process to itself,
    and reading and writing use two cores. A few files are read in this process, under
    timer signals (in the main thread; else in a worker process), unless several need
    OCR and workers share it."""
    timeout = file_timeout() if timeout is None else timeout

    def timed_out(e: FileEntry):
        return (
            "failed",
            e.path,
            N_(
                "still being read after {seconds} s of CPU time; not indexed "
                "(a hostile or pathological file? DJ_ARCHIVE_FILE_TIMEOUT sets the limit)"
            ).format(seconds=f"{timeout:g}"),
        )

    def stalled(e: FileEntry):
        return (
            "failed",
            e.path,
            N_(
                "no progress reading it for {seconds} s; not indexed "
                "(a read blocked on a network share or a device? DJ_ARCHIVE_FILE_TIMEOUT sets the limit)"
            ).format(seconds=f"{timeout:g}"),
        )

    ocr_files = sum(1 for e in todo if e.path.lower().endswith(_OCR_SUFFIXES)) if ocr is not None and ocr.enabled else 0
    if len(todo) < IN_PROCESS_BELOW and (not timeout or _can_alarm()) and not (workers > 1 and ocr_files >= 2):
        _init_worker(backend_name, config, False, ocr)
        for e in todo:
            yield _extract_timed(e, timeout, timed_out, stalled) if timeout else _extract(e)
        return
    _preload(todo, ocr)
    yield from isolated_map(_extract, todo, max(1, workers), _crashed, _init_worker,
                            (backend_name, config, True, ocr, pages_queue),
                            timeout=timeout or None, timed_out=timed_out, stalled=stalled)  # fmt: skip


class _Writer(threading.Thread):
    """Writes extraction results to SQLite while the next files are read: sqlite3
    releases the GIL, so the FTS work overlaps with reading and segmenting.
    Commits every _BATCH documents; a commit holds whole documents only."""

    def __init__(self, con, segmenter, entries, known, report, ocr_store=None):
        super().__init__(name="dj-archive-writer", daemon=True)
        self.con, self.segmenter, self.entries, self.known, self.report = con, segmenter, entries, known, report
        self.ocr_store = ocr_store  # the OcrCache new OCR pages are stored in
        self.queue: queue.Queue = queue.Queue(maxsize=64)
        self.error: BaseException | None = None

    def put(self, item) -> None:
        while self.error is None:
            try:
                self.queue.put(item, timeout=0.2)
                return
            except queue.Full:
                continue
        raise self.error

    def run(self):
        con, pending = self.con, 0
        try:
            con.execute("BEGIN")
            while (item := self.queue.get()) is not None:
                self._write(item)
                pending += 1
                if pending >= _BATCH:
                    con.execute("COMMIT")
                    con.execute("BEGIN")
                    pending = 0
            con.execute("COMMIT")
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            self.error = exc
            if con.in_transaction:
                con.execute("ROLLBACK")

    def _write(self, result):
        con, report = self.con, self.report
        path = result[1]
        old = self.known.get(path)
        if result[0] == "failed":
            reason = result[2]
            report.failed.append({"path": path, "reason": reason})
            con.execute("INSERT OR REPLACE INTO failures VALUES (?, ?)", (path, reason))
            if old is not None:  # a file that became unreadable leaves the index
                _delete_doc(con, self.segmenter, old["rowid"], _stored_text(con, old["rowid"]))
            return
        _, path, sha, fmt, enc, pages, nchars, stored, words, chars, meta, ocr = result
        self.report.ocr_pages += ocr["ocr_new"]
        if ocr["new_pages"] and self.ocr_store is not None:
            from .readers.ocr import engine_id

            for page, text, conf in ocr["new_pages"]:
                self.ocr_store.put(sha, engine_id(), page, text, conf)
        e = self.entries[path]
        if old is not None and old["sha256"] == sha and not old["needs_ocr"]:
            con.execute(
                "UPDATE documents SET size=?, mtime_ns=?, ctime_ns=? WHERE rowid=?",
                (e.size, e.mtime_ns, e.ctime_ns, old["rowid"]),
            )
            report.unchanged += 1
        else:
            if old is not None:
                _delete_doc(con, self.segmenter, old["rowid"], _stored_text(con, old["rowid"]))
            cur = con.execute(
                "INSERT INTO documents (id, path, sha256, size, mtime_ns, ctime_ns, format, encoding, pages, "
                f"{', '.join(METADATA_FIELDS)}, chars, text, ocr_pages, ocr_confidence, ocr_low, needs_ocr) VALUES "
                f"(?, ?, ?, ?, ?, ?, ?, ?, ?, {', '.join('?' * len(METADATA_FIELDS))}, ?, ?, ?, ?, ?, ?)",
                [doc_id(path), path, sha, e.size, e.mtime_ns, e.ctime_ns, fmt, enc, pages]
                + [meta[k] for k in METADATA_FIELDS]
                # zlib releases the GIL: in-process, compressing here overlaps with reading
                + [nchars, stored if isinstance(stored, bytes) else pack_text(stored)]
                + [ocr["ocr_pages"], ocr["ocr_confidence"], ocr["ocr_low"], ocr["needs_ocr"]],
            )
            con.execute("INSERT INTO doc_fts(rowid, words, chars) VALUES (?, ?, ?)", (cur.lastrowid, words, chars))
            _set_title(con, cur.lastrowid, meta["title"], meta["doc_type"])
            report.indexed += 1
        con.execute("DELETE FROM failures WHERE path=?", (path,))


#: Suffixes of files that may need OCR (spread over the workers, see _spread).
_OCR_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp")


def _spread(todo: list) -> list:
    """``todo`` with the files that may need OCR (slow) spaced evenly among the others,
    so the chunks handed to the workers share the OCR instead of one worker doing it all."""
    slow = [e for e in todo if e.path.lower().endswith(_OCR_SUFFIXES)]
    if not slow or len(slow) == len(todo):
        return todo
    fast = [e for e in todo if not e.path.lower().endswith(_OCR_SUFFIXES)]
    step = len(todo) / len(slow)
    out, k = [], 0
    for i, e in enumerate(slow):
        upto = round(i * step) - i
        out += fast[k:upto]
        k = max(k, upto)
        out.append(e)
    return out + fast[k:]


class _PagesBar(threading.Thread):
    """Second progress bar: OCR pages, fed by the workers through a queue."""

    def __init__(self, q):
        super().__init__(name="dj-archive-ocr-progress", daemon=True)
        from tqdm import tqdm

        self.q = q
        self.bar = tqdm(total=0, unit=_("page"), desc="OCR", file=sys.stderr, position=1, leave=True)

    def __call__(self, what, n):
        if what == "pages":
            self.bar.total += n
            self.bar.refresh()
        else:
            self.bar.update(n)

    def run(self):
        while (item := self.q.get()) is not None:
            self(*item)


def _index_files(
    con, config, segmenter, todo, known, report, workers, progress, on_progress=None, timeout=None, ocr=None
):
    if on_progress:
        on_progress(0, len(todo))
    if not todo:
        return
    n_ocr = sum(1 for e in todo if e.path.lower().endswith(_OCR_SUFFIXES))
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(todo) >= 200 or (ocr and ocr.enabled and n_ocr >= 2) else 1
    if progress is None:
        progress = sys.stderr.isatty()
    todo = _spread(todo)
    if ocr is not None:  # onnxruntime threads: the cores shared by the workers
        ocr.threads = max(1, (os.cpu_count() or 1) // workers) if workers > 1 else 0
    bar = pages = pages_queue = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit=_("file"), desc=_("indexing"), file=sys.stderr)
        if ocr is not None and ocr.enabled and n_ocr:
            import multiprocessing as mp

            pages_queue = (
                mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None).SimpleQueue()
                if workers > 1
                else None
            )
            pages = _PagesBar(pages_queue)
            if pages_queue is not None:
                pages.start()
            else:
                ocr.progress = pages
    backend = segmenter.backend or ("rjieba" if segmenter.name.startswith("rjieba") else "jieba")
    store = None
    if ocr is not None and ocr.cache is not None and n_ocr:
        from .readers.ocr import engine_id

        store = ocr.cache
        ocr.cache = store.view(engine_id())  # a snapshot: workers read it, the writer adds to the store
    writer = _Writer(con, segmenter, {e.path: e for e in todo}, known, report, store)
    writer.start()
    try:
        for done, result in enumerate(_results(todo, workers, backend, config, timeout, ocr, pages_queue), 1):
            writer.put(result)
            if bar:
                bar.update(1)
            if on_progress:
                on_progress(done, len(todo))
    finally:
        if pages is not None:
            if pages_queue is not None:
                pages_queue.put(None)
                pages.join(timeout=5)
            pages.bar.close()
            if ocr is not None:
                ocr.progress = None
        if store is not None:
            ocr.cache = store
        # On an interrupt too: what was read so far is committed whole. A writer that
        # died (disk full) no longer reads the queue: don't wait on it forever.
        while writer.is_alive():
            try:
                writer.queue.put(None, timeout=0.2)
                break
            except queue.Full:
                continue
        writer.join()
        if bar:
            bar.close()
    if writer.error is not None:
        raise writer.error

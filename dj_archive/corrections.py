"""Corrections to a document's metadata, written where every tool reads them: a row of
the archive's ``metadata.csv`` (the override sheet, see :mod:`dj_archive.config`), and a
line per changed field in the append-only ``metadata-changes.csv`` (who, when, old → new).

The sheet is replaced atomically and only after the new version has been read back
through the same loader the index uses, so a bad value never breaks the archive.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> correct_metadata(root, "ZH_综合类/2023/a.docx", {"title": "新题名"}, {"title": "旧题名"}, who="张敏")
[{'field': 'title', 'old': '旧题名', 'new': '新题名'}]
>>> (root / "metadata.csv").read_text(encoding="utf-8-sig").splitlines()[1]
'ZH_综合类/2023/a.docx,新题名,,,,,,'
>>> read_change_log(root)[0]["who"], read_change_log(root)[0]["new"]
('张敏', '新题名')
"""

from __future__ import annotations

import csv
import os
import tempfile
from datetime import datetime
from pathlib import Path

from .config import METADATA_FILE, OVERRIDABLE, _load_overrides
from .errors import ConfigError
from .i18n import N_

__all__ = ["correct_metadata", "read_change_log", "CHANGE_LOG", "LOG_COLUMNS", "EDITABLE"]

#: The append-only log of corrections, next to metadata.csv at the archive root.
CHANGE_LOG = "metadata-changes.csv"
LOG_COLUMNS = ("time", "who", "path", "field", "old", "new")
#: Fields a correction may set: the columns of metadata.csv.
EDITABLE = OVERRIDABLE
#: What the log says when a correction is removed and inference applies again.
INFERRED = "（恢复自动识别）"


def _read_sheet(path: Path) -> tuple[list[str], list[dict]]:
    if not path.exists():
        return ["path", *OVERRIDABLE], []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            header = list(reader.fieldnames or [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(N_("{path}: cannot read the metadata sheet ({exc})").format(path=path, exc=exc)) from exc
    if "path" not in header:
        raise ConfigError(N_("{path}: the metadata sheet has no path column").format(path=path))
    header += [c for c in OVERRIDABLE if c not in header]
    return header, rows


def correct_metadata(
    root, rel_path: str, values: dict, current: dict | None = None, who: str = "", taxonomy=None
) -> list[dict]:
    """Set the corrections ``values`` (field → text) for the document at ``rel_path``.

    A value equal to the current one (``current``: the metadata shown before, e.g. from
    the index) changes nothing; an empty value removes that field's correction, so
    inference applies again. Returns the changes made (field, old, new), also appended
    to ``metadata-changes.csv`` with ``who`` and the time. Raises ConfigError if a value
    is not valid for the archive (a date that is no date, an unknown category).
    """
    root = Path(root)
    rel = str(rel_path).replace("\\", "/").strip()
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ConfigError(
            N_("cannot correct {unknown}; editable: {editable}").format(
                unknown=", ".join(sorted(unknown)), editable=", ".join(EDITABLE)
            )
        )
    sheet = root / METADATA_FILE
    header, rows = _read_sheet(sheet)
    row = next((r for r in rows if (r.get("path") or "").strip().replace("\\", "/") == rel), None)
    new_row = dict(row) if row else {"path": rel}
    current = current or {}
    changes = []
    for f in EDITABLE:
        if f not in values:
            continue
        new = "" if values[f] is None else str(values[f]).strip()
        override = (new_row.get(f) or "").strip()
        shown = "" if current.get(f) is None else str(current.get(f))
        if new == "":
            if override:
                new_row[f] = ""
                changes.append({"field": f, "old": override, "new": INFERRED})
        elif new != shown and new != override:
            new_row[f] = new
            changes.append({"field": f, "old": shown or override, "new": new})
    if not changes:
        return []
    rows = [new_row if r is row else r for r in rows] if row else rows + [new_row]
    fd, tmp = tempfile.mkstemp(prefix=".metadata-", suffix=".csv.tmp", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore", lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in header})
            fh.flush()
            os.fsync(fh.fileno())
        try:
            _load_overrides(Path(tmp), taxonomy)  # the index's own reader: refuse what it would refuse
        except ConfigError as exc:
            msg = str(exc).replace(tmp, METADATA_FILE)
            raise ConfigError(N_("not saved: {msg}").format(msg=msg)) from None
        os.replace(tmp, sheet)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _append_log(root, rel, changes, who)
    return changes


def _append_log(root: Path, rel: str, changes: list[dict], who: str) -> None:
    log = root / CHANGE_LOG
    new_file = not log.exists()
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    with log.open("a", encoding="utf-8-sig" if new_file else "utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        if new_file:
            w.writerow(LOG_COLUMNS)
        for c in changes:
            w.writerow([now, who, rel, c["field"], c["old"], c["new"]])
        fh.flush()
        os.fsync(fh.fileno())


def read_change_log(root, path: str | None = None) -> list[dict]:
    """The change log's rows (oldest first), optionally those of one document."""
    log = Path(root) / CHANGE_LOG
    if not log.exists():
        return []
    with log.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r for r in rows if path is None or r.get("path") == path]

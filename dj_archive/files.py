"""Walk an archive folder and read what its paths say. Never writes.

Convention: ``<CODE>_<类目>/<YYYY>/<YYYY-MM-DD>_<题名>.<ext>``. Files outside it
are still listed; their category is unknown.

>>> parse_path("ZH_综合类/2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.docx")
{'folder': 'ZH_综合类', 'year': 2023, 'date': '2023-07-05', 'title': '机关第一党支部2023年上半年党建工作总结', 'conventional': True}
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .file_numbers import REGISTER_FILE
from .i18n import N_
from .periods import DATE_PATTERN, date_from_match

__all__ = ["FileEntry", "walk_archive", "parse_path", "SKIP_NAMES"]

#: Files at the archive root that describe the archive rather than belong to it.
SKIP_NAMES = {
    "fonds.yml",
    "metadata.csv",
    "metadata-changes.csv",
    REGISTER_FILE,
    "README.md",
    "README.txt",
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
}
_TEMP_PREFIXES = ("~$", ".~lock")  # Word/LibreOffice lock files next to an open document

#: A date at the start of a file name: 2023-07-05, 2023.07.05 or 2023_07_05 (one separator
#: throughout), 2023年7月5日, or exactly eight digits 20230705; then a separator (_ - space)
#: or the end of the name. Anything else (2023年12项重点工作, 202312_党费, 2019101号文件)
#: is no date: the whole name is the title.
_DATE_PREFIX = re.compile(r"^" + DATE_PATTERN + r"(?:[_\s-]+(?P<title>.*)|$)", re.S)


@dataclass
class FileEntry:
    path: str  # relative to the archive, with forward slashes
    abspath: Path
    size: int
    mtime_ns: int
    problem: str | None = None  # a reason the file cannot be indexed, found while walking
    ctime_ns: int = 0  # inode change time: an edit that restores size and mtime still changes it


def parse_path(rel: str) -> dict:
    """What a relative path says: category folder, year, date and title (题名)."""
    parts = rel.replace("\\", "/").split("/")
    name = parts[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    date, title = None, stem
    m = _DATE_PREFIX.match(stem)
    if m:
        date = date_from_match(m)
        if date and m.group("title"):
            title = m.group("title")
    folder = parts[0] if len(parts) > 1 else None
    year = None
    if len(parts) >= 3 and re.fullmatch(r"\d{4}", parts[-2]):
        year = int(parts[-2])
    elif date:
        year = int(date[:4])
    conventional = (
        len(parts) == 3 and year is not None and date is not None and bool(re.match(r"^[A-Za-z0-9]+_", parts[0]))
    )
    return {"folder": folder, "year": year, "date": date, "title": title.strip(), "conventional": conventional}


def display_name(name: str) -> str:
    """A path or name as the index stores and shows it. A name that is not valid UTF-8
    (Python keeps its raw bytes as surrogate escapes) is read as GBK, as old Windows
    machines and GBK zip files wrote it, else shown with U+FFFD replacement characters.
    The file itself is still opened by its raw bytes.

    >>> display_name(os.fsdecode("2023-07-05_总结.txt".encode("gbk")))
    '2023-07-05_总结.txt'
    >>> display_name(os.fsdecode(b"caf\\xe9-\\xff.txt"))
    'caf�-�.txt'
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gbk")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


#: Hidden names at the archive root that are the toolkit's own (index, data overrides).
OWN_HIDDEN = {".dj_archive", ".dj_archive_data"}


def walk_archive(root, hidden: list | None = None) -> list[FileEntry]:
    """Every candidate file under ``root``, sorted by path. Symlinks are not followed:
    they are listed with a problem so the run can report them. Hidden files and folders
    (a leading dot: .git, a synced .folder) are skipped; their paths are appended to
    ``hidden`` if given, so the run can say how many (the toolkit's own, lock files of an
    open document and system files such as .DS_Store are not counted)."""
    root = Path(root)
    out: list[FileEntry] = []
    hidden = [] if hidden is None else hidden

    def onerror(exc: OSError):
        rel = os.path.relpath(exc.filename, root) if exc.filename else "?"
        out.append(
            FileEntry(
                rel.replace(os.sep, "/"),
                Path(exc.filename or root),
                0,
                0,
                N_("cannot list folder: {reason}").format(reason=exc.strerror or exc),
            )
        )

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        # Hidden folders (.dj_archive, .git) are ours or a tool's, not the archive's.
        keep = []
        at_root = os.path.samefile(dirpath, root)
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if d.startswith("."):
                if not (at_root and d in OWN_HIDDEN):
                    hidden.append(os.path.relpath(full, root).replace(os.sep, "/"))
                continue
            if os.path.islink(full):
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                out.append(FileEntry(rel, Path(full), 0, 0, N_("symbolic link to a folder, not followed")))
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith(_TEMP_PREFIXES) or name in SKIP_NAMES and (at_root or name.startswith(".")):
                continue
            if name.startswith("."):
                if not name.startswith(".dj-archive-"):  # a filing in progress
                    hidden.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/"))
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            try:
                st = os.lstat(full)
            except OSError as exc:
                out.append(
                    FileEntry(
                        rel, Path(full), 0, 0, N_("cannot stat file: {reason}").format(reason=exc.strerror or exc)
                    )
                )
                continue
            if stat.S_ISLNK(st.st_mode):
                out.append(FileEntry(rel, Path(full), 0, 0, N_("symbolic link, not followed")))
                continue
            if not stat.S_ISREG(st.st_mode):
                out.append(FileEntry(rel, Path(full), 0, 0, N_("not a regular file")))
                continue
            out.append(FileEntry(rel, Path(full), st.st_size, st.st_mtime_ns, ctime_ns=st.st_ctime_ns))
    _readable_paths(out)
    out.sort(key=lambda e: e.path)
    return out


def _readable_paths(entries: list[FileEntry]) -> None:
    """Give paths that are not valid UTF-8 their display form (see :func:`display_name`);
    one that then reads like another path is kept apart by its bytes written as %XX."""
    taken = {e.path for e in entries}
    for e in entries:
        shown = "/".join(display_name(part) for part in e.path.split("/"))
        if shown == e.path:
            continue
        if shown in taken:
            # %XX, not \\xXX: a backslash would read as a folder separator
            shown = os.fsencode(e.path).decode("utf-8", "backslashreplace").replace("\\x", "%")
        taken.add(shown)
        e.path = shown

"""档号: how each archived file is numbered, and the register that keeps numbers stable.

A 档号 (DA/T 22-2015) reads ``全宗号-WS·年度-保管期限-类别-件号``: the 件号 counts the
files of one 年度, 保管期限 and 类别 in filing order. Until numbers are fixed, each
catalogue numbers a group in date order (then by path), so a back-dated file filed late
would shift the numbers after it. Once a catalogue has been printed, its numbers are what
the paper folders carry, so they are *registered*: ``file-numbers.csv`` at the archive
root (next to ``metadata.csv``), one row per 档号 with the path and SHA-256 of its file.

Rules (see the README, "Stable 档号"):

* Nothing is registered until ``catalog --freeze`` (or :func:`register_numbers`); before
  that every number is provisional and computed as above.
* A registered file keeps its 档号 for good. It is found by its path and content:
  path and SHA-256 both match; else the same content under another path (moved,
  renamed); else the same path with other content (edited in place).
* A file not registered yet takes the next free 件号 of its group: one more than the
  highest number the register holds for the group, whether or not that file still
  exists, so a number is never given twice. ``file`` registers what it files once a
  register exists; other newcomers stay provisional (备注 ``档号未登记``) until the next
  freeze.
* A registered file whose 年度, 保管期限 or 类别 is corrected later (metadata.csv, the
  web app's 著录) keeps its 档号 and stays listed under it; 备注 says what it is now.
  To renumber it, blank its ``path`` and ``sha256`` cells in the register (the old
  number stays used) and freeze again.
* The register is only ever added to: rows are appended (a later row for the same 档号
  records where its file is now), never rewritten or removed, so hand-made rows and rows
  the tool cannot read are kept as they are. A row that cannot be read is reported (line
  and reason) and skipped; a register that cannot be read at all stops the catalogue
  with the reason rather than print numbers that may differ from the paper.

>>> parse_number("D001-WS·2023-Y-ZH-0012")
((2023, 'Y', 'ZH'), 12)
>>> parse_number("2023-ZH-12") is None
True
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import ConfigError, DjArchiveError
from .i18n import N_

__all__ = [
    "REGISTER_FILE",
    "Entry",
    "Register",
    "Number",
    "RegisterUnreadable",
    "RegisterChanged",
    "read_register",
    "numbering",
    "register_numbers",
    "parse_number",
    "format_number",
]

#: The register of assigned 档号, at the archive root.
REGISTER_FILE = "file-numbers.csv"
HEADER = ["档号", "path", "sha256", "title", "registered"]
_NUMBER = re.compile(
    r"^(?P<fonds>.+?)-WS[·.](?P<year>\d{4})-(?P<ret>[A-Za-z0-9]{1,10})-(?P<cat>[A-Za-z0-9]{1,10})-(?P<n>\d{1,6})$"
)
_SHA = re.compile(r"^[0-9a-f]{64}$")
#: 备注 of a number that is not registered yet while a register exists.
PROVISIONAL = "档号未登记"


class RegisterUnreadable(ConfigError):
    """The register of 档号 exists but cannot be read as a whole."""

    hint = N_(
        "Repair file-numbers.csv from a backup (it is a CSV: 档号,path,sha256,title,registered); "
        "numbers are not printed from a register that cannot be read."
    )


class RegisterChanged(DjArchiveError):
    """Another program registered numbers while this one was numbering."""

    hint = N_("Run the command again: it numbers from the register as it is now.")


def parse_number(number: str):
    """``((年度, 保管期限, 类别), 件号)`` of a 档号, or None if it is not one."""
    m = _NUMBER.match(number.strip())
    if not m or int(m.group("n")) < 1:
        return None
    return (int(m.group("year")), m.group("ret"), m.group("cat").upper()), int(m.group("n"))


def format_number(fonds_id: str, group: tuple, n: int) -> str:
    """The 档号 of 件号 ``n`` in ``group`` (年度, 保管期限 code, 类别 code).

    >>> format_number("D001", (2023, "Y", "ZH"), 7)
    'D001-WS·2023-Y-ZH-0007'
    """
    year, ret, cat = group
    return f"{fonds_id}-WS·{year}-{ret}-{cat}-{n:04d}"


@dataclass
class Entry:
    """The current row of one registered 档号 (its last row in the register)."""

    number: str
    group: tuple
    n: int
    path: str | None
    sha256: str | None
    line: int


@dataclass
class Register:
    path: Path
    exists: bool = False
    #: Current entries by 档号, in register order.
    entries: dict[str, Entry] = field(default_factory=dict)
    #: Rows that were skipped or could only be half used, one line each (where and why).
    problems: list[str] = field(default_factory=list)
    #: Highest 件号 ever registered in each group (also of files that are gone).
    highest: dict[tuple, int] = field(default_factory=dict)


def _decode(data: bytes) -> str | None:
    from .config import decode_sheet

    return decode_sheet(data)


def read_register(root) -> Register:
    """The register of the archive at ``root`` (empty if there is none). A row that
    cannot be used is listed in ``problems`` and skipped; RegisterUnreadable if the file
    cannot be read at all (not text, no 档号 column, a read error)."""
    path = Path(root) / REGISTER_FILE
    reg = Register(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return reg
    except OSError as exc:
        raise RegisterUnreadable(
            N_("{path}: cannot read the register of 档号 ({reason})").format(path=path, reason=exc.strerror or exc)
        ) from None
    reg.exists = True
    text = _decode(data)
    if text is None:
        raise RegisterUnreadable(N_("{path}: the register of 档号 is not UTF-8 or GBK text").format(path=path))
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise RegisterUnreadable(
            N_("{path}: the register of 档号 is not a readable CSV ({reason})").format(path=path, reason=exc)
        ) from None
    if not any(any(c.strip() for c in r) for r in rows):
        return reg  # an empty file: nothing registered yet
    header = [c.strip().lower() for c in rows[0]]
    if "档号" not in header:
        raise RegisterUnreadable(
            N_("{path}: the register of 档号 has no 档号 column (its first line must be {header})").format(
                path=path, header=",".join(HEADER)
            )
        )
    col = {name: header.index(name) for name in ("档号", "path", "sha256") if name in header}

    def cell(row, name):
        i = col.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        number = cell(row, "档号")
        parsed = parse_number(number)
        if parsed is None:
            reg.problems.append(
                N_(
                    "{path}: line {line}: {number!r} is not a 档号 like D001-WS·2023-Y-ZH-0001; the row is skipped"
                ).format(path=path.name, line=line, number=number)
            )
            continue
        group, n = parsed
        rel = cell(row, "path").replace("\\", "/")
        rel = posixpath.normpath(rel) if rel else ""
        sha = cell(row, "sha256").lower()
        if sha and not _SHA.match(sha):
            reg.problems.append(
                N_(
                    "{path}: line {line}: the sha256 of {number} is not 64 hexadecimal digits; its file is found by path only"
                ).format(path=path.name, line=line, number=number)
            )
            sha = ""
        reg.highest[group] = max(reg.highest.get(group, 0), n)
        reg.entries.pop(number, None)  # a later row for the same 档号 says where it is now
        reg.entries[number] = Entry(number, group, n, rel or None, sha or None, line)
    return reg


@dataclass
class Number:
    """The 档号 of one file, as the catalogue shows it."""

    number: str
    group: tuple  # (年度, 保管期限 code, 类别 code) it is numbered in
    n: int
    entry: Entry | None = None  # its register row; None while provisional
    note: str = ""  # 备注: what changed since it was registered, or 档号未登记


def _match(reg: Register, docs: list[dict]) -> tuple[dict[str, Entry], list[str]]:
    """Register entries by document path: path and content, then content alone (moved),
    then path alone (edited in place). A file gets one number, a number one file."""
    by_path = {d["path"]: d for d in docs}
    by_sha: dict[str, list[str]] = {}
    for d in sorted(docs, key=lambda d: d["path"]):
        if d.get("sha256"):
            by_sha.setdefault(d["sha256"], []).append(d["path"])
    out: dict[str, Entry] = {}
    left = list(reg.entries.values())
    rounds = (
        lambda e: [e.path] if e.path in by_path and e.sha256 and by_path[e.path].get("sha256") == e.sha256 else [],
        lambda e: by_sha.get(e.sha256 or "", []),
        lambda e: [e.path] if e.path in by_path else [],
    )
    for candidates in rounds:
        still = []
        for e in left:
            free = [p for p in candidates(e) if p not in out]
            if free:
                out[free[0]] = e
            else:
                still.append(e)
        left = still
    problems = [
        N_("{register}: line {line}: {path} already has 档号 {kept}; {number} is not used for it").format(
            register=REGISTER_FILE, line=e.line, path=e.path, kept=out[e.path].number, number=e.number
        )
        for e in left
        if e.path in out and out[e.path].sha256 == e.sha256
    ]
    return out, problems


def numbering(config, docs: list[dict], reg: Register | None = None) -> dict[str, Number]:
    """档号 by path for ``docs`` (records with path, sha256, year, category, retention,
    date; files of unknown category or without a year get none unless registered).
    ``reg`` defaults to the archive's register; its problems gain those found here."""
    from .taxonomy import UNKNOWN

    tx = config.taxonomy
    reg = read_register(config.root) if reg is None else reg
    matched, problems = _match(reg, docs)
    reg.problems.extend(problems)
    out: dict[str, Number] = {}
    groups: dict[tuple, list[dict]] = {}
    for d in docs:
        year = d.get("year")
        year = None if year is None or year != year else int(year)  # NaN from pandas
        cat = d.get("category")
        group = None
        if cat not in (None, UNKNOWN) and year is not None:
            group = (year, tx.retention_code(d.get("retention") or tx.default_retention), str(cat).upper())
        e = matched.get(d["path"])
        if e is not None:
            note = ""
            if group != e.group:
                now = "{}-{}-{}".format(*group) if group else "待分类"
                note = f"著录现为{now}，档号不变"
            out[d["path"]] = Number(e.number, e.group, e.n, e, note)
        elif group is not None:
            groups.setdefault(group, []).append(d)
    provisional = PROVISIONAL if reg.entries else ""
    for group, members in groups.items():
        members.sort(key=lambda d: (not d.get("date"), d.get("date") or "", d["path"]))
        start = reg.highest.get(group, 0)
        for k, d in enumerate(members, 1):
            n = start + k
            out[d["path"]] = Number(format_number(config.fonds_id, group, n), group, n, None, provisional)
    return out


@contextlib.contextmanager
def _locked(root: Path):
    """Two programs (the CLI, the web app) never add to the register at once."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks on a folder; the check below still holds
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def register_numbers(root, rows, when: str | None = None) -> int:
    """Append ``rows`` (档号, path, sha256, title) to the register of the archive at
    ``root``, creating it if needed; rows already current are skipped. Returns how many
    were added. Existing rows are kept byte for byte (re-encoded as UTF-8 if the file was
    GBK); the file is replaced atomically. Raises RegisterUnreadable, RegisterChanged (a
    number or file registered differently meanwhile) or OutputNotWritable."""
    from .outfile import write_output

    root = Path(root)
    when = when or datetime.now().isoformat(timespec="seconds")
    with _locked(root):
        reg = read_register(root)
        path = reg.path
        text = ""
        if reg.exists:
            text = _decode(path.read_bytes()) or ""
        current_of_path = {e.path: e for e in reg.entries.values() if e.path}
        new = []
        for number, rel, sha, title in rows:
            e = reg.entries.get(number)
            if e is not None and e.path == rel and e.sha256 == sha:
                continue  # already registered as it is
            other = current_of_path.get(rel)
            if e is None and other is not None and other.sha256 == sha and other.number != number:
                raise RegisterChanged(
                    N_("{path} was registered as {other} meanwhile, not {number}").format(
                        path=rel, other=other.number, number=number
                    )
                )
            if e is None and parse_number(number) is not None:
                group, n = parse_number(number)
                if n <= reg.highest.get(group, 0):
                    raise RegisterChanged(
                        N_("档号 {number} is no longer free: the register changed meanwhile").format(number=number)
                    )
            new.append([number, rel, sha, title or "", when])
        if not new:
            return 0
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if not text.strip():
            text = ""
            writer.writerow(HEADER)
        elif not text.endswith(("\n", "\r")):
            text += "\r\n"  # a last line without its end (an editor, a cut-off write)
        writer.writerows(new)
        content = text + out.getvalue()

        def write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())

        write_output(path, write)
    return len(new)


def register_filed(archive, paths, attempts: int = 3) -> dict[str, str]:
    """After ``file`` has filed and indexed ``paths``: register the number each takes (the
    next free 件号 of its group), if the archive has a register. Returns 档号 by path
    (empty while nothing is registered: numbers stay provisional, as before any freeze)."""
    for attempt in range(attempts):
        reg = read_register(archive.root)
        if not reg.entries:
            return {}
        docs = archive.documents()
        docs = docs.astype(object).where(docs.notna(), None).to_dict("records")
        nums = numbering(archive.config, docs, reg)
        by_path = {d["path"]: d for d in docs}
        rows = [
            (nums[p].number, p, by_path[p]["sha256"], by_path[p]["title"])
            for p in paths
            if p in nums and nums[p].entry is None
        ]
        try:
            register_numbers(archive.root, rows)
        except RegisterChanged:
            if attempt == attempts - 1:
                raise
            continue
        return {p: nums[p].number for p in paths if p in nums}
    return {}

"""File loose documents into the archive under its convention: copies, never moves,
never overwrites, and says what it would do first.

>>> import dj_archive
>>> arc = dj_archive.open_archive("archive")                     # doctest: +SKIP
>>> report = file_documents(arc, ["~/下载/总结终稿(2).docx"], dry_run=True)  # doctest: +SKIP
>>> report.to_frame()                                             # doctest: +SKIP
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date as _date
from pathlib import Path

from .errors import ConfigError, DjArchiveError, ReadError, UnknownOrg
from .i18n import N_
from .readers import read_bytes, read_document
from .taxonomy import UNKNOWN

__all__ = ["FilingPlan", "FilingReport", "plan_filing", "revise_plan", "file_plans", "file_documents", "LOW_CONFIDENCE"]

#: Below this classifier confidence the archivist is asked to confirm the category.
LOW_CONFIDENCE = 0.6
#: The reason of a plan whose content is already filed (same sha256).
_DUPLICATE = N_("already in the archive as {target}")
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
    sha256: str | None = None  # of the source as read when planning; the copy must match it
    number: str | None = None  # 档号 registered for it when filed (only once numbers are frozen)


@dataclass
class FilingReport:
    plans: list[FilingPlan] = field(default_factory=list)
    dry_run: bool = False
    indexed: int = 0
    #: Why indexing after filing failed (the copies stay filed); None if it ran or was not needed.
    index_error: str | None = None
    #: Why the filed files' 档号 could not be registered (they stay filed and indexed).
    register_error: str | None = None

    def to_dict(self) -> dict:
        out = {"dry_run": self.dry_run, "files": [asdict(p) for p in self.plans]}
        if self.index_error:
            out["index_error"] = self.index_error
        if self.register_error:
            out["register_error"] = self.register_error
        return out

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([asdict(p) for p in self.plans])

    @property
    def to_confirm(self) -> list[FilingPlan]:
        return [p for p in self.plans if p.confirm and p.status in ("planned", "filed")]


def _sha256_file(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _same_file_in_folder(folder: Path, size: int, sha: str) -> str | None:
    """Name of a file already in ``folder`` with these bytes (same size first, then the
    hash): the index may not know it yet, e.g. after filing whose indexing failed."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name.startswith("~$"):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_size != size:
                continue
            if _sha256_file(entry.path) == sha:
                return entry.name
        except OSError:
            continue
    return None


def _free_target(root: Path, folder: str, stem: str, ext: str, taken=()) -> str:
    """``folder/stem.ext``, or ``folder/stem_2.ext``, ``_3``... : the first name not in use."""
    target, n = f"{folder}/{stem}{ext}", 2
    while os.path.lexists(root / target) or target in taken:
        target = f"{folder}/{stem}_{n}{ext}"  # never overwrite: number the newcomer
        n += 1
    return target


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # e.g. Windows: folders cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _CopyFailed(Exception):
    pass


#: os.link errors meaning "this file system has no hard links", not "cannot write here".
_NO_LINK_ERRNOS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def _copy_verified(source, dest: Path, sha: str | None) -> None:
    """Copy ``source`` to ``dest`` so that ``dest`` either does not exist or is a complete,
    verified copy: write a hidden temporary file next to it (the archive walker skips
    dot-files), fsync it, check its sha256 against the source's, then hard-link it to
    ``dest`` (which fails rather than overwrite) and remove the temporary name.
    Raises FileExistsError if ``dest`` exists, _CopyFailed or OSError otherwise; the
    temporary file never survives a failure."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where the folder should be
        raise _CopyFailed(N_("{name} is a file, not a folder; nothing filed").format(name=dest.parent.name)) from None
    fd, tmp = tempfile.mkstemp(prefix=".dj-archive-filing-", suffix=".part", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        shutil.copystat(source, tmp)
        copied = _sha256_file(tmp)
        if sha is None:
            sha = _sha256_file(source)
        if copied != sha:
            raise _CopyFailed(
                N_("the copy does not match the source (changed while filing, or a write error); nothing filed")
            )
        try:
            os.link(tmp, dest)  # atomic, and never replaces an existing file
        except FileExistsError:
            raise
        except (OSError, NotImplementedError, AttributeError) as exc:
            if isinstance(exc, OSError) and os.name != "nt" and exc.errno not in _NO_LINK_ERRNOS:
                raise
            # Hard links unsupported here (FAT/exFAT disk, some network shares): rename, after
            # checking the name is still free (os.rename would replace it on POSIX; on Windows
            # it refuses to, so any link failure may fall back).
            if os.path.lexists(dest):
                raise FileExistsError(errno.EEXIST, "exists", str(dest)) from None
            os.rename(tmp, dest)
        else:
            os.unlink(tmp)
        _fsync_dir(dest.parent)
    finally:
        try:
            os.unlink(tmp)  # already gone after a link or rename
        except OSError:
            pass


#: Bytes of a 题名 in a file name: with the date, a _N suffix and the extension the name
#: stays under the 255-byte limit of file systems (UTF-8: 60 Chinese characters).
TITLE_BYTES = 180


def _safe_title(title: str) -> str:
    title = _UNSAFE.sub("", title).strip().strip(".")
    while len(title.encode("utf-8")) > TITLE_BYTES:
        title = title[:-1]
    return title.rstrip(" .") or "未命名文件"


def _category(config, category: str):
    """The taxonomy's category ``category``; ConfigError naming the known codes if none."""
    cat = config.taxonomy.category(category)
    if not cat:
        raise ConfigError(
            N_("unknown category {category!r}; the archive's categories are {codes}").format(
                category=category, codes=", ".join(config.taxonomy.codes)
            )
        )
    return cat


def _canonical_org(config, org: str) -> str:
    """fonds.yml's name for the branch ``org`` (an alias is fine); UnknownOrg if none."""
    canonical = config.resolve_org(org)
    if not canonical:
        raise UnknownOrg(
            N_("unknown org {org!r}; known: {org_names}").format(
                org=org, org_names=", ".join(config.org_names) or N_("(none in fonds.yml)")
            )
        )
    return canonical


def plan_filing(archive, paths, category: str | None = None, org: str | None = None) -> list[FilingPlan]:
    """Where each file would go, without touching anything."""
    from .understand.classify import clean_title, guess_title
    from .understand.dates import detect_date

    config = archive.config
    if category:
        _category(config, category)
    if org:
        org = _canonical_org(config, org)
    known = archive.known_hashes()
    clf = None
    plans: list[FilingPlan] = []
    taken: set[str] = set()
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
        plan.sha256 = sha
        if sha in known:
            plan.status, plan.reason, plan.target = "duplicate", _DUPLICATE.format(target=known[sha]), known[sha]
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
            clf = clf or archive.classifier()
            pred = clf.predict(text, title=plan.title)
            plan.category, plan.confidence = pred.category, round(pred.confidence, 2)
            plan.confirm = pred.category == UNKNOWN or pred.confidence < LOW_CONFIDENCE
        dt = config.taxonomy.doc_type_for(plan.title)
        plan.doc_type = dt.name if dt else None
        plan.org = org or config.find_org(plan.title) or config.find_org(text[:300])
        if plan.category == UNKNOWN:
            plan.status, plan.reason = "failed", N_("no category could be suggested; give one with --category")
            continue
        folder = f"{config.taxonomy.category(plan.category).folder}/{plan.date[:4]}"
        same = _same_file_in_folder(config.root / folder, len(data), sha)
        if same:
            plan.target = f"{folder}/{same}"
            plan.status, plan.reason = "duplicate", _DUPLICATE.format(target=plan.target)
            known[sha] = plan.target
            continue
        target = _free_target(config.root, folder, f"{plan.date}_{plan.title}", src.suffix.lower(), taken)
        taken.add(target)
        plan.target = target
        known[sha] = target  # the same file twice on one command line is filed once
    return plans


def revise_plan(archive, plan: FilingPlan, title=None, date=None, category=None, org=None, taken=()) -> FilingPlan:
    """``plan`` with the archivist's corrections (from a review table, e.g. the web app's
    归档 page): the title, date, category or branch replaced, and the target worked out
    again under the convention. Only a ``planned`` file is revised. Raises ConfigError
    (unknown category, not a date) or UnknownOrg; ``taken`` holds targets other files of
    the same batch will use."""
    from .periods import parse_date
    from .understand.classify import clean_title

    if plan.status != "planned":
        return plan
    config = archive.config
    if category and category != plan.category:
        cat = _category(config, category)
        plan.category, plan.confidence, plan.confirm = cat.code, None, False
    if org is not None and org != (plan.org or ""):
        plan.org = _canonical_org(config, org) if org else None
    if date and date != plan.date:
        iso = parse_date(str(date).strip())
        if not iso:
            raise ConfigError(N_("{date!r} is not a date; write it as 2023-07-05").format(date=date))
        plan.date, plan.date_source = iso, "人工著录"
    if title and title != plan.title:
        plan.title = _safe_title(clean_title(title))
        dt = config.taxonomy.doc_type_for(plan.title)
        plan.doc_type = dt.name if dt else None
    assert plan.date is not None, "a plan to revise has a date"
    folder = f"{config.taxonomy.category(plan.category).folder}/{plan.date[:4]}"
    size = Path(plan.source).stat().st_size
    same = _same_file_in_folder(config.root / folder, size, plan.sha256) if plan.sha256 else None
    if same:
        plan.target = f"{folder}/{same}"
        plan.status, plan.reason = "duplicate", _DUPLICATE.format(target=plan.target)
        return plan
    plan.target = _free_target(
        config.root, folder, f"{plan.date}_{plan.title}", Path(plan.source).suffix.lower(), taken
    )
    return plan


def file_plans(archive, plans: list[FilingPlan], index: bool = True) -> FilingReport:
    """Copy the ``planned`` files of ``plans`` to their targets (never overwriting: a
    name taken meanwhile gets the next number), then index what was filed. Once the
    archive's 档号 are frozen (``file-numbers.csv``), each filed file's 档号 (the next
    free 件号 of its group) is registered and set on its plan."""
    from .file_numbers import register_filed

    report = FilingReport(plans)
    filed = 0
    for plan in report.plans:
        if plan.status != "planned":
            continue
        if _file_one(archive, plan):
            filed += 1
    if filed and index:
        try:
            report.indexed = archive.index(progress=False).indexed
        except (DjArchiveError, OSError, sqlite3.Error) as exc:
            report.index_error = (str(exc) or type(exc).__name__).splitlines()[0]
            return report
        done = [p for p in report.plans if p.status == "filed" and p.target]
        try:
            numbers = register_filed(archive, [p.target for p in done])
        except (DjArchiveError, OSError) as exc:
            report.register_error = (str(exc) or type(exc).__name__).splitlines()[0]
            return report
        for p in done:
            p.number = numbers.get(p.target or "")
    return report


def file_documents(archive, paths, category=None, org=None, dry_run: bool = False, index: bool = True) -> FilingReport:
    """Copy loose files into the archive (sources untouched), then index what was filed.

    A copy is complete and verified or absent, never truncated. If indexing afterwards
    fails (another indexer holds the lock, a broken metadata.csv...), the files stay
    filed and ``report.index_error`` says why; ``dj-archive index`` picks them up later.
    """
    plans = plan_filing(archive, paths, category, org)
    if dry_run:
        return FilingReport(plans, dry_run=True)
    return file_plans(archive, plans, index=index)


def _file_one(archive, plan: FilingPlan, attempts: int = 20) -> bool:
    """Copy one planned file to its target (or the next free numbered name if the target
    appeared meanwhile). Sets the plan's status; True if filed."""
    assert plan.target is not None and plan.date is not None, "only a planned file is filed"
    folder = plan.target.rpartition("/")[0]
    stem, ext = f"{plan.date}_{plan.title}", Path(plan.source).suffix.lower()
    for _ in range(attempts):
        dest = archive.root / plan.target
        try:
            _copy_verified(plan.source, dest, plan.sha256)
        except FileExistsError:
            try:
                same = _sha256_file(dest) == plan.sha256
            except OSError:
                same = False
            if same:
                plan.status, plan.reason = "duplicate", _DUPLICATE.format(target=plan.target)
                return False
            plan.target = _free_target(archive.root, folder, stem, ext)
            continue
        except _CopyFailed as exc:
            plan.status, plan.reason = "failed", str(exc)
            return False
        except OSError as exc:
            plan.status, plan.reason = "failed", N_("cannot copy: {reason}").format(reason=exc.strerror or exc)
            return False
        plan.status = "filed"
        return True
    plan.status, plan.reason = (
        "failed",
        N_("{target} keeps appearing meanwhile; not overwritten").format(target=plan.target),
    )
    return False

"""Writing output files (drafts, catalogues, exports): atomically, and never inside
the archive. Every command and notebook helper that writes a file goes through
:func:`write_output`; only ``file`` copies into the archive (see :mod:`dj_archive.filing`).

The file is written to a temporary name next to the target and renamed over it
(``os.replace``) only when complete, so a full disk or an interrupt never leaves a
truncated .docx/.xlsx/.md behind and an existing file keeps its old content.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp()) / "archive"; root.mkdir()
>>> out = root.parent / "目录.csv"
>>> write_output(out, lambda p: p.write_text("序号\\n", encoding="utf-8"), archive_root=root).name
'目录.csv'
>>> write_output(root / "ZH_综合类.csv", lambda p: None, archive_root=root)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
dj_archive.errors.OutputInsideArchive: ... is inside the archive folder ...; originals are never written
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from .errors import OutputInsideArchive, OutputNotWritable
from .i18n import N_

__all__ = ["write_output", "check_output", "is_inside"]


def is_inside(path, root) -> bool:
    """True if ``path`` is ``root`` or lies under it once both are resolved (symlinks
    followed, ``..`` removed), whether or not ``path`` exists yet."""
    p, r = Path(path).resolve(), Path(root).resolve()
    return p == r or r in p.parents


def check_output(path, archive_root=None) -> Path:
    """The resolved target of an output file, refused (before any work is done) if it lies
    inside ``archive_root``, names a folder, or its folder does not exist."""
    path = Path(path)
    try:
        if archive_root is not None and is_inside(path, archive_root):
            raise OutputInsideArchive(
                N_("{path} is inside the archive folder {archive_root}; originals are never written").format(
                    path=path, archive_root=archive_root
                )
            )
        target = path.resolve()
        folder = target.is_dir()
        parent = target.parent.is_dir()
    except OSError as exc:  # a name too long, a symlink loop
        raise OutputNotWritable(
            N_("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if folder:
        raise OutputNotWritable(N_("cannot write {path}: it is a folder").format(path=path))
    if not parent:
        raise OutputNotWritable(
            N_("cannot write {path}: the folder {parent} does not exist").format(path=path, parent=path.parent)
        )
    return target


def write_output(path, write: Callable[[Path], object], archive_root=None) -> Path:
    """Call ``write(tmp)`` to produce the file at a temporary path next to ``path``, then
    rename it over ``path``. Returns ``path``. Raises OutputInsideArchive or OutputNotWritable;
    on any failure the temporary file is removed and ``path`` is untouched."""
    target = check_output(path, archive_root)
    # Same folder (same file system, so the rename is atomic); same suffix, because
    # some writers decide the format by it; hidden, so nothing lists a half-written file.
    tmp = target.with_name(f".{target.stem[:40]}.{secrets.token_hex(4)}.tmp{target.suffix}")
    try:
        # Created with the usual 0666 & ~umask permissions (mkstemp would make it 0600).
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        write(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise OutputNotWritable(
            N_("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    except BaseException:
        _remove(tmp)
        raise
    return Path(path)


def _remove(tmp: Path) -> None:
    try:
        tmp.unlink()
    except OSError:
        pass

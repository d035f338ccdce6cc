"""The package's data files (vocabularies, taxonomy, word lists), and an archive's own
versions of them.

Every file in this folder is read through :func:`load_data`. An archive overrides a
file by putting one of the same name in ``.dj_archive_data/`` at its root (next to
``fonds.yml``); that file then replaces the packaged one whole, for that archive only:

    archive/
      fonds.yml
      .dj_archive_data/
        stopwords.txt      ← this archive's stop-words instead of the packaged list
        themes.yml

``.yml`` files are returned parsed; ``.txt`` files as their lines, stripped, without
blank lines and ``#`` comments.

>>> "stopwords.txt" in data_files(), "taxonomy.yml" in data_files()
(True, True)
>>> "坚持" in load_data("stopwords.txt")
True
>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / OVERRIDE_DIRNAME).mkdir()
>>> _ = (root / OVERRIDE_DIRNAME / "stopwords.txt").write_text("# ours\\n加强\\n", encoding="utf-8")
>>> load_data("stopwords.txt", root), data_path("stopwords.txt", root).parent.name
(['加强'], '.dj_archive_data')
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..i18n import N_
from ..yamlsafe import load_yaml, read_user_text

__all__ = [
    "load_data",
    "data_path",
    "data_text",
    "data_version",
    "data_files",
    "data_root",
    "OVERRIDE_DIRNAME",
    "PACKAGE_DATA",
]

#: Folder at an archive's root whose files replace the packaged ones of the same name.
OVERRIDE_DIRNAME = ".dj_archive_data"
#: Where the packaged data files live.
PACKAGE_DATA = Path(__file__).resolve().parent


def data_files() -> list[str]:
    """Names of the packaged data files (each one can be overridden)."""
    return sorted(p.name for p in PACKAGE_DATA.iterdir() if p.suffix in (".yml", ".txt"))


def data_root(archive) -> Path | None:
    """The archive root of ``archive``: a path, or anything with a ``root`` (an
    Archive, an ArchiveConfig); None for none."""
    if archive is None:
        return None
    if isinstance(archive, (str, os.PathLike)):
        return Path(archive)
    return Path(archive.root)


def data_path(name: str, archive=None) -> Path:
    """The file ``name`` is read from: the archive's override if it has one, else the
    packaged file. Raises ConfigError for a name the package does not ship."""
    packaged = PACKAGE_DATA / name
    if "/" in name or "\\" in name or not packaged.is_file():
        raise ConfigError(
            N_("no data file {name!r}; the data files are {data_files}").format(
                name=name, data_files=", ".join(data_files())
            )
        )
    root = data_root(archive)
    if root is not None:
        own = root / OVERRIDE_DIRNAME / name
        if own.is_file():
            return own
    return packaged


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _read(stamp: tuple) -> str:
    return read_user_text(Path(stamp[0]))


@lru_cache(maxsize=64)
def _parse(stamp: tuple) -> Any:
    path = Path(stamp[0])
    text = _read(stamp)
    if path.suffix == ".yml":
        try:
            return load_yaml(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = N_(" at line {line}").format(line=mark.line + 1) if mark is not None else ""
            raise ConfigError(
                N_("{path}: not valid YAML{where}: {problem}").format(
                    path=path, where=where, problem=getattr(exc, "problem", None) or exc
                )
            ) from exc
    return tuple(s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#"))


def data_text(name: str, archive=None) -> str:
    """The raw text of data file ``name`` (the archive's override if any)."""
    return _read(_stamp(data_path(name, archive)))


def data_version(name: str, archive=None) -> str:
    """A short hash of the content ``name`` is read from: changes when the file does."""
    return hashlib.sha256(data_text(name, archive).encode("utf-8")).hexdigest()[:12]


def load_data(name: str, archive=None, build: Callable[[Any], Any] | None = None) -> Any:
    """Data file ``name`` (the archive's override if any): YAML parsed, or a text file's
    lines. With ``build``, ``build(content)`` instead, cached until the file changes
    (so a vocabulary is built once per file version); do not modify what it returns.

    >>> load_data("themes.yml", build=lambda d: len(d["themes"])) >= 7
    True
    """
    stamp = _stamp(data_path(name, archive))
    if build is not None:
        return _built(stamp, build)
    out = _parse(stamp)
    return list(out) if isinstance(out, tuple) else copy.deepcopy(out)


@lru_cache(maxsize=64)
def _built(stamp: tuple, build: Callable[[Any], Any]) -> Any:
    out = _parse(stamp)
    return build(list(out) if isinstance(out, tuple) else copy.deepcopy(out))

"""Where an archive and its index live, and what its fonds.yml says.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "fonds.yml").write_text("fonds_id: D009\\nfonds_name: 测试党总支\\norgs: [{name: 第一党支部}]", encoding="utf-8")
>>> cfg = load_config(root)
>>> cfg.fonds_id, cfg.org_names
('D009', ['第一党支部'])
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from .errors import ArchiveNotFound, ConfigError, UnknownOrg
from .i18n import N_
from .periods import parse_date
from .taxonomy import Taxonomy, default_taxonomy, taxonomy_from_dict
from .yamlsafe import load_yaml, read_user_text

__all__ = [
    "Org",
    "ArchiveConfig",
    "load_config",
    "default_archive_path",
    "default_db_path",
    "INDEX_DIRNAME",
    "METADATA_FILE",
]

INDEX_DIRNAME = ".dj_archive"
METADATA_FILE = "metadata.csv"
FONDS_FILE = "fonds.yml"
#: Columns of metadata.csv that may override inferred metadata.
OVERRIDABLE = ("title", "date", "period", "category", "doc_type", "org", "retention")


@dataclass(frozen=True)
class Org:
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        # Longest first so 机关第一党支部 wins over 第一党支部 inside it.
        return tuple(sorted({self.name, *self.aliases}, key=len, reverse=True))


@dataclass
class ArchiveConfig:
    root: Path
    fonds_id: str = "D001"
    fonds_name: str = ""
    orgs: list[Org] = field(default_factory=list)
    taxonomy: Taxonomy = field(default_factory=default_taxonomy)
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Rows and columns of metadata.csv that were skipped, one line each (where and why).
    metadata_problems: list[str] = field(default_factory=list)

    @property
    def unmatched_overrides(self) -> list[str]:
        """Paths in metadata.csv that name no file in the archive (a typo, a moved file).
        Their rows are kept, and apply again if the file appears."""
        root = Path(self.root)
        out = []
        for rel in self.overrides:
            parts = rel.split("/")
            if rel.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", rel) or not (root / rel).is_file():
                out.append(rel)
        return out

    @property
    def org_names(self) -> list[str]:
        return [o.name for o in self.orgs]

    @cached_property
    def _org_pattern(self):
        # One alternation, longest names first: the earliest match wins, and at one
        # position the longest name (机关第一党支部 before 第一党支部).
        names = {n: o.name for o in self.orgs for n in o.names}
        if not names:
            return None, names
        alts = sorted(names, key=len, reverse=True)
        return re.compile("|".join(re.escape(n) for n in alts)), names

    def find_org(self, text: str | None) -> str | None:
        """The org whose name or alias appears earliest in ``text``."""
        pattern, names = self._org_pattern
        if not text or pattern is None:
            return None
        m = pattern.search(text)
        return names[m.group()] if m else None

    def check_org(self, name: str) -> str:
        """``name`` if it names a branch or part of one (an alias, 第一党支部 in
        机关第一党支部); else UnknownOrg naming the branches there are. An archive whose
        fonds.yml lists no branches accepts any name."""
        if not self.orgs or self.resolve_org(name) or any(name in n for o in self.orgs for n in o.names):
            return name
        raise UnknownOrg(
            N_("unknown branch {org!r}; the branches of this archive are: {known}").format(
                org=name, known="、".join(self.org_names)
            )
        )

    def resolve_org(self, name: str) -> str | None:
        """Canonical org name for a name or alias, or None."""
        for org in self.orgs:
            if name in org.names:
                return org.name
        return None


def default_archive_path() -> str:
    """The archive folder when none is given: ``$DJ_ARCHIVE``, else ``./archive``.
    The CLI's ``--archive`` default and :func:`dj_archive.open_archive` both use it."""
    return os.environ.get("DJ_ARCHIVE") or "archive"


def default_db_path(root: Path) -> Path:
    return Path(root) / INDEX_DIRNAME / "index.sqlite"


def _load_overrides(path: Path, taxonomy: Taxonomy | None = None) -> dict[str, dict[str, str]]:
    """The rows of metadata.csv by path (see :func:`read_overrides`), strictly: the first
    problem is a ConfigError naming the line. For writers that must not save a bad sheet."""
    out, problems = _read_overrides(path, taxonomy)
    bad_rows = [msg for line, msg in problems if line is not None]
    if bad_rows:
        raise ConfigError(bad_rows[0])
    return out


def decode_sheet(data: bytes) -> str | None:
    """The text of a CSV sheet: UTF-8 (with or without BOM), else GBK/GB18030 as Excel
    saves "CSV" on a Chinese Windows; None if it is neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_overrides(path: Path, taxonomy: Taxonomy | None = None) -> tuple[dict[str, dict[str, str]], list[str]]:
    """(rows of metadata.csv by path, problems): see :func:`_read_overrides`."""
    out, problems = _read_overrides(path, taxonomy)
    return out, [msg for _, msg in problems]


def _read_overrides(path: Path, taxonomy: Taxonomy | None = None):
    """(rows of metadata.csv by path, problems). Values are checked against ``taxonomy``:
    dates normalised to ISO, categories given by code (or folder or name) stored as the
    code, retention one of the taxonomy's 保管期限 (or its code). A bad row, a path given
    twice, an unknown column is a problem (one line: where and why) and is skipped; the
    rest applies. ``./`` and ``\\`` in paths are normalised."""
    if not path.exists():
        return {}, []
    try:
        text = decode_sheet(path.read_bytes())
    except OSError as exc:
        return {}, [
            (
                None,
                N_("{path}: cannot read the metadata sheet ({exc}); it is ignored").format(
                    path=path, exc=exc.strerror or exc
                ),
            )
        ]
    if text is None:
        return {}, [
            (None, N_('{path}: not UTF-8 or GBK text; save it as "CSV UTF-8"; the sheet is ignored').format(path=path))
        ]
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [(h or "").strip() for h in (reader.fieldnames or [])]
        rows = list(reader)
    except csv.Error as exc:
        return {}, [
            (None, N_("{path}: cannot read the metadata sheet ({exc}); it is ignored").format(path=path, exc=exc))
        ]
    problems: list[tuple[int | None, str]] = []
    if "path" not in header:
        return {}, [
            (
                None,
                N_(
                    "{path}: no path column (the first line must name the columns: {columns}); the sheet is ignored"
                ).format(path=path, columns="path," + ",".join(OVERRIDABLE)),
            )
        ]
    for h in header:
        # Columns of the archivist's own (备注, note) are kept by every writer and ignored
        # here; one that looks like a misspelt field would silently override nothing.
        close = difflib.get_close_matches(h, ("path", *OVERRIDABLE), n=1, cutoff=0.75)
        if h and h != "path" and h not in OVERRIDABLE and close:
            problems.append(
                (
                    None,
                    N_(
                        "{path}: unknown column {column!r} (did you mean {close}?); its values are ignored (columns: {columns})"
                    ).format(path=path, column=h, close=close[0], columns="path, " + ", ".join(OVERRIDABLE)),
                )
            )
    out: dict[str, dict[str, str]] = {}
    first_line: dict[str, int] = {}
    for n, row in enumerate(rows, start=2):
        row = {(k or "").strip(): v for k, v in row.items() if isinstance(v, str)}
        if not any(v.strip() for v in row.values()):
            continue  # a blank line
        try:
            rel, values = _override_row(row, taxonomy)
        except ValueError as exc:
            problems.append(
                (n, N_("{path}: line {n}: {problem}; the row is skipped").format(path=path, n=n, problem=exc))
            )
            continue
        if rel in out:
            problems.append(
                (
                    n,
                    N_("{path}: line {n}: {rel} is already given on line {first}; the row is skipped").format(
                        path=path, n=n, rel=rel, first=first_line[rel]
                    ),
                )
            )
            continue
        out[rel], first_line[rel] = values, n
    return out, problems


def _override_row(row: dict, taxonomy: Taxonomy | None) -> tuple[str, dict[str, str]]:
    rel = (row.get("path") or "").strip().replace("\\", "/")
    if not rel:
        raise ValueError(N_("no path"))
    rel = posixpath.normpath(rel)  # ./ZH_综合类/… and ZH_综合类//… name the same file
    values = {k: v.strip() for k, v in row.items() if k in OVERRIDABLE and v.strip()}
    if "date" in values:
        iso = parse_date(values["date"])
        if not iso:
            raise ValueError(
                N_(
                    "date {date!r} is not a date; write it as 2023-01-06 "
                    "(2023/1/6, 2023.1.6, 2023年1月6日 and 20230106 are read too)"
                ).format(date=values["date"])
            )
        values["date"] = iso
    if taxonomy is not None and "category" in values:
        cat = taxonomy.category(values["category"]) or taxonomy.category_for_folder(values["category"])
        if not cat:
            raise ValueError(
                N_("unknown category {category!r}; the archive's categories are {codes}").format(
                    category=values["category"], codes=", ".join(taxonomy.codes)
                )
            )
        values["category"] = cat.code
    if taxonomy is not None and "retention" in values and taxonomy.retention_codes:
        by_code = {code: name for name, code in taxonomy.retention_codes.items()}
        value = values["retention"]
        if value not in taxonomy.retention_codes and value not in by_code:
            raise ValueError(
                N_("unknown retention {value!r}; use one of {codes}").format(
                    value=value, codes=", ".join(taxonomy.retention_codes)
                )
            )
        values["retention"] = value if value in taxonomy.retention_codes else by_code[value]
    return rel, values


def _yaml_error(path: Path, exc: yaml.YAMLError) -> ConfigError:
    """A one-line message for a YAML syntax error: where, and what the parser expected."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if problem and mark is not None:
        return ConfigError(
            N_("{path}: not valid YAML at line {line}, column {column}: {problem}").format(
                path=path, line=mark.line + 1, column=mark.column + 1, problem=problem
            )
        )
    first = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    return ConfigError(N_("{path}: not valid YAML: {first}").format(path=path, first=first))


def _parse_orgs(fonds: Path, value) -> list[Org]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ConfigError(
            N_("{fonds}: orgs must be a list of branches (- name: ...), got {type} {value!r}").format(
                fonds=fonds, type=type(value).__name__, value=value
            )
        )
    orgs: list[Org] = []
    seen: dict[str, str] = {}
    aliases: list[str]
    for i, item in enumerate(value, start=1):
        if isinstance(item, str) and item.strip():
            name, aliases = item.strip(), []
        elif isinstance(item, dict):
            given = item.get("name")
            if not isinstance(given, str) or not given.strip():
                raise ConfigError(
                    N_("{fonds}: orgs item {i} needs a name (a non-empty text), got {item!r}").format(
                        fonds=fonds, i=i, item=item
                    )
                )
            name = given.strip()
            listed = item.get("aliases")
            if listed is None:
                listed = []
            if not isinstance(listed, list) or not all(isinstance(a, str) and a.strip() for a in listed):
                raise ConfigError(
                    N_(
                        "{fonds}: aliases of {name} must be a list of names, e.g. aliases: [一支部], got {aliases!r}"
                    ).format(fonds=fonds, name=name, aliases=listed)
                )
            aliases = [a.strip() for a in listed]
        else:
            raise ConfigError(
                N_("{fonds}: orgs item {i} needs a name (a non-empty text), got {item!r}").format(
                    fonds=fonds, i=i, item=item
                )
            )
        for n in dict.fromkeys([name, *aliases]):
            if n in seen:
                raise ConfigError(
                    N_(
                        "{fonds}: the name {n} is given to two orgs ({seen} and {name}); each name must be unique"
                    ).format(fonds=fonds, n=n, seen=seen[n], name=name)
                )
            seen[n] = name
        orgs.append(Org(name, tuple(a for a in dict.fromkeys(aliases) if a != name)))
    return orgs


def _fonds_id(fonds: Path, raw: str, value) -> str:
    if value is None or value == "":
        return "D001"
    if isinstance(value, str):
        return value
    # YAML reads an unquoted 0012 as the number 10 (octal) and 12.0 as a float: the id is lost.
    m = re.search(r"^fonds_id:\s*([^\s#]+)", raw, re.M)
    typed = m.group(1) if m else str(value)
    raise ConfigError(
        N_(
            '{fonds}: fonds_id must be quoted, e.g. fonds_id: "{typed}" (unquoted, '
            "YAML reads it as {value!r}, not as text)"
        ).format(fonds=fonds, typed=typed, value=value)
    )


def load_config(root) -> ArchiveConfig:
    """Read ``fonds.yml`` (optional) and ``metadata.csv`` (optional) of the archive at ``root``."""
    root = Path(root)
    try:
        is_dir = root.is_dir()
    except OSError as exc:
        raise ArchiveNotFound(
            N_("archive folder cannot be read: {root} ({reason})").format(root=root, reason=exc.strerror)
        ) from None
    if not is_dir:
        raise ArchiveNotFound(N_("archive folder not found: {root}").format(root=root))
    if not os.access(root, os.R_OK | os.X_OK):
        raise ArchiveNotFound(N_("archive folder cannot be read: {root}").format(root=root))
    data: dict = {}
    raw = ""
    fonds = root / FONDS_FILE
    if fonds.exists():
        try:
            raw = read_user_text(fonds)
            data = load_yaml(raw) or {}
        except yaml.YAMLError as exc:
            raise _yaml_error(fonds, exc) from exc
        if not isinstance(data, dict):
            raise ConfigError(N_("{fonds}: expected a mapping with fonds_id, fonds_name and orgs").format(fonds=fonds))
    orgs = _parse_orgs(fonds, data.get("orgs"))
    taxonomy = default_taxonomy(root)
    if data.get("taxonomy"):
        try:
            taxonomy = taxonomy_from_dict(data["taxonomy"], base=taxonomy)
        except ConfigError as exc:
            raise ConfigError(N_("{fonds}: {exc}").format(fonds=fonds, exc=exc)) from exc
    overrides, problems = read_overrides(root / METADATA_FILE, taxonomy)
    return ArchiveConfig(
        root=root,
        fonds_id=_fonds_id(fonds, raw, data.get("fonds_id")),
        fonds_name=str(data.get("fonds_name") or ""),
        orgs=orgs,
        taxonomy=taxonomy,
        overrides=overrides,
        metadata_problems=problems,
    )

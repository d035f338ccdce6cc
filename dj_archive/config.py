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
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from .errors import ArchiveNotFound, ConfigError
from .taxonomy import Taxonomy, default_taxonomy, taxonomy_from_dict

__all__ = ["Org", "ArchiveConfig", "load_config", "default_db_path", "INDEX_DIRNAME", "METADATA_FILE"]

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

    def resolve_org(self, name: str) -> str | None:
        """Canonical org name for a name or alias, or None."""
        for org in self.orgs:
            if name in org.names:
                return org.name
        return None


def default_db_path(root: Path) -> Path:
    return Path(root) / INDEX_DIRNAME / "index.sqlite"


def _load_overrides(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"{path}: cannot read the metadata sheet ({exc})") from exc
    out = {}
    for n, row in enumerate(rows, start=2):
        rel = (row.get("path") or "").strip().replace("\\", "/")
        if not rel:
            raise ConfigError(f"{path}: line {n} has no path")
        out[rel] = {k: v.strip() for k, v in row.items() if k in OVERRIDABLE and v and v.strip()}
    return out


def load_config(root) -> ArchiveConfig:
    """Read ``fonds.yml`` (optional) and ``metadata.csv`` (optional) of the archive at ``root``."""
    root = Path(root)
    try:
        is_dir = root.is_dir()
    except OSError as exc:
        raise ArchiveNotFound(f"archive folder cannot be read: {root} ({exc.strerror})") from None
    if not is_dir:
        raise ArchiveNotFound(f"archive folder not found: {root}")
    if not os.access(root, os.R_OK | os.X_OK):
        raise ArchiveNotFound(f"archive folder cannot be read: {root}")
    data = {}
    fonds = root / FONDS_FILE
    if fonds.exists():
        try:
            data = yaml.safe_load(fonds.read_text(encoding="utf-8-sig")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{fonds}: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{fonds}: expected a mapping with fonds_id, fonds_name and orgs")
    orgs = []
    for item in data.get("orgs") or []:
        if isinstance(item, str):
            orgs.append(Org(item))
        elif isinstance(item, dict) and item.get("name"):
            orgs.append(Org(str(item["name"]), tuple(str(a) for a in item.get("aliases") or [])))
        else:
            raise ConfigError(f"{fonds}: each org needs a name, got {item!r}")
    taxonomy = default_taxonomy()
    if data.get("taxonomy"):
        taxonomy = taxonomy_from_dict(data["taxonomy"], base=taxonomy)
    return ArchiveConfig(
        root=root,
        fonds_id=str(data.get("fonds_id") or "D001"),
        fonds_name=str(data.get("fonds_name") or ""),
        orgs=orgs,
        taxonomy=taxonomy,
        overrides=_load_overrides(root / METADATA_FILE),
    )

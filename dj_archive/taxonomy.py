"""Categories, document types and retention periods: data, not code.

The defaults live in ``dj_archive/data/taxonomy.yml``; an archive's ``fonds.yml``
may replace them under a ``taxonomy:`` key. Nothing else in the package names a
category code.

>>> tx = default_taxonomy()
>>> tx.category("ZH").name
'综合类'
>>> tx.doc_type_for("机关第一党支部2023年上半年党建工作总结").name
'工作总结'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .data import load_data
from .errors import ConfigError, UnknownCategory
from .i18n import N_

__all__ = ["Category", "DocType", "Taxonomy", "default_taxonomy", "taxonomy_from_dict", "UNKNOWN"]

#: Category code given to files outside the folder convention.
UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    scope: str = ""
    keywords: tuple[str, ...] = ()

    @property
    def folder(self) -> str:
        """Folder name in the archive, e.g. ``ZH_综合类``."""
        return f"{self.code}_{self.name}"


@dataclass(frozen=True)
class DocType:
    name: str
    keywords: tuple[str, ...] = ()
    retention: str = ""


@dataclass
class Taxonomy:
    categories: list[Category]
    doc_types: list[DocType]
    retention_codes: dict[str, str] = field(default_factory=dict)
    default_retention: str = "定期30年"

    def check_code(self, code: str) -> str:
        """``code`` if it is one of this taxonomy's category codes (or UNKNOWN), in any
        case; else UnknownCategory naming the codes there are."""
        codes = self.codes + [UNKNOWN]
        if str(code).upper() not in [c.upper() for c in codes]:
            raise UnknownCategory(
                N_("{category!r} is not a category of this archive ({codes})").format(
                    category=code, codes=", ".join(codes)
                )
            )
        return code

    def category(self, code: str) -> Category | None:
        for c in self.categories:
            if c.code == code:
                return c
        return None

    def category_for_folder(self, folder: str) -> Category | None:
        """The category whose folder name (``ZH_综合类``), code or name matches ``folder``."""
        for c in self.categories:
            if folder in (c.folder, c.code, c.name) or folder.startswith(c.code + "_"):
                return c
        return None

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.categories]

    def doc_type_for(self, title: str) -> DocType | None:
        """The first document type with a keyword in ``title`` (order of the data file)."""
        if not title:
            return None
        for dt in self.doc_types:
            if any(k in title for k in dt.keywords):
                return dt
        return None

    def retention_for(self, doc_type: str | None) -> str:
        for dt in self.doc_types:
            if dt.name == doc_type and dt.retention:
                return dt.retention
        return self.default_retention

    def retention_code(self, retention: str) -> str:
        return self.retention_codes.get(retention, retention)


#: A category or retention code: letters and digits, short (it is part of folder names and 档号).
_CODE = re.compile(r"[A-Za-z0-9]{1,10}")


def _code(value, what: str) -> str:
    """``value`` if it is a valid code, else a one-line ConfigError.

    >>> _code("ZH", "category code")
    'ZH'
    >>> _code("../../X", "category code")
    Traceback (most recent call last):
    ...
    dj_archive.errors.ConfigError: category code '../../X' must be 1 to 10 letters or digits (it names folders and 档号)
    """
    if isinstance(value, bool) or not isinstance(value, str):
        raise ConfigError(N_('{what} {value!r} must be text: quote it, e.g. code: "01"').format(what=what, value=value))
    if not _CODE.fullmatch(value):
        raise ConfigError(
            N_("{what} {value!r} must be 1 to 10 letters or digits (it names folders and 档号)").format(
                what=what, value=value
            )
        )
    return value


def _folder_name(value) -> str:
    """A category name, which becomes part of a folder name: no separators, no dots first."""
    name = str(value).strip()
    if (
        not name
        or len(name) > 40
        or any(ch in name for ch in '/\\:*?"<>|')
        or name.startswith(".")
        or any(ord(ch) < 32 for ch in name)
    ):
        raise ConfigError(
            N_(
                "category name {value!r} cannot be part of a folder name (1 to 40 characters, "
                'no / \\ : * ? " < > |, not starting with a dot)'
            ).format(value=value)
        )
    return name


def taxonomy_from_dict(data: dict, base: Taxonomy | None = None) -> Taxonomy:
    """Build a taxonomy from parsed YAML; keys missing from ``data`` come from ``base``.
    Codes and names are checked: they become folder names and 档号."""
    try:
        cats, dts = data.get("categories"), data.get("doc_types")
        if base is None and (cats is None or dts is None):
            raise ConfigError(N_("taxonomy needs both categories and doc_types"))
        categories = (
            [
                Category(
                    code=_code(c["code"], N_("category code")),
                    name=_folder_name(c["name"]),
                    scope=str(c.get("scope", "")),
                    keywords=tuple(str(k) for k in c.get("keywords", []) or []),
                )
                for c in cats
            ]
            if cats is not None
            else list(base.categories if base else ())
        )
        doc_types = (
            [
                DocType(
                    name=str(d["name"]),
                    keywords=tuple(str(k) for k in d.get("keywords", []) or []),
                    retention=str(d.get("retention", "")),
                )
                for d in dts
            ]
            if dts is not None
            else list(base.doc_types if base else ())
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            N_("taxonomy is malformed: {exc!r} (each category needs code and name)").format(exc=exc)
        ) from exc
    codes = [c.code for c in categories]
    if len(set(codes)) != len(codes):
        raise ConfigError(N_("taxonomy has duplicate category codes: {codes}").format(codes=codes))
    return Taxonomy(
        categories=categories,
        doc_types=doc_types,
        retention_codes={
            str(name): _code(code, N_("retention code of {name}").format(name=name))
            for name, code in dict(data.get("retention_codes") or (base.retention_codes if base else {})).items()
        },
        default_retention=str(data.get("default_retention") or (base.default_retention if base else "定期30年")),
    )


def default_taxonomy(archive=None) -> Taxonomy:
    """The six-way default taxonomy shipped with the package (``data/taxonomy.yml``, or
    ``archive``'s own version of it); fonds.yml's ``taxonomy:`` is applied on top of it."""
    return load_data("taxonomy.yml", archive, taxonomy_from_dict)

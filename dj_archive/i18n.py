"""Messages in the user's language: English in the code, Chinese from a gettext catalog.

The language is chosen at each call, so a test or a notebook can switch it:
``DJ_ARCHIVE_LANG=zh`` or ``en`` first, else the locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``: a ``zh_*`` value means Chinese), else English.
The catalog is ``dj_archive/locale/zh_CN/LC_MESSAGES/dj_archive.po`` (compiled to ``.mo``),
kept current with ``make messages`` (Babel's ``pybabel extract/update/compile``).

Only what a person reads is translated: JSON field names, exit codes and the data
the library returns (an index's failure reasons, exception text) stay English, so
scripts behave the same in every locale. The CLI translates a finished English
message with :func:`translate`, which also recognises messages made from a
template in the catalog (``"no records of {org} for {period}"``). The web app's pages use
the same catalog (``{{ _("…") }}`` in its templates), in each request's language
(:func:`use_language`, from :func:`accept_language` unless ``DJ_ARCHIVE_LANG`` is set).

>>> import os
>>> saved = os.environ.get("DJ_ARCHIVE_LANG")
>>> os.environ["DJ_ARCHIVE_LANG"] = "zh"
>>> _("Output format.")
'输出格式。'
>>> translate("archive folder not found: /srv/档案")
'找不到档案目录：/srv/档案'
>>> os.environ["DJ_ARCHIVE_LANG"] = "en"
>>> _("Output format.")
'Output format.'
>>> os.environ["DJ_ARCHIVE_LANG"] = saved or "en"
"""

from __future__ import annotations

import gettext
import inspect
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

__all__ = [
    "_",
    "N_",
    "ngettext",
    "translate",
    "language",
    "use_language",
    "accept_language",
    "LOCALE_DIR",
    "DOMAIN",
]

DOMAIN = "dj_archive"
LOCALE_DIR = Path(__file__).parent / "locale"
_FIELD = re.compile(r"\{(\w+)(?:![rsa])?(?::[^{}]*)?\}")
#: The language of what is being done now, when it is not the process's: the web app sets it
#: for each request (each request runs in its own context, so two browsers never mix).
_current: ContextVar[str | None] = ContextVar("dj_archive_language", default=None)


def language() -> str:
    """``"zh_CN"`` or ``"en"``: the language set by :func:`use_language` (a web request), else
    ``DJ_ARCHIVE_LANG``, else the locale variables, else English."""
    current = _current.get()
    if current:
        return current
    choice = os.environ.get("DJ_ARCHIVE_LANG", "").strip().lower()
    if choice:
        return "zh_CN" if choice.startswith("zh") else "en"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").strip()
        if value:
            return "zh_CN" if value.split(":")[0].lower().startswith("zh") else "en"
    return "en"


@contextmanager
def use_language(lang: str) -> Iterator[str]:
    """Messages in ``lang`` (``"zh_CN"`` or ``"en"``) inside the block, in this context only.

    >>> with use_language("zh_CN"):
    ...     _("Output format.")
    '输出格式。'
    """
    token = _current.set("zh_CN" if lang.lower().startswith("zh") else "en")
    try:
        yield _current.get() or "en"
    finally:
        _current.reset(token)


def accept_language(header: str | None) -> str | None:
    """The language a browser asks for (its ``Accept-Language``), or None when it names
    neither Chinese nor English: the most preferred of the two wins.

    >>> accept_language("zh-CN,zh;q=0.9,en;q=0.8"), accept_language("en-US,en;q=0.9,zh;q=0.5")
    ('zh_CN', 'en')
    >>> accept_language("fr-FR,fr;q=0.9"), accept_language(None)
    (None, None)
    """
    best, best_q = None, 0.0
    for part in (header or "").split(","):
        tag, _sep, params = part.strip().partition(";")
        tag = tag.strip().lower()
        m = re.search(r"q\s*=\s*([0-9.]+)", params)
        try:
            q = float(m.group(1)) if m else 1.0
        except ValueError:
            continue
        lang = "zh_CN" if tag.startswith("zh") else "en" if tag.startswith("en") else None
        if lang and q > best_q:
            best, best_q = lang, q
    return best


@cache
def _catalog(lang: str) -> dict:
    """msgid -> msgstr of one language ({} for English). Plural entries keep gettext's keys."""
    if lang == "en":
        return {}
    t = gettext.translation(DOMAIN, str(LOCALE_DIR), [lang], fallback=True)
    cat = dict(getattr(t, "_catalog", {}))
    cat.pop("", None)  # the header
    # click stores help texts cleaned (inspect.cleandoc); look them up cleaned too.
    for msgid, msgstr in list(cat.items()):
        if isinstance(msgid, str) and "\n" in msgid:
            cat.setdefault(inspect.cleandoc(msgid), inspect.cleandoc(msgstr))
    return cat


@cache
def _templates(lang: str) -> list:
    """(regex, msgstr) for each message with {fields}, the one with the most fixed text first
    (``"Cannot draft: {error}"`` before ``"{status}: {source}: {reason}"``)."""
    out = []
    for msgid, msgstr in _catalog(lang).items():
        if not isinstance(msgid, str) or not _FIELD.search(msgid):
            continue
        parts, pos, names = [], 0, []
        for m in _FIELD.finditer(msgid):
            parts.append(re.escape(msgid[pos : m.start()]))
            name = m.group(1)
            parts.append(f"(?P={name})" if name in names else f"(?P<{name}>.*?)")
            names.append(name)
            pos = m.end()
        parts.append(re.escape(msgid[pos:]))
        literal = len(_FIELD.sub("", msgid))  # the more fixed text, the more specific the template
        out.append((literal, re.compile("".join(parts), re.S), msgstr))
    out.sort(key=lambda t: -t[0])
    return [(rx, msgstr) for _, rx, msgstr in out]


def _(message: str, lang: str | None = None) -> str:
    """``message`` in the user's language, or in ``lang`` (English when there is no translation)."""
    if not message:
        return message
    lang = lang or language()
    if lang == "en":
        return message
    cat = _catalog(lang)
    if "\b" in message:  # click's no-rewrap marker, kept as the characters \b in the catalog
        key = message.replace("\b", "\\b")
        found = cat.get(key) or cat.get(inspect.cleandoc(key))
        return found.replace("\\b", "\b") if found else message
    return cat.get(message) or cat.get(inspect.cleandoc(message)) or message


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (class attributes,
    help texts, library messages that stay English until the CLI shows them)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the user's language."""
    lang = language()
    if lang != "en":
        t = _catalog(lang).get((singular, 0))
        if t:
            return t  # Chinese has one form
    return singular if n == 1 else plural


def translate(text: str, lang: str | None = None, _depth: int = 0) -> str:
    """A finished English message in the user's language (or ``lang``, e.g. ``"zh_CN"`` for
    the web app, whose pages are Chinese): an exact catalog entry, or a template of the
    catalog whose fields are filled in (each field translated in turn). Text the catalog
    does not know is returned unchanged."""
    lang = lang or language()
    if not text or lang == "en":
        return text
    exact = _(text, lang)
    if exact is not text or _depth > 3:
        return exact
    lines = text.split("\n")
    if len(lines) > 1:
        return "\n".join(translate(line, lang, _depth + 1) for line in lines)
    for rx, msgstr in _templates(lang):
        m = rx.fullmatch(text)
        if m:
            values = {k: translate(v, lang, _depth + 1) for k, v in m.groupdict().items()}
            return _FIELD.sub(lambda f: values.get(f.group(1), f.group(0)), msgstr)  # noqa: B023 - used at once
    return text

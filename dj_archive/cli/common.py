"""Options, error handling and translated help shared by every command."""

import contextlib
import functools
import inspect
import re

import click

from .. import i18n
from ..config import default_archive_path
from ..errors import DjArchiveError
from ..i18n import translate

__all__ = [
    "archive_options",
    "format_option",
    "handle_errors",
    "default_archive_path",
    "I18nCommand",
    "I18nGroup",
    "translate_click",
]


@contextlib.contextmanager
def _translated_help(objects):
    """Show the help texts of commands and options in the user's language while
    click formats them (click keeps them as plain strings from import time)."""
    saved = [(o, o.help, getattr(o, "show_default", None)) for o in objects]
    try:
        for o, text, show in saved:
            if text:
                o.help = i18n._(text)
            if isinstance(show, str):
                o.show_default = i18n._(show)
        yield
    finally:
        for o, text, show in saved:
            o.help = text
            if isinstance(show, str):
                o.show_default = show


_TOKEN = re.compile(r"[A-Za-z0-9_./<>`$*'\"\-=+#@:\\~|\[\]]+|\s+|.", re.S)
_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)]")


def wrap_cjk(text: str, width: int) -> str:
    """Wrap help text by display width (a Chinese character takes two columns), keeping
    Latin words whole, and mark each paragraph so click does not rewrap it.

    >>> print(wrap_cjk("为档案建立索引：读取新增和改动的文件。", 20).replace("\b", "<b>"))
    <b>
    为档案建立索引：读取
    新增和改动的文件。
    """
    from ..output import display_width

    out = []
    for para in re.split(r"\n\s*\n", text.strip("\n")):
        lines = para.split("\n")
        if lines[0] == "\b":
            lines = lines[1:]
        else:  # one paragraph: join its lines (no space between Chinese characters)
            joined = ""
            for line in lines:
                line = line.strip()
                if joined and line and (joined[-1].isascii() or line[0].isascii()):
                    joined += " "
                joined += line
            lines = [joined]
        wrapped = []
        for line in lines:
            cur, used = "", 0
            for tok in _TOKEN.findall(line):
                w = display_width(tok)
                if used + w > width and cur.strip() and tok not in _NO_LINE_START:
                    wrapped.append(cur.rstrip())
                    cur, used = "", 0
                    if tok.isspace():
                        continue
                cur += tok
                used += w
            wrapped.append(cur.rstrip())
        out.append("\b\n" + "\n".join(wrapped))
    return "\n\n".join(out)


def short_help_cjk(text: str, width: int) -> str:
    """The first sentence of Chinese help text, for the list of commands.

    >>> short_help_cjk("为档案建立索引：读取新增和改动的文件。", 40)
    '为档案建立索引'
    """
    from ..output import display_width

    first = "".join(line.strip() for line in inspect.cleandoc(text).split("\n\n")[0].split("\n"))
    first = re.split(r"[。；：]", first)[0]
    if display_width(first) > width:
        first = first.split("，")[0]
    while display_width(first) > width:
        first = first[:-2] + "…"
    return first


class I18nCommand(click.Command):
    """A command whose --help is in the user's language."""

    def format_help_text(self, ctx, formatter):
        # format_help has put the translated help in self.help already.
        if not self.help or i18n.language() == "en" or self.help.isascii():
            return super().format_help_text(ctx, formatter)  # click's own layout
        text = inspect.cleandoc(self.help).partition("\f")[0]
        formatter.write_paragraph()
        with formatter.indentation():
            width = max(20, formatter.width - formatter.current_indent)
            formatter.write_text(wrap_cjk(text, width))

    def format_help(self, ctx, formatter):
        with _translated_help([self, *self.get_params(ctx)]):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help([self]):
            if self.short_help or not self.help or i18n.language() == "en" or self.help.isascii():
                return super().get_short_help_str(limit)
            return short_help_cjk(self.help, 2 * limit)


class I18nGroup(I18nCommand, click.Group):
    """The command group: its commands are I18nCommands."""

    command_class = I18nCommand


#: click type names that become metavars (FILE, DIRECTORY, PATH) when commands are
#: defined, i.e. at import: kept English so help does not depend on the import's locale.
_CLICK_KEEP = frozenset({"file", "directory", "path"})


def _click_gettext(message: str) -> str:
    return message if message in _CLICK_KEEP else i18n._(message)


def translate_click() -> None:
    """Let click's own words (Usage:, Options, Missing option, Error: …) follow the
    user's language: its modules look each message up through ``_`` at run time."""
    import importlib

    for name in ("core", "exceptions", "formatting", "decorators", "types", "parser", "termui", "utils"):
        try:
            mod = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a future click without the module
            continue
        for attr, func in (("_", _click_gettext), ("ngettext", i18n.ngettext)):
            if hasattr(mod, attr):
                setattr(mod, attr, func)


def archive_options(f):
    """Add --archive and --db to a command."""
    f = click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        envvar="DJ_ARCHIVE_DB",
        default=None,
        help="Index file (default <archive>/.dj_archive/index.sqlite, or $DJ_ARCHIVE_DB).",
    )(f)
    f = click.option(
        "--archive",
        "archive",
        type=click.Path(file_okay=False),
        default=default_archive_path,
        show_default="$DJ_ARCHIVE or ./archive",
        help="The archive folder.",
    )(f)
    return f


def format_option(*choices, default=None):
    def deco(f):
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=default or choices[0],
            show_default=True,
            help="Output format.",
        )(f)

    return deco


def handle_errors(f):
    """Turn library errors into a one-line message, a hint and exit code 1.
    An error without a message (SomeItemsFailed: each failure was reported already)
    prints nothing more."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except DjArchiveError as exc:
            if str(exc):
                msg = i18n._("Error: {message}").format(message=translate(str(exc)))
                if exc.hint:
                    msg += "\n" + translate(exc.hint)
                click.echo(msg, err=True)
            raise click.exceptions.Exit(1) from None

    return wrapper

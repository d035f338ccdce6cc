"""Options, error handling and translated help shared by every command."""

import contextlib
import functools

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
    "echo",
    "I18nCommand",
    "I18nGroup",
    "translate_click",
]


def echo(message: str, err: bool = False) -> None:
    """Print an English message in the user's language."""
    click.echo(translate(message), err=err)


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


class I18nCommand(click.Command):
    """A command whose --help is in the user's language."""

    def format_help(self, ctx, formatter):
        with _translated_help([self, *self.get_params(ctx)]):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help([self]):
            return super().get_short_help_str(limit)


class I18nGroup(I18nCommand, click.Group):
    """The command group: its commands are I18nCommands."""

    command_class = I18nCommand


def translate_click() -> None:
    """Let click's own words (Usage:, Options, Missing option, Error: …) follow the
    user's language: its modules look each message up through ``_`` at run time."""
    import importlib

    for name in ("core", "exceptions", "formatting", "decorators", "types", "parser", "termui", "utils"):
        try:
            mod = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a future click without the module
            continue
        if hasattr(mod, "_"):
            mod._ = i18n._
        if hasattr(mod, "ngettext"):
            mod.ngettext = i18n.ngettext


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

"""Options and error handling shared by every command."""

import functools
import os

import click

from ..errors import DjArchiveError

__all__ = ["archive_options", "format_option", "handle_errors", "default_archive"]


def default_archive():
    return os.environ.get("DJ_ARCHIVE") or "archive"


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
        default=default_archive,
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
    """Turn library errors into a one-line message, a hint and exit code 1."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except DjArchiveError as exc:
            msg = f"Error: {exc}"
            if exc.hint:
                msg += f"\n{exc.hint}"
            click.echo(msg, err=True)
            raise SystemExit(1)

    return wrapper

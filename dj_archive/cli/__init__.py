"""The `dj-archive` command line: a thin layer over the library.

Each command parses its arguments, calls one library function and hands the
result to :func:`dj_archive.output.emit`. Library errors become friendly messages
with a non-zero exit code. Commands live in one module per noun.

Every text a user reads is English in the code and shown in the user's language
(:mod:`dj_archive.i18n`): help texts are translated when help is shown, messages
when they are printed; click's own words (Usage, Options, Missing option…) too.
"""

import click

from .common import I18nGroup, translate_click

__all__ = ["cli", "main"]

translate_click()


@click.group(cls=I18nGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dj_archive")
def cli():
    """Archive, search and analyse a Party organisation's records (党建档案).

    Run `dj-archive COMMAND -h` for a command's options. Messages are in Chinese
    when the locale is zh_* (or DJ_ARCHIVE_LANG=zh), else in English."""


# Imported for their side effect of adding commands to `cli`, one module per noun.
from . import archive_cmds, draft_cmds, filing_cmds, serve_cmds, understand_cmds  # noqa: E402, F401


def main():
    cli(prog_name="dj-archive")

"""The `dj-archive` command line: a thin layer over the library.

Each command parses its arguments, calls one library function and formats the
result with :mod:`dj_archive.output`. Library errors become friendly messages
with a non-zero exit code. Commands live in one module per noun.
"""

import click

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dj_archive")
def cli():
    """Archive, search and analyse a Party organisation's records (党建档案)."""


# Imported for their side effect of adding commands to `cli`, one module per noun.
from . import archive_cmds, draft_cmds, filing_cmds, understand_cmds  # noqa: E402, F401


def main():
    cli(prog_name="dj-archive")

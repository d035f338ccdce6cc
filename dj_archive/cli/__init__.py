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


def _register():
    # Import for their side effect of adding commands to `cli`.
    from . import archive_cmds  # noqa: F401

    for optional in ("understand_cmds", "filing_cmds", "draft_cmds"):
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as exc:  # a module not written yet
            if exc.name != f"{__name__}.{optional}":
                raise


_register()


def main():
    cli(prog_name="dj-archive")

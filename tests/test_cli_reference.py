"""docs/cli-reference.md and its Chinese twin are generated from --help: they must match
the commands as they are (sqlite-utils checks its cli-reference the same way)."""

import subprocess
import sys
from pathlib import Path

import click

from dj_archive.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
                       capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert r.returncode == 0, r.stderr


def test_every_command_and_option_has_help():
    ctx = click.Context(cli, info_name="dj-archive")
    missing = []
    for name in cli.list_commands(ctx):
        cmd = cli.get_command(ctx, name)
        if not cmd.help:
            missing.append(name)
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.help:
                missing.append(f"{name} {p.opts[-1]}")
    assert missing == []

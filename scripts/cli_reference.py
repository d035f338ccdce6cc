"""Write docs/cli-reference.md (English) and docs/cli-reference.zh.md (中文) from the
commands' own ``--help``, so the reference cannot drift from the code.

    python scripts/cli_reference.py           # rewrite both files
    python scripts/cli_reference.py --check   # exit 1 and name the stale file if one differs

tests/test_cli_reference.py runs the check in ``make test``; ``make docs`` rewrites.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"en": ROOT / "docs" / "cli-reference.md", "zh": ROOT / "docs" / "cli-reference.zh.md"}
INTRO = {
    "en": "# dj-archive command reference\n\n"
    "Generated from `dj-archive <command> --help` by `scripts/cli_reference.py` (run `make docs`);\n"
    "a test fails when this file and the commands disagree. 中文版: [cli-reference.zh.md](cli-reference.zh.md).\n",
    "zh": "# dj-archive 命令参考\n\n"
    "本文由 `scripts/cli_reference.py` 根据各命令的 `--help`（中文界面）自动生成（运行 `make docs`）；\n"
    "命令与本文不一致时测试会失败。English: [cli-reference.md](cli-reference.md).\n",
}


def _help(cmd: click.Command, name: str, parent: click.Context | None) -> str:
    ctx = click.Context(cmd, info_name=name, parent=parent, terminal_width=88, max_content_width=88)
    return cmd.get_help(ctx)


def render(lang: str) -> str:
    """The reference in ``lang`` ("en" or "zh")."""
    from dj_archive.cli import cli

    saved = os.environ.get("DJ_ARCHIVE_LANG")
    os.environ["DJ_ARCHIVE_LANG"] = lang
    try:
        root = click.Context(
            cli, info_name="dj-archive", terminal_width=88, max_content_width=88, **cli.context_settings
        )
        parts = [INTRO[lang], "```\n" + cli.get_help(root) + "\n```\n"]
        for name in sorted(cli.list_commands(root)):
            cmd = cli.get_command(root, name)
            parts.append(f"## dj-archive {name}\n\n```\n{_help(cmd, name, root)}\n```\n")
        return "\n".join(parts)
    finally:
        if saved is None:
            os.environ.pop("DJ_ARCHIVE_LANG", None)
        else:
            os.environ["DJ_ARCHIVE_LANG"] = saved


def main(argv: list[str]) -> int:
    stale = []
    for lang, path in TARGETS.items():
        text = render(lang)
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{path.relative_to(ROOT)} is out of date: run `make docs`", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

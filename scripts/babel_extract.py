"""Babel extraction method for dj_archive (named in babel.cfg).

Besides the usual marked calls (``_("...")``, ``N_("...")``, ``ngettext("...", "...", n)``)
it extracts what click shows in ``--help`` without a marker: the docstring of every
function decorated as a command (``@cli.command``, ``@click.group``…) and every literal
``help=`` / ``show_default=`` argument, and every error's ``hint = "..."``. So a new option's help reaches the catalog on
the next ``make messages`` without anyone remembering to mark it.
"""

from __future__ import annotations

import ast
import inspect

KEYWORDS = {"_": 1, "N_": 1, "gettext": 1, "ngettext": 2}
#: click calls whose help= / show_default= texts a user reads in --help (argparse's are not ours).
_CLICK_CALLS = {"option", "argument", "command", "group", "version_option", "help_option", "Option"}


def _help(text: str) -> str:
    # click's "no rewrap" marker is a backspace character; .po files keep it as the two
    # characters \b (dj_archive.i18n maps it back).
    return inspect.cleandoc(text).partition("\f")[0].replace("\b", "\\b")


def _is_command_decorator(node: ast.expr) -> bool:
    call = node.func if isinstance(node, ast.Call) else node
    return isinstance(call, ast.Attribute) and call.attr in ("command", "group")


def extract(fileobj, keywords, comment_tags, options):
    """Yield (lineno, funcname, message, comments) as Babel expects."""
    tree = ast.parse(fileobj.read().decode(options.get("encoding", "utf-8")))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            n = KEYWORDS.get(name)
            args = [a.value for a in node.args[: n or 0] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if n and len(args) == n:
                yield node.lineno, name, args[0] if n == 1 else tuple(args), []
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else name
            for kw in node.keywords if callee in _CLICK_CALLS else ():
                if kw.arg in ("help", "show_default") and isinstance(kw.value, ast.Constant):
                    if isinstance(kw.value.value, str):
                        yield kw.value.lineno, None, _help(kw.value.value), []
        elif (
            isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        ):
            # An error's hint (``hint = "Run `dj-archive index` first."``), shown under the message.
            if any(isinstance(t, ast.Name) and t.id == "hint" for t in node.targets) and node.value.value:
                yield node.lineno, None, node.value.value, []
        elif isinstance(node, ast.FunctionDef) and any(_is_command_decorator(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield node.body[0].lineno, None, _help(doc), []

"""The package's layers: files → readers → index → search / understand / analysis → draft,
with periods, data, errors and normalize at the bottom. A module imports only from its
own layer or below (checked on the import statements, including those inside functions)."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "dj_archive"

#: module (or package) → modules it must never import, directly or inside a function
FORBIDDEN = {
    "periods": ["*"],
    "errors": ["*"],
    "normalize": ["*"],
    "data": ["*"],
    "segment": ["index", "query", "search", "archive", "understand", "analysis", "draft", "filing", "cli", "web"],
    "index": ["query", "search", "archive", "analysis", "draft", "filing", "cli", "web"],
    "understand": ["archive", "index", "search", "analysis", "draft", "filing", "cli", "web"],
    "analysis": ["draft", "filing", "cli", "web"],
    "draft": ["analysis", "filing", "cli", "web"],
    "filing": ["cli", "web"],
    "pool": ["*"],
    "i18n": ["*"],
    "yamlsafe": ["*"],
}
ALLOWED_FOR_ALL = {"errors", "i18n", "yamlsafe"}  # the bottom modules still raise named errors, in the user's language


def _imports(path: Path) -> set[str]:
    """First component (below dj_archive) of every package module ``path`` imports."""
    package = list(path.relative_to(PKG).parent.parts)  # where a relative import starts
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            targets = [base + node.module.split(".")] if node.module else [base + [a.name] for a in node.names]
            out.update(t[0] for t in targets if t)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dj_archive."):
            out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("dj_archive."))
    return out


def test_no_module_imports_from_a_layer_above_it():
    leaks = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).with_suffix("").parts
        top = rel[0]
        if top not in FORBIDDEN:
            continue
        banned = FORBIDDEN[top]
        for mod in _imports(path) - {top}:
            if ("*" in banned and mod not in ALLOWED_FOR_ALL) or mod in banned:
                leaks.append(f"{'/'.join(rel)} imports {mod}")
    assert leaks == []


def test_the_checker_sees_relative_and_absolute_imports():
    assert "archive" not in _imports(PKG / "understand" / "classify.py")
    assert {"data", "normalize"} <= _imports(PKG / "segment.py")
    assert "pool" in _imports(PKG / "index.py")

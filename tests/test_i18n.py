"""Messages in Chinese: a complete zh_CN catalog kept in step with the code, Chinese CLI
output under a Chinese locale, and output for scripts (JSON, exit codes) that never
depends on the language."""

import gettext
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dj_archive import i18n
from dj_archive.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "dj_archive" / "locale" / "zh_CN" / "LC_MESSAGES" / "dj_archive.po"
MO = PO.with_suffix(".mo")
SCAN = "SH_组织生活类/2023/2023-12-20_离退休干部党支部民主评议党员测评表（扫描件）.pdf"

babel = pytest.importorskip("babel", reason="Babel (a dev dependency) manages the catalogs")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402


def run(*args, lang="zh"):
    return CliRunner().invoke(cli, [str(a) for a in args], env={"DJ_ARCHIVE_LANG": lang}, prog_name="dj-archive")


def po_catalog():
    with PO.open("rb") as fh:
        return read_po(fh)


def test_every_message_in_the_code_is_in_the_catalog():
    """What `make messages` would extract now (babel.cfg: the package's Python and the web
    app's templates) is exactly what the .po holds: a new or changed message fails here
    until `make messages` is run and the entry translated."""
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        found = {
            msg if isinstance(msg, str) else tuple(msg)
            for _, _, msg, _, _ in extract_from_dir(
                str(ROOT), method_map=method_map, options_map=options_map,
                keywords={"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)},
            )
        }  # fmt: skip
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    in_po = {m.id if isinstance(m.id, str) else tuple(m.id) for m in po_catalog() if m.id}
    assert sorted(found - in_po, key=str) == [], "run `make messages` and translate the new entries"
    assert sorted(in_po - found, key=str) == [], "the .po holds messages the code no longer has"
    assert len(found) > 500
    from_templates = {
        msg
        for _, _, msg, _, _ in extract_from_dir(
            str(ROOT / "dj_archive" / "web" / "templates"), method_map=[("**.html", "jinja2")],
            options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
        )
    }  # fmt: skip
    assert {"Search the whole archive", "Re-index now", "Confirm the filing"} <= from_templates


_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{[^{}]*\}")
#: Words that stay as they are in Chinese text: names in files and commands.
_KEEP = {
    "categories",
    "doc_types",
    "units",
    "localhost",
    "scrypt",
    "Ctrl",
    "work",
    "state",
    "plan",
    "rule",
    "breakdown",
    "delta",
    "json",
    "text",
    "table",
    "csv",
    "Word",
    "WPS",
    "LibreOffice",
    "name",
    "code",
    "aliases",
    "orgs",
    "path",
    "fonds_id",
    "fonds_name",
    "zh_CN",
    "sqlite",
    "archive",
    "Office",
    "Excel",
    "WordDocument",
    "zip",
}


def _leftover_english(msgstr: str) -> list[str]:
    text = _PLACEHOLDER.sub(" ", msgstr)
    text = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|<[^>]*>|&\w+;", " ", text)  # commands, quoted examples, markup
    words = []
    for token in re.findall(r"[A-Za-z0-9_.$/*\\-]+", text):
        if re.search(r"[0-9_./$*\\-]", token) or token.isupper() or token in _KEEP:
            continue  # options, file names, codes, environment variables
        words.append(token)
    return [w for w in words if len(w) > 2]


def _fields(text: str) -> set[str]:
    """Names of the placeholders: ``{name!r}`` (Python messages), ``%(name)s`` (templates)."""
    return {(a or b).split("!")[0].split(":")[0] for a, b in re.findall(r"\{([^{}]*)\}|%\((\w+)\)s", text)}


def test_every_message_has_a_chinese_translation():
    missing, english, fields = [], [], []
    for m in po_catalog():
        if not m.id:
            continue
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        if not all(strings):
            missing.append(m.id)
            continue
        for s in strings:
            if _leftover_english(s):
                english.append((m.id, _leftover_english(s)))
            ids = [m.id] if isinstance(m.id, str) else m.id
            wanted = set().union(*(_fields(i) for i in ids))
            used = _fields(s)
            if not used <= wanted:
                fields.append((m.id, used - wanted))
    assert missing == []
    assert english == []
    assert fields == []


def test_the_compiled_catalog_matches_the_po():
    with MO.open("rb") as fh:
        mo = gettext.GNUTranslations(fh)._catalog
    po = {}
    for m in po_catalog():
        if not m.id:
            continue
        if isinstance(m.id, str):
            po[m.id] = m.string
        else:
            po[(m.id[0], 0)] = m.string[0]
    mo.pop("", None)
    assert mo == po, "the .mo is stale: run `make messages`"


def test_language_choice(monkeypatch):
    for var in ("DJ_ARCHIVE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert i18n.language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.language() == "zh_CN"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # LC_ALL wins over LANG, as in gettext
    assert i18n.language() == "en"
    monkeypatch.setenv("DJ_ARCHIVE_LANG", "zh")
    assert i18n.language() == "zh_CN"
    monkeypatch.setenv("DJ_ARCHIVE_LANG", "en")
    monkeypatch.setenv("LC_ALL", "zh_TW.UTF-8")
    assert i18n.language() == "en"


def test_finished_messages_are_translated_through_their_template(monkeypatch):
    monkeypatch.setenv("DJ_ARCHIVE_LANG", "zh")
    msg = "no records of 机关第一党支部 for 2026H1 (2026年上半年) in the archive; its records cover 2019H1 to 2025H1"
    assert (
        i18n.translate(msg)
        == "档案中没有机关第一党支部在 2026H1（2026年上半年）的记录；该支部的记录覆盖 2019H1 至 2025H1"
    )
    assert i18n.translate("something the catalog does not know") == "something the catalog does not know"
    monkeypatch.setenv("DJ_ARCHIVE_LANG", "en")
    assert i18n.translate(msg) == msg


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DJ_ARCHIVE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.pop("DJ_ARCHIVE", None)
    env.pop("DJ_ARCHIVE_DB", None)
    return {**env, **extra}


def test_a_chinese_locale_prints_chinese(small_archive):
    r = subprocess.run(
        [sys.executable, "-m", "dj_archive", "index", "--archive", str(small_archive)],
        capture_output=True, text=True, env=_env(LANG="zh_CN.UTF-8"),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert re.fullmatch(r"共 7 个文件：新建索引 7 个，未变 0 个，移除 0 个，失败 0 个（用时 \d+\.\d 秒）", lines[0])
    assert lines[1:] == [f"  待 OCR：{SCAN}（1 页未识别）"]  # OCR is off in the tests (conftest)
    r = subprocess.run([sys.executable, "-m", "dj_archive", "index", "--archive", str(small_archive)],
                       capture_output=True, text=True, env=_env(LANG="en_US.UTF-8"))  # fmt: skip
    assert r.stdout.startswith("7 documents: 0 indexed, 7 unchanged, 0 removed, 0 failed (")


def test_json_output_is_the_same_in_every_language(small_archive, tmp_path):
    """Scripts read JSON: field names and values (failure reasons included) never change."""
    twin = tmp_path / "twin"
    shutil.copytree(small_archive, twin)
    en = run("index", "--archive", small_archive, "--format", "json", lang="en")
    zh = run("index", "--archive", twin, "--format", "json", lang="zh")
    assert (en.exit_code, zh.exit_code) == (0, 0)
    assert en.stdout == zh.stdout
    doc = json.loads(en.stdout)
    assert doc["needs_ocr"] == [{"path": SCAN, "pages": 1}]
    for args in (["search", "党费", "--format", "json"], ["list", "--format", "json"], ["pii", "--format", "json"],
                 ["search", "党费", "--format", "csv"], ["list", "--format", "csv"]):  # fmt: skip
        en, zh = run(*args, "--archive", small_archive, lang="en"), run(*args, "--archive", small_archive, lang="zh")
        assert (en.exit_code, en.stdout) == (zh.exit_code, zh.stdout), args


def test_chinese_search_table_and_errors(small_archive):
    assert run("index", "--archive", small_archive).exit_code == 0
    r = run("search", "党费收缴", "--archive", small_archive, "--limit", "1")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == "2 个文件符合 '党费收缴'；显示 1 个"
    assert r.stdout.splitlines()[1].split() == ["日期", "类目", "支部", "题名", "摘要", "编号"]

    r = run("search", '"党费', "--archive", small_archive)
    assert (r.exit_code, r.stderr) == (
        1,
        '错误：检索式中的双引号不成对\n请检查引号和括号是否成对，或把整个短语放进英文双引号 "…" 中。\n',
    )

    r = run("show", "没有这个文件", "--archive", small_archive)
    assert (r.exit_code, r.stderr) == (
        1, "错误：没有编号或路径为 '没有这个文件' 的文件\n可用 `dj-archive search` 或 `dj-archive list` 查看文件及其编号。\n"
    )  # fmt: skip

    r = run("search", "党费", "--archive", small_archive / "没有")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"错误：找不到档案目录：{small_archive / '没有'}",
        "请用 --archive 路径 指定档案目录（含 fonds.yml 的文件夹），或设置环境变量 DJ_ARCHIVE。",
    ]


def test_chinese_usage_errors_keep_their_exit_code(tmp_path):
    r = run("draft", "--org", "机关第一党支部", "-o", tmp_path / "x.md")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == "错误：缺少选项 '--period'."
    assert "运行 'dj-archive draft --help' 查看帮助。" in r.stderr
    r = run("draft", "--period", "2025H3", "--org", "机关第一党支部", "-o", tmp_path / "x.md")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == (
        "错误：'--period' 的值无效：'2025H3' 不是有效的期间。期间写作 2025H1（上半年）、2025H2（下半年）或 2025（全年/年度）。"
    )


def test_every_help_text_is_translated(monkeypatch):
    monkeypatch.setenv("DJ_ARCHIVE_LANG", "zh")
    ctx = click.Context(cli, info_name="dj-archive")
    untranslated = [] if i18n._(cli.help) != cli.help else ["dj-archive"]
    for name in cli.list_commands(ctx):
        cmd = cli.get_command(ctx, name)
        texts = [cmd.help] + [p.help for p in cmd.params if isinstance(p, click.Option) and p.help]
        untranslated += [f"{name}: {t[:40]}" for t in texts if t and i18n._(t) == t]
    assert untranslated == []


def test_chinese_help_is_wrapped_for_the_terminal():
    r = run("index", "-h")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "用法: dj-archive index [OPTIONS]"
    assert lines[2:4] == [
        "  为档案建立索引：读取新增和改动的文件，跳过未变的文件，移除已删除的文件。无法读",
        "  取的文件会列出原因；待 OCR 的扫描件和识别置信度低的页面也会列出。",
    ]
    assert "  -h, --help                  显示本帮助并退出。" in lines
    assert run("index", "-h", lang="en").stdout.startswith("Usage: dj-archive index [OPTIONS]\n\n  Index the archive")


#: Calls whose string arguments go through the catalog (or are click help texts, extracted too).
_MARKERS = {"_", "N_", "ngettext", "gettext", "translate"}
#: English text that is not a message to the archivist: SQL, markup, jieba's part-of-speech tags
#: and the .docx description property a draft carries (the draft itself is Chinese).
_NOT_MESSAGES = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|PRAGMA|BEGIN)\b|^\s*<|^c d p u |^dj-archive draft: figures counted"
)
#: Three English words in a row (lower case): reads like a sentence someone would see.
_SENTENCE = re.compile(r"\b[a-z]{2,}(?:[ ,;:]+[a-z]{2,}){2,}\b")
#: Python's own exceptions say a function was called wrongly (a programmer's error, in English);
#: what an archivist can cause is a named error of dj_archive.errors.
_PROGRAMMER_ERRORS = {"ValueError", "TypeError", "RuntimeError", "KeyError", "AssertionError", "NotImplementedError"}


def _unmarked_text(tree):
    """(line, text) of every string literal or f-string in ``tree`` that is not a docstring,
    an assert's or a programmer error's message, a comparison operand, a click help text,
    an error's ``hint`` or inside a marked call."""
    import ast

    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
                skip.add(id(node.body[0].value))
        inside = []
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
            if name in _MARKERS:
                inside += node.args
            inside += [kw.value for kw in node.keywords if kw.arg in ("help", "show_default")]
        elif isinstance(node, ast.Assert) and node.msg:
            inside.append(node.msg)
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            if getattr(node.exc.func, "id", None) in _PROGRAMMER_ERRORS:
                inside.append(node.exc)
        elif isinstance(node, ast.Compare):
            inside += [node.left, *node.comparators]
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "hint" for t in node.targets):
            inside.append(node.value)
        for sub in inside:
            skip.update(id(n) for n in ast.walk(sub))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
            yield node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_user_facing_text_is_marked_for_the_catalog():
    """Every English sentence in the package reaches the catalog: a named error raised with a
    bare string or f-string, a failure reason written as an f-string (a timeout, a damaged
    file, a filing plan's reason) or a warning echoed as is would reach the user in English
    only. Write ``N_("cannot read {path}").format(path=path)`` (library) or ``_("…")`` (CLI)."""
    import ast

    offenders = []
    for path in sorted((ROOT / "dj_archive").rglob("*.py")):
        for line, text in _unmarked_text(ast.parse(path.read_text(encoding="utf-8"))):
            if _SENTENCE.search(text) and not _NOT_MESSAGES.search(text):
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}")
    assert offenders == []


def test_the_cli_prints_no_unmarked_words():
    """In the CLI even one word matters: nothing is echoed, yielded as an output line or
    raised as a usage error from a bare literal with English letters in it."""
    import ast

    shown = {"echo", "secho", "style", "BadParameter", "UsageError", "ClickException", "fail"}
    offenders = []
    for path in sorted((ROOT / "dj_archive" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            args = []
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in shown:
                args = node.args[:1]
            elif isinstance(node, ast.Yield) and node.value is not None:
                args = [node.value]
            for arg in args:
                literal = arg.values if isinstance(arg, ast.JoinedStr) else [arg]
                text = "".join(v.value for v in literal if isinstance(v, ast.Constant) and isinstance(v.value, str))
                if re.search(r"[A-Za-z]{2,}", text):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}")
    assert offenders == []


def test_failure_reasons_of_damaged_files_are_translated(small_archive):
    """Reasons stay English in JSON; each one shown in Chinese matches a catalog template."""
    folder = small_archive / "ZH_综合类" / "2023"
    (folder / "2023-08-01_损坏的报告.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF")
    (folder / "2023-08-02_损坏的表格.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "2023-08-03_损坏的照片.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64)
    (folder / "2023-08-04_损坏的文档.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "2023-08-05_损坏的演示.pptx").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    r = run("index", "--archive", small_archive, "--format", "json")
    failed = json.loads(r.stdout)["failed"]
    assert len(failed) == 5, failed
    untranslated = [f["reason"] for f in failed if i18n.translate(f["reason"], "zh_CN") == f["reason"]]
    assert untranslated == []
    shown = run("index", "--archive", small_archive).stdout
    assert "失败：ZH_综合类/2023/2023-08-01_损坏的报告.pdf：" in shown
    assert "corrupt" not in shown and "damaged" not in shown

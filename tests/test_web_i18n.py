"""The web app's language: its text comes from the same gettext catalog as the CLI, in
the language of each request (DJ_ARCHIVE_LANG, else the browser's Accept-Language, else
the server's locale). A Chinese page shows no English of its own; no page text is
written in Chinese outside the catalog."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from web_helpers import build_archive, client_for, csrf_of

pytest.importorskip("starlette")

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "dj_archive" / "web"
HAN = re.compile(r"[\u4e00-\u9fff]")
LOCALE_VARS = ("DJ_ARCHIVE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def no_preference(monkeypatch):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = build_archive(tmp_path_factory.mktemp("web-i18n") / "档案")
    (root / "ZH_综合类" / "2023" / "2023-09-01_坏文件.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    return root


def _lang(page) -> str:
    return re.search(r'<html lang="([^"]+)"', page.text).group(1)


def test_the_browser_chooses_unless_dj_archive_lang_is_set(archive, no_preference):
    with client_for(archive) as zh, client_for(archive, accept_language="en-US,en;q=0.9,zh;q=0.5") as en:
        page = zh.get("/")
        assert _lang(page) == "zh-CN" and "检索全部档案" in page.text and page.headers["content-language"] == "zh-CN"
        assert "accept-language" in page.headers["vary"].lower()
        page = en.get("/")
        assert _lang(page) == "en" and "Search the whole archive" in page.text and "检索全部档案" not in page.text
        no_preference.setenv("DJ_ARCHIVE_LANG", "en")  # the archivist's choice wins over the browser
        assert _lang(zh.get("/")) == "en"
        no_preference.setenv("DJ_ARCHIVE_LANG", "zh")
        assert _lang(en.get("/")) == "zh-CN"
    with client_for(archive, accept_language="fr-FR,fr;q=0.9") as fr:  # neither: the server's locale
        no_preference.delenv("DJ_ARCHIVE_LANG")
        no_preference.setenv("LANG", "zh_CN.UTF-8")
        assert _lang(fr.get("/")) == "zh-CN"
        no_preference.setenv("LANG", "C.UTF-8")
        assert _lang(fr.get("/")) == "en"


def test_two_browsers_at_once_each_get_their_language(archive, no_preference):
    """The language is per request (a context variable), not a global switch."""
    from concurrent.futures import ThreadPoolExecutor

    with client_for(archive) as zh, client_for(archive, accept_language="en") as en:

        def one(i):
            client, want = (zh, "zh-CN") if i % 2 else (en, "en")
            return _lang(client.get("/", params={"q": "党费"})) == want

        with ThreadPoolExecutor(4) as pool:
            assert all(pool.map(one, range(24)))


def visible_text(page: str) -> str:
    """What a reader sees: text between tags, and placeholders, titles and labels."""
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    attrs = " ".join(re.findall(r'\b(?:placeholder|title|aria-label)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attrs)


#: Words a Chinese page may show as they are: formats, the toolkit's name, query syntax.
_VALUES = {"xlsx", "csv", "docx", "md", "OR", "PDF", "MB", "KB", "OCR", "CSRF", "dj_archive", "dj-archive"}


def english_words(text: str, values: set[str]) -> list[str]:
    """English words left in ``text``, leaving out the archive's values (file names, paths,
    codes, numbers) and ``values``."""
    for v in sorted(values, key=len, reverse=True):
        text = text.replace(v, " ")
    words = []
    for token in re.findall(r"[A-Za-z0-9_.$/\\·:-]+", text):
        token = token.rstrip(".:")  # a word ending a sentence; .txt or ./path stay values
        if token in _VALUES or re.search(r"[0-9_./$\\·-]", token) or token.isupper() or len(token) < 2:
            continue
        words.append(token)
    return words


def _chinese_pages(client, root):
    """Every kind of page a Chinese browser sees, with the values each one shows."""
    from dj_archive import open_archive

    arc = open_archive(root)
    docs = arc.documents()
    values = set(docs["path"]) | set(docs["title"].dropna()) | set(docs["format"]) | {str(root), str(arc.db_path)}
    for f in arc.failures():  # what a reader library said about a damaged file stays as it said it
        values.update(re.findall(r"\((\w+): (.*)\)$", f["reason"])[0] if "(" in f["reason"] else ())
    docx_id = docs[docs["path"].str.endswith(".docx")]["id"].iloc[0]
    urls = [
        "/",
        "/?q=党费",
        "/?q=党费&year=2019&from=2023-01",
        '/?q="党费',
        "/?q=党费&from=去年",
        f"/doc/{docx_id}?q=党费",
        f"/doc/{docx_id}/edit",
        "/browse",
        "/browse/ZH",
        "/browse/ZH/2023",
        "/export",
        "/export/catalog.xlsx?year=1999",
        "/export/draft.docx?org=不存在的支部&period=2023H1",
        "/filing",
        "/status",
        "/no-such-page",
    ]
    for url in urls:
        yield url, client.get(url), values
    token = csrf_of(client.get("/filing").text)
    existing = (root / docs["path"].iloc[0]).read_bytes()
    review = client.post(
        "/filing/upload",
        data={"csrf": token},
        files=[("files", ("旧总结.txt", existing, "text/plain")), ("files", ("视频.mp4", b"\x00", "video/mp4"))],
    )
    yield "/filing/upload", review, values | {"旧总结.txt", "视频.mp4"}


def test_chinese_pages_show_no_english_of_their_own(archive, no_preference):
    with client_for(archive) as client:
        client.post("/status/reindex", data={"csrf": csrf_of(client.get("/status").text)})
        assert client.app.state.web.job.wait(60)
        left = {}
        for url, page, values in _chinese_pages(client, archive):
            assert _lang(page) == "zh-CN", url
            words = english_words(visible_text(page.text), values)
            if words:
                left[url] = words
        assert left == {}, left


def test_english_pages_say_the_same_in_english(archive, no_preference):
    with client_for(archive, accept_language="en-GB,en;q=0.9") as client:
        page = client.get("/", params={"q": "党费"})
        assert re.search(r'<strong id="total">\d+</strong> files in \d+ ms', page.text)
        assert "By relevance" in page.text and ">Category</h3>" in page.text
        assert "Re-index now" in client.get("/status").text
        csv_export = client.get("/search.csv", params={"q": "党史"})
        assert (
            csv_export.content.decode("utf-8-sig").splitlines()[0]
            == "Date,Category,Branch,Document type,Title,Path,Snippet"
        )
        bad = client.get("/export/draft.docx", params={"org": "不存在的支部", "period": "2023H1"})
        assert bad.status_code == 400 and "Cannot draft: unknown branch" in bad.text


def _cjk_literals(path: Path) -> list[str]:
    """Chinese string literals in a module, besides docstrings, column names of the
    catalogue and the named data constants that are the archive's records (LOCAL_USER,
    DEFAULT_USER, DATE_SOURCES' keys)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.Subscript):  # a column of the catalogue: row["档号"]
            skip.add(id(node.slice))
        if isinstance(node, ast.Dict):  # {"档号": ""}: a column again
            skip.update(id(k) for k in node.keys if k is not None)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("get", "cut") and node.args:
            skip.add(id(node.args[0]))  # row.get("页数"); the segmenter warmed up on a word
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) in ("LOCAL_USER", "DEFAULT_USER", "DATE_SOURCES") for t in node.targets
        ):
            skip.update(id(n) for n in ast.walk(node.value))
    return [
        f"{path.name}:{n.lineno}: {n.value[:30]!r}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and HAN.search(n.value) and id(n) not in skip
    ]


def test_no_page_text_is_written_outside_the_catalog():
    """Chinese in a template outside {{ … }} / {% … %}, or in the web app's Python, would be
    Chinese on an English page: page text is English with _() and Chinese in the .po."""
    offenders = []
    for tpl in sorted((WEB / "templates").glob("*.html")):
        # Example queries (<code>主题党日 2023</code>) are values a Chinese archivist types.
        text = re.sub(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<code>.*?</code>", " ", tpl.read_text(encoding="utf-8"))
        offenders += [f"{tpl.name}: {m}" for m in re.findall(r"\S*[\u4e00-\u9fff]\S*", text)]
    for py in sorted(WEB.rglob("*.py")):
        offenders += _cjk_literals(py)
    offenders += [
        f"app.js: {m}"
        for m in re.findall(
            r"[\"'][^\"']*[\u4e00-\u9fff][^\"']*[\"']", (WEB / "static" / "app.js").read_text(encoding="utf-8")
        )
    ]
    assert offenders == [], offenders

"""The web app in a real browser: Playwright drives the system's Chromium (Debian's
`chromium`; no browser is downloaded) against `dj-archive serve`'s app running on a
free loopback port. One server and one browser for the module. Screenshots of every
page go to out/screenshots/ (not committed)."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from pathlib import Path

import pytest
from lab_browser import CHROMIUM_FLAGS, chromium
from web_helpers import build_archive

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = chromium()

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (pip) is not installed")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (Debian: apt-get install chromium)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    """uvicorn serving ``app`` in a thread until stopped."""

    def __init__(self, app, host: str):
        import uvicorn

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host=host, port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        end = time.monotonic() + 20
        while not self.server.started and time.monotonic() < end:
            time.sleep(0.05)
        assert self.server.started, "the web app did not start"
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from dj_archive import open_archive
    from dj_archive.web import create_app

    root = build_archive(tmp_path_factory.mktemp("browser") / "档案")
    arc = open_archive(root)
    arc.index(progress=False)
    with pytest.MonkeyPatch.context() as mp:
        # Pages in the browser's language (its locale sends Accept-Language), not in the
        # DJ_ARCHIVE_LANG=en that `make test` sets for the CLI.
        mp.delenv("DJ_ARCHIVE_LANG", raising=False)
        srv = _Server(create_app(arc, upload_dir=root.parent / "uploads"), "127.0.0.1")
        srv.root = root
        yield srv
        srv.stop()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN", accept_downloads=True)
    pg = ctx.new_page()
    errors = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert errors == []  # no script errors, nothing blocked by the content security policy


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    vp = page.viewport_size
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= vp["height"]


def test_search_facet_open_document_match_is_highlighted_and_visible(server, page):
    page.goto(server.url + "/")
    page.fill("input[name=q]", "党费")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    total = page.locator("#total")
    assert total.inner_text() == "5"
    shot(page, "search")
    page.click("a[data-facet=category]:has-text('组织建设类')")
    page.wait_for_url("**category=ZZ**")
    assert page.locator("#total").inner_text() == "1"
    page.go_back()  # the URL holds the search: back restores it
    page.wait_for_function("document.querySelector('#total') && document.querySelector('#total').innerText === '5'")
    page.go_forward()
    page.wait_for_function("document.querySelector('#total') && document.querySelector('#total').innerText === '1'")
    page.click("ol.hitlist a.title")
    page.wait_for_url("**/doc/**")
    current = page.locator("#content mark.match.current")
    current.wait_for()
    assert current.inner_text() == "党费" and _in_viewport(page, current)
    assert page.locator("#match-count").inner_text() == "4"
    page.click("#next-match")
    page.click("#next-match")
    page.click("#next-match")
    last = page.locator("#content mark.match.current")
    assert page.locator("#match-pos").inner_text() == "4" and _in_viewport(page, last)
    assert "138****5678" in page.inner_text("#content")
    shot(page, "document")
    page.goto(server.url + "/?q=廉政")
    page.click("ol.hitlist a.title:has-text('廉政谈话记录')")
    page.locator("iframe.pdf").wait_for()
    page.wait_for_timeout(500)
    shot(page, "document_pdf")


def test_upload_confirm_then_found_by_search(server, page, tmp_path):
    from builders import write_docx

    loose = write_docx(
        tmp_path / "活动记录终稿(2).docx",
        [
            "离退休干部党支部2024年第2次主题党日活动记录",
            "组织老党员参观廉政教育展馆，开展浏览器测试专用短语交流。",
            "离退休干部党支部",
            "2024年5月16日",
        ],
    )
    page.goto(server.url + "/filing")
    shot(page, "filing")
    page.set_input_files("input[type=file]", str(loose))
    page.click("button:has-text('上传并查看建议')")
    page.locator("#plan").wait_for()
    title = page.locator("#plan input[name^=title]")
    assert "2024年第2次主题党日活动记录" in title.input_value()
    assert page.locator("#plan input[name^=date]").input_value() == "2024-05-16"
    shot(page, "filing_review")
    page.select_option("#plan select[name^=category]", "SH")
    page.click("button:has-text('确认归档')")
    page.locator("#filing-done").wait_for()
    assert (server.root / "SH_组织生活类/2024/2024-05-16_离退休干部党支部2024年第2次主题党日活动记录.docx").exists()
    page.goto(server.url + "/?q=" + "浏览器测试专用短语")
    assert page.locator("#total").inner_text() == "1"
    assert "2024年第2次主题党日活动记录" in page.inner_text("ol.hitlist")


def test_correct_a_title_changes_metadata_csv_and_the_page(server, page):
    page.goto(server.url + "/?q=党史")
    page.click("ol.hitlist a.title")
    page.click("a:has-text('著录')")
    page.locator("#edit-form").wait_for()
    shot(page, "edit")
    page.fill("#edit-form input[name=title]", "离退休干部党支部学习党史心得（修订题名）")
    page.click("#edit-form button:has-text('保存')")
    page.wait_for_url("**/doc/**saved=1")
    assert page.inner_text("#doc-title") == "离退休干部党支部学习党史心得（修订题名）"
    rows = list(csv.DictReader(io.StringIO((server.root / "metadata.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["title"] == "离退休干部党支部学习党史心得（修订题名）"
    assert (server.root / "metadata-changes.csv").exists()


def test_export_the_catalogue(server, page, tmp_path):
    page.goto(server.url + "/export")
    shot(page, "export")
    page.select_option("#catalog-form select[name=year]", "2023")
    with page.expect_download() as dl:
        page.click("#catalog-form button:has-text('下载 .xlsx')")
    download = dl.value
    assert download.suggested_filename == "归档文件目录2023.xlsx"
    path = tmp_path / "catalog.xlsx"
    download.save_as(path)
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    assert ws["B4"].value == "档号" and ws.max_row == 8  # title rows, the header, four documents of 2023


def test_browse_and_status_pages(server, page):
    page.goto(server.url + "/browse")
    assert page.locator("#matrix td.gap").count() > 0
    shot(page, "browse")
    page.click("#shelves a[href='/browse/ZH/2023']")
    page.wait_for_url("**/browse/ZH/2023")
    assert "D077-WS·2023-Y-ZH-0001" in page.inner_text("#items")
    page.goto(server.url + "/status")
    page.click("button:has-text('立即重建索引')")
    page.locator("#reindex-done").wait_for(timeout=60000)
    shot(page, "status")


def test_log_in_on_a_non_loopback_host(server, browser):
    from dj_archive import open_archive
    from dj_archive.web import create_app
    from dj_archive.web.security import hash_password

    app = create_app(
        open_archive(server.root), host="0.0.0.0", password_hash=hash_password("档案室2024"), read_only=True
    )
    srv = _Server(app, "0.0.0.0")  # listens on every address; the test talks to it on 127.0.0.1 only
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
    try:
        pg = ctx.new_page()
        pg.goto(srv.url + "/?q=党费")
        pg.wait_for_url("**/login?next=*")
        shot(pg, "login")
        pg.fill("input[name=password]", "错误密码")
        pg.click("button:has-text('登录')")
        assert "密码不对" in pg.inner_text(".login")
        pg.fill("input[name=name]", "张敏")
        pg.fill("input[name=password]", "档案室2024")
        pg.click("button:has-text('登录')")
        pg.wait_for_url("**/?q=*")
        assert pg.locator("#total").inner_text() == "5"
        assert pg.locator("text=退出登录").is_visible()
    finally:
        ctx.close()
        srv.stop()


def test_an_english_browser_gets_english_pages(server, browser):
    """The same pages for a browser set to English: every label from the catalog's
    English source text; the archive's own values (titles, branches) stay Chinese."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-US")
    try:
        pg = ctx.new_page()
        pg.goto(server.url + "/?q=党费")
        assert pg.locator("#total").inner_text() == "5"
        assert "files in" in pg.inner_text(".summary") and pg.locator("html").get_attribute("lang") == "en"
        shot(pg, "en_search")
        pg.click("ol.hitlist a.title")
        pg.wait_for_url("**/doc/**")
        assert pg.locator("text=Download the original").is_visible()
        shot(pg, "en_document")
        headings = {
            "export": "Export / Draft",
            "filing": "File: put loose files into the archive",
            "status": "Index status",
            "browse": "Browse: category → year → file",
        }
        for name, heading in headings.items():
            pg.goto(f"{server.url}/{name}")
            assert pg.inner_text("h1") == heading
            shot(pg, f"en_{name}")
    finally:
        ctx.close()

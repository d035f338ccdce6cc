"""The web app (`dj-archive serve`) through Starlette's TestClient: every page, the
downloads, the error pages and the safety rules (CSRF, read-only, login, path traversal,
upload limits, PII masking, never overwriting)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from web_helpers import CHINESE_BROWSER, ID_NUMBER, PHONE, build_archive, client_for, csrf_of

pytest.importorskip("starlette")


@pytest.fixture(autouse=True)
def _pages_follow_the_browser(monkeypatch):
    """The pages' language comes from the browser here (the clients ask for Chinese), not
    from DJ_ARCHIVE_LANG, which `make test` sets to en for the CLI's exact English."""
    monkeypatch.delenv("DJ_ARCHIVE_LANG", raising=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One archive and client for the read-only checks of this module."""
    root = build_archive(tmp_path_factory.mktemp("web") / "档案")
    with client_for(root) as client:
        yield client, root


@pytest.fixture
def writable(tmp_path):
    """A fresh archive for tests that file or correct documents."""
    root = build_archive(tmp_path / "档案")
    with client_for(root) as client:
        yield client, root


def _ids(html: str) -> list[str]:
    return re.findall(r'href="/doc/([0-9a-f]{12})', html)


# -- 检索 ----------------------------------------------------------------------------


def test_search_landing_explains_the_syntax(site):
    client, _ = site
    r = client.get("/")
    assert r.status_code == 200
    assert "检索全部档案" in r.text and "OR" in r.text and 'href="/static/htmx.min.js"' not in r.text
    assert '<script src="/static/htmx.min.js"' in r.text  # vendored, no CDN
    assert "http" not in re.sub(r'https?://127\.0\.0\.1[^"]*', "", r.text.split("<body", 1)[0]).replace(
        "http-equiv", ""
    )


def test_search_counts_facets_and_marks_matches(site):
    client, _ = site
    r = client.get("/", params={"q": "党费"})
    assert r.status_code == 200
    total = int(re.search(r'id="total">(\d+)<', r.text).group(1))
    assert total == 5  # the traditional 黨費 minutes are found too
    assert "<mark>黨費</mark>" in r.text and "<mark>党费</mark>" in r.text
    assert re.search(r"用时 \d+ 毫秒", r.text)
    # facets with counts: 类别 综合类 2, 年度 2023 4
    assert re.search(r'data-facet="category">综合类 <span class="n">2</span>', r.text)
    assert re.search(r'data-facet="year">2023 <span class="n">4</span>', r.text)
    # a facet link narrows the result and the URL holds it
    link = re.search(r'href="(/\?[^"]*category=ZH[^"]*)"', r.text).group(1).replace("&amp;", "&")
    narrowed = client.get(link)
    assert int(re.search(r'id="total">(\d+)<', narrowed.text).group(1)) == 2
    assert "类别：ZH ×" in narrowed.text


def test_search_sort_by_date_and_paging(site, monkeypatch):
    client, _ = site
    from dj_archive.web.pages import search as search_page

    monkeypatch.setattr(search_page, "PAGE_SIZE", 2)
    first = client.get("/", params={"q": "党费", "sort": "date"}).text
    second = client.get("/", params={"q": "党费", "sort": "date", "page": 2}).text
    dates = re.findall(r'<div class="meta">(\d{4}-\d\d-\d\d)', first) + re.findall(
        r'<div class="meta">(\d{4}-\d\d-\d\d)', second
    )
    assert dates == sorted(dates, reverse=True) and len(dates) == 4
    assert "第 1 / 3 页" in first and 'rel="next"' in first and "第 2 / 3 页" in second and 'rel="prev"' in second
    assert not set(_ids(first)) & set(_ids(second))


def test_search_date_range_and_empty_result_says_what_to_try(site):
    client, _ = site
    r = client.get("/", params={"q": "党费", "from": "2023-03", "to": "2023-06-30"})
    assert int(re.search(r'id="total">(\d+)<', r.text).group(1)) == 2
    empty = client.get("/", params={"q": "党费", "year": "2019"})
    assert "没有找到含“党费”的文件" in empty.text and "去掉“年度：2019”" in empty.text


def test_search_bad_query_and_bad_date_are_explained(site):
    client, _ = site
    r = client.get("/", params={"q": '"党费'})
    assert r.status_code == 200 and "无法检索" in r.text
    r = client.get("/", params={"q": "党费", "from": "去年"})
    assert "无法检索" in r.text and "&#39;去年&#39; 不是日期" in r.text  # the library's message, in Chinese


def test_search_htmx_request_gets_the_results_fragment(site):
    client, _ = site
    r = client.get("/", params={"q": "党费"}, headers={"HX-Request": "true", "HX-Target": "results"})
    assert r.text.lstrip().startswith('<section id="results">') and "<header" not in r.text


def test_search_export_csv_and_xlsx(site):
    client, _ = site
    r = client.get("/search.csv", params={"q": "党史"})
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == ["日期", "类别", "支部", "文种", "题名", "路径", "摘要"]
    assert len(rows) == 2 and rows[1][4] == "离退休干部党支部学习党史心得"
    x = client.get("/search.xlsx", params={"q": "党费"})
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(x.content)).active
    assert ws.max_row == 6 and ws["E1"].value == "题名"
    assert client.get("/search.pdf", params={"q": "党费"}).status_code == 404
    assert client.get("/search.csv").status_code == 400


def test_search_snippets_mask_personal_numbers(site):
    client, _ = site
    r = client.get("/", params={"q": "王晓明"})
    assert PHONE not in r.text and "138****5678" in r.text


# -- 文档 ----------------------------------------------------------------------------


def _doc_id(client, q, title_part):
    r = client.get("/", params={"q": q})
    m = re.search(r'href="/doc/([0-9a-f]{12})\?q=[^"]*">([^<]*)</a>', r.text)
    for doc, title in re.findall(r'href="/doc/([0-9a-f]{12})\?q=[^"]*">([^<]*)</a>', r.text):
        if title_part in title:
            return doc
    raise AssertionError(f"{title_part} not in results of {q}: {m}")


def test_document_docx_rendered_with_matches_marked_and_pii_masked(site):
    client, _ = site
    doc = _doc_id(client, "党费", "第一季度")
    r = client.get(f"/doc/{doc}", params={"q": "党费"})
    assert r.status_code == 200
    content = r.text.split('id="content">', 1)[1].split("</article>", 1)[0]
    assert content.count('<mark class="match">党费</mark>') == 4  # title line, 2 in the text, 1 in the table
    assert "<table>" in content  # mammoth kept the table
    assert ID_NUMBER not in r.text and PHONE not in r.text and "138****5678" in content
    assert "D077-WS·2023-D30-ZZ-0001" in r.text  # 档号
    assert 'id="next-match"' in r.text and "下载原件" in r.text
    revealed = client.get(f"/doc/{doc}", params={"q": "党费", "reveal": "1"})
    assert ID_NUMBER in revealed.text and PHONE in revealed.text and "遮盖个人信息" in revealed.text


def test_document_text_keeps_line_breaks_and_folds_traditional(site):
    client, _ = site
    doc = _doc_id(client, "党费", "第1次支委会")
    r = client.get(f"/doc/{doc}", params={"q": "党费"})
    content = r.text.split('id="content">', 1)[1].split("</div>", 1)[0]
    assert '<mark class="match">黨費</mark>' in content and "\n第二行" in content
    assert 'class="content text"' in r.text
    # documents of the same branch and period
    assert "同支部同期间的文件" in r.text


def test_document_pdf_inline_and_download(site):
    client, root = site
    doc = _doc_id(client, "廉政", "廉政谈话")
    r = client.get(f"/doc/{doc}", params={"q": "党费"})
    raw = re.search(r'<iframe class="pdf" src="([^"]+)"', r.text).group(1)
    pdf = client.get(raw)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("inline")
    original = root / "LZ_党风廉政类/2023/2023-05-10_离退休干部党支部2023年廉政谈话记录.pdf"
    assert pdf.content == original.read_bytes()
    assert '<mark class="match">党费</mark>' in r.text  # the text layer, marked


@pytest.mark.parametrize(
    "url",
    [
        "/raw/../fonds.yml",
        "/raw/%2e%2e/%2e%2e/etc/passwd",
        "/raw/..%2f..%2fetc%2fpasswd",
        "/raw/ZH_综合类/../../档案/fonds.yml",
        "/raw//etc/passwd",
        "/raw/%2Fetc%2Fpasswd",
        "/raw/fonds.yml",  # in the archive, but not a document
        "/raw/.dj_archive/index.sqlite",
        "/raw/ZH_综合类/2023/no-such-file.txt",
        "/doc/000000000000",
        "/doc/..%2f..%2fetc%2fpasswd",
        "/browse/NOPE",
        "/no-such-page",
    ],
)
def test_paths_outside_the_archive_or_unknown_are_404(site, url):
    client, _ = site
    r = client.get(url)
    assert r.status_code == 404, url
    assert "找不到" in r.text and "root:" not in r.text


def test_raw_serves_an_indexed_original_by_its_path(site):
    client, root = site
    rel = "ZH_综合类/2022/2022-12-28_机关第一党支部2022年度党建工作总结.txt"
    r = client.get("/raw/" + rel)
    assert r.status_code == 200 and r.content == (root / rel).read_bytes()
    assert r.headers["content-disposition"].startswith("attachment")


# -- 浏览 ----------------------------------------------------------------------------


def test_browse_shelves_and_completeness_matrix(site):
    client, _ = site
    r = client.get("/browse")
    assert r.status_code == 200
    assert re.search(r'<a href="/browse/ZH/2023">1</a>', r.text)
    assert 'id="matrix"' in r.text and 'class="gap"' in r.text  # 离退休干部党支部 filed no 综合类
    shelf = client.get("/browse/ZH/2023")
    assert "D077-WS·2023-Y-ZH-0001" in shelf.text and "2023年上半年党建工作总结" in shelf.text
    years = client.get("/browse/ZH")
    assert "2023 年度" in years.text and "2022 年度" in years.text


def test_a_shelf_lists_its_documents_in_catalogue_order(tmp_path):
    """Y before D10 (the taxonomy's 保管期限 order), as in the catalogue; as text D10 sorts first."""
    root = build_archive(tmp_path / "档案")
    notice = root / "ZH_综合类/2023/2023-01-05_机关第一党支部关于调整集中学习时间的通知.txt"
    notice.write_text("各位党员：本月集中学习改在周四下午进行，请相互转告。", encoding="utf-8")
    # a kind of document the taxonomy has no 文种 for: its cell is blank, not "nan"
    (notice.parent / "2023-12-22_机关第一党支部2023年大事记.txt").write_text("1月，支部换届。", encoding="utf-8")
    with client_for(root) as client:
        shelf = client.get("/browse/ZH/2023").text
        rows = list(csv.DictReader(io.StringIO(client.get("/export/catalog.csv").text.lstrip("\ufeff"))))
    expected = [r["档号"] for r in rows if r["档号"].startswith("D077-WS·2023-") and r["category"] == "ZH"]
    assert [n.split("-")[2] for n in expected] == ["Y", "D30", "D10"]
    assert re.findall(r"D077-WS·2023-[A-Z0-9]+-ZH-\d{4}", shelf) == expected
    assert "<td>nan</td>" not in shelf


# -- 导出 / 起草 -----------------------------------------------------------------------


def test_export_catalogue_xlsx_and_csv(site):
    client, _ = site
    assert "归档文件目录" in client.get("/export").text
    r = client.get("/export/catalog.xlsx", params={"year": "2023"})
    assert r.status_code == 200 and "filename*=UTF-8''%E5%BD%92%E6%A1%A3" in r.headers["content-disposition"]
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(r.content)).active
    values = [c.value for c in ws["B"]][4:]  # below the three title rows and the header
    assert "D077-WS·2023-Y-ZH-0001" in values and all("·2023-" in v for v in values if v)
    c = client.get("/export/catalog.csv", params={"year": "2021"})
    assert "D077-WS·2021" in c.content.decode("utf-8-sig")
    assert client.get("/export/catalog.xlsx", params={"year": "1999"}).status_code == 400
    assert client.get("/export/catalog.exe").status_code == 404


def test_export_draft_docx_and_its_errors(site):
    client, _ = site
    r = client.get("/export/draft.docx", params={"org": "机关第一党支部", "period": "2023H1"})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "机关第一党支部2023年上半年党建工作总结" in text
    bad = client.get("/export/draft.docx", params={"org": "不存在的支部", "period": "2023H1"})
    assert bad.status_code == 400 and "无法起草" in bad.text
    assert client.get("/export/draft.docx", params={"org": "机关第一党支部", "period": "去年"}).status_code == 400


# -- 状态 ----------------------------------------------------------------------------


def test_status_shows_counts_failures_and_reindexes_in_background(writable):
    client, root = writable
    (root / "ZH_综合类/2023/2023-09-01_坏文件.pdf").write_bytes(b"not a pdf")
    r = client.get("/status")
    assert r.status_code == 200 and re.search(r'id="doc-count">6<', r.text)
    token = csrf_of(r.text)
    assert client.post("/status/reindex", data={}).status_code == 403  # no CSRF token
    done = client.post("/status/reindex", data={"csrf": token}, follow_redirects=False)
    assert done.status_code == 303
    assert client.app.state.web.job.wait(60)
    page = client.get("/status").text
    assert "坏文件.pdf" in page and 'id="reindex-done"' in page and "失败 1" in page


def test_searches_keep_working_while_the_index_is_rebuilt(writable):
    client, root = writable
    for i in range(40):
        (root / f"SH_组织生活类/2024/2024-03-{i % 28 + 1:02d}_支委会记录{i}.txt").parent.mkdir(
            parents=True, exist_ok=True
        )
        (root / f"SH_组织生活类/2024/2024-03-{i % 28 + 1:02d}_支委会记录{i}.txt").write_text(
            f"第{i}次支委会，研究党费收缴。\n" * 50, encoding="utf-8"
        )
    job = client.app.state.web.job
    assert job.start()
    codes = []
    while job.running:
        codes.append(client.get("/", params={"q": "党费"}).status_code)
    assert job.wait(60) and job.error is None
    assert codes and set(codes) == {200}
    r = client.get("/", params={"q": "党费"})
    assert int(re.search(r'id="total">(\d+)<', r.text).group(1)) == 45


# -- 著录 ----------------------------------------------------------------------------


def test_correcting_a_title_writes_metadata_csv_and_the_change_log(writable):
    client, root = writable
    doc = _doc_id(client, "主题党日", "2022年度")
    form = client.get(f"/doc/{doc}/edit")
    assert form.status_code == 200 and 'name="title"' in form.text
    token = csrf_of(form.text)
    assert client.post(f"/doc/{doc}/edit", data={"title": "改过的题名"}).status_code == 403  # no CSRF
    assert not (root / "metadata.csv").exists()
    r = client.post(
        f"/doc/{doc}/edit",
        data={"csrf": token, "title": "机关第一党支部2022年度党建工作总结（修订）", "org": "机关第一党支部"},
    )
    assert r.status_code == 200 and "2022年度党建工作总结（修订）" in r.text
    rows = list(csv.DictReader(io.StringIO((root / "metadata.csv").read_text(encoding="utf-8-sig"))))
    assert rows == [
        {
            "path": "ZH_综合类/2022/2022-12-28_机关第一党支部2022年度党建工作总结.txt",
            "title": "机关第一党支部2022年度党建工作总结（修订）",
            "date": "",
            "period": "",
            "category": "",
            "doc_type": "",
            "org": "",
            "retention": "",
        }
    ]
    log = list(csv.DictReader(io.StringIO((root / "metadata-changes.csv").read_text(encoding="utf-8-sig"))))
    assert [(x["field"], x["old"], x["new"]) for x in log] == [
        ("title", "机关第一党支部2022年度党建工作总结", "机关第一党支部2022年度党建工作总结（修订）")
    ]
    assert log[0]["who"].startswith("本机用户")
    # the CLI's library sees it too, and search finds the new title
    from dj_archive import open_archive

    assert open_archive(root).get(doc)["title"].endswith("（修订）")
    assert "（修订）" in client.get("/", params={"q": "主题党日"}).text
    # a bad date is refused and the sheet is left as it was
    before = (root / "metadata.csv").read_bytes()
    bad = client.post(f"/doc/{doc}/edit", data={"csrf": token, "date": "去年"})
    assert bad.status_code == 400 and "未保存" in bad.text
    assert (root / "metadata.csv").read_bytes() == before


def test_a_repeated_search_page_is_not_searched_again_until_the_index_changes(writable, monkeypatch):
    client, root = writable
    client.get("/", params={"q": "党课"})  # the first read creates the index's (empty) WAL file
    arc = client.app.state.web.archive
    calls = []
    real = arc.search
    monkeypatch.setattr(arc, "search", lambda *a, **k: calls.append(a) or real(*a, **k))
    first = client.get("/", params={"q": "党费", "page": 1})
    again = client.get("/", params={"q": "党费", "page": 1})
    assert len(calls) == 1 and _ids(first.text) == _ids(again.text) and _ids(first.text)
    client.get("/", params={"q": "党费", "sort": "date"})  # another sort is another page
    assert len(calls) == 2
    # a new document in the index: the same page is searched again and shows it
    (root / "ZH_综合类" / "2024").mkdir(parents=True, exist_ok=True)
    (root / "ZH_综合类" / "2024" / "2024-01-05_党费收缴情况通报.txt").write_text(
        "党费收缴情况通报：按时足额。", encoding="utf-8"
    )
    arc.index(progress=False)
    fresh = client.get("/", params={"q": "党费", "page": 1})
    assert len(calls) == 3 and "党费收缴情况通报" in fresh.text


# -- 归档 ----------------------------------------------------------------------------


def _upload(client, files, **extra):
    token = csrf_of(client.get("/filing").text)
    return client.post("/filing/upload", data={"csrf": token, **extra}, files=[("files", f) for f in files]), token


def test_filing_upload_review_confirm_then_found_by_search(writable, tmp_path):
    client, root = writable
    from builders import docx_bytes

    new = docx_bytes(
        [
            "机关第一党支部2024年第3次主题党日活动记录",
            "组织党员参观红色教育基地，重温入党誓词。",
            "机关第一党支部",
            "2024年6月28日",
        ]
    )
    existing = (root / "ZH_综合类/2022/2022-12-28_机关第一党支部2022年度党建工作总结.txt").read_bytes()
    r, token = _upload(
        client,
        [
            ("活动记录终稿(2).docx", new, "application/octet-stream"),
            ("旧总结.txt", existing, "text/plain"),
            ("视频.mp4", b"\x00\x00", "video/mp4"),
        ],
    )
    assert r.status_code == 200
    assert "重复（已在档案中）" in r.text and "视频.mp4" in r.text and "未接收" in r.text
    # duplicates are listed first, before anything is written
    assert r.text.index('data-status="duplicate"') < r.text.index('data-status="planned"')
    batch = re.search(r'name="batch" value="([^"]+)"', r.text).group(1)
    i = re.search(r'name="title(\d+)" value="([^"]*)"', r.text)
    assert "2024年第3次主题党日活动记录" in i.group(2)
    n = i.group(1)
    assert re.search(rf'name="date{n}" value="2024-06-28"', r.text)
    before = sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and ".dj_archive" not in p.parts)
    assert client.post("/filing/confirm", data={"batch": batch, f"take{n}": "1"}).status_code == 403  # no CSRF
    assert (
        sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and ".dj_archive" not in p.parts) == before
    )
    done = client.post(
        "/filing/confirm",
        data={
            "csrf": token,
            "batch": batch,
            f"take{n}": "1",
            f"title{n}": "机关第一党支部2024年第3次主题党日活动记录",
            f"date{n}": "2024-06-28",
            f"category{n}": "SH",
            f"org{n}": "机关第一党支部",
        },
    )
    assert done.status_code == 200 and 'id="filing-done"' in done.text and "已归档 1 件" in done.text
    target = root / "SH_组织生活类/2024/2024-06-28_机关第一党支部2024年第3次主题党日活动记录.docx"
    assert target.read_bytes() == new
    found = client.get("/", params={"q": "红色教育基地"})
    assert "2024年第3次主题党日活动记录" in found.text
    # the same upload again: now a duplicate, nothing written
    again, _ = _upload(client, [("活动记录终稿(2).docx", new, "application/octet-stream")])
    assert "重复（已在档案中）" in again.text and "确认归档</button>" not in again.text


def test_filing_name_clash_is_shown_and_never_overwrites(writable):
    client, root = writable
    from builders import docx_bytes

    first = docx_bytes(["机关第一党支部2024年党费收缴情况", "第一份。", "2024年3月1日"])
    second = docx_bytes(["机关第一党支部2024年党费收缴情况", "另一份，内容不同。", "2024年3月1日"])
    for content in (first, second):
        r, token = _upload(client, [("党费.docx", content, "application/octet-stream")])
        batch = re.search(r'name="batch" value="([^"]+)"', r.text).group(1)
        if content is second:
            assert "同名文件已存在" in r.text
        client.post("/filing/confirm", data={"csrf": token, "batch": batch, "take0": "1"})
    filed = sorted((root / "ZZ_组织建设类/2024").glob("2024-03-01_*"))
    assert [p.read_bytes() for p in filed] == [first, second]
    assert filed[1].stem.endswith("_2")


def test_filing_refuses_oversized_uploads(tmp_path, monkeypatch):
    from dj_archive.web.pages import filing

    root = build_archive(tmp_path / "档案")
    with client_for(root, max_upload_mb=1) as client:
        big = b"x" * (1024 * 1024 + 10)
        r, _ = _upload(client, [("大文件.txt", big, "text/plain")])
        assert r.status_code == 200 and "超过 1 MB" in r.text
        monkeypatch.setattr(filing, "MAX_FILES", 1)  # the whole request may hold 1 × 1 MB
        token = csrf_of(client.get("/filing").text)
        huge = client.post(
            "/filing/upload",
            data={"csrf": token},
            files=[("files", ("a.txt", b"x" * (1024 * 1024 + 4096), "text/plain"))],
        )
        assert huge.status_code == 413 and "一次上传太大" in huge.text
    assert not list((root / "ZH_综合类").rglob("*大文件*"))


# -- modes and login --------------------------------------------------------------------


def test_read_only_hides_and_refuses_writes(tmp_path):
    root = build_archive(tmp_path / "档案")
    with client_for(root, read_only=True) as client:
        home = client.get("/")
        assert "只读" in home.text and 'href="/filing"' not in home.text
        doc = _doc_id(client, "党费", "第一季度")
        assert "著录" not in client.get(f"/doc/{doc}").text
        token = csrf_of(home.text)
        assert client.get("/filing").status_code == 403
        assert client.get(f"/doc/{doc}/edit").status_code == 403
        assert client.post(f"/doc/{doc}/edit", data={"csrf": token, "title": "x"}).status_code == 403
        assert client.post("/status/reindex", data={"csrf": token}).status_code == 403
        assert "立即重建索引" not in client.get("/status").text
    assert not (root / "metadata.csv").exists()


def test_non_loopback_needs_a_password_and_a_login(tmp_path):
    from starlette.testclient import TestClient

    from dj_archive import open_archive
    from dj_archive.errors import ConfigError
    from dj_archive.web import create_app
    from dj_archive.web.security import hash_password

    root = build_archive(tmp_path / "档案")
    arc = open_archive(root)
    arc.index(progress=False)
    with pytest.raises(ConfigError, match="needs a password"):
        create_app(arc, host="0.0.0.0")
    app = create_app(arc, host="0.0.0.0", password_hash=hash_password("正确的密码"))
    with TestClient(app, base_url="http://192.0.2.10:8765", headers={"Accept-Language": CHINESE_BROWSER}) as client:
        r = client.get("/?q=党费", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
        assert client.get("/raw/fonds.yml", follow_redirects=False).status_code == 303
        login = client.get(r.headers["location"])
        token = csrf_of(login.text)
        wrong = client.post(
            "/login", data={"csrf": token, "password": "错的", "next": "/?q=党费"}, follow_redirects=False
        )
        assert wrong.status_code == 401 and "密码不对" in wrong.text
        assert client.post("/login", data={"password": "正确的密码"}).status_code == 403  # no CSRF
        ok = client.post(
            "/login",
            data={"csrf": token, "password": "正确的密码", "name": "张敏", "next": "//evil.example/"},
            follow_redirects=False,
        )
        assert ok.status_code == 303 and ok.headers["location"] == "/"
        assert client.get("/", params={"q": "党费"}).status_code == 200
        page = client.get("/")
        client.post("/logout", data={"csrf": csrf_of(page.text)})
        assert client.get("/", follow_redirects=False).status_code == 303


def test_loopback_refuses_other_host_headers(site):
    client, _ = site
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200


def test_password_file_and_environment(tmp_path):
    from dj_archive.errors import ConfigError
    from dj_archive.web.security import load_password_hash, verify_password

    f = tmp_path / "pw.txt"
    f.write_text("档案室密码\n", encoding="utf-8")
    h = load_password_hash(f, environ={})
    assert h.startswith("scrypt$") and verify_password("档案室密码", h) and "档案室密码" not in h
    assert load_password_hash(None, environ={"DJ_ARCHIVE_PASSWORD": h}) == h
    assert load_password_hash(None, environ={}) is None
    f.write_text("\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="empty password"):
        load_password_hash(f, environ={})


def test_cli_serve_refuses_an_open_host_without_password(tmp_path):
    from click.testing import CliRunner

    from dj_archive.cli import cli

    root = build_archive(tmp_path / "档案")
    env = {"DJ_ARCHIVE_PASSWORD": "", "DJ_ARCHIVE_LANG": "en"}
    r = CliRunner().invoke(cli, ["serve", "--archive", str(root), "--host", "0.0.0.0"], env=env)
    assert r.exit_code == 1 and "needs a password" in r.output
    assert "--read-only" in CliRunner().invoke(cli, ["serve", "--help"], env=env).output


# -- the library functions the pages use ------------------------------------------------


def test_search_facets_count_every_match_and_date_sort(site):
    _, root = site
    from dj_archive import open_archive

    arc = open_archive(root)
    res = arc.search("党费", facets=True, limit=2)
    every = arc.search("党费", limit=None)
    assert res.total == every.total == 5 and len(res.hits) == 2
    docs = arc.documents()
    hit_docs = docs[docs["id"].isin({h["id"] for h in every.hits})]
    assert res.facets["category"] == hit_docs["category"].value_counts().to_dict()
    assert res.facets["year"] == {2023: 4, 2022: 1}
    by_date = arc.search("党费", sort="date", limit=None)
    dates = [h["date"] for h in by_date.hits]
    assert dates == sorted(dates, reverse=True)
    assert arc.search("党费").facets is None
    from dj_archive.errors import QuerySyntaxError

    with pytest.raises(QuerySyntaxError, match="sort"):
        arc.search("党费", sort="size")


def test_corrections_keep_other_rows_and_columns_and_log_removals(tmp_path):
    from dj_archive.corrections import INFERRED, correct_metadata, read_change_log
    from dj_archive.errors import ConfigError

    root = tmp_path
    (root / "metadata.csv").write_text("path,title,note\n其他/a.txt,别的题名,档案员备注\n", encoding="utf-8-sig")
    changes = correct_metadata(
        root,
        "ZH_综合类/2023/b.txt",
        {"date": "2023年7月5日", "org": ""},
        {"date": "2023-07-01", "org": None},
        who="张敏",
    )
    assert changes == [{"field": "date", "old": "2023-07-01", "new": "2023年7月5日"}]
    lines = (root / "metadata.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("path,title,note,") and lines[1] == "其他/a.txt,别的题名,档案员备注,,,,,,"
    assert correct_metadata(root, "ZH_综合类/2023/b.txt", {"date": "2023-07-05"}, {"date": "2023-07-05"}) == []
    removed = correct_metadata(root, "ZH_综合类/2023/b.txt", {"date": ""}, {"date": "2023-07-05"}, who="张敏")
    assert removed == [{"field": "date", "old": "2023年7月5日", "new": INFERRED}]
    assert [r["new"] for r in read_change_log(root, "ZH_综合类/2023/b.txt")] == ["2023年7月5日", INFERRED]
    before = (root / "metadata.csv").read_bytes()
    with pytest.raises(ConfigError, match="not saved"):
        correct_metadata(root, "ZH_综合类/2023/b.txt", {"date": "明天"}, {})
    with pytest.raises(ConfigError, match="cannot correct"):
        correct_metadata(root, "ZH_综合类/2023/b.txt", {"sha256": "x"}, {})
    assert (root / "metadata.csv").read_bytes() == before
    assert not list(root.glob(".metadata-*"))  # no temporary file left behind


def test_revise_plan_renames_under_the_convention(writable, tmp_path):
    _, root = writable
    from dj_archive import open_archive
    from dj_archive.errors import ConfigError, UnknownOrg
    from dj_archive.filing import file_plans, plan_filing, revise_plan

    src = tmp_path / "loose.txt"
    src.write_text("机关第一党支部2024年组织生活会记录\n会议内容。\n2024年2月1日\n", encoding="utf-8")
    arc = open_archive(root)
    plan = plan_filing(arc, [src])[0]
    revise_plan(arc, plan, title="组织生活会记录（修订）", date="2024/3/5", category="SH", org="一支部")
    assert plan.target == "SH_组织生活类/2024/2024-03-05_组织生活会记录（修订）.txt"
    assert plan.org == "机关第一党支部" and plan.date_source == "人工著录"
    with pytest.raises(ConfigError):
        revise_plan(arc, plan, category="NOPE")
    with pytest.raises(UnknownOrg):
        revise_plan(arc, plan, org="不存在的支部")
    report = file_plans(arc, [plan])
    assert plan.status == "filed" and report.indexed == 1
    assert (root / plan.target).read_bytes() == src.read_bytes()


def test_document_markup_cannot_run_scripts_and_pages_send_a_policy(writable):
    client, root = writable
    import zipfile

    from builders import docx_bytes

    data = docx_bytes(["带链接的文件", "党费"])
    # A hyperlink to javascript: inside the .docx, as a hostile file could carry.
    src = io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "word/document.xml":
                body = body.replace(
                    b"<w:t>\xe5\x85\x9a\xe8\xb4\xb9</w:t>",
                    b'<w:hyperlink r:id="rIdX"><w:r><w:t>\xe7\x82\xb9\xe6\x88\x91</w:t></w:r></w:hyperlink><w:t>\xe5\x85\x9a\xe8\xb4\xb9</w:t>',
                )
            if item.filename == "word/_rels/document.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/></Relationships>',
                )
            zout.writestr(item, body)
    target = root / "ZH_综合类/2023/2023-08-01_带链接的文件.docx"
    target.write_bytes(out.getvalue())
    client.app.state.web.archive.index(progress=False)
    doc = _doc_id(client, "带链接", "带链接")
    r = client.get(f"/doc/{doc}", params={"q": "党费"})
    assert "javascript:" not in r.text and "点我" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_an_archive_not_indexed_yet_says_how_to_index_it(tmp_path):
    from starlette.testclient import TestClient

    from dj_archive import open_archive
    from dj_archive.web import create_app

    root = build_archive(tmp_path / "档案")
    app = create_app(open_archive(root), upload_dir=tmp_path / "up")
    with TestClient(app, base_url="http://127.0.0.1", headers={"Accept-Language": CHINESE_BROWSER}) as client:
        r = client.get("/", params={"q": "党费"})
        assert "无法检索" in r.text and "立即重建索引" in r.text
        assert client.get("/browse").status_code == 400
        status = client.get("/status")
        assert status.status_code == 200 and "立即重建索引" in status.text
        client.post("/status/reindex", data={"csrf": csrf_of(status.text)})
        assert client.app.state.web.job.wait(60)
        assert int(re.search(r'id="total">(\d+)<', client.get("/", params={"q": "党费"}).text).group(1)) == 5

"""The fourteen holes an outside probe found (issue 15), one test or more per hole,
numbered as in the issue: originals are never written, and one bad file never stops
or starves a run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import tree_fingerprint
from test_draft_archive import ORG

from dj_archive.cli import cli
from dj_archive.errors import OutputInsideArchive, OutputNotWritable
from dj_archive.outfile import write_output

SUMMARY = "ZH_综合类/2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.docx"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


# --- 1. originals are never written ---------------------------------------------------


def test_01_draft_and_catalog_refuse_any_path_inside_the_archive(draft_archive, tmp_path):
    root, _ = draft_archive
    before = tree_fingerprint(root)
    outside = tmp_path / "link-into-archive"
    outside.symlink_to(root / "ZH_综合类")
    targets = [
        ("draft", root / SUMMARY),  # an archived summary
        ("draft", root / "ZH_综合类/2023/新草稿.md"),  # a new file inside is refused too
        ("draft", outside / "2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.docx"),  # through a symlink
        ("draft", tmp_path / ".." / tmp_path.name / "link-into-archive" / "x.md"),
        ("catalog", root / "metadata.csv"),
        ("catalog", root / "ZH_综合类/目录.xlsx"),
    ]
    for cmd, target in targets:
        args = ["--period", "2025H1", "--org", ORG] if cmd == "draft" else []
        r = run(cmd, *args, "-o", target, "--archive", root)
        assert r.exit_code == 1, (target, r.output)
        assert "is inside the archive folder" in r.stderr and "originals are never written" in r.stderr
        assert "Write it outside the archive folder" in r.stderr
    assert tree_fingerprint(root) == before
    assert not (root / "metadata.csv").exists()
    # and the same output outside the archive works
    r = run("catalog", "-o", tmp_path / "目录.csv", "--archive", root)
    assert r.exit_code == 0, r.output


def test_01_library_save_refuses_too(draft_archive, tmp_path):
    from dj_archive.catalog import catalog, write_catalog
    from dj_archive.draft import draft

    root, arc = draft_archive
    before = tree_fingerprint(root)
    d = draft(arc, "2025H1", ORG, date="2025-07-05")
    with pytest.raises(OutputInsideArchive):
        d.save(root / SUMMARY)
    with pytest.raises(OutputInsideArchive):
        write_catalog(catalog(arc), root / "metadata.csv")
    assert tree_fingerprint(root) == before


def test_01_output_is_atomic_a_failed_write_leaves_the_old_file(tmp_path):
    out = tmp_path / "目录.csv"
    out.write_text("old content", encoding="utf-8")

    def half_then_fail(p: Path):
        p.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputNotWritable, match="No space left on device"):
        write_output(out, half_then_fail)
    assert out.read_text(encoding="utf-8") == "old content"
    assert sorted(os.listdir(tmp_path)) == ["目录.csv"]  # no temporary file left behind


def test_01_disk_full_during_catalog_keeps_the_old_xlsx(draft_archive, tmp_path):
    """A real short write: the file size limit (RLIMIT_FSIZE) stands in for a full disk."""
    root, _ = draft_archive
    out = tmp_path / "目录.xlsx"
    out.write_bytes(b"the previous catalogue")
    code = (
        "import resource, signal, sys\n"
        "from dj_archive import open_archive\n"
        "from dj_archive.catalog import catalog, write_catalog\n"
        "from dj_archive.errors import OutputNotWritable\n"
        f"df = catalog(open_archive({str(root)!r}))\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))\n"
        "try:\n"
        f"    write_catalog(df, {str(out)!r})\n"
        "except OutputNotWritable as exc:\n"
        "    sys.exit(str(exc))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    assert r.stderr.endswith(f"cannot write {out}: File too large\n")  # (openpyxl adds a warning)
    assert out.read_bytes() == b"the previous catalogue"
    assert sorted(os.listdir(tmp_path)) == ["目录.xlsx"]


# --- 2. file names that are not valid UTF-8 -----------------------------------------


def test_02_names_that_are_not_utf8_are_indexed_and_shown_readably(small_archive):
    root = small_archive
    folder = os.fsencode(root / "SH_组织生活类" / "2023")
    gbk = folder + b"/" + "2023-03-01_支委会会议记录（旧电脑）.txt".encode("gbk")
    latin = folder + b"/" + b"2023-03-02_caf\xe9-\xff.txt"
    twin = folder + b"/" + b"2023-03-02_caf\xe8-\xfe.txt"  # reads the same as the one above
    for raw, text in ((gbk, "旧电脑拷来的会议记录"), (latin, "另一份拉丁文件名的记录"), (twin, "第三份记录")):
        with open(raw, "wb") as fh:
            fh.write(text.encode("utf-8"))
    before = tree_fingerprint(root)
    r = run("index", "--archive", root, "--format", "json")
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    r = run("list", "--archive", root, "--format", "json")
    import json

    paths = {d["path"]: d["title"] for d in json.loads(r.stdout)["documents"]}
    assert paths["SH_组织生活类/2023/2023-03-01_支委会会议记录（旧电脑）.txt"] == "支委会会议记录（旧电脑）"
    assert paths["SH_组织生活类/2023/2023-03-02_caf\ufffd-\ufffd.txt"] == "caf\ufffd-\ufffd"
    assert paths["SH_组织生活类/2023/2023-03-02_caf%e9-%ff.txt"] == "caf%e9-%ff"  # kept apart, escaped
    r = run("search", "旧电脑拷来", "--archive", root, "--format", "json")
    assert json.loads(r.stdout)["total"] == 1
    r = run("index", "--archive", root, "--format", "json")  # a second run finds nothing changed
    assert json.loads(r.stdout)["indexed"] == 0 and json.loads(r.stdout)["unchanged"] >= 3
    assert tree_fingerprint(root) == before


# --- 3. a .docx whose XML inflates to hundreds of MB ---------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _bomb_docx(path: Path, mb: int, paragraph: str = "<w:p><w:r><w:t>炸</w:t></w:r></w:p>") -> Path:
    """A real .docx (python-docx package) whose document.xml is ``mb`` MB of paragraphs,
    written by streaming so the test never holds it in memory."""
    import io
    import zipfile

    from builders import docx_bytes

    src = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename == "word/document.xml":
                continue
            out.writestr(item, src.read(item.filename))
        with out.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode())
            chunk = (paragraph * (1048576 // len(paragraph.encode()))).encode()
            for _ in range(mb):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def _index_under_memory_limit(root: Path, limit_mb: int, *extra) -> subprocess.CompletedProcess:
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({limit_mb << 20}, {limit_mb << 20}))\n"
        "from dj_archive.cli import main\n"
        f"sys.argv = ['dj-archive', 'index', '--archive', {str(root)!r}, '--format', 'json', *{list(extra)!r}]\n"
        "main()\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_03_a_docx_bomb_fails_alone_with_a_reason_and_bounded_memory(small_archive):
    import json
    import time

    bomb = _bomb_docx(small_archive / "ZH_综合类/2023/2023-08-01_炸弹.docx", 40)
    assert bomb.stat().st_size < 1 << 20  # under 1 MB on disk, 40 MB inflated
    t = time.perf_counter()
    r = _index_under_memory_limit(small_archive, 1500)
    assert r.returncode == 0, r.stderr[-2000:]
    assert time.perf_counter() - t < 60
    data = json.loads(r.stdout)
    reasons = {f["path"]: f["reason"] for f in data["failed"]}
    assert reasons["ZH_综合类/2023/2023-08-01_炸弹.docx"].endswith("possibly a zip bomb")
    assert data["indexed"] == 7  # every other file of the archive (the scan waits for OCR)


def test_03_large_streamed_parts_keep_the_text_and_its_order(tmp_path, monkeypatch):
    """Parts above the whole-parse size are streamed: same text, same order."""
    from dj_archive.readers import docx as docx_reader

    table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    para = "<w:p><w:r><w:t>支部召开党员大会</w:t></w:r><w:r><w:tab/><w:t>第二段</w:t></w:r></w:p>"
    path = _bomb_docx(tmp_path / "长.docx", 1, para + table)
    data = path.read_bytes()
    whole = docx_reader.docx_text(data)
    monkeypatch.setattr(docx_reader, "_WHOLE_PART", 1000)
    monkeypatch.setattr(docx_reader, "_BOMB_RATIO", 10**6)
    assert docx_reader.docx_text(data) == whole
    assert whole.startswith("支部召开党员大会\t第二段\n甲\t乙\n支部召开党员大会")


def test_03_a_part_that_inflates_too_much_is_refused_before_parsing(tmp_path, monkeypatch):
    from dj_archive.errors import ReadError
    from dj_archive.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "_WHOLE_PART", 1 << 20)  # the ratio check starts at 1 MB here
    path = _bomb_docx(tmp_path / "炸弹.docx", 4)
    with pytest.raises(ReadError, match=r"document.xml inflates \d+× .*; possibly a zip bomb"):
        docx_reader.docx_text(path.read_bytes())


def test_03_text_length_is_capped(tmp_path, monkeypatch):
    from dj_archive.errors import ReadError
    from dj_archive.readers import docx as docx_reader

    monkeypatch.setenv("DJ_ARCHIVE_MAX_MB", "1")  # text cap: 256 K characters
    path = _bomb_docx(tmp_path / "长.docx", 2, "<w:p><w:r><w:t>" + "长" * 200 + "</w:t></w:r></w:p>")
    with pytest.raises(ReadError, match="more than 262,144 characters"):
        docx_reader.docx_text(path.read_bytes())


# --- 8. Strict OOXML, and overlap on hostile .docx -----------------------------------


def _rewrite_document_xml(src: bytes, change) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(data) if item.filename == "word/document.xml" else data)
    return out.getvalue()


def test_08_strict_ooxml_docx_is_read(tmp_path):
    from builders import docx_bytes

    from dj_archive.readers import read_document

    transitional = docx_bytes(
        ["严格格式的支委会会议记录", "议题：党费收缴"], table=[["姓名", "党费"], ["王晓明", "60元"]]
    )
    strict = _rewrite_document_xml(
        transitional,
        lambda x: x.replace(
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        ),
    )
    import io
    import zipfile

    assert b"purl.oclc.org/ooxml/wordprocessingml" in zipfile.ZipFile(io.BytesIO(strict)).read("word/document.xml")
    path = tmp_path / "strict.docx"
    path.write_bytes(strict)
    (tmp_path / "t.docx").write_bytes(transitional)
    assert read_document(path).text == read_document(tmp_path / "t.docx").text
    assert read_document(path).text.startswith("严格格式的支委会会议记录\n议题：党费收缴\n姓名\t党费")


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda x: x[: len(x) // 2], "corrupt .docx (bad XML"),
        (lambda x: b'<?xml version="1.0"?><root><child/></root>', "no text"),
        (lambda x: x.replace(b"<w:body>", b"<w:body><!DOCTYPE x>"), "corrupt .docx (bad XML"),
    ],
)
def test_08_overlap_reads_hostile_docx_with_the_guarded_reader(draft_archive, tmp_path, change, reason):
    from builders import docx_bytes

    root, _ = draft_archive
    path = tmp_path / "hostile.docx"
    path.write_bytes(
        _rewrite_document_xml(docx_bytes(["支部严格落实三会一课制度，按时召开支委会和党员大会。"]), change)
    )
    r = run("overlap", path, "--archive", root)
    assert "Traceback" not in r.output and r.exception is None or isinstance(r.exception, SystemExit), r.exception
    if reason == "no text":
        assert r.exit_code == 0 and "no archived document shares" in r.stdout
    else:
        assert r.exit_code == 1
        assert r.stderr.startswith(f"Error: {path}: {reason}")


# --- 5. a damaged index is detected, named, and rebuilt by `index` --------------------


def _corrupt_pages(db: Path, first: int = 3, count: int = 6) -> None:
    """Overwrite pages in the middle of the file, as a bad sector or a torn copy would."""
    import sqlite3

    con = sqlite3.connect(db)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    assert pages > first + count and not Path(f"{db}-wal").exists()
    with open(db, "r+b") as fh:
        fh.seek(first * page)
        fh.write(bytes([0x5A]) * page * count)


@pytest.mark.parametrize("damage", ["pages", "not a database"])
def test_05_a_damaged_index_is_named_and_rebuilt(small_archive, damage):
    import json

    assert run("index", "--archive", small_archive).exit_code == 0
    db = small_archive / ".dj_archive" / "index.sqlite"
    if damage == "pages":
        _corrupt_pages(db)
    else:
        db.write_bytes(b"this is not a database at all, just some text. " * 200)
    r = run("search", "党费", "--archive", small_archive)
    assert r.exit_code == 1 and r.exception is None or isinstance(r.exception, SystemExit)
    assert r.stderr.startswith(f"Error: the index at {db} is damaged or not an index (")
    assert "Run `dj-archive index` to rebuild it" in r.stderr and "free space" not in r.stderr
    r = run("index", "--archive", small_archive, "--format", "json")
    assert r.exit_code == 0, r.output
    assert "Note: the index was damaged (" in r.stderr and "rebuilt from the archive" in r.stderr
    assert json.loads(r.stdout)["indexed"] == 7
    r = run("search", "党费", "--archive", small_archive, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["total"] >= 2


def test_05_a_file_that_is_not_ours_is_never_discarded(small_archive, tmp_path):
    precious = tmp_path / "论文.sqlite"
    precious.write_bytes(b"my thesis, not a database " * 100)
    r = run("index", "--archive", small_archive, "--db", precious)
    assert r.exit_code == 1
    assert "it was left untouched" in r.stderr
    assert precious.read_bytes() == b"my thesis, not a database " * 100


# --- 6. an intact index on read-only media ------------------------------------------


def test_06_an_index_on_read_only_media_can_be_searched(small_archive, tmp_path):
    """The index folder is made read-only; as root, the search runs without the
    capabilities that let root write anyway (setpriv), as a user on a CD would."""
    import json
    import shutil

    db_dir = tmp_path / "只读"
    db_dir.mkdir()
    db = db_dir / "index.sqlite"
    assert run("index", "--archive", small_archive, "--db", db).exit_code == 0
    before = sorted(p.name for p in db_dir.iterdir())  # the index, its lock, the OCR cache
    assert {"index.sqlite", "index.sqlite.lock"} <= set(before)
    assert not any(n.startswith("index.sqlite-") for n in before)
    cmd = [
        sys.executable,
        "-m",
        "dj_archive",
        "search",
        "党费",
        "--archive",
        str(small_archive),
        "--db",
        str(db),
        "--format",
        "json",
    ]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root and setpriv (util-linux) is missing: cannot drop root's write access")
        cmd = [
            "setpriv",
            "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search",
            *cmd,
        ]
    db_dir.chmod(0o555)
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    finally:
        db_dir.chmod(0o755)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["total"] >= 2
    assert sorted(p.name for p in db_dir.iterdir()) == before


# --- 9. personal numbers in full-width digits or spaced groups ------------------------


def test_09_full_width_and_spaced_numbers_are_found_and_masked(tmp_path):
    import json

    from builders import write_text
    from conftest import FONDS

    from dj_archive.pii import find_pii, mask_pii

    wide_id, spaced_id, spaced_mobile = "１１０１０５１９４９１２３１００２Ｘ", "110105 19491231 002X", "139 1234 5678"
    wide_mobile, bad = "１３９\u30001234\u30005678", "110105 19491231 0021"  # last: wrong checksum
    text = f"身份证号：{wide_id}；又：{spaced_id}；手机{spaced_mobile}，座机旁{wide_mobile}；编号{bad}。"
    assert [(p["kind"], p["value"]) for p in find_pii(text)] == [
        ("身份证号", wide_id),
        ("身份证号", spaced_id),
        ("手机号", spaced_mobile),
        ("手机号", wide_mobile),
    ]
    masked = mask_pii(text)
    assert len(masked) == len(text) and bad in masked
    assert "１１０***********００２Ｘ" in masked and "110*** ******** 002X" in masked and "139 **** 5678" in masked

    root = tmp_path / "archive"
    root.mkdir()
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    write_text(root / "FZ_发展党员类/2023/2023-05-01_入党积极分子登记表.txt", text + "\n", "utf-8")
    assert run("index", "--archive", root).exit_code == 0
    rows = json.loads(run("pii", "--archive", root, "--format", "json").stdout)["documents"]
    assert {(r["kind"], r["count"]) for r in rows} == {("身份证号", 2), ("手机号", 2)}
    shown = run("show", "FZ_发展党员类/2023/2023-05-01_入党积极分子登记表.txt", "--archive", root, "--mask-pii").stdout
    assert wide_id not in shown and spaced_id not in shown and spaced_mobile not in shown and bad in shown


# --- 10. metadata.csv saved by Excel in GBK, with bad rows ----------------------------


def test_10_a_gbk_sheet_with_bad_rows_applies_the_rest_and_reports_each(small_archive):
    import json

    loose = "待整理/总结终稿(2).txt"
    pdf = "LZ_党风廉政类/2023/2023-05-10_离退休干部党支部2023年廉政谈话记录.pdf"
    sheet = (
        "path,title,date,categroy\r\n"  # a misspelt column
        f"{loose},离退休干部党支部2022年度党建工作总结,2023-01-06,ZH\r\n"
        f"./{pdf},廉政谈话记录（更正）,,\r\n"  # ./ path: applies
        "SH_组织生活类/2023/x.txt,,明年,\r\n"  # a bad date
        f"{loose},又一个题名,,\r\n"  # the same path again
    )
    (small_archive / "metadata.csv").write_bytes(sheet.encode("gbk"))  # Excel's "CSV" on Chinese Windows
    r = run("index", "--archive", small_archive)
    assert r.exit_code == 0, r.output
    sheet_path = small_archive / "metadata.csv"
    warnings = [line for line in r.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings[:3] == [
        f"Warning: {sheet_path}: unknown column 'categroy' (did you mean category?); its values are ignored "
        "(columns: path, title, date, period, category, doc_type, org, retention)",
        f"Warning: {sheet_path}: line 4: date '明年' is not a date; write it as 2023-01-06 "
        "(2023/1/6, 2023.1.6, 2023年1月6日 and 20230106 are read too); the row is skipped",
        f"Warning: {sheet_path}: line 5: {loose} is already given on line 2; the row is skipped",
    ]
    docs = {
        d["path"]: d
        for d in json.loads(run("list", "--archive", small_archive, "--format", "json").stdout)["documents"]
    }
    assert (docs[loose]["title"], docs[loose]["date"]) == ("离退休干部党支部2022年度党建工作总结", "2023-01-06")
    assert docs[pdf]["title"] == "廉政谈话记录（更正）"
    r = run("search", "党费", "--archive", small_archive, "--format", "json")  # search is never locked out
    assert r.exit_code == 0 and json.loads(r.stdout)["total"] >= 1


# --- 11. YAML aliases in what the user supplies --------------------------------------

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)


@pytest.mark.parametrize("where", ["fonds.yml", ".dj_archive_data/taxonomy.yml"])
def test_11_nested_yaml_aliases_are_refused_at_once(small_archive, where):
    import time

    target = small_archive / where
    target.parent.mkdir(exist_ok=True)
    assert len(LAUGHS) < 1024  # 1 KB that would expand to 9**9 strings
    text = LAUGHS
    if where == "fonds.yml":
        text = (
            (small_archive / "fonds.yml").read_text(encoding="utf-8")
            + "extra:\n"
            + "".join("  " + line + "\n" for line in LAUGHS.splitlines())
        )
    target.write_text(text, encoding="utf-8")
    t = time.process_time()
    r = run("search", "党费", "--archive", small_archive)
    assert time.process_time() - t < 10  # CPU seconds: refused at once, not expanded (the clock depends on the load)
    assert r.exit_code == 1, r.output
    assert "aliases (*name) are not allowed" in r.stderr and "Traceback" not in r.stderr


# --- 12. category codes are text, and never a path ----------------------------------


def test_12_codes_keep_their_leading_zeros_and_letters(tmp_path):
    from dj_archive.config import load_config

    (tmp_path / "fonds.yml").write_text(
        "orgs: [某支部]\ntaxonomy:\n  categories:\n    - {code: 01, name: 综合类}\n    - {code: 010, name: 会议类}\n"
        "    - {code: ON, name: 其他类}\n",
        encoding="utf-8",
    )
    assert load_config(tmp_path).taxonomy.codes == ["01", "010", "ON"]


@pytest.mark.parametrize(
    "category, message",
    [
        ("{code: ../../X, name: 逃逸}", "category code '../../X' must be 1 to 10 letters or digits"),
        ("{code: X, name: ../../逃逸}", "category name '../../逃逸' cannot be part of a folder name"),
        ("{code: [1], name: 列表}", "category code [1] must be text"),
    ],
)
def test_12_a_code_or_name_that_is_a_path_is_refused_and_file_writes_nothing(tmp_path, category, message):
    root = tmp_path / "a" / "b" / "archive"
    root.mkdir(parents=True)
    (root / "fonds.yml").write_text(f"orgs: [某支部]\ntaxonomy:\n  categories:\n    - {category}\n", encoding="utf-8")
    loose = tmp_path / "2024-03-01_某支部党员大会会议记录.txt"
    loose.write_text("会议记录", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    r = run("file", loose, "--archive", root, "--category", "X")
    assert r.exit_code == 1
    assert message in r.stderr and len(r.stderr.strip().splitlines()) <= 2
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


# --- 13. smaller holes --------------------------------------------------------------


def test_13_list_prints_whole_numbers_not_pandas_floats(small_archive):
    import csv
    import io
    import json

    (small_archive / "散件.txt").write_text("没有日期的一页纸", encoding="utf-8")  # no year at all
    run("index", "--archive", small_archive)
    docs = json.loads(run("list", "--archive", small_archive, "--format", "json").stdout)["documents"]
    assert {type(d["year"]) for d in docs} == {int, type(None)}
    assert all(type(d["chars"]) is int for d in docs)
    text = run("list", "--archive", small_archive, "--format", "csv").stdout
    assert ".0," not in text
    assert {r["year"] for r in csv.DictReader(io.StringIO(text))} == {"2022", "2023", ""}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--year", "99999999999999999999"], "99999999999999999999 is not a year"),
        (["--from", "2023-06", "--to", "2023-01"], "the date range is empty: from 2023-06 is after to 2023-01"),
        (
            ["--org", "第九党支部"],
            "unknown branch '第九党支部'; the branches of this archive are: 机关第一党支部、离退休干部党支部",
        ),
        (["--category", "QQ"], "'QQ' is not a category of this archive (ZH, ZZ, SH, XX, FZ, LZ, UNKNOWN)"),
    ],
)
def test_13_filters_that_cannot_match_say_so(small_archive, args, message):
    run("index", "--archive", small_archive)
    for cmd in (["search", "党费"], ["list"]) if "--from" not in args else (["search", "党费"],):
        r = run(*cmd, "--archive", small_archive, *args)
        assert r.exit_code in (1, 2), r.output
        assert message in r.stderr and "Traceback" not in r.output
    assert run("search", "党费", "--archive", small_archive, "--org", "一支部").exit_code == 0  # an alias
    assert run("search", "党费", "--archive", small_archive, "--org", "第一党支部").exit_code == 0  # part of a name


def test_13_a_long_title_is_capped_in_bytes_so_filing_works_as_planned(tmp_path):
    import json

    from conftest import FONDS

    root = tmp_path / "archive"
    root.mkdir()
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    title = ("机关第一党支部关于深入学习贯彻党的二十大精神进一步加强基层党组织建设的实施方案和工作安排及分工表" * 2)[
        :83
    ]
    src = tmp_path / "2023-05-01_草稿.txt"
    src.write_text(f"{title}\n机关第一党支部学习安排。\n", encoding="utf-8")
    dry = json.loads(run("file", src, "--archive", root, "--category", "XX", "--dry-run", "--format", "json").stdout)
    real = run("file", src, "--archive", root, "--category", "XX", "--format", "json")
    assert real.exit_code == 0, real.output
    planned = dry["files"][0]["target"] if "files" in dry else dry["plans"][0]["target"]
    assert (root / planned).is_file()
    assert len(Path(planned).name.encode("utf-8")) <= 255


def test_13_control_characters_and_newlines_never_reach_the_terminal(small_archive):
    from builders import write_text

    d = small_archive / "SH_组织生活类/2023"
    write_text(d / "2023-03-01_转义字符的记录.txt", "会议记录\x1b[2J\x1b]0;pwned\x07正文\u202e倒序\n", "utf-8")
    (d / "2023-03-02_换行\n文件名.txt").write_text("两个同名内容的文件", encoding="utf-8")
    (d / "2023-03-03_副本.txt").write_text("两个同名内容的文件", encoding="utf-8")
    r = run("index", "--archive", small_archive)
    dup = [line for line in r.stderr.splitlines() if line.startswith("Duplicate")]
    assert dup == [
        "Duplicate (same content): SH_组织生活类/2023/2023-03-02_换行\\n文件名.txt = SH_组织生活类/2023/2023-03-03_副本.txt"
    ]
    for args in (
        ["show", "SH_组织生活类/2023/2023-03-01_转义字符的记录.txt"],
        ["search", "会议记录"],
        ["search", "会议记录", "--format", "csv"],
        ["list"],
    ):
        out = run(*args, "--archive", small_archive).stdout
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, args
    assert (
        "会议记录[2J]0;pwned正文倒序"
        in run("show", "SH_组织生活类/2023/2023-03-01_转义字符的记录.txt", "--archive", small_archive).stdout
    )


def test_13_utf32_and_a_lone_surrogate_in_utf16_are_read():
    from dj_archive.readers.text import decode_text

    text = "支部党员大会会议记录\n议题：党费收缴\n" * 5
    for enc in ("utf-32", "utf-32-le", "utf-32-be"):
        assert decode_text(text.encode(enc)) == (text, enc)
    lone = b"\xff\xfe" + "支部".encode("utf-16-le") + b"\x00\xd8" + "会议记录正文".encode("utf-16-le") * 20
    decoded, enc = decode_text(lone)
    assert enc == "utf-16" and decoded.startswith("支部\ufffd会议记录正文")


def test_13_hidden_files_and_folders_are_counted(small_archive):
    import json

    (small_archive / ".git").mkdir()
    (small_archive / ".git" / "config").write_text("x", encoding="utf-8")
    (small_archive / "ZH_综合类" / ".隐藏的总结.txt").write_text("隐藏", encoding="utf-8")
    data = json.loads(run("index", "--archive", small_archive, "--format", "json").stdout)
    assert data["hidden_skipped"] == 2
    r = run("index", "--archive", small_archive)
    assert "  2 hidden files or folders skipped (names starting with a dot)" in r.stdout


def test_13_a_symlinked_db_shares_the_lock(small_archive, tmp_path):
    from dj_archive import index as index_module

    db = tmp_path / "idx.sqlite"
    alias = tmp_path / "别名.sqlite"
    alias.symlink_to(db)
    with index_module._writer_lock(db):
        second = subprocess.run(
            [sys.executable, "-m", "dj_archive", "index", "--archive", str(small_archive), "--db", str(alias)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert second.returncode == 1 and "another indexer is writing" in second.stderr


def test_13_every_command_takes_archive():
    """The README says every command takes --archive: each one does."""
    missing = [name for name, cmd in cli.commands.items() if "archive" not in {p.name for p in cmd.params}]
    assert not missing


def test_13_outline_and_metrics_use_the_archive_given(tmp_path):
    """outline and metrics used to reject --archive: now they read that archive's own
    vocabularies (.dj_archive_data/) and find a FILE given relative to it."""
    import json

    from dj_archive.data import data_text

    root = tmp_path / "档案"
    rel = "ZH_综合类/2023/2023-07-05_第一党支部2023年上半年工作总结.txt"
    (root / rel).parent.mkdir(parents=True)
    (root / rel).write_text(
        "第一党支部2023年上半年工作总结\n\n一、主要工作\n上半年召开支委会6次，组织义务植树3次。\n\n二、愿景展示\n继续做好工作。\n",
        encoding="utf-8",
    )
    own = root / ".dj_archive_data"
    own.mkdir()
    indicators = data_text("indicators.yml").replace(
        "indicators:\n", "indicators:\n  - name: 义务植树\n    patterns: [植树]\n", 1
    )
    (own / "indicators.yml").write_text(indicators, encoding="utf-8")
    parts = data_text("outline_parts.yml").replace("\nnext:\n", "\nnext:\n  - 愿景\n", 1)
    (own / "outline_parts.yml").write_text(parts, encoding="utf-8")

    def indicators_found(*args):
        r = run("metrics", *args, "--format", "json")
        assert r.exit_code == 0, r.output
        return {m["indicator"] for m in json.loads(r.stdout)["metrics"]}

    assert indicators_found(root / rel) == {"支委会", None}  # the packaged vocabulary
    assert indicators_found(rel, "--archive", root) == {"支委会", "义务植树"}
    assert indicators_found(root / rel, "--archive", root) == {"支委会", "义务植树"}

    def parts_found(*args):
        r = run("outline", *args)
        assert r.exit_code == 0, r.output
        return json.loads(r.stdout)["parts"]

    assert parts_found(root / rel)["next"] is None
    assert parts_found(rel, "--archive", root)["next"] == "愿景展示"
    r = run("outline", rel, "--archive", tmp_path / "没有这个档案")
    assert r.exit_code == 1 and "archive folder not found" in r.stderr
    r = run("classify", rel, "--archive", root, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["results"][0]["category"] == "ZH", r.output


# --- 4. a file that takes forever to read ----------------------------------------------


@pytest.mark.parametrize("workers", ["1", pytest.param("2", marks=pytest.mark.slow)])
def test_04_a_pathological_pdf_fails_alone_after_the_time_limit(small_archive, workers):
    import json
    import time

    from builders import write_slow_pdf
    from timing import children_cpu_seconds

    slow = write_slow_pdf(small_archive / "ZH_综合类/2023/2023-09-01_慢文件.pdf", 400_000)
    assert slow.stat().st_size < 20_000  # a few KB that would take minutes to extract
    cpu = time.process_time() + children_cpu_seconds()
    r = run("index", "--archive", small_archive, "--workers", workers, "--timeout", "2", "--format", "json")
    cpu = time.process_time() + children_cpu_seconds() - cpu
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    reasons = {f["path"]: f["reason"] for f in data["failed"]}
    assert reasons["ZH_综合类/2023/2023-09-01_慢文件.pdf"].startswith(
        "still being read after 2 s of CPU time; not indexed"
    )
    assert data["indexed"] == 7  # everything else (the scan waits for OCR)
    assert cpu < 15  # the slow file was stopped at its limit (CPU seconds: the clock depends on the machine's load)


def test_04_the_time_limit_comes_from_the_environment_too(monkeypatch):
    from dj_archive.index import DEFAULT_FILE_TIMEOUT, file_timeout

    assert file_timeout() == DEFAULT_FILE_TIMEOUT == 120
    for value, expected in (("5", 5.0), ("0", 0.0), ("-1", 120), ("abc", 120), ("nan", 120)):
        monkeypatch.setenv("DJ_ARCHIVE_FILE_TIMEOUT", value)
        assert file_timeout() == expected, value


# --- 7. Ctrl-C during index with workers ----------------------------------------------


@pytest.mark.slow
def test_07_ctrl_c_with_workers_ends_promptly_and_leaves_a_consistent_index(tmp_path):
    import json
    import random
    import signal
    import time

    from test_reliability import _check_consistent, _make_corpus, index_json_cmd

    root = tmp_path / "archive"
    _make_corpus(root, 300)
    db = tmp_path / "idx.sqlite"
    cmd = index_json_cmd(root, db, workers=2)
    rng = random.Random(5)
    done_before = 0
    for _attempt in range(3):
        # A new session, so the signal goes to the whole group as a terminal's Ctrl-C does.
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(rng.uniform(1.5, 3.0))
        sent = time.perf_counter()
        os.killpg(proc.pid, signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("index did not end within 20 s of Ctrl-C")
        assert time.perf_counter() - sent < 20
        err = err.decode()
        assert proc.returncode != 0 or "Traceback" not in err  # finished before the signal: fine
        assert "Traceback" not in err and "InvalidStateError" not in err, err
        if db.exists():
            done = _check_consistent(db)
            assert done >= done_before
            done_before = done
        leftover = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True).stdout.split()
        assert leftover == [], "worker processes outlived the interrupted run"
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["documents"] == 300 and data["failed"] == []
    assert data["unchanged"] == done_before


def _sleepy(x):
    import time

    if x == 3:
        time.sleep(60)  # blocked: uses no CPU
    if x == 5:
        os.kill(os.getpid(), 9)  # what the OOM killer does
    while x == 6:
        pass  # spins
    return x * x


def test_04_the_worker_pool_stops_a_hung_item_and_survives_a_killed_one():
    from dj_archive.pool import isolated_map

    got = list(isolated_map(_sleepy, range(8), 2, crashed=lambda x: ("crashed", x), timeout=2,
                            timed_out=lambda x: ("timed out", x), stalled=lambda x: ("stalled", x)))  # fmt: skip
    # item 3 was stopped long before its 60 s were up (it would have given 9)
    assert got == [0, 1, 4, ("stalled", 3), 16, ("crashed", 5), ("timed out", 6), 49]


# --- 14. stable 档号 ---------------------------------------------------------------------

ZH = "ZH_综合类/2023"


def _numbered_archive(root: Path) -> Path:
    """Three 2023 ZH files (March, June, September) and one SH file, as plain text."""
    from builders import write_text

    (root).mkdir(parents=True)
    (root / "fonds.yml").write_text('fonds_id: "D099"\nfonds_name: 测试党总支\n', encoding="utf-8")
    for day in ("03-01", "06-01", "09-01"):
        write_text(root / f"{ZH}/2023-{day}_工作情况{day}.txt", f"工作情况{day}\n正文{day}。\n")
    write_text(root / "SH_组织生活类/2023/2023-02-14_支委会会议记录.txt", "支委会会议记录\n内容。\n")
    return root


def _late(tmp_path, name="补充材料说明", day="2023年1月15日") -> Path:
    from builders import write_text

    return write_text(tmp_path / "loose" / f"{name}.txt", f"{name}\n补充上报的材料。\n机关第一党支部\n{day}\n")


def _numbers(arc) -> dict:
    from dj_archive.catalog import catalog

    df = catalog(arc)
    return dict(zip(df["path"], df["档号"]))


def test_14_a_back_dated_file_filed_after_a_freeze_keeps_every_exported_number(tmp_path):
    import csv

    from dj_archive import open_archive

    root = _numbered_archive(tmp_path / "档案")
    run("index", "--archive", root)
    before = tree_fingerprint(root)
    r = run("catalog", "--archive", root, "-o", tmp_path / "目录.csv", "--freeze")
    assert r.exit_code == 0, r.output
    after = tree_fingerprint(root)  # the freeze writes the register and nothing else
    assert after.pop("file-numbers.csv") and after == before
    assert "档号 registered in file-numbers.csv: 4 new; they will not change" in r.stdout
    with open(tmp_path / "目录.csv", encoding="utf-8-sig", newline="") as fh:
        exported = {row["path"]: row["档号"] for row in csv.DictReader(fh)}
    ret = exported[f"{ZH}/2023-03-01_工作情况03-01.txt"].split("-")[2]  # the 保管期限 code
    assert exported[f"{ZH}/2023-09-01_工作情况09-01.txt"] == f"D099-WS·2023-{ret}-ZH-0003"
    # a document dated January, filed in December
    r = run("file", _late(tmp_path), "--archive", root, "--category", "ZH")
    assert r.exit_code == 0, r.output
    late = f"{ZH}/2023-01-15_补充材料说明.txt"
    assert f"档号 D099-WS·2023-{ret}-ZH-0004" in r.stdout  # the next free number, registered
    now = _numbers(open_archive(root))
    assert {p: now[p] for p in exported} == exported  # every exported number kept
    assert now[late] == f"D099-WS·2023-{ret}-ZH-0004"
    # and a catalogue exported now lists it after the others of its group, not first
    r = run("catalog", "--archive", root, "--category", "ZH", "-o", tmp_path / "目录2.csv")
    with open(tmp_path / "目录2.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [row["档号"][-4:] for row in rows] == ["0001", "0002", "0003", "0004"]
    assert "档号未登记" not in "".join(row["备注"] for row in rows)


def test_14_before_any_freeze_numbers_are_as_before_and_nothing_is_written(tmp_path):
    from dj_archive import open_archive
    from dj_archive.file_numbers import REGISTER_FILE

    root = _numbered_archive(tmp_path / "档案")
    arc = open_archive(root)
    arc.index(progress=False)
    before = tree_fingerprint(root)
    r = run("catalog", "--archive", root, "-o", tmp_path / "目录.xlsx")
    assert r.exit_code == 0 and "not registered" not in r.output
    assert tree_fingerprint(root) == before  # catalog without --freeze writes nothing
    r = run("file", _late(tmp_path), "--archive", root, "--category", "ZH")
    assert r.exit_code == 0 and "档号" not in r.stdout
    assert not (root / REGISTER_FILE).exists()
    numbers = _numbers(arc)
    assert numbers[f"{ZH}/2023-01-15_补充材料说明.txt"].endswith("-ZH-0001")  # date order, as always
    assert numbers[f"{ZH}/2023-09-01_工作情况09-01.txt"].endswith("-ZH-0004")


def test_14_moved_edited_deleted_and_hand_copied_files(tmp_path):
    from builders import write_text

    from dj_archive import open_archive
    from dj_archive.catalog import catalog, freeze

    root = _numbered_archive(tmp_path / "档案")
    arc = open_archive(root)
    arc.index(progress=False)
    frozen = catalog(arc)
    assert freeze(frozen) == 4
    first = dict(zip(frozen["path"], frozen["档号"]))
    group = first[f"{ZH}/2023-03-01_工作情况03-01.txt"][:-4]  # D099-WS·2023-<ret>-ZH-
    (root / f"{ZH}/2023-06-01_工作情况06-01.txt").rename(root / f"{ZH}/2023-06-01_改了名字的工作情况.txt")
    (root / f"{ZH}/2023-09-01_工作情况09-01.txt").unlink()  # its 0003 is never given again
    with open(root / f"{ZH}/2023-03-01_工作情况03-01.txt", "a", encoding="utf-8") as fh:
        fh.write("补记一行。\n")  # edited in place
    write_text(root / f"{ZH}/2023-02-01_手工拷入.txt", "手工拷入的文件\n没有经过 file 命令。\n")
    arc.index(progress=False)
    df = catalog(arc).set_index("path")
    assert df.loc[f"{ZH}/2023-06-01_改了名字的工作情况.txt", "档号"] == group + "0002"
    assert df.loc[f"{ZH}/2023-03-01_工作情况03-01.txt", "档号"] == group + "0001"
    hand = f"{ZH}/2023-02-01_手工拷入.txt"
    assert df.loc[hand, "档号"] == group + "0004"  # not 0003, which was the deleted file's
    assert "档号未登记" in df.loc[hand, "备注"]  # provisional until frozen
    r = run("catalog", "--archive", root, "-o", tmp_path / "目录.csv")
    assert "1 档号 are not registered yet (备注 档号未登记) and may still change" in r.stdout
    # freezing records the moved and edited files where they are now, and the newcomer
    assert freeze(catalog(arc)) == 3
    # the deleted file comes back (restored from a backup, another name): its old number
    write_text(root / f"{ZH}/2023-09-01_恢复的文件.txt", "工作情况09-01\n正文09-01。\n")
    arc.index(progress=False)
    again = catalog(arc).set_index("path")
    assert again.loc[f"{ZH}/2023-09-01_恢复的文件.txt", "档号"] == group + "0003"
    assert not again["备注"].str.contains("档号未登记").any()


def test_14_a_corrected_category_keeps_its_number_until_the_archivist_releases_it(tmp_path):
    from dj_archive import open_archive
    from dj_archive.catalog import catalog, freeze

    root = _numbered_archive(tmp_path / "档案")
    arc = open_archive(root)
    arc.index(progress=False)
    freeze(catalog(arc))
    sh = "SH_组织生活类/2023/2023-02-14_支委会会议记录.txt"
    number = _numbers(arc)[sh]
    ret = number.split("-")[2]
    (root / "metadata.csv").write_text(f"path,category\n{sh},ZH\n", encoding="utf-8")
    arc = open_archive(root)
    arc.index(progress=False)
    df = catalog(arc).set_index("path")
    # the paper folder carries SH-0001: the catalogue keeps it, lists it there and says why
    assert df.loc[sh, "档号"] == number and df.loc[sh, "category"] == "ZH"
    assert f"著录现为2023-{ret}-ZH，档号不变" in df.loc[sh, "备注"]
    assert sh in set(catalog(arc, category="SH")["path"])
    # to renumber it: blank its path and sha256 in the register, then freeze again
    register = root / "file-numbers.csv"
    lines = register.read_text(encoding="utf-8-sig").splitlines()
    lines = [f"{number},,,支委会会议记录," if line.startswith(number) else line for line in lines]
    register.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert freeze(catalog(arc)) == 1
    numbers = _numbers(arc)
    assert numbers[sh] == f"D099-WS·2023-{ret}-ZH-0004"
    # SH-0001 stays used: the next SH file takes 0002
    from builders import write_text

    write_text(root / "SH_组织生活类/2023/2023-03-14_支委会会议记录2.txt", "支委会会议记录二\n内容。\n")
    arc.index(progress=False)
    assert _numbers(arc)["SH_组织生活类/2023/2023-03-14_支委会会议记录2.txt"] == f"D099-WS·2023-{ret}-SH-0002"


def test_14_names_that_are_not_utf8_and_odd_names_keep_their_numbers(tmp_path):
    import csv

    from dj_archive import open_archive
    from dj_archive.catalog import catalog, freeze

    root = _numbered_archive(tmp_path / "档案")
    folder = os.fsencode(root / ZH)
    with open(folder + b"/2023-04-01_" + "党费收缴".encode("gbk") + b".txt", "wb") as fh:
        fh.write("党费收缴情况\n国标编码的文件名。\n".encode("gbk"))
    (root / ZH / '2023-05-01_a,"引号",逗号.txt').write_text("逗号和引号\n", encoding="utf-8")
    arc = open_archive(root)
    arc.index(progress=False)
    frozen = catalog(arc)
    freeze(frozen)
    first = dict(zip(frozen["path"], frozen["档号"]))
    assert f"{ZH}/2023-04-01_党费收缴.txt" in first  # read as GBK
    with open(root / "file-numbers.csv", encoding="utf-8-sig", newline="") as fh:
        assert {row["path"] for row in csv.DictReader(fh)} == set(first)
    from dj_archive.filing import file_documents

    report = file_documents(arc, [_late(tmp_path)], category="ZH")
    assert report.plans[0].number.endswith("-ZH-0006")
    now = _numbers(arc)
    assert {p: now[p] for p in first} == first


def test_14_a_damaged_register_says_why_loses_nothing_and_the_rest_works(tmp_path):
    from dj_archive import open_archive
    from dj_archive.catalog import catalog, freeze

    root = _numbered_archive(tmp_path / "档案")
    arc = open_archive(root)
    arc.index(progress=False)
    freeze(catalog(arc))
    register = root / "file-numbers.csv"
    good = register.read_text(encoding="utf-8-sig")
    first = _numbers(arc)
    # Excel turned one sha256 into a number, a row was typed by hand, the last line was cut
    march = f"{ZH}/2023-03-01_工作情况03-01.txt"
    lines = good.splitlines()
    lines = [line.split(",")[0] + f",{march},1.23457E+63,工作情况03-01," if march in line else line for line in lines]
    bad = "\r\n".join(lines) + "\r\n第五件,随便写的\r\nD099-WS·2023-Y-ZH-00"
    register.write_bytes(bad.encode("gb18030"))  # and saved as GBK
    r = run("catalog", "--archive", root, "-o", tmp_path / "目录.csv", "--freeze")
    assert r.exit_code == 0, r.output
    assert "line 2: the sha256 of" in r.stderr and "its file is found by path only" in r.stderr
    assert "line 6: '第五件' is not a 档号 like D001-WS·2023-Y-ZH-0001; the row is skipped" in r.stderr
    assert "line 7: 'D099-WS·2023-Y-ZH-00' is not a 档号" in r.stderr
    assert _numbers(arc) == first  # the march file still found, by its path
    text = register.read_bytes().decode("utf-8-sig")  # rewritten as UTF-8, every line kept
    assert text.startswith(bad)
    # and the march file's row is repaired by a new row with its real sha256
    assert text[len(bad) :].startswith(f"\r\n{first[march]},{march},")
    # a register that cannot be read at all: no numbers are printed, and it is left alone
    garbage = b"\x00\x81\xff" * 50
    register.write_bytes(garbage)
    r = run("catalog", "--archive", root, "-o", tmp_path / "目录2.csv")
    assert r.exit_code == 1 and "the register of 档号 is not UTF-8 or GBK text" in r.stderr
    assert "Repair file-numbers.csv from a backup" in r.stderr
    assert not (tmp_path / "目录2.csv").exists()
    assert run("search", "工作情况", "--archive", root).exit_code == 0
    r = run("file", _late(tmp_path), "--archive", root, "--category", "ZH")
    assert r.exit_code == 1 and "filed and indexed, but the 档号 were not registered" in r.stderr
    assert (root / ZH / "2023-01-15_补充材料说明.txt").exists() and register.read_bytes() == garbage
    register.write_text("number,where\nD099,x\n", encoding="utf-8")
    r = run("catalog", "--archive", root, "-o", tmp_path / "目录3.csv")
    assert r.exit_code == 1 and "has no 档号 column" in r.stderr


def test_14_the_web_app_exports_and_files_with_the_same_numbers(tmp_path, monkeypatch):
    import re

    monkeypatch.delenv("DJ_ARCHIVE_LANG")  # pages in the test browser's language (Chinese)

    from web_helpers import client_for, csrf_of

    from dj_archive import open_archive
    from dj_archive.catalog import catalog, freeze

    root = _numbered_archive(tmp_path / "档案")
    with client_for(root) as client:
        arc = open_archive(root)
        freeze(catalog(arc))
        frozen = _numbers(arc)
        late = _late(tmp_path).read_bytes()
        token = csrf_of(client.get("/filing").text)
        r = client.post(
            "/filing/upload", data={"csrf": token}, files=[("files", ("补充材料说明.txt", late, "text/plain"))]
        )
        batch = re.search(r'name="batch" value="([^"]+)"', r.text).group(1)
        n = re.search(r'name="title(\d+)"', r.text).group(1)
        done = client.post(
            "/filing/confirm",
            data={"csrf": token, "batch": batch, f"take{n}": "1", f"category{n}": "ZH", f"date{n}": "2023-01-15"},
        )
        assert "已归档 1 件" in done.text
        number = re.search(r"档号 (D099-WS·2023-\w+-ZH-\d{4})", done.text).group(1)
        assert number.endswith("-0004")
        csv_text = client.get("/export/catalog.csv").content.decode("utf-8-sig")
        for path, dangan in frozen.items():
            assert f"{dangan}," in csv_text and path in csv_text
        assert number in csv_text
        (root / "file-numbers.csv").write_bytes(b"\x00\xff" * 10)
        r = client.get("/export/catalog.csv")
        assert r.status_code == 400 and "档号" in r.text

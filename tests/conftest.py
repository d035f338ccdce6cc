import hashlib
import os
import sys
from pathlib import Path

import pytest

# Tests check English text exactly; the host's locale (LANG=zh_CN.UTF-8) must not change it.
# Chinese output is tested with DJ_ARCHIVE_LANG=zh where a test asks for it (test_i18n.py).
os.environ["DJ_ARCHIVE_LANG"] = "en"

sys.path.insert(0, str(Path(__file__).parent))
from builders import write_docx, write_pdf, write_scan_pdf, write_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

FONDS = """fonds_id: D099
fonds_name: 测试局机关党总支
orgs:
  - name: 机关第一党支部
    aliases: [一支部]
  - name: 离退休干部党支部
"""


@pytest.fixture
def small_archive(tmp_path) -> Path:
    """An archive with one file per supported format and encoding, and one scan."""
    root = tmp_path / "档案 archive"
    root.mkdir()
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    write_text(
        root / "ZH_综合类/2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.txt",
        "机关第一党支部2023年上半年党建工作总结\n上半年共召开支委会6次，按时足额收缴党费。\n旧电脑保存的国标编码文本。\n机关第一党支部\n2023年7月5日\n",
        encoding="gbk",
        newline="\r\n",
    )
    write_docx(
        root / "ZZ_组织建设类/2023/2023-03-20_机关第一党支部2023年第一季度党费收缴情况.docx",
        ["机关第一党支部2023年第一季度党费收缴情况", "以下为收缴明细。"],
        table=[["姓名", "月工资基数", "应缴党费"], ["王晓明", "6000", "60元"], ["表格里的独有短语", "", ""]],
    )
    write_pdf(
        root / "LZ_党风廉政类/2023/2023-05-10_离退休干部党支部2023年廉政谈话记录.pdf",
        ["离退休干部党支部廉政谈话记录", "谈话对象：李建华", "提醒遵守中央八项规定精神，PDF文字层短语。"],
    )
    write_text(
        root / "XX_学习教育类/2023/2023-04-18_机关第一党支部学习二十大精神心得体会（张敏）.md",
        "# 学习党的二十大精神心得体会\n\n作为一名党员，我认真学习了二十大报告。\n",
        encoding="utf-8-sig",
    )
    write_text(
        root / "SH_组织生活类/2023/2023-02-14_机关第一党支部2023年第1次支委会会议记录.txt",
        "機關第一黨支部支委會會議記錄\n議題：研究黨費收繳和主題黨日安排\n",
        encoding="utf-16-le-bom",
    )
    write_scan_pdf(root / "SH_组织生活类/2023/2023-12-20_离退休干部党支部民主评议党员测评表（扫描件）.pdf")
    write_text(root / "待整理/总结终稿(2).txt", "离退休干部党支部2022年度党建工作总结\n走访慰问老党员。\n")
    return root


def tree_fingerprint(root: Path) -> dict:
    """sha256 and mtime of every file under root except the index folder."""
    out = {}
    for p in sorted(root.rglob("*")):
        if ".dj_archive" in p.parts or not p.is_file() or p.is_symlink():
            continue
        st = p.stat()
        out[str(p.relative_to(root))] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mtime_ns)
    return out


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch):
    for var in ("DJ_ARCHIVE", "DJ_ARCHIVE_DB", "DJ_ARCHIVE_MAX_MB", "DJ_ARCHIVE_FILE_TIMEOUT"):
        monkeypatch.delenv(var, raising=False)
    # OCR only where a test asks for it (--ocr / ocr=True): indexing stays fast and scans wait for OCR
    monkeypatch.setenv("DJ_ARCHIVE_OCR", "0")


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> Path:
    """The bundled sample archive indexed once per test session (outside archive/),
    without OCR: its scans and photos are items with no text (OCR on the sample is
    tested once, in test_sample_formats.py)."""
    from dj_archive import open_archive

    db = tmp_path_factory.mktemp("sample") / "index.sqlite"
    open_archive(ROOT / "archive", db).index(progress=False, ocr=False)
    return db


@pytest.fixture(scope="session")
def analysis_archive(tmp_path_factory):
    """The small, fully known archive of test_analysis_fixtures.py, indexed once per
    session (read-only for tests: do not add files to it)."""
    from test_analysis_fixtures import build_archive

    import dj_archive

    base = tmp_path_factory.mktemp("analysis")
    arc = dj_archive.open_archive(build_archive(base / "档案"), base / "index.sqlite")
    arc.index(progress=False)
    return arc


@pytest.fixture(scope="module")
def draft_archive(tmp_path_factory):
    """(root, Archive) of the drafting archive of test_draft_archive.py, indexed once per
    test module."""
    from test_draft_archive import build_draft_archive

    import dj_archive

    root = build_draft_archive(tmp_path_factory.mktemp("draft") / "档案")
    arc = dj_archive.open_archive(root)
    arc.index(progress=False)
    return root, arc

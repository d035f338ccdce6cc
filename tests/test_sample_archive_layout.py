"""The bundled sample archive: coverage, formats, texts that extract."""

import os
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.sample_archive import check  # noqa: E402

ARCHIVE = ROOT / "archive"
NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})_(.+)\.(docx|txt|md|pdf|doc|wps|rtf|xlsx|xls|et|pptx|ppt|ofd|jpg)$")
#: Photos copied off a phone keep a name without a date (their EXIF has it).
UNDATED_PHOTO = re.compile(r"^()()()(.+)\.(jpg)$")
ORGS = ["机关第一党支部", "机关第二党支部", "离退休干部党支部"]
CATS = ["ZH_综合类", "ZZ_组织建设类", "SH_组织生活类", "XX_学习教育类", "FZ_发展党员类", "LZ_党风廉政类"]


def _docs():
    out = []
    for cat in CATS:
        for root, _, files in os.walk(ARCHIVE / cat):
            for f in files:
                m = NAME.match(f) or UNDATED_PHOTO.match(f)
                assert m, f
                year = os.path.basename(root)
                assert year == m.group(1) or not m.group(1), f
                org = [o for o in ORGS if o in m.group(4)]
                assert len(org) == 1, f
                out.append((cat, int(year), org[0], m.group(5), os.path.join(root, f), m.group(4)))
    return out


def test_size_and_coverage():
    docs = _docs()
    assert 450 <= len(docs) + 2 <= 650
    have = {(c, y, o) for c, y, o, *_ in docs}
    for c in CATS:
        for y in range(2019, 2026):
            for o in ORGS:
                if c == "FZ_发展党员类" and o == "离退休干部党支部":
                    continue  # the retired branch develops no members
                if c == "FZ_发展党员类" and o == "机关第二党支部" and y in (2019, 2025):
                    continue
                if (c, y, o) not in have and c in ("ZH_综合类", "SH_组织生活类", "XX_学习教育类"):
                    raise AssertionError((c, y, o))
    years = Counter(y for _, y, *_ in docs)
    assert set(years) == set(range(2019, 2026))
    cats = {(c, y) for c, y, *_ in docs}
    assert all((c, y) in cats for c in CATS for y in range(2019, 2026))


def test_format_mix():
    docs = _docs()
    fm = Counter(ext for *_, ext, _p, _t in [(d[0], d[1], d[2], d[3], d[4], d[5]) for d in docs])
    n = len(docs)
    assert 0.06 <= fm["txt"] / n <= 0.10
    assert 0.06 <= fm["md"] / n <= 0.10
    assert 16 <= fm["pdf"] <= 18  # 4–6 text PDFs, one with a scanned page, 11 scans
    assert fm["doc"] >= 10 and fm["wps"] >= 2 and fm["jpg"] >= 10
    assert fm["xlsx"] >= 2 and fm["xls"] and fm["et"] and fm["pptx"] and fm["ppt"] and fm["ofd"] and fm["rtf"]


def test_txt_gbk_crlf_and_md_utf8():
    for *_, ext, path, _t in _docs():
        raw = Path(path).read_bytes()
        if ext == "txt":
            text = raw.decode("gbk")
            assert "\r\n" in text
        elif ext == "md":
            raw.decode("utf-8")


def test_pdfs_extract_or_are_scans():
    from pypdf import PdfReader

    scans = 0
    for *_, ext, path, title in _docs():
        if ext != "pdf":
            continue
        reader = PdfReader(path)
        text = "".join(p.extract_text() or "" for p in reader.pages)
        if reader.metadata.get("/Creator") == "Scanner":
            assert text.strip() == ""
            scans += 1
        else:
            first = text.strip().splitlines()[0]
            assert first.replace(" ", "") in title.replace(" ", "") or title[-10:] in text, (title, first)
            assert "党" in text
    assert scans == 11


def test_docx_core_properties_fixed():
    for *_, ext, path, _title in _docs():
        if ext == "docx":
            with zipfile.ZipFile(path) as z:
                core = z.read("docProps/core.xml").decode("utf-8")
                assert "<dcterms:created" in core
                for info in z.infolist():
                    assert info.date_time == (2000, 1, 1, 0, 0, 0)


def test_loose_files_outside_the_convention():
    loose = sorted(os.listdir(ARCHIVE / "待整理"))
    assert loose == ["会议记录 扫描前整理.txt", "总结终稿(2).docx"]
    (ARCHIVE / "待整理" / "会议记录 扫描前整理.txt").read_bytes().decode("gbk")


THEMES = {
    2019: "不忘初心、牢记使命",
    2020: "疫情防控",
    2021: "党史学习教育",
    2022: "党的二十大",
    2023: "学习贯彻习近平新时代中国特色社会主义思想主题教育",
    2024: "党纪学习教育",
    2025: "八项规定",
}


def test_theme_frequency_peaks_in_its_year():
    freq = {y: Counter() for y in THEMES}
    for _c, y, _o, _e, path, title in _docs():
        text = title + check.read_text(path) if not path.endswith(".pdf") else title
        for ty, kw in THEMES.items():
            freq[ty][y] += text.count(kw)
    for ty, c in freq.items():
        assert c[ty] > 0
        best = max(c, key=lambda y: c[y])
        assert best == ty, (THEMES[ty], dict(c))

"""Every format in the sample archive is indexed and found by a phrase only it holds;
OCR of scans and photos (the one place the sample is OCR'd: three files, one of each
kind), its cache, --no-ocr, EXIF date and orientation; .doc text equals LibreOffice's;
the catalogue lists every item."""

import json
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from conftest import ROOT

from dj_archive import open_archive
from dj_archive.catalog import catalog
from dj_archive.cli import cli
from dj_archive.index import connect, unpack_text
from dj_archive.readers import read_document
from dj_archive.readers.office import soffice

ARCHIVE = ROOT / "archive"
FORMATS = ("doc", "wps", "rtf", "xlsx", "xls", "et", "pptx", "ppt", "ofd")


def _texts(db) -> dict:
    con = connect(db, readonly=True)
    try:
        return {r["path"]: unpack_text(r["text"]) for r in con.execute("SELECT path, text FROM documents")}
    finally:
        con.close()


def _unique_phrase(path, texts, n=8):
    """A phrase of ``n`` characters (no spaces, at least 5 CJK) that only ``path``'s text contains."""
    own = texts[path]
    others = [t for p, t in texts.items() if p != path]
    for line in own.splitlines():
        line = line.strip()
        for i in range(0, max(0, len(line) - n) + 1, 3):
            cand = line[i : i + n]
            if (
                len(cand) == n
                and not re.search(r"\s", cand)
                and len(re.findall(r"[\u4e00-\u9fff]", cand)) >= 5
                and not any(cand in t for t in others)
            ):
                return cand
    raise AssertionError(f"no phrase unique to {path}")


def _found(db, path, phrase):
    r = CliRunner().invoke(
        cli, ["search", f'"{phrase}"', "--archive", str(ARCHIVE), "--db", str(db), "--format", "json", "--limit", "5"]
    )
    assert r.exit_code == 0, r.output
    hits = json.loads(r.stdout)["hits"]
    assert [h["path"] for h in hits] == [path], (phrase, hits)
    return hits[0]


def test_every_office_format_is_found_by_a_phrase_only_it_contains(sample_index):
    texts = _texts(sample_index)
    for fmt in FORMATS:
        path = next(p for p in sorted(texts) if p.endswith("." + fmt))
        hit = _found(sample_index, path, _unique_phrase(path, texts))
        assert hit["ocr"] is False


def test_catalogue_lists_every_item_photos_and_scans_marked(sample_index):
    df = catalog(open_archive(ARCHIVE, sample_index))
    files = [
        p
        for p in ARCHIVE.rglob("*")
        if p.is_file() and ".dj_archive" not in p.parts and p.name not in ("README.md", "fonds.yml")
    ]
    assert len(df) == len(files)
    photos = df[df["path"].str.endswith(".jpg")]
    assert len(photos) >= 10 and set(photos["备注"]) == {"照片"} and set(photos["页数"]) == {1}
    assert (photos["日期"].str.len() == 8).all()  # the undated names take the EXIF date
    scans = df[df["备注"] == "扫描件"]
    assert len(scans) >= 11 and scans["题名"].str.contains("测评表").any()
    undated = [p for p in photos["path"] if not re.search(r"/\d{4}-\d{2}-\d{2}_", p)]
    assert len(undated) == 3


@pytest.fixture(scope="module")
def ocr_archive(tmp_path_factory):
    """One scanned PDF, one text PDF with a scanned page, the sideways photo; indexed with OCR."""
    root = tmp_path_factory.mktemp("ocr") / "archive"
    picks = [
        next(ARCHIVE.rglob("*测评表（扫描件）.pdf")),
        next(p for p in ARCHIVE.rglob("*.jpg") if _orientation(p) == 6),
        next(p for p in ARCHIVE.rglob("*.pdf") if _mixed(p)),
    ]
    for p in picks + [ARCHIVE / "fonds.yml"]:
        dst = root / p.relative_to(ARCHIVE)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(p, dst)
    db = root.parent / "idx" / "index.sqlite"
    r = CliRunner().invoke(cli, ["index", "--archive", str(root), "--db", str(db), "--format", "json", "--ocr"])
    assert r.exit_code == 0, r.output
    return root, db, json.loads(r.stdout), [str(p.relative_to(ARCHIVE)) for p in picks]


def _orientation(p):
    from PIL import Image

    with Image.open(p) as im:
        return im.getexif().get(0x0112)


def _mixed(p):
    from dj_archive.readers.pdf import pdf_page_texts

    pages = pdf_page_texts(p.read_bytes(), images=True)
    return any(t.strip() for t, _ in pages) and any(pic and not t.strip() for t, pic in pages)


def test_ocr_reads_scans_photos_and_image_pages(ocr_archive, sample_index):
    root, db, report, picks = ocr_archive
    assert report["failed"] == [] and report["needs_ocr"] == [] and report["ocr_pages"] == 3
    texts = {**_texts(sample_index), **_texts(db)}
    scan, photo, mixed = picks
    assert "民主评议党员测评表" in texts[scan] and "说明：请在相应等次栏内划" in texts[scan]
    assert "主题党日活动" in texts[photo]  # the banner, read after turning the photo upright
    assert "签到表" in texts[mixed]  # the scanned last page, after the text layer
    for path in picks:
        hit = _found_in(db, root, path, _unique_phrase(path, texts, n=6))
        assert hit["ocr"] is True
    r = CliRunner().invoke(cli, ["search", "签到表", "--archive", str(root), "--db", str(db)])
    assert "[OCR]" in r.stdout


def _found_in(db, root, path, phrase):
    r = CliRunner().invoke(cli, ["search", f'"{phrase}"', "--archive", str(root), "--db", str(db), "--format", "json"])
    hits = json.loads(r.stdout)["hits"]
    assert [h["path"] for h in hits] == [path], (phrase, hits)
    return hits[0]


def test_ocr_cache_survives_a_rebuilt_index_and_no_ocr_lists_what_waits(ocr_archive, tmp_path):
    root, db, _, picks = ocr_archive
    db.unlink()
    r = CliRunner().invoke(cli, ["index", "--archive", str(root), "--db", str(db), "--format", "json", "--ocr"])
    data = json.loads(r.stdout)
    assert data["ocr_pages"] == 0 and data["documents"] == 3  # all from the cache
    assert (db.parent / "ocr-cache.sqlite").exists()
    fresh = tmp_path / "other" / "index.sqlite"  # another folder, so another (empty) cache
    r = CliRunner().invoke(cli, ["index", "--archive", str(root), "--db", str(fresh), "--no-ocr"])
    assert r.exit_code == 0
    assert r.stdout.count("needs OCR:") == 3
    con = connect(fresh, readonly=True)
    assert con.execute("SELECT count(*) FROM documents WHERE needs_ocr > 0").fetchone()[0] == 3
    con.close()


def test_exif_date_is_the_date_of_a_photo_named_without_one(sample_index):
    arc = open_archive(ARCHIVE, sample_index)
    df = arc.documents()
    undated = df[df["path"].str.endswith(".jpg") & ~df["path"].str.contains(r"/\d{4}-\d{2}-\d{2}_")]
    assert len(undated) == 3
    for rec in undated.to_dict("records"):
        assert rec["date"] and rec["date"][:4] == rec["path"].split("/")[1], rec


def _norm(s):
    return " ".join(s.replace("\u3000", " ").split())


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
def test_doc_and_wps_text_equals_libreoffice(tmp_path):
    docs = sorted(p for p in ARCHIVE.rglob("*") if p.suffix in (".doc", ".wps"))
    assert len(docs) >= 13
    src = tmp_path / "src"
    src.mkdir()
    for i, p in enumerate(docs):
        shutil.copy(p, src / f"d{i:02d}.doc")  # LibreOffice picks the filter by content anyway
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path / "txt"),
        ]
        + sorted(str(p) for p in src.iterdir()),
        check=True,
        capture_output=True,
        timeout=300,
    )
    for i, p in enumerate(docs):
        lo = (tmp_path / "txt" / f"d{i:02d}.txt").read_text(encoding="utf-8-sig")
        assert _norm(read_document(p).text) == _norm(lo), p.name

"""The bundled sample archive through the toolkit itself: everything indexes but the
scans and photos (which wait for OCR), the catalogue covers every category, year and branch, and each year's theme
is found in that year's documents."""

import json
from collections import Counter

from click.testing import CliRunner
from conftest import ROOT

from dj_archive import open_archive
from dj_archive.analysis import default_theme_terms
from dj_archive.cli import cli


def test_index_reports_everything_indexed_scans_and_photos_need_ocr(tmp_path):
    r = CliRunner().invoke(
        cli,
        [
            "index",
            "--archive",
            str(ROOT / "archive"),
            "--db",
            str(tmp_path / "i.sqlite"),
            "--format",
            "json",
            "--no-ocr",
        ],
    )
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    files = [
        p
        for p in (ROOT / "archive").rglob("*")
        if p.is_file() and ".dj_archive" not in p.parts and p.name not in ("README.md", "fonds.yml")
    ]
    assert data["documents"] == data["indexed"] == len(files) >= 600
    assert data["failed"] == []
    needs = {f["path"].rsplit(".", 1)[-1] for f in data["needs_ocr"]}
    assert needs == {"pdf", "jpg"} and len(data["needs_ocr"]) >= 21
    assert any(f["path"].endswith("（扫描件）.pdf") for f in data["needs_ocr"])
    assert data["ocr_pages"] == 0


def test_catalogue_has_every_category_year_and_branch(sample_index):
    arc = open_archive(ROOT / "archive", sample_index)
    df = arc.documents()
    assert set(arc.config.taxonomy.codes) <= set(df["category"])
    assert set(range(2019, 2026)) <= set(df["year"].dropna().astype(int))
    branches = {"机关第一党支部", "机关第二党支部", "离退休干部党支部"}
    for year in range(2019, 2026):
        assert branches <= set(df[df["year"] == year]["org"]), year


def test_each_years_theme_is_found_in_that_year_and_peaks_there(sample_index):
    arc = open_archive(ROOT / "archive", sample_index)
    for year, theme in default_theme_terms().items():
        result = arc.search(f'"{theme}"', limit=None)
        by_year = Counter(int(h["date"][:4]) for h in result.hits if h["date"])
        assert by_year[year] > 0, theme
        # the theme year (or, for a December/January spill-over, the next) dominates
        assert by_year.most_common(1)[0][0] == year, (theme, by_year)

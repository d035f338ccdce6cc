"""The analysis on the bundled sample archive (archive/): each year's theme peaks in
its year, and claimed-vs-recorded finds exactly the discrepancies archive/README.md
lists. The archive is indexed into a temporary file; archive/ itself is never written."""

import re
from pathlib import Path

import pytest

import dj_archive
from dj_archive.analysis import claimed_vs_recorded, default_theme_terms, term_frequency, theme_peaks
from dj_archive.periods import parse_period

ARCHIVE = Path(__file__).resolve().parents[1] / "archive"
HEADER = ["支部", "期间", "指标", "总结所称", "档案所载", "说明"]


def _has_documents(root: Path) -> bool:
    return any(p.is_dir() and re.match(r"[A-Z]{2}_", p.name) for p in root.iterdir()) if root.is_dir() else False


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    assert _has_documents(ARCHIVE), "the bundled sample archive/ has no documents"
    arc = dj_archive.open_archive(ARCHIVE, tmp_path_factory.mktemp("sample") / "sample.sqlite")
    arc.report = arc.index(progress=False)
    return arc


def readme_discrepancies(readme: Path, config) -> set | None:
    """(支部, 期间, 指标, 总结所称, 档案所载) rows of the README table, or None if there is none."""
    if not readme.is_file():
        return None
    rows, started = set(), False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if not line.strip().startswith("|"):
            if started:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells == HEADER:
            started = True
            continue
        if not started or set("".join(cells)) <= set("-: "):
            continue
        org = config.resolve_org(cells[0]) or cells[0]
        rows.add((org, str(parse_period(cells[1])), cells[2], int(cells[3]), int(cells[4])))
    return rows if started else None


def test_each_years_theme_peaks_in_its_year(sample):
    peaks = theme_peaks(term_frequency(sample))
    assert peaks["theme_year"].tolist() == sorted(default_theme_terms())
    wrong = peaks[peaks["peaks_in_theme_year"] != True]  # noqa: E712
    assert wrong.empty, wrong.to_string()


def test_claimed_vs_recorded_finds_exactly_the_deliberate_discrepancies(sample):
    expected = readme_discrepancies(ARCHIVE / "README.md", sample.config)
    assert expected is not None, "archive/README.md lost its discrepancy table"
    df = claimed_vs_recorded(sample)
    bad = df[df["status"] == "不一致"]
    found = {(r.org, r.period, r.indicator, r.claimed, r.recorded) for r in bad.itertuples()}
    assert found == expected, f"index report: failed={sample.report.failed}, documents={sample.report.documents}"
    assert len(expected) == 5

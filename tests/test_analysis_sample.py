"""The analysis on the bundled sample archive (archive/): each year's theme peaks in
its year, and claimed-vs-recorded finds exactly the discrepancies archive/README.md
lists. The archive is indexed into a temporary file; archive/ itself is never written."""

import re
from pathlib import Path

import pytest

import dj_archive
from dj_archive.analysis import default_theme_terms, term_frequency, theme_peaks

ARCHIVE = Path(__file__).resolve().parents[1] / "archive"
HEADER = ["支部", "期间", "指标", "总结所称", "档案所载", "说明"]


def _has_documents(root: Path) -> bool:
    return any(p.is_dir() and re.match(r"[A-Z]{2}_", p.name) for p in root.iterdir()) if root.is_dir() else False


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    if not _has_documents(ARCHIVE):
        pytest.skip("the sample archive has not been generated yet")
    arc = dj_archive.open_archive(ARCHIVE, tmp_path_factory.mktemp("sample") / "sample.sqlite")
    arc.index(progress=False)
    return arc


def _period(text: str) -> str:
    """README spellings of a period → ``2023H1`` / ``2023``."""
    t = text.replace(" ", "")
    m = re.fullmatch(r"(\d{4})(?:年)?(上半年|下半年|H1|H2|年度|全年|度)?", t)
    if not m:
        raise ValueError(f"unrecognised period {text!r} in archive/README.md")
    return m.group(1) + {"上半年": "H1", "H1": "H1", "下半年": "H2", "H2": "H2"}.get(m.group(2) or "", "")


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
        rows.add((org, _period(cells[1]), cells[2], int(cells[3]), int(cells[4])))
    return rows if started else None


def test_each_years_theme_peaks_in_its_year(sample):
    peaks = theme_peaks(term_frequency(sample))
    assert peaks["theme_year"].tolist() == sorted(default_theme_terms())
    wrong = peaks[peaks["peaks_in_theme_year"] != True]  # noqa: E712
    assert wrong.empty, wrong.to_string()


def test_claimed_vs_recorded_finds_exactly_the_deliberate_discrepancies(sample):
    pytest.importorskip("dj_archive.understand.metrics")
    from dj_archive.analysis import claimed_vs_recorded

    expected = readme_discrepancies(ARCHIVE / "README.md", sample.config)
    if expected is None:
        pytest.skip("archive/README.md has no discrepancy table yet")
    df = claimed_vs_recorded(sample)
    bad = df[df["status"] == "不一致"]
    found = {(r.org, r.period, r.indicator, r.claimed, r.recorded) for r in bad.itertuples()}
    assert found == expected
    assert len(expected) == 5


def test_period_spellings():
    assert [_period(s) for s in ("2023H1", "2023年上半年", "2023年", "2023年度", "2023", "2023 年下半年")] == [
        "2023H1", "2023H1", "2023", "2023", "2023", "2023H2"]

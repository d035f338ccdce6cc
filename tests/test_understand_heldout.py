"""Activity metrics on the held-out documents (fixtures/understand/heldout/, gold labels in
heldout.yml, written before the extractor saw the documents).

Each document must give exactly its gold list, except for the documented ``known_misses``
(gold rows not found) and ``known_extras`` (rows found that the gold does not have): a fixed
miss or a new error fails the test, so the lists stay true.
"""

from pathlib import Path

import opencc
import pytest
import yaml

from dj_archive.understand import detect_period, extract_metrics

FIXTURES = Path(__file__).parent / "fixtures" / "understand"
HELDOUT = yaml.safe_load((FIXTURES / "heldout.yml").read_text(encoding="utf-8"))


def read(name: str) -> str:
    return (FIXTURES / "heldout" / name).read_text(encoding="utf-8")


def rows(df):
    return [[r.indicator or r.activity, int(r.count), r.unit, bool(r.approx)] for r in df.itertuples()]


def without(items, removed):
    out = list(items)
    for r in removed:
        out.remove(r)  # ValueError when a documented row is not there
    return out


@pytest.mark.parametrize("name", sorted(HELDOUT))
def test_heldout_metrics(name):
    spec = HELDOUT[name]
    got = rows(extract_metrics(read(name)))
    assert without(got, spec.get("known_extras", [])) == without(spec["metrics"], spec.get("known_misses", []))


@pytest.mark.parametrize("name", sorted(HELDOUT))
def test_heldout_period(name):
    assert detect_period(read(name)) == HELDOUT[name]["period"]


@pytest.mark.parametrize("name", sorted(HELDOUT))
def test_heldout_same_without_line_breaks_and_in_traditional_characters(name):
    text = read(name)
    indicators = lambda df: [[r.indicator, int(r.count), r.unit, bool(r.approx)] for r in df.itertuples()]  # noqa: E731
    expected = indicators(extract_metrics(text))
    assert indicators(extract_metrics(text.replace("\n", ""))) == expected
    assert indicators(extract_metrics(opencc.OpenCC("s2t").convert(text))) == expected


def test_known_lists_are_small():
    # The held-out set is a measure of generalisation: misses are documented, not accepted in bulk.
    gold = sum(len(s["metrics"]) for s in HELDOUT.values())
    misses = sum(len(s.get("known_misses", [])) for s in HELDOUT.values())
    extras = sum(len(s.get("known_extras", [])) for s in HELDOUT.values())
    assert gold >= 300 and misses <= 7 and extras <= 4

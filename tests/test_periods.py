"""The one period model: parsing, labels, halves, ordering, ranges and a branch's sequence."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dj_archive.periods import (
    InvalidPeriod,
    Period,
    PeriodSequence,
    consecutive,
    half_of,
    parse_date,
    parse_period,
    period_label,
    period_range,
)


def test_parse_every_spelling():
    for text, want in [
        ("2025H1", Period(2025, 1)),
        ("2025h2", Period(2025, 2)),
        (" 2024 ", Period(2024)),
        ("2025-H1", Period(2025, 1)),
        ("2023年上半年", Period(2023, 1)),
        ("2023年下半年", Period(2023, 2)),
        ("2023年度", Period(2023)),
        ("2023 年下半年", Period(2023, 2)),
        ("2023年", Period(2023)),
        ("2023年全年", Period(2023)),
        (2023, Period(2023)),
    ]:
        assert parse_period(text) == want, text
    for bad in ("2025H3", "25H1", "2025上半年", "2023Q1", "上半年", "", None, "1800"):
        with pytest.raises(InvalidPeriod):
            parse_period(bad)


def test_one_label_everywhere():
    assert [period_label(p) for p in ("2023H1", "2023H2", "2023")] == ["2023年上半年", "2023年下半年", "2023年度"]
    assert parse_period("2024").label == period_label("2024") == "2024年度"
    assert period_label(parse_period(period_label("2022H2"))) == "2022年下半年"  # label parses back
    assert [parse_period(p).scope for p in ("2023H1", "2023H2", "2023")] == ["上半年", "下半年", "全年"]


def test_halves_and_contains():
    assert parse_period("2023H1").halves == ("2023H1",)
    assert parse_period("2023").halves == ("2023H1", "2023H2")
    y = parse_period("2023")
    assert y.contains("2023-01-01") and y.contains("2023-12-31") and not y.contains("2024-01-01")
    assert not y.contains(None) and not y.contains("2023")


def test_order_is_by_end_date_a_year_after_its_second_half():
    assert sorted(map(parse_period, ["2024", "2024H2", "2024H1", "2023"])) == [
        Period(2023),
        Period(2024, 1),
        Period(2024, 2),
        Period(2024),
    ]


@given(st.integers(2000, 2030), st.integers(1, 2), st.integers(0, 12))
def test_period_range_is_contiguous(year, half, n):
    first = f"{year}H{half}"
    idx = (year * 2 + half - 1) + n
    last = f"{idx // 2}H{idx % 2 + 1}"
    out = period_range(first, last)
    assert len(out) == n + 1 and out[0] == first and out[-1] == last
    assert out == sorted(out)
    assert period_range(str(year), str(year + n)) == [str(y) for y in range(year, year + n + 1)]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_half_of_a_date(d):
    iso = d.isoformat()
    own = f"{iso[:4]}H{1 if d.month <= 6 else 2}"
    assert half_of(None, iso) == own
    assert half_of("2023H1", iso) == "2023H1"  # a named half-year wins over the date
    # a whole-year period: its own half when dated within the year, else the nearer end
    expected = own if d.year == 2023 else ("2023H2" if d.year > 2023 else "2023H1")
    assert half_of("2023", iso) == expected
    assert half_of("2023", None) == "2023H2"
    assert parse_period(own).contains(iso)


def test_sequence_mixing_half_year_and_annual_summaries():
    # a branch writing a 上半年 summary and an annual one each year
    seq = PeriodSequence(["2024", "2023H1", "2024H1", "2023"])
    assert [str(p) for p in seq] == ["2023H1", "2023", "2024H1", "2024"]
    assert seq.next("2023") == Period(2024, 1) and seq.previous("2024") == Period(2024, 1)
    assert seq.consecutive("2023H1", "2023") and seq.consecutive("2023", "2024H1")
    assert not seq.consecutive("2023", "2024")  # 2024年上半年 lies between the annual ones
    assert not seq.consecutive("2023", "2022")  # not in the sequence
    # a branch writing only annual summaries: year after year is consecutive
    assert consecutive(["2021", "2022", "2023"], "2022", "2023")
    with pytest.raises(InvalidPeriod):
        seq.next("2022")


def test_dates_as_typed():
    for typed in ("2023-01-06", "2023/1/6", "2023.1.6", "2023_01_06", "2023年1月6日", "20230106", " 2023-1-6 "):
        assert parse_date(typed) == "2023-01-06", typed
    for bad in ("2023-02-30", "2023-1/6", "2023", "6/1/2023", None, ""):
        assert parse_date(bad) is None, bad

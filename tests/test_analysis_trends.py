"""Term frequency over time, theme peaks, and their charts."""

import pandas as pd
import pytest
from test_analysis_fixtures import Y1, Y2, check_chart

from dj_archive.analysis import (
    default_theme_terms,
    plot_term_heatmap,
    plot_term_trends,
    term_frequency,
    theme_peaks,
)
from dj_archive.normalize import fold

THEMES = {2021: "党史学习教育", 2022: "二十大", 2023: "主题教育"}


def test_counts_and_rates_per_year_match_the_text(analysis_archive):
    df = term_frequency(analysis_archive, list(THEMES.values()))
    assert list(df.columns) == ["period", "term", "count", "chars", "per_10k"]
    assert list(df["period"].unique()) == ["2021", "2022", "2023"]
    docs = analysis_archive.documents(with_text=True)
    for row in df.itertuples(index=False):
        texts = docs[docs["year"] == int(row.period)]["text"]
        assert row.chars == sum(len(t) for t in texts)
        assert row.count == sum(fold(t).count(row.term) for t in texts)
        assert row.per_10k == round(row.count * 10000 / row.chars, 2)
    got = df.set_index(["period", "term"])["count"]
    assert got[("2021", "党史学习教育")] == 8
    assert got[("2022", "二十大")] == 6
    # 2023: four simplified mentions plus 主題教育 in a UTF-16 traditional-character record
    assert got[("2023", "主题教育")] == 5
    assert got[("2021", "二十大")] == 0


def test_each_theme_peaks_in_its_year(analysis_archive):
    peaks = theme_peaks(term_frequency(analysis_archive, list(THEMES.values())), themes=THEMES)
    assert list(peaks.columns) == [
        "term",
        "theme_year",
        "peak_period",
        "peak_per_10k",
        "runner_up",
        "runner_up_per_10k",
        "peaks_in_theme_year",
    ]
    assert dict(zip(peaks["term"], peaks["peak_period"])) == {
        "党史学习教育": "2021",
        "二十大": "2022",
        "主题教育": "2023",
    }
    assert peaks["peaks_in_theme_year"].tolist() == [True, True, True]
    assert peaks["theme_year"].tolist() == [2021, 2022, 2023]


def test_by_branch_and_half_year(analysis_archive):
    df = term_frequency(analysis_archive, ["主题教育", "党史学习教育"], by=("period", "org"), unit="half")
    assert list(df.columns) == ["period", "org", "term", "count", "chars", "per_10k"]
    got = df.set_index(["period", "org", "term"])["count"]
    assert got[("2023H1", Y2, "主题教育")] == 1  # the traditional-character record
    assert got[("2023H1", Y1, "主题教育")] == 3
    assert got[("2023H2", Y1, "主题教育")] == 1
    # the annual 2021 summary (dated January 2022) counts towards 2021H2, not 2022H1
    assert got[("2021H2", Y1, "党史学习教育")] == 2
    assert got[("2022H1", Y1, "党史学习教育")] == 0
    # branches add up to the whole
    whole = term_frequency(analysis_archive, ["主题教育"], unit="half").set_index("period")
    per_org = df[df["term"] == "主题教育"].groupby("period")[["count", "chars"]].sum()
    assert (per_org["count"] == whole["count"]).all() and (per_org["chars"] == whole["chars"]).all()


def test_sorted_deterministic_and_term_order_kept(analysis_archive):
    a = term_frequency(analysis_archive, ["二十大", "党史学习教育"], by=("period", "org"))
    b = term_frequency(analysis_archive, ["二十大", "党史学习教育"], by=("period", "org"))
    pd.testing.assert_frame_equal(a, b)
    assert a.loc[a["period"] == "2021", "term"].tolist()[:2] == ["二十大", "党史学习教育"]
    keys = list(zip(a["period"], a["org"]))
    assert keys == sorted(keys)


def test_several_spellings_count_as_one_term(analysis_archive):
    df = term_frequency(analysis_archive, {"奋进": ["踔厉奋发", "勇毅前行"], "以学铸魂": "以學鑄魂"})
    got = df.set_index(["period", "term"])["count"]
    assert got[("2022", "奋进")] == 4
    assert got[("2023", "以学铸魂")] == 4  # the traditional spelling folds to the simplified one


def test_bad_arguments_are_refused(analysis_archive):
    with pytest.raises(ValueError):
        term_frequency(analysis_archive, ["二十大"], unit="month")
    with pytest.raises(ValueError):
        term_frequency(analysis_archive, ["二十大"], by=("org",))
    with pytest.raises(ValueError):
        term_frequency(analysis_archive, [" "])


def test_default_theme_terms_cover_every_year_of_the_sample():
    themes = default_theme_terms()
    assert sorted(themes) == list(range(2019, 2026))
    assert themes[2021] == "党史学习教育" and themes[2020] == "疫情防控"
    assert all(isinstance(t, str) and t for t in themes.values())


def test_default_terms_are_the_themes(analysis_archive):
    df = term_frequency(analysis_archive)
    assert list(dict.fromkeys(df["term"])) == list(default_theme_terms().values())


def test_charts(analysis_archive, tmp_path):
    df = term_frequency(analysis_archive, list(THEMES.values()), by=("period", "org"))
    fig = plot_term_trends(df)
    check_chart(fig, tmp_path / "trend.png")
    assert "每万字出现次数" in fig.axes[0].get_ylabel()
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == list(THEMES.values())
    check_chart(plot_term_trends(df, org=Y1), tmp_path / "trend1.png")
    heat = plot_term_heatmap(df)
    check_chart(heat, tmp_path / "heat.png")
    assert heat.axes[1].get_ylabel() == "每万字出现次数"


def test_results_follow_a_reindex(tmp_path):
    """The per-index cache notices new documents after the archive is re-indexed."""
    from builders import write_text

    import dj_archive

    root = tmp_path / "arc"
    write_text(root / "SH_组织生活类/2024/2024-05-10_机关第一党支部主题党日活动记录.txt", "学习党纪学习教育读本。\n")
    arc = dj_archive.open_archive(root, tmp_path / "i.sqlite")
    arc.index(progress=False)
    assert term_frequency(arc, ["党纪学习教育"])["count"].tolist() == [1]
    write_text(root / "SH_组织生活类/2024/2024-06-12_机关第一党支部主题党日活动记录.txt", "党纪学习教育警示教育。\n")
    arc.index(progress=False)
    df = term_frequency(arc, ["党纪学习教育"])
    assert df["count"].tolist() == [2]
    assert df["chars"].tolist() == [sum(len(t) for t in arc.documents(with_text=True)["text"])]

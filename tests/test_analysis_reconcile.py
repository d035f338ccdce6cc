"""Claimed activity counts (from the summaries) and their reconciliation with the
filed records."""

from test_analysis_fixtures import DISCREPANCIES, Y1, Y2, check_chart

from dj_archive.analysis import (
    activity_series,
    claimed_vs_recorded,
    discrepancies,
    plot_activity,
    plot_claimed_vs_recorded,
)


def test_activity_series_reads_the_claims_of_every_summary(analysis_archive):
    df = activity_series(analysis_archive)
    assert list(df.columns) == ["org", "period", "scope", "indicator", "count", "unit", "approx", "summary"]
    got = {(r.org, r.period, r.indicator): r.count for r in df.itertuples()}
    assert got[(Y1, "2021H1", "支委会")] == 2
    assert got[(Y1, "2021", "支委会")] == 3
    assert got[(Y1, "2021", "走访慰问")] == 3
    assert got[(Y1, "2021H1", "谈心谈话")] == 10
    assert got[(Y2, "2021H1", "集中学习")] == 2
    assert got[(Y2, "2022", "主题党日")] == 1
    # the 下一步 section's plan (下半年计划召开支委会3次) is not a claim
    assert (Y1, "2021H2", "支委会") not in got and len(df[df["count"] == 3]) == 2
    assert set(df.loc[df["period"] == "2021", "scope"]) == {"全年"}
    assert set(df.loc[df["period"] == "2021H1", "scope"]) == {"上半年"}
    # sorted: branches in fonds.yml order, then period
    assert df["org"].tolist() == sorted(df["org"], key=[Y1, Y2].index)


def test_activity_series_filters_indicators(analysis_archive):
    df = activity_series(analysis_archive, indicators=["支委会"])
    assert set(df["indicator"]) == {"支委会"}
    assert len(df) == 3
    assert activity_series(analysis_archive, indicators="党课")["count"].tolist() == [1, 1]


def test_exactly_the_planted_discrepancies_are_found(analysis_archive):
    df = claimed_vs_recorded(analysis_archive)
    assert list(df.columns) == [
        "org",
        "period",
        "indicator",
        "claimed",
        "recorded",
        "diff",
        "status",
        "approx",
        "summary",
        "records",
    ]
    bad = df[df["status"] == "不一致"]
    found = {(r.org, r.period, r.indicator, r.claimed, r.recorded) for r in bad.itertuples()}
    assert found == DISCREPANCIES
    assert set(df["status"]) == {"一致", "不一致"}
    assert (df["diff"] == df["claimed"] - df["recorded"]).all()
    # indicators without a record rule are never compared
    assert "谈心谈话" not in set(df["indicator"])
    assert discrepancies(analysis_archive)[["org", "period", "indicator"]].values.tolist() == [
        [Y1, "2021", "走访慰问"],
        [Y1, "2021H1", "党课"],
    ]


def test_an_annual_summary_counts_both_halves_and_names_the_records(analysis_archive):
    df = claimed_vs_recorded(analysis_archive).set_index(["org", "period", "indicator"])
    annual = df.loc[(Y1, "2021", "支委会")]
    assert (annual["claimed"], annual["recorded"], annual["status"]) == (3, 3, "一致")
    assert annual["summary"] == f"{Y1}2021年度党建工作总结"
    assert annual["records"] == [
        f"{Y1}2021年第1次支委会会议记录",
        f"{Y1}2021年第2次支委会会议记录",
        f"{Y1}2021年第3次支委会会议记录",
    ]
    h1 = df.loc[(Y1, "2021H1", "支委会")]
    assert h1["recorded"] == 2  # the September meeting is in 2021H2
    # records of the other branch never count
    assert df.loc[(Y2, "2022", "支委会"), "records"] == [f"{Y2}2022年第1次支委会会议记录"]


def test_charts(analysis_archive, tmp_path):
    fig = plot_activity(activity_series(analysis_archive), "支委会")
    check_chart(fig, tmp_path / "act.png")
    assert "支委会" in fig.axes[0].get_title() and "（次）" in fig.axes[0].get_ylabel()
    check_chart(plot_activity(activity_series(analysis_archive), "支委会", scope="上半年"), tmp_path / "act_h1.png")
    check_chart(plot_claimed_vs_recorded(claimed_vs_recorded(analysis_archive)), tmp_path / "rec.png")
    check_chart(plot_claimed_vs_recorded(claimed_vs_recorded(analysis_archive), "党课"), tmp_path / "rec_dk.png")

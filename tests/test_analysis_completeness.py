"""Filing matrix and gaps: which branch filed what, and what is missing."""

from test_analysis_fixtures import Y1, Y2, check_chart

from dj_archive.analysis import filing_gaps, filing_matrix, plot_filing_heatmap

CATS = ["综合类", "组织建设类", "组织生活类", "学习教育类", "发展党员类", "党风廉政类"]


def test_matrix_counts_documents_per_category_and_year(analysis_archive):
    m = filing_matrix(analysis_archive)
    assert m.index.tolist() == CATS
    assert m.columns.tolist() == ["2021", "2022", "2023"]
    assert m.loc["组织生活类", "2021"] == 4
    assert m.loc["综合类", "2021"] == 4  # the annual 2021 summary, filed in January 2022, counts for 2021
    assert m.loc["组织建设类"].sum() == 0
    docs = analysis_archive.documents()
    assert m.values.sum() == docs["year"].notna().sum()
    assert m.dtypes.map(lambda d: d.kind == "i").all()


def test_matrix_by_branch_and_half_year(analysis_archive):
    m = filing_matrix(analysis_archive, unit="half", by_org=True)
    assert m.index.names == ["支部", "类别"]
    assert m.index.get_level_values(0).unique().tolist() == [Y1, Y2]
    assert m.columns.tolist() == ["2021H1", "2021H2", "2022H1", "2022H2", "2023H1", "2023H2"]
    assert m.loc[(Y1, "组织生活类"), "2021H1"] == 3
    assert m.loc[(Y1, "组织生活类"), "2021H2"] == 1
    assert m.loc[(Y2, "学习教育类"), "2023H1"] == 1
    assert m.loc[(Y1, "综合类"), "2021H2"] == 1  # annual summary → second half of the year it reports on


def test_gaps_are_the_zero_cells_of_configured_branches(analysis_archive):
    gaps = filing_gaps(analysis_archive)
    assert list(gaps.columns) == ["org", "period", "category", "category_name"]
    keys = {(r.org, r.period, r.category) for r in gaps.itertuples()}
    for year in ("2021", "2022", "2023"):
        assert (Y2, year, "LZ") in keys and (Y2, year, "FZ") in keys
    assert (Y1, "2021", "SH") not in keys
    assert (Y1, "2022", "FZ") not in keys  # the .docx record
    m = filing_matrix(analysis_archive, by_org=True)
    assert len(gaps) == int((m == 0).values.sum())
    # sorted: branch order of fonds.yml, then period, then taxonomy order
    assert gaps["org"].tolist() == sorted(gaps["org"], key=[Y1, Y2].index)
    only = filing_gaps(analysis_archive, orgs=[Y2], categories=["LZ", "发展党员类"])
    assert set(only["category"]) == {"LZ", "FZ"} and set(only["org"]) == {Y2} and len(only) == 6


def test_heatmap(analysis_archive, tmp_path):
    fig = plot_filing_heatmap(filing_matrix(analysis_archive, by_org=True))
    check_chart(fig, tmp_path / "fill.png")
    assert fig.axes[1].get_ylabel() == "归档文件数（件）"
    check_chart(plot_filing_heatmap(filing_matrix(analysis_archive, unit="half")), tmp_path / "fill_h.png")

"""Search helpers of the exploring notebook: KWIC, facets and the widget."""

import pytest
from test_analysis_fixtures import Y1, Y2, check_chart

from dj_archive.analysis import facet_counts, kwic, plot_facets, search_widget
from dj_archive.analysis.explore import ALL
from dj_archive.normalize import fold


def test_kwic_shows_original_text_around_every_folded_match(analysis_archive):
    df = kwic(analysis_archive, "主题教育", width=6)
    assert list(df.columns) == ["path", "title", "date", "org", "left", "match", "right"]
    assert len(df) == 5
    assert df["date"].tolist() == sorted(df["date"])
    trad = df[df["org"] == Y2].iloc[0]
    assert trad["match"] == "主題教育" and trad["left"] == "錄 學習貫徹"  # original characters, line break → space
    assert all(fold(m) == "主题教育" for m in df["match"])
    assert all(len(left) <= 6 and len(right) <= 6 for left, right in zip(df["left"], df["right"]))
    docs = analysis_archive.documents(with_text=True)
    assert len(df) == sum(fold(t).count("主题教育") for t in docs["text"])


def test_kwic_filters_limit_and_several_matches_per_document(analysis_archive):
    df = kwic(analysis_archive, "党史学习教育", org=Y2)
    assert set(df["org"]) == {Y2} and len(df) == 2
    two = kwic(analysis_archive, "踔厉奋发", year=2022)
    assert len(two) == 3
    assert len(kwic(analysis_archive, "支委会", limit=2)) == 2
    assert kwic(analysis_archive, "不存在的词语").empty
    with pytest.raises(ValueError):
        kwic(analysis_archive, "  ")
    with pytest.raises(TypeError):
        kwic(analysis_archive, "支委会", colour="红")


def test_kwic_can_mask_personal_numbers(tmp_path):
    from builders import write_text

    import dj_archive

    root = tmp_path / "arc"
    write_text(
        root / "ZZ_组织建设类/2023/2023-03-01_机关第一党支部党员信息登记.txt",
        "党员信息登记\n张华，联系电话13812345678，已登记。\n",
    )
    arc = dj_archive.open_archive(root, tmp_path / "i.sqlite")
    arc.index(progress=False)
    plain = kwic(arc, "联系电话", width=11)
    masked = kwic(arc, "联系电话", width=11, mask_pii=True)
    assert plain["right"].iloc[0] == "13812345678"
    assert masked["right"].iloc[0] != "13812345678" and len(masked["right"].iloc[0]) == 11


def test_facet_counts_cover_every_value_with_zeros(analysis_archive):
    df = facet_counts(analysis_archive, "支委会")
    assert list(df.columns) == ["facet", "value", "count"]
    assert df["facet"].unique().tolist() == ["类别", "年度", "支部"]
    total = analysis_archive.search("支委会", limit=None).total
    assert df.attrs["total"] == total
    for facet in ("类别", "支部"):
        assert df[df["facet"] == facet]["count"].sum() == total
    years = df[df["facet"] == "年度"].set_index("value")["count"]
    assert years.index.tolist() == ["2021", "2022", "2023"]
    assert df[(df["facet"] == "类别") & (df["value"] == "组织建设类")]["count"].iloc[0] == 0
    only_y2 = facet_counts(analysis_archive, "支委会", org="二支部")
    assert only_y2[(only_y2["facet"] == "支部") & (only_y2["value"] == Y1)]["count"].iloc[0] == 0


def test_plot_facets(analysis_archive, tmp_path):
    fig = plot_facets(facet_counts(analysis_archive, "二十大"))
    check_chart(fig, tmp_path / "facets.png")
    assert "二十大" in fig._suptitle.get_text()


def test_search_widget_is_a_thin_layer_over_search(analysis_archive):
    pytest.importorskip("ipywidgets")
    box = search_widget(analysis_archive)
    c = box.controls
    assert [o[0] for o in c["category"].options][:2] == ["（全部）", "综合类（ZH）"]
    assert [o[1] for o in c["year"].options] == [ALL, 2021, 2022, 2023]
    assert [o[1] for o in c["org"].options] == [ALL, Y1, Y2]
    c["org"].value = Y2
    c["query"].value = "主题教育"  # typing + Enter runs the search
    assert "主题教育：共 1 件" in c["results"].value and "<mark>主題教育</mark>" in c["results"].value
    c["org"].value = ALL
    c["button"].click()
    assert "主题教育：共 5 件" in c["results"].value
    c["query"].value = "(主题"
    res = box.run()
    assert res is None and "color:#b00" in c["results"].value


def test_every_dropdown_shows_its_all_label_when_created(analysis_archive):
    """ipywidgets treats a None value as "nothing selected" (an empty box in the
    browser): the （全部） choice must be a real value, selected and labelled."""
    pytest.importorskip("ipywidgets")
    for _ in range(3):  # fresh panels, as in repeated Run Alls
        c = search_widget(analysis_archive).controls
        for name in ("category", "year", "org", "doc_type"):
            dd = c[name]
            assert dd.index == 0, name
            assert dd.label == "（全部）" and dd.value == ALL, name
            state = dd.get_state()
            assert state["index"] == 0 and state["_options_labels"][0] == "（全部）", name


def test_search_widget_pages_through_every_hit(analysis_archive):
    pytest.importorskip("ipywidgets")
    total = analysis_archive.search("支委会", limit=None).total
    assert total > 4
    box = search_widget(analysis_archive, limit=4)
    c = box.controls
    c["query"].value = "支委会"
    assert f"显示前 4 件，共 {total} 件" in c["results"].value
    assert c["prev"].disabled and not c["next"].disabled
    c["next"].click()
    assert c["status"].value.startswith(f"显示第 5–{min(8, total)} 件，共 {total} 件")
    assert not c["prev"].disabled
    c["prev"].click()
    assert c["status"].value == f"显示前 4 件，共 {total} 件"
    seen = []
    for n in range((total + 3) // 4):
        seen += [h["id"] for h in box.page(n)]
    assert len(seen) == len(set(seen)) == total  # every hit once, none twice
    assert c["next"].disabled and not c["prev"].disabled

"""Distinctive keywords per period with the archive's own IDF."""

import re

import pandas as pd

from dj_archive.analysis import keywords_table, load_stopwords, period_keywords

BOILERPLATE = [
    "坚持",
    "加强",
    "认真",
    "进一步",
    "工作",
    "开展",
    "党员",
    "支部",
    "推进",
    "落实",
    "深入",
    "持续",
    "全面",
    "积极",
    "不断",
    "切实",
]


def test_each_years_own_vocabulary_comes_first(analysis_archive):
    df = period_keywords(analysis_archive, top=5)
    assert list(df.columns) == ["period", "rank", "term", "score", "count"]
    top = df[df["rank"] == 1].set_index("period")["term"].to_dict()
    assert top["2021"] == "党史学习教育"
    assert top["2022"] == "二十大"
    assert "主题教育" in df[df["period"] == "2023"]["term"].tolist()
    for _period, g in df.groupby("period"):
        assert g["rank"].tolist() == list(range(1, len(g) + 1))
        assert g["score"].is_monotonic_decreasing


def test_boilerplate_numbers_punctuation_and_single_characters_never_appear(analysis_archive):
    df = period_keywords(analysis_archive, top=50, min_docs=1)
    terms = set(df["term"])
    assert not terms & set(BOILERPLATE)
    assert all(len(t) >= 2 for t in terms)
    assert not any(re.search(r"[0-9０-９，。、：；（）\s]", t) for t in terms)
    assert not any(re.fullmatch(r"第?[一二三四五六七八九十两]+[次年名个]?", t) for t in terms)
    assert set(BOILERPLATE) <= load_stopwords()


def test_idf_is_the_archives_own(analysis_archive):
    """支委会 occurs in most 2021 documents but also in other years: an archive-wide IDF
    must rank it below 党史学习教育, which only 2021 uses, even though 支委会 is as frequent."""
    df = period_keywords(analysis_archive, top=20)
    y21 = df[df["period"] == "2021"].set_index("term")
    assert y21.loc["党史学习教育", "rank"] < y21.loc["支委会", "rank"]
    # a word occurring in every document scores nothing (ln(N/N) = 0) and is left out
    assert "机关" not in set(df["term"])


def test_min_docs_drops_one_off_words_and_extra_stopwords(analysis_archive):
    one_doc = period_keywords(analysis_archive, top=100, min_docs=1)
    two_docs = period_keywords(analysis_archive, top=100, min_docs=2)
    assert "革命纪念馆" in set(one_doc["term"]) or "纪念馆" in set(one_doc["term"])
    assert not {"革命纪念馆", "纪念馆"} & set(two_docs["term"])
    without = period_keywords(analysis_archive, top=5, stopwords=["二十大"])
    assert "二十大" not in set(without["term"])


def test_half_years_and_determinism(analysis_archive):
    a = period_keywords(analysis_archive, top=3, unit="half")
    b = period_keywords(analysis_archive, top=3, unit="half")
    pd.testing.assert_frame_equal(a, b)
    assert set(a["period"]) <= {"2021H1", "2021H2", "2022H1", "2022H2", "2023H1", "2023H2"}
    assert a["score"].map(lambda s: round(s, 4) == s).all()


def test_keywords_table_is_side_by_side(analysis_archive):
    wide = keywords_table(period_keywords(analysis_archive, top=3))
    assert list(wide.columns) == ["2021", "2022", "2023"]
    assert wide.loc[1, "2021"] == "党史学习教育"
    assert wide.index.tolist() == [1, 2, 3]


def test_personal_names_are_not_keywords(analysis_archive):
    """李强 (廉政谈话记录) and 张华 (a .docx record) occur in one 2023 / 2022 document each."""
    tagged = set(period_keywords(analysis_archive, top=500, min_docs=1)["term"])
    untagged = set(period_keywords(analysis_archive, top=500, min_docs=1, filter_pos=False)["term"])
    assert {"李强", "张华"} <= untagged
    assert not {"李强", "张华"} & tagged
    assert tagged <= untagged and "二十大" in tagged  # domain words are never filtered
    assert "严守纪律" in tagged  # a 4-character phrase is not a name

"""Heading hierarchy and canonical parts of Chinese official documents."""

from pathlib import Path

import pytest
import yaml

from dj_archive.understand import parse_outline

FIXTURES = Path(__file__).parent / "fixtures" / "understand"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yml").read_text(encoding="utf-8"))


def heads(text):
    return [(h.level, h.number, h.text) for h in parse_outline(text).headings]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_parts(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert parse_outline(text).to_dict()["parts"] == EXPECTED[name]["parts"]


def test_four_levels_and_heading_with_its_first_sentence():
    text = (
        "一、工作开展情况\n（一）筑牢思想根基，突出抓好政治建设。一是组织学习。二是开展研讨。\n"
        "1.抓学习：每周一学。\n（1）集体学习\n2、抓制度。\n3．抓落实\n(二)夯实组织基础\n二、存在的不足。\n"
    )
    assert heads(text) == [
        (1, "一、", "工作开展情况"),
        (2, "（一）", "筑牢思想根基，突出抓好政治建设"),
        (3, "1.", "抓学习"),
        (4, "（1）", "集体学习"),
        (3, "2、", "抓制度"),
        (3, "3．", "抓落实"),
        (2, "(二)", "夯实组织基础"),
        (1, "二、", "存在的不足"),
    ]


def test_offsets_sections_and_paths():
    text = (
        "前言。\n一、主要工作\n（一）抓学习。组织学习8次。\n（二）抓组织。召开支委会6次。\n二、下一步打算\n继续努力。"
    )
    ol = parse_outline(text)
    h = ol.headings[2]
    assert text[h.start : h.end] == "（二）抓组织"
    assert ol.path_at(text.index("支委会")) == "一、主要工作 > （二）抓组织"
    assert ol.path_at(0) == ""
    assert ol.part_at(text.index("继续")) == "next" and ol.part_at(text.index("支委会")) == "work"
    assert ol.body("next") == "继续努力。"
    top = ol.sections[0]
    assert text[top.start : top.end] == "一、主要工作\n（一）抓学习。组织学习8次。\n（二）抓组织。召开支委会6次。\n"


def test_items_in_a_problems_section_are_not_headings():
    text = "二、存在的问题\n一是学习不深入。\n二是参与群团组织建设不够。\n首先，制度不健全。其次，落实不到位。\n三、下一步工作打算\n"
    assert heads(text) == [(1, "二、", "存在的问题"), (1, "三、", "下一步工作打算")]


def test_no_line_breaks_at_all():
    text = (
        "某支部2023年工作总结现将工作总结如下：一、主要工作情况（一）加强学习。组织学习两个、三个专题，"
        "学习一、二、三单元。（二）强化组织。2023年7月5日召开会议；统一、规范台账。二、存在的問題一是学习不够。"
        "二是参与不够。三、下一步工作打算（一）继续学习。（二）继续规范。"
    )
    assert heads(text) == [
        (1, "一、", "主要工作情况"),
        (2, "（一）", "加强学习"),
        (2, "（二）", "强化组织"),
        (1, "二、", "存在的問題"),
        (1, "三、", "下一步工作打算"),
        (2, "（一）", "继续学习"),
        (2, "（二）", "继续规范"),
    ]
    parts = parse_outline(text).to_dict()["parts"]
    assert parts == {"work": "主要工作情况", "problems": "存在的問題", "next": "下一步工作打算"}


def test_numbering_must_increase_inline():
    # 三、 before 二、 inside running text is not a heading.
    text = "一、主要工作。做了很多。三、四月份开展活动。二、存在问题。三、下一步打算。"
    assert [h.number for h in parse_outline(text).headings] == ["一、", "二、", "三、"]


def test_traditional_characters_are_matched_for_parts_but_kept():
    text = "一、上半年工作開展情況\n二、存在的問題和不足\n三、下一步工作打算\n"
    ol = parse_outline(text)
    assert ol.to_dict()["parts"] == {
        "work": "上半年工作開展情況",
        "problems": "存在的問題和不足",
        "next": "下一步工作打算",
    }


def test_thematic_headings_before_problems_are_the_work_part():
    text = "一、坚持政治引领\n二、聚焦急难愁盼问题，办好民生实事\n三、存在的不足\n四、2024年工作思路\n"
    ol = parse_outline(text)
    assert ol.to_dict()["parts"] == {"work": "坚持政治引领", "problems": "存在的不足", "next": "2024年工作思路"}
    assert ol.part_at(text.index("聚焦")) == "work"


def test_empty_and_plain_text():
    assert parse_outline("").headings == []
    assert parse_outline("没有标题的一段话。").to_dict() == {
        "headings": [],
        "parts": {"work": None, "problems": None, "next": None},
    }


def test_dates_decimals_and_lists_are_not_headings():
    text = "会议于2023.7.5召开，增长1.5倍。\n第1、2次会议\n一、二、三等奖\n"
    assert heads(text) == []


def test_second_half_work_heading_of_a_second_half_summary_is_work():
    # 下半年工作打算 is the next-steps part of a half-year summary; 下半年工作开展情况 reports.
    ol = parse_outline("一、下半年工作开展情况\n召开支委会6次。\n二、存在的问题\n三、2023年工作打算\n")
    assert {p: s.heading.text for p, s in ol.parts.items()} == {
        "work": "下半年工作开展情况",
        "problems": "存在的问题",
        "next": "2023年工作打算",
    }
    assert parse_outline("一、上半年工作\n二、下半年工作打算\n").parts["next"].heading.text == "下半年工作打算"


def test_a_heading_and_its_first_sentence_on_one_line():
    text = "一、基本情况 本支部现有党员21名。\n（一）强化阵地建设　今年以来，建成活动室1个。\n二、存在问题党员活动形式单一。\n三、主要工作完成情况及成效\n"
    assert [h.text for h in parse_outline(text).headings] == [
        "基本情况",
        "强化阵地建设",
        "存在问题",
        "主要工作完成情况及成效",
    ]
    flat = "卫生院2024年上半年工作总结一、主要工作上半年召开支委会6次。二、存在问题党员活动形式单一。三、下步打算下半年将开展宣教3次。"
    assert [h.text for h in parse_outline(flat).headings] == ["主要工作", "存在问题", "下步打算"]
    assert [h.text for h in parse_outline("一、党员发(fā)展 全年发展党员2名。").headings] == ["党员发展"]

"""Reported period, signing date and Chinese numerals."""

import pytest

from dj_archive.understand import detect_date, detect_period, parse_number


@pytest.mark.parametrize(
    "text, title, period",
    [
        ("", "第一党支部2023年上半年工作总结", "2023H1"),
        ("", "第一党支部2023年下半年工作总结", "2023H2"),
        ("", "2022年度党建工作总结", "2022"),
        ("", "2022年工作总结", "2022"),
        ("2022年全年，支部……", None, "2022"),
        ("", "二〇二三年上半年党建工作总结", "2023H1"),
        ("", "二零二三年度述职报告", "2023"),
        (
            "为做好2024年党建工作，结合2023年工作实际……\n第三党支部\n2023年12月20日",
            "第三党支部2024年党建工作计划",
            "2024",
        ),
        ("2023年上半年，在党总支领导下……", None, "2023H1"),
        ("2023年1月至6月，支部……", None, "2023H1"),
        ("", "2023年第三季度工作小结", "2023Q3"),
        ("今年上半年，支部……\n第二党支部\n2023年7月5日", None, "2023H1"),
        ("本年度，支部……\n第二党支部\n2024年1月8日", None, "2023"),
        ("会议记录\n时间：2023年9月15日上午9:00", None, "2023H2"),
        ("比2018年有所增长。", None, None),
        ("", None, None),
    ],
)
def test_detect_period(text, title, period):
    assert detect_period(text, title=title) == period


def test_title_is_preferred_to_the_text():
    assert detect_period("2022年，支部……", title="2023年上半年工作总结") == "2023H1"


@pytest.mark.parametrize(
    "text, date",
    [
        ("正文。\n机关第二党支部\n2023年7月5日", "2023-07-05"),
        ("正文。\n机关第二党支部\n二〇二三年七月五日", "2023-07-05"),
        ("正文。\n二〇二三年十二月三十一日", "2023-12-31"),
        ("正文。\n2023.7.5", "2023-07-05"),
        ("正文。\n2023-07-05", "2023-07-05"),
        ("正文。\n机关第二党支部　２０２３年７月５日", "2023-07-05"),
        ("正文，于2023年6月28日召开会议。机关第一党支部2023年7月5日", "2023-07-05"),
        ("会议记录\n时间：2023年3月15日上午9:00\n地点：会议室\n内容：……", "2023-03-15"),
        ("于2023年6月28日召开了支委会，研究了很多事情，形成了决议，大家一致同意。", None),
        ("正文。\n2023年2月30日", None),
        ("", None),
    ],
)
def test_detect_date(text, date):
    assert detect_date(text) == date


@pytest.mark.parametrize(
    "s, n",
    [("二〇二三", 2023), ("二零二三", 2023), ("十五", 15), ("二十三", 23), ("两", 2), ("一百零五", 105), ("〇", 0),
     ("零", 0), ("１２", 12), ("12", 12), ("三十一", 31), ("一千零五十", 1050), ("两百", 200), ("3万", 30000),
     ("1,200", 1200), ("十", 10), ("第三", None), ("", None), ("万", None), ("abc", None), ("十十", None)],
)  # fmt: skip
def test_parse_number(s, n):
    assert parse_number(s) == n


def test_period_from_since_dated_events_and_the_signature():
    assert detect_period("2021年以来，支部召开支委会8次。") == "2021"
    assert detect_period("上半年工作回顾\n2022年3月5日开展活动；2022年5月召开党员大会。") == "2022H1"
    assert detect_period("第五党支部工作总结\n一、今年主要工作\n召开支委会10次。\n第五党支部\n2023年12月20日") == "2023"
    assert detect_period("2023年3月，支部组织义务植树；全年组织无偿献血2次。") == "2023"
    assert detect_period("XX党支部20xx年上半年工作总结\n支部现有党员**名。") is None

"""Arbitrary text never makes the understanding functions raise."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dj_archive.understand import (
    clean_title,
    detect_date,
    detect_period,
    extract_metrics,
    find_figures,
    parse_number,
    parse_outline,
)

# Domain characters (markers, numerals, units, cue words) mixed with anything at all,
# so that the fuzzing reaches the parsers' branches and not only their "no match" paths.
DOMAIN = list(
    "一二三四五六七八九十百千万两〇零○（）()、，。；：:;.．!！?？“”《》0123456789０１２３４５６７８９"
    "年月日次名人场篇项个件期批轮余多近约第共其中计划拟将下上半度全支委会党员大课主题日是\n\r\t\u3000 "
)
WORDS = [
    "\ud800",
    "召开支委会",
    "党员大会",
    "讲党课",
    "其中",
    "计划",
    "下一步",
    "存在的问题",
    "發展預備黨員",
    "二〇二三年",
    "人次",
    "场次",
]
TEXT = st.lists(st.one_of(st.sampled_from(DOMAIN), st.sampled_from(WORDS), st.characters()), max_size=120).map("".join)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_outline_never_raises_and_offsets_are_consistent(text):
    ol = parse_outline(text)
    for h in ol.headings:
        assert 0 <= h.start <= h.end <= len(text)
        assert 1 <= h.level <= 4
    for i in range(0, len(text) + 1, 7):
        ol.path_at(i)
        ol.part_at(i)
    ol.to_dict()


@SETTINGS
@given(TEXT, st.one_of(st.none(), TEXT))
def test_metrics_never_raise(text, title):
    df = extract_metrics(text, title=title)
    assert (df["count"] > 0).all()
    for f in find_figures(text):
        assert f.kind in {"work", "state", "plan", "rule", "breakdown", "delta"}


@SETTINGS
@given(TEXT, st.one_of(st.none(), TEXT))
def test_dates_never_raise(text, title):
    p = detect_period(text, title=title)
    assert p is None or p[:4].isdigit()
    d = detect_date(text)
    assert d is None or len(d) == 10


@SETTINGS
@given(st.one_of(TEXT, st.text(alphabet=list("〇零一二两三四五六七八九十百千万亿廿卅0123456789,１２"), max_size=12)))
def test_numerals_and_titles_never_raise(s):
    n = parse_number(s)
    assert n is None or n >= 0
    clean_title(s)

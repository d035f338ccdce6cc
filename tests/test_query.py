"""Query parsing: the syntax users type, and hostile strings that must stay harmless."""

import pytest

from dj_archive.errors import QuerySyntaxError
from dj_archive.query import And, Not, Or, Term, parse_query
from dj_archive.segment import char_tokens


def test_and_or_not_phrase_and_groups():
    q = parse_query('党费 (党课 OR "主题 党日") -草稿')
    assert isinstance(q.root, And)
    assert [type(i) for i in q.root.items] == [Term, Or, Not]
    assert q.describe() == "党费 AND (党课 OR 主题 党日) AND NOT 草稿"
    assert [t.text for t in q.terms] == ["党费", "党课", "主题 党日"]


def test_terms_are_folded_and_synonyms_expanded():
    q = parse_query("黨費")
    assert q.root.variants == ("党费",)
    q = parse_query("二十大")
    assert q.root.variants[:2] == ("二十大", "党的二十大")
    assert "中国共产党第二十次全国代表大会" in q.root.variants
    assert parse_query("二十大", expand_synonyms=False).root.variants == ("二十大",)
    # umbrella term: 三会一课 also finds its parts, not the reverse
    assert "党小组会" in parse_query("三会一课").root.variants
    assert parse_query("党小组会").root.variants == ("党小组会",)


def test_full_width_quotes_and_brackets_are_literal_text():
    q = parse_query("“信仰红” （一）")
    assert [t.text for t in q.terms] == ["“信仰红”", "（一）"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('"党费', "unbalanced double quote in the query"),
        ('" OR 1=1 --', "unbalanced double quote in the query"),
        ("(党费", "unbalanced parenthesis in the query"),
        ("NEAR(", "unbalanced parenthesis in the query"),
        ("党费)", "unbalanced parenthesis in the query"),
        ("党费 OR", "OR needs a term on both sides"),
        ("-", "'-' must be followed by a term"),
    ],
)
def test_bad_queries_get_a_clear_reason(text, message):
    with pytest.raises(QuerySyntaxError) as e:
        parse_query(text)
    assert str(e.value) == message


@pytest.mark.parametrize("text", ["*", "NEAR", "1=1", "a:b", "^党", "党费*", "{chars}", "AND", "NOT"])
def test_fts_operators_are_plain_text(text):
    q = parse_query(text)
    assert isinstance(q.root, Term) and q.root.text == text


def test_char_tokens_map_each_character():
    assert char_tokens("党费，a1 ") == "党 费 \ue000 a 1 \ue000"

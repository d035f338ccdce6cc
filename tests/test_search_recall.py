"""Search never misses: over the sample archive, random substrings of 1–8 characters
of random documents, combined with AND / OR / NOT, return exactly the documents a
brute-force scan of the folded text returns."""

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dj_archive.index import unpack_text
from dj_archive.normalize import fold
from dj_archive.query import parse_query
from dj_archive.search import run_search


@pytest.fixture(scope="module")
def corpus(sample_index):
    con = sqlite3.connect(f"file:{sample_index}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    docs = {r["id"]: fold(unpack_text(r["text"])) for r in con.execute("SELECT id, text FROM documents")}
    yield con, docs
    con.close()


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@st.composite
def substrings(draw, docs):
    ids = sorted(docs)
    text = docs[draw(st.sampled_from(ids))]
    n = draw(st.integers(1, 8))
    start = draw(st.integers(0, max(0, len(text) - n)))
    term = text[start : start + n]
    if not term.strip():
        term = draw(st.sampled_from(["党", "支部", "党费", "会议"]))
    return term


def _brute(node, docs):
    from dj_archive.query import Not, Or, Term

    if isinstance(node, Term):
        return {i for i, t in docs.items() if any(v in t for v in node.variants)}
    if isinstance(node, Not):
        return set(docs) - _brute(node.item, docs)
    sets = [_brute(i, docs) for i in node.items]
    if isinstance(node, Or):
        return set().union(*sets)
    return set.intersection(*sets)


def _check(con, docs, query_text):
    q = parse_query(query_text, expand_synonyms=False)
    result = run_search(con, q, limit=None, snippets=False)
    expected = _brute(q.root, docs)
    assert result.total == len(expected), query_text
    assert {h["id"] for h in result.hits} == expected, query_text


@pytest.mark.parametrize(
    "term", ["党", "费", "党费", "主题党日", "三会一课", "，", "2023", "一是", "“", "（一）", "\n"]
)
def test_fixed_terms_match_a_scan(corpus, term):
    con, docs = corpus
    if term.strip():
        _check(con, docs, _quote(term))


def test_property_single_terms(corpus):
    con, docs = corpus

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(substrings(docs))
    def prop(term):
        _check(con, docs, _quote(term))

    prop()


def test_property_boolean_combinations(corpus):
    con, docs = corpus

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        substrings(docs),
        substrings(docs),
        substrings(docs),
        st.sampled_from(["{a} {b}", "{a} OR {b}", "{a} -{b}", "({a} OR {b}) -{c}", "-{a}", "{a} ({b} OR -{c})"]),
    )
    def prop(a, b, c, shape):
        _check(con, docs, shape.format(a=_quote(a), b=_quote(b), c=_quote(c)))

    prop()

"""Fuzzing the parsers users feed directly: arbitrary text never raises anything but
the documented errors."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dj_archive.errors import QuerySyntaxError, ReadError
from dj_archive.normalize import fold
from dj_archive.query import parse_query
from dj_archive.readers.text import decode_text

CJKISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from(list("，。；：“”（）【】、《》！？—…「」『』 \t\n\"'()-*:^{}ＡＢ１２")),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(CJKISH)
def test_query_parser_only_raises_syntax_errors(text):
    try:
        q = parse_query(text)
    except QuerySyntaxError:
        return
    assert q.terms is not None
    for t in q.terms:
        assert all(len(v) >= 1 for v in t.variants)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_text_only_raises_read_errors(data):
    try:
        text, encoding = decode_text(data)
    except ReadError:
        return
    assert isinstance(text, str) and encoding


@settings(max_examples=200, deadline=None)
@given(CJKISH, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_decode_round_trips_what_an_office_writes(text, encoding):
    if "\x00" in text:
        return  # NUL bytes mark binary (or BOM-less UTF-16) files; office text has none
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        decoded, _ = decode_text(data)
    except ReadError:
        return  # e.g. text that is mostly control characters
    if encoding in ("utf-8", "utf-8-sig", "utf-16"):
        assert decoded == text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=300, deadline=None)
@given(CJKISH)
def test_fold_is_length_preserving_and_context_free(text):
    folded = fold(text)
    assert len(folded) == len(text)
    if len(text) > 2:
        assert fold(text[1:-1]) == folded[1:-1]

"""Run a parsed query against the index: every document that contains a term is
found (recall from the character index, verified by scan where tokens cannot
decide), ranked by BM25 over jieba tokens and characters, with a snippet of the
original text.
"""

from __future__ import annotations

import heapq
import html
import json
import os
import re
import sqlite3
from dataclasses import dataclass, field

from .errors import InvalidFilter, QuerySyntaxError
from .i18n import N_
from .index import unpack_text
from .normalize import fold
from .pii import mask_pii
from .query import And, Not, Or, Query, Term, parse_query
from .segment import PUNCT_TOKEN, Segmenter, char_tokens, default_segmenter

__all__ = [
    "SearchResult",
    "run_search",
    "make_snippet",
    "Filters",
    "filter_sql",
    "FACET_FIELDS",
    "SORTS",
    "RANKINGS",
    "title_weights",
    "title_first",
]

MARK = ("«", "»")
#: Columns whose values :func:`run_search` can count over the matching documents.
FACET_FIELDS = ("category", "year", "org", "doc_type")
#: Orders of the hits: relevance (see ``ranking``), or newest first.
SORTS = ("relevance", "date")
#: ``title``: documents whose 题名 (or 文种) holds the query's terms first, then BM25 —
#: what an archivist expects (the 党费收缴情况 before minutes that mention 党费 once);
#: ``bm25``: BM25 over the text only — over its words, or, for a one-term query that is no
#: single word (三是, 主题党日), over the term's exact occurrences.
RANKINGS = ("title", "bm25")
#: ``ocr`` is true when the document's text (and so the match) came from OCR of a scan or photo.
HIT_FIELDS = ("id", "path", "title", "date", "category", "org", "doc_type", "score", "snippet", "ocr")


@dataclass
class Filters:
    category: str | None = None
    year: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    org: str | None = None
    doc_type: str | None = None
    period: str | None = None


def _date_bound(value: str, end: bool) -> str:
    """ISO date for a --from/--to bound: 2023 → 2023-01-01 / 2023-12-31, 2023-06 → the month."""
    import calendar
    from datetime import date

    v = str(value).strip().replace("/", "-").replace(".", "-")
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", v, flags=re.ASCII)
    try:
        if not m:
            raise ValueError
        y = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else (12 if end else 1)
        day = int(m.group(3)) if m.group(3) else (calendar.monthrange(y, month)[1] if end else 1)
        return date(y, month, day).isoformat()
    except ValueError:
        raise InvalidFilter(N_("not a date: {value!r}").format(value=value)) from None


def filter_sql(f: Filters, resolve_org=None, alias: str = "d") -> tuple[str, list]:
    """SQL condition and parameters for the filters (always parameterised)."""
    where: list[str] = []
    params: list = []
    if f.year is not None and not 1 <= int(f.year) <= 9999:
        raise InvalidFilter(N_("{year} is not a year").format(year=f.year))
    if f.date_from and f.date_to and _date_bound(f.date_from, end=False) > _date_bound(f.date_to, end=True):
        raise InvalidFilter(
            N_("the date range is empty: from {date_from} is after to {date_to}").format(
                date_from=f.date_from, date_to=f.date_to
            )
        )
    if f.category:
        where.append(f"upper({alias}.category) = upper(?)")
        params.append(f.category)
    if f.year is not None:
        where.append(f"{alias}.year = ?")
        params.append(int(f.year))
    if f.period:
        where.append(f"{alias}.period = ?")
        params.append(f.period)
    if f.date_from:
        where.append(f"{alias}.date >= ?")
        params.append(_date_bound(f.date_from, end=False))
    if f.date_to:
        where.append(f"{alias}.date <= ?")
        params.append(_date_bound(f.date_to, end=True))
    if f.org:
        canonical = resolve_org(f.org) if resolve_org else None
        if canonical:
            where.append(f"{alias}.org = ?")
            params.append(canonical)
        else:
            where.append(f"instr({alias}.org, ?) > 0")
            params.append(f.org)
    if f.doc_type:
        where.append(f"({alias}.doc_type = ? OR instr({alias}.doc_type, ?) > 0)")
        params += [f.doc_type, f.doc_type]
    return (" AND ".join(where) or "1"), params


def _safe_for_tokens(s: str) -> bool:
    # Characters the FTS tokenizer is known to treat exactly as one token each.
    return bool(s) and all(("\u4e00" <= ch <= "\u9fff") or (ch.isascii() and ch.isalnum()) for ch in s)


def _phrase(variant: str) -> str:
    return f'chars : "{char_tokens(variant)}"'


def _is_one_word(term: Term, segmenter: Segmenter) -> bool:
    return [w for w in segmenter.cut(term.folded) if w.isalnum()] == [term.folded]


def _needed_variants(term: Term) -> list[str]:
    # A variant containing another (党的二十大 ⊃ 二十大) adds no documents: skip its phrase.
    return [v for v in term.variants if not any(u != v and u in v for u in term.variants)]


def _phrase_scores(con, q: Query, segmenter: Segmenter) -> list[tuple[int, float]] | None:
    """For a query that is one term of letters and digits but not one word: every matching document with
    the BM25 of the term's own phrases over the character column, from one FTS query —
    the matched set and its ranking at once (a 2–4-character substring such as 三是 is no
    jieba word, and ranking it by its pieces 三 OR 是 read ~15,000 rows of 20,000).
    None when the query is not of that kind (one word is ranked by its word, page or not)."""
    if not isinstance(q.root, Term) or _is_one_word(q.root, segmenter):
        return None
    needed = _needed_variants(q.root)
    if not needed or not all(_safe_for_tokens(v) for v in needed):
        return None
    expr = " OR ".join(_phrase(v) for v in needed)
    return con.execute("SELECT rowid, bm25(doc_fts, 0.0, 1.0) FROM doc_fts WHERE doc_fts MATCH ?", (expr,)).fetchall()


class _Compiler:
    """AST → SQL set expression over rowids; terms become FTS5 phrase queries."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.params: list = []

    def term_rowids(self, term: Term) -> str:
        needed = _needed_variants(term)
        exact = [v for v in needed if _safe_for_tokens(v)]
        check = [v for v in needed if not _safe_for_tokens(v)]
        parts = []
        if exact:
            parts.append("SELECT rowid AS rid FROM doc_fts WHERE doc_fts MATCH ?")
            self.params.append(" OR ".join(_phrase(v) for v in exact))
        if check:
            # Punctuation or unusual characters: candidates from the index, then a real substring scan.
            ids = self._verify(check)
            parts.append("SELECT value AS rid FROM json_each(?)")
            self.params.append(json.dumps(ids))
        return " UNION ".join(parts)

    def _verify(self, variants: list[str]) -> list[int]:
        cands = None
        toks = [char_tokens(v) for v in variants]
        if all(t.replace(PUNCT_TOKEN, "").strip() for t in toks):
            expr = " OR ".join(f'chars : "{t}"' for t in toks)
            cands = [r[0] for r in self.con.execute("SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?", (expr,))]
            rows = self.con.execute(
                "SELECT rowid, text FROM documents WHERE rowid IN (SELECT value FROM json_each(?))",
                (json.dumps(cands),),
            )
        else:
            rows = self.con.execute("SELECT rowid, text FROM documents")
        return [r[0] for r in rows if any(v in fold(unpack_text(r[1])) for v in variants)]

    def compile(self, node) -> str:
        if isinstance(node, Term):
            return self.term_rowids(node)
        if isinstance(node, Not):
            return f"SELECT rowid AS rid FROM documents EXCEPT SELECT * FROM ({self.compile(node.item)})"
        if isinstance(node, Or):
            return " UNION ".join(f"SELECT * FROM ({self.compile(i)})" for i in node.items)
        assert isinstance(node, And)
        pos = [i for i in node.items if not isinstance(i, Not)]
        neg = [i.item for i in node.items if isinstance(i, Not)]
        sql = (
            " INTERSECT ".join(f"SELECT * FROM ({self.compile(i)})" for i in pos)
            if pos
            else "SELECT rowid AS rid FROM documents"
        )
        for n in neg:
            sql = f"SELECT * FROM ({sql}) EXCEPT SELECT * FROM ({self.compile(n)})"
        return sql


def _rank_expr(terms: list[Term], segmenter: Segmenter) -> str | None:
    """Word tokens of the positive terms as typed (accurate mode; synonyms left to
    recall) for BM25 over the words column. Single-token posting lists make this
    cheap; recall never depends on it."""
    toks: dict[str, None] = {}
    for t in terms:
        for w in segmenter.cut(t.folded):
            if w.isalnum():
                toks[w] = None
    if not toks:
        return None
    return "words : (" + " OR ".join('"' + w.replace('"', '""') + '"' for w in toks) + ")"


def make_snippet(text: str, variants: list[str], width: int = 80, marks=MARK, folded: str | None = None) -> str:
    """A window of the original text around the first match, every match marked.
    ``folded`` is ``fold(text)`` when the caller has it already (folding is the cost)."""
    folded = fold(text) if folded is None else folded
    spans: list[tuple[int, int]] = []
    for v in sorted(set(variants), key=len, reverse=True):
        start = folded.find(v)
        while start >= 0 and len(spans) < 200:
            if not any(s < start + len(v) and start < e for s, e in spans):
                spans.append((start, start + len(v)))
            start = folded.find(v, start + 1)
    spans.sort()
    lo = 0
    if spans:
        # Start at the sentence the first match is in (if it began recently), so the
        # match sits near the front where a narrow table column still shows it.
        first = spans[0][0]
        window = text[max(0, first - 20) : first]
        cut = max(window.rfind(ch) for ch in "。；！？\n")
        lo = first - len(window) + cut + 1 if cut >= 0 else max(0, first - 8)
    hi = min(len(text), lo + width)
    out, pos = [], lo
    for s, e in spans:
        if s < lo or s >= hi:
            continue
        e = min(e, max(hi, e))
        out.append(text[pos:s])
        out.append(marks[0] + text[s:e] + marks[1])
        pos = e
    out.append(text[pos : max(hi, pos)])
    snippet = "".join(out).replace("\r", "").replace("\n", " ").replace("\t", " ")
    return ("…" if lo > 0 else "") + snippet.strip() + ("…" if hi < len(text) else "")


@dataclass
class SearchResult:
    """Hits of one query: ``total`` counts every matching document, ``hits`` the page shown."""

    query: str
    total: int
    hits: list[dict] = field(default_factory=list)
    #: ``{field: {value: count}}`` over every matching document (``facets=True``), else None.
    facets: dict | None = None
    offset: int = 0  # how many ranked documents come before this page

    def shown(self) -> str:
        """What the page shows of the total, in words: ``共 3 件`` when it is everything,
        else ``显示前 8 件，共 19 件`` or ``显示第 21–32 件，共 32 件``.

        >>> SearchResult("党费", 19, [{}] * 8).shown()
        '显示前 8 件，共 19 件'
        >>> SearchResult("党费", 32, [{}] * 12, offset=20).shown()
        '显示第 21–32 件，共 32 件'
        >>> SearchResult("党费", 3, [{}] * 3).shown()
        '共 3 件'
        """
        n = len(self.hits)
        if self.offset == 0 and n >= self.total:
            return f"共 {self.total} 件"
        if self.offset == 0:
            return f"显示前 {n} 件，共 {self.total} 件"
        if n == 0:
            return f"第 {self.offset + 1} 件起无结果，共 {self.total} 件"
        return f"显示第 {self.offset + 1}–{self.offset + n} 件，共 {self.total} 件"

    def to_dict(self) -> dict:
        return {"query": self.query, "total": self.total, "hits": [{k: h[k] for k in HIT_FIELDS} for h in self.hits]}

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.hits, columns=[*HIT_FIELDS, "matched"])

    def __repr__(self) -> str:
        lines = [f"SearchResult({self.query!r}: {self.shown()})"]
        lines += [f"  {h['date'] or '----------'}  {h['title']}" for h in self.hits]
        return "\n".join(lines)

    def __len__(self):
        return len(self.hits)

    def __iter__(self):
        return iter(self.hits)

    def _repr_html_(self) -> str:
        rows = []
        for h in self.hits:
            snip = html.escape(h["snippet"]).replace(MARK[0], "<mark>").replace(MARK[1], "</mark>")
            rows.append(
                f"<tr><td style='white-space:nowrap'>{html.escape(h['date'] or '')}</td>"
                f"<td style='white-space:nowrap'>{html.escape(h['category'])}</td>"
                f"<td style='white-space:nowrap'>{html.escape(h['org'] or '')}</td>"
                f"<td style='text-align:left'>{html.escape(h['title'])}</td>"
                f"<td style='text-align:left'>{snip}</td></tr>"
            )
        return (
            f"<p>{html.escape(self.query)}：{self.shown()}</p><table><thead><tr style='white-space:nowrap'><th>日期</th><th>类别</th>"
            f"<th>支部</th><th>题名</th><th style='text-align:left'>摘要</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )


def title_weights(con: sqlite3.Connection, terms: list[Term]) -> dict[int, int]:
    """rowid → how much the document is *about* the query by its 题名 and 文种: for each
    positive term, 3 when the term itself is in the 题名, 2 when another variant is (a
    synonym, or a part of an umbrella term: 支委会 for 三会一课), 1 when only the 文种
    matches. Documents with none are left out. Reads ``doc_titles`` (small)."""
    weights: dict[int, int] = {}

    def rowids(column: str, vs: list[str]) -> set[int]:
        expr = f"{column} : (" + " OR ".join(f'"{char_tokens(v)}"' for v in vs) + ")"
        return {r[0] for r in con.execute("SELECT rowid FROM doc_titles WHERE doc_titles MATCH ?", (expr,))}

    for t in terms:
        variants = [v for v in t.variants if v.strip()]
        if variants and all(_safe_for_tokens(v) for v in variants):
            # A phrase of such characters is an exact substring test: three set queries
            # instead of a Python loop over every matching 题名 (all 20,000 for 支部).
            own = rowids("title", [t.folded])
            other = rowids("title", [v for v in variants if v != t.folded]) - own if len(variants) > 1 else set()
            by_type = rowids("doc_type", variants) - own - other
            for ids, w in ((own, 3), (other, 2), (by_type, 1)):
                for rid in ids:
                    weights[rid] = weights.get(rid, 0) + w
            continue
        phrases = [f'"{char_tokens(v)}"' for v in variants if char_tokens(v).replace(PUNCT_TOKEN, "").strip()]
        if not phrases:
            continue
        expr = "{title doc_type} : (" + " OR ".join(phrases) + ")"
        for rid, folded in con.execute("SELECT rowid, folded FROM doc_titles WHERE doc_titles MATCH ?", (expr,)):
            title, _, doc_type = folded.partition("\n")
            if t.folded in title:
                w = 3
            elif any(v in title for v in variants):
                w = 2
            elif any(v in doc_type for v in variants):
                w = 1
            else:  # a phrase with punctuation matched loosely
                continue
            weights[rid] = weights.get(rid, 0) + w
    return weights


def title_first(rows: list[tuple[int, float]], weights: dict[int, int]) -> list[tuple[int, float]]:
    """Re-rank ``(rowid, bm25)`` rows (BM25 order, lower is better) so that documents
    with a larger :func:`title_weights` come first; BM25 order within each weight.

    >>> title_first([(1, -5.0), (2, -3.0), (3, -1.0), (4, 0.0)], {3: 3, 4: 3, 2: 1})
    [(3, -1.0), (4, 0.0), (2, -3.0), (1, -5.0)]
    """
    return sorted(rows, key=lambda r: -weights.get(r[0], 0))  # stable: BM25 order within a weight


def _matched_ids(con, comp, matched_sql, where, fparams) -> set[int]:
    """Rowids of the matching documents that pass the filters. Set operations in
    Python: SQLite's planner joins an FTS subquery with a filtered table badly."""
    return _filtered(con, {r[0] for r in con.execute(matched_sql, comp.params)}, where, fparams)


#: Up to this many matches, the filters are checked by looking the matches up by rowid
#: (~2.5 µs each); above it, by one scan of the documents table (~30 ms at 20,000
#: documents: its pages hold the texts). Same set either way.
FILTER_LOOKUP_MAX = 8000


def _filtered(con, ids: set[int], where: str, fparams) -> set[int]:
    if where != "1" and ids:
        if len(ids) <= FILTER_LOOKUP_MAX:  # a plain table: no FTS MATCH re-run per rowid here
            sql = f"SELECT d.rowid FROM documents d WHERE d.rowid IN (SELECT value FROM json_each(?)) AND {where}"
            return {r[0] for r in con.execute(sql, [json.dumps(sorted(ids)), *fparams])}
        ids &= {r[0] for r in con.execute(f"SELECT d.rowid FROM documents d WHERE {where}", fparams)}
    return ids


def _page(con, ids: set[int], words_expr, limit, offset, weights=None) -> list[tuple[int, float]]:
    """(rowid, bm25) of the page: matches ranked by BM25 over their words, then the
    matches with no word hit (jieba cut the text differently) newest first; with
    ``weights`` (:func:`title_weights`), re-ranked by :func:`title_first`."""
    want = len(ids) if limit is None else min(len(ids), offset + limit)
    if not want:
        return []
    keyed: list[tuple] = []
    if words_expr:
        rows = con.execute("SELECT rowid, rank FROM doc_fts WHERE doc_fts MATCH ?", (words_expr,)).fetchall()
        keyed = [(score, rid) for rid, score in rows if rid in ids]
    if weights:
        # The order of title_first over BM25 order, as one sort key: tier, then word hits
        # by (bm25, rowid), then titled matches without a word hit (jieba cut them
        # differently) by rowid: they still belong in their tier, after its word hits.
        have = {rid for _, rid in keyed}
        keyed = [(-weights.get(rid, 0), 0, score, rid) for score, rid in keyed] + [
            (-weights[rid], 1, 0.0, rid) for rid in weights if rid in ids and rid not in have
        ]
    # Only the first `want` are needed: a heap over plain tuples, no key function.
    top = heapq.nsmallest(want, keyed) if want < len(keyed) else sorted(keyed)
    ranked: list[tuple[int, float]] = [(k[-1], k[-2]) for k in top]
    if len(ranked) < want:
        rest = ids.difference(rid for rid, _ in ranked)
        rest_rows = con.execute(
            "SELECT rowid, 0.0 FROM documents WHERE rowid IN (SELECT value FROM json_each(?)) "
            "ORDER BY date DESC, path LIMIT ?",
            (json.dumps(sorted(rest)), want - len(ranked)),
        ).fetchall()
        ranked += [tuple(r) for r in rest_rows]
    return ranked[offset:want]


def _date_page(con, ids: set[int], limit, offset) -> list[tuple[int, float]]:
    """(rowid, 0.0) of the page, newest first (undated last), then by path."""
    if not ids:
        return []
    rows = con.execute(
        "SELECT rowid, 0.0 FROM documents WHERE rowid IN (SELECT value FROM json_each(?)) "
        "ORDER BY date IS NULL, date DESC, path LIMIT ? OFFSET ?",
        (json.dumps(sorted(ids)), -1 if limit is None else limit, offset),
    ).fetchall()
    return [tuple(r) for r in rows]


#: (database file, its state) → {rowid: facet values}; one entry per index file.
_FACET_TABLES: dict[str, tuple[tuple, tuple[dict, list]]] = {}


def _index_state(con) -> tuple[str, tuple]:
    """The index file's path and a key that changes whenever it (or its WAL) is written.
    Taken before the read transaction starts, so a cached table is never older than it."""
    path = next((r[2] for r in con.execute("PRAGMA database_list") if r[1] == "main"), "") or ""
    state: list[tuple[int, int, int] | None] = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(path + suffix)
            state.append((st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            state.append(None)
    return path, tuple(state)


def _facet_counts(con, ids: set[int], state: tuple[str, tuple] | None = None) -> dict:
    """``{field: {value: count}}`` of the documents ``ids``, most frequent first; None
    values (no date, no branch) are left out. The values of every document are read once
    per index state and kept (20,000 documents: about 2 MB), so counting is a dictionary
    walk rather than a lookup of every match in SQLite."""
    from collections import Counter

    table = None
    if state and state[0]:
        hit = _FACET_TABLES.get(state[0])
        if hit and hit[0] == state[1]:
            table = hit[1]
    if table is None:
        # rowid → number of its combination of values: counting small ints is much
        # cheaper than hashing a tuple per match (~5 ms instead of ~25 ms at 20,000).
        combos: dict[tuple, int] = {}
        of = {
            r[0]: combos.setdefault(tuple(r[1:]), len(combos))
            for r in con.execute(f"SELECT rowid, {', '.join(FACET_FIELDS)} FROM documents")
        }
        table = (of, list(combos))
        if state and state[0]:
            _FACET_TABLES[state[0]] = (state[1], table)
    of, values_of = table
    by_combo = Counter(map(of.get, ids))
    # None: not in the table (none expected: same snapshot)
    counts = ((values_of[c], n) for c, n in by_combo.items() if c is not None)
    out: dict[str, dict] = {f: {} for f in FACET_FIELDS}
    for values, n in counts:
        for f, v in zip(FACET_FIELDS, values):
            if v is not None and v != "":
                out[f][v] = out[f].get(v, 0) + n
    return {f: dict(sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))) for f, c in out.items()}


def _single_word_page(con, q, segmenter, matched_sql, comp, where, words_expr, limit, offset, total=None, weights=None):
    """The common case, cheaply: one term that is one word, no filters. Every document
    with that word token contains the term, so FTS5's own ORDER BY rank LIMIT gives
    the page and a count gives the total (unless the caller knows it already). None
    when the case does not apply (also when some 题名 hold the term: ``weights``)."""
    if not isinstance(q.root, Term) or where != "1" or not words_expr or limit is None:
        return None
    if not _is_one_word(q.root, segmenter):
        return None
    if weights:
        # Titled documents can sit anywhere in BM25 order, and FTS5 evaluates
        # "MATCH … AND rowid IN (…)" once per listed rowid (~1 ms each: 100 s for 支部 on
        # 20,000 documents): the full path reads every match's rank in one pass instead.
        return None
    if total is None:
        total = con.execute(f"SELECT count(*) FROM ({matched_sql})", comp.params).fetchone()[0]
    want = min(total, offset + limit)
    ranked = con.execute(
        "SELECT rowid, rank FROM doc_fts WHERE doc_fts MATCH ? ORDER BY rank LIMIT ?", (words_expr, want)
    ).fetchall()
    page = [tuple(r) for r in ranked]
    if len(page) < want:  # documents where jieba cut the term differently
        return None
    return total, page[offset:want]


def run_search(
    con: sqlite3.Connection,
    query: str | Query,
    filters: Filters | None = None,
    limit: int | None = 20,
    offset: int = 0,
    resolve_org=None,
    segmenter: Segmenter | None = None,
    snippet_width: int = 80,
    mask: bool = False,
    snippets: bool = True,
    sort: str = "relevance",
    facets: bool = False,
    archive=None,
    ranking: str = "title",
) -> SearchResult:
    """Search the index; see :func:`dj_archive.query.parse_query` for the syntax.
    ``sort`` is ``"relevance"`` (by ``ranking``, one of :data:`RANKINGS`) or ``"date"``
    (newest first); ``facets`` also counts the matching documents per category, year,
    branch and doc type. Neither changes which documents match.
    ``archive`` (its root): whose synonyms and dictionary to use, as the index did."""
    if ranking not in RANKINGS:
        raise ValueError(f"ranking must be one of {', '.join(RANKINGS)}")
    q = query if isinstance(query, Query) else parse_query(query, archive=archive)
    if limit is not None and limit < 0:
        raise QuerySyntaxError(N_("limit must be 0 or more"))
    if sort not in SORTS:
        raise QuerySyntaxError(
            N_("sort must be one of {sorts}, not {sort!r}").format(sorts=", ".join(SORTS), sort=sort)
        )
    segmenter = segmenter or default_segmenter(archive=archive)
    where, fparams = filter_sql(filters or Filters(), resolve_org)
    words_expr = _rank_expr(q.terms, segmenter)
    state = _index_state(con) if facets else None
    # One read transaction: the count, the page and the rows see the same committed
    # state even while an indexer commits (WAL snapshot).
    own_txn = not con.in_transaction
    if own_txn:
        con.execute("BEGIN")
    try:
        comp = _Compiler(con)
        matched_sql = comp.compile(q.root)
        # Facets need the matched set anyway: it gives the total too (no second count).
        ids = _matched_ids(con, comp, matched_sql, where, fparams) if facets else None
        fast = None
        weights = title_weights(con, q.terms) if sort == "relevance" and ranking == "title" else {}
        if sort == "relevance":
            fast = _single_word_page(
                con,
                q,
                segmenter,
                matched_sql,
                comp,
                where,
                words_expr,
                limit,
                offset,
                total=None if ids is None else len(ids),
                weights=weights,
            )
        phrase = _phrase_scores(con, q, segmenter) if fast is None and sort == "relevance" else None
        if fast is not None:
            total, rows = fast
        elif phrase is not None:
            if ids is None:
                ids = _filtered(con, {rid for rid, _ in phrase}, where, fparams)
            ranked = sorted(((rid, score) for rid, score in phrase if rid in ids), key=lambda r: (r[1], r[0]))
            ranked = title_first(ranked, weights) if weights else ranked
            total, rows = len(ids), ranked[offset : None if limit is None else offset + limit]
        else:
            if ids is None:
                ids = _matched_ids(con, comp, matched_sql, where, fparams)
            if sort == "date":
                rows = _date_page(con, ids, limit, offset)
            else:
                rows = _page(con, ids, words_expr, limit, offset, weights)
            total = len(ids)
        counts = _facet_counts(con, ids, state) if facets and ids is not None else None
        hits = _hits(con, q, rows, mask, snippets, snippet_width)
    except sqlite3.OperationalError as exc:  # should not happen: every user string is a parameter
        raise QuerySyntaxError(N_("the index could not run this query ({exc})").format(exc=exc)) from None
    finally:
        if own_txn:
            con.rollback()
    return SearchResult(q.text, total, hits, counts, offset=offset)


def _hits(con, q, rows, mask, snippets, snippet_width) -> list[dict]:
    variants = [v for t in q.terms for v in t.variants]
    scores = dict(rows)
    by_id = {}
    if rows:
        page = json.dumps([rid for rid, _ in rows])
        for r in con.execute(
            "SELECT d.rowid, d.id, d.path, d.title, d.date, d.category, d.org, d.doc_type, d.text, d.ocr_pages "
            "FROM documents d WHERE d.rowid IN (SELECT value FROM json_each(?))",
            (page,),
        ):
            by_id[r["rowid"]] = r
    hits = []
    for r in (by_id[rid] for rid, _ in rows):
        original = unpack_text(r["text"])
        text = mask_pii(original) if mask else original
        folded = fold(original) if snippets or len(variants) > 1 else ""
        found = [v for v in variants if v in folded] if folded else list(variants)
        hits.append(
            {
                "id": r["id"],
                "path": r["path"],
                "title": r["title"],
                "date": r["date"],
                "category": r["category"],
                "org": r["org"],
                "doc_type": r["doc_type"],
                # bm25() is "lower is better"; users expect higher is better.
                "score": round(-float(scores.get(r["rowid"], 0.0)), 4) + 0.0,  # never -0.0
                "snippet": make_snippet(text, found, snippet_width, folded=None if mask else folded or None)
                if snippets
                else "",
                "matched": found,
                "ocr": bool(r["ocr_pages"]),
            }
        )
        if mask:  # personal numbers can sit in titles and file names too
            hits[-1]["title"], hits[-1]["path"] = mask_pii(hits[-1]["title"] or ""), mask_pii(hits[-1]["path"])
    return hits

"""The steps bench/run.py times, each run in its own process (so peak memory is its own)."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

EXTS = (".docx", ".txt", ".md", ".pdf")


def _files(corpus: Path):
    return sorted(p for p in corpus.rglob("*") if p.suffix in EXTS and p.is_file() and ".dj_archive" not in p.parts)


def extract(corpus: Path, db, out):
    """Plain text of every file with our readers (untimed: feeds the floor)."""
    from dj_archive.readers import read_document

    chars = nbytes = 0
    formats: dict[str, int] = {}
    with open(out, "w", encoding="utf-8") as fh:
        for p in _files(corpus):
            formats[p.suffix] = formats.get(p.suffix, 0) + 1
            try:
                text = read_document(p).text
            except Exception:  # noqa: BLE001 - the scan PDF etc.
                continue
            chars += len(text)
            nbytes += len(text.encode("utf-8"))
            fh.write(json.dumps({"path": str(p.relative_to(corpus)), "text": text}, ensure_ascii=False) + "\n")
    return {"chars": chars, "text_bytes_utf8": nbytes, "formats": formats}


def _texts(out):
    with open(out, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def _segment_all(out, method: str) -> dict:
    import rjieba

    texts = _texts(out)
    t = time.perf_counter()
    cut = getattr(rjieba.Jieba(), method)
    n = sum(len(cut(x, True)) for x in texts)
    return {"tokens": n, "inner_seconds": round(time.perf_counter() - t, 3)}


def floor(corpus, db, out):
    """rjieba accurate-mode segmentation of all plain text, one process."""
    return _segment_all(out, "cut")


def floor_search(corpus, db, out):
    """The same in search mode (what the index stores)."""
    return _segment_all(out, "cut_for_search")


def _naive_text(p: Path) -> str:
    if p.suffix == ".docx":
        import docx

        d = docx.Document(str(p))
        parts = [para.text for para in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                parts.append("\t".join(c.text for c in row.cells))
        return "\n".join(parts)
    if p.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(pg.extract_text() or "" for pg in PdfReader(str(p)).pages)
    data = p.read_bytes()
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    return ""


def naive(corpus, db, out):
    """The obvious pipeline: python-docx + Python jieba + FTS5 inserts."""
    import logging
    import sqlite3

    import jieba

    jieba.setLogLevel(logging.WARNING)
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(path, body)")
    for p in _files(corpus):
        try:
            text = _naive_text(p)
        except Exception:  # noqa: BLE001
            continue
        con.execute("INSERT INTO docs VALUES (?, ?)", (str(p), " ".join(jieba.lcut_for_search(text))))
    con.commit()
    return {}


def whoosh_build(corpus, db, out):
    """Whoosh with jieba's ChineseAnalyzer, the usual pure-Python alternative."""
    import logging

    import jieba
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in

    jieba.setLogLevel(logging.WARNING)
    Path(db).mkdir(parents=True, exist_ok=True)
    schema = Schema(
        path=ID(stored=True),
        year=ID(stored=True),
        category=ID(stored=True),
        body=TEXT(stored=True, analyzer=ChineseAnalyzer()),
    )
    ix = create_in(db, schema)
    writer = ix.writer(limitmb=256)
    for p in _files(corpus):
        try:
            text = _naive_text(p)
        except Exception:  # noqa: BLE001
            continue
        rel = p.relative_to(corpus).parts
        writer.add_document(path=str(p), year=rel[1] if len(rel) > 2 else "", category=rel[0][:2], body=text)
    writer.commit()
    return {}


def _timed(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def _summary(times):
    s = sorted(times)
    return {
        "p50_ms": round(statistics.median(s), 2),
        "p95_ms": round(s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))], 2),
    }


def queries(corpus, db, out):
    """Query latency, warm, snippets included: ours vs an in-memory scan vs Whoosh."""
    import sqlite3

    from run import QUERIES

    from dj_archive import open_archive
    from dj_archive.index import unpack_text
    from dj_archive.normalize import fold
    from dj_archive.query import parse_query
    from dj_archive.search import make_snippet

    arc = open_archive(corpus, db)
    arc.search("预热")  # load the dictionary once, as a notebook session would
    per_label: dict[str, list[float]] = {}
    ours = []
    for label, q, filters in QUERIES:
        times = _timed(lambda: arc.search(q, limit=20, **filters))
        ours += times
        per_label.setdefault(label, []).extend(times)

    con = sqlite3.connect(db)
    docs = [
        (fold(unpack_text(b)), unpack_text(b), y, c)
        for b, y, c in con.execute("SELECT text, year, category FROM documents")
    ]
    scan = []
    for _label, q, filters in QUERIES:
        pq = parse_query(q)
        terms = [v for t in pq.terms for v in t.variants]

        def brute():
            hits = [
                d
                for d in docs
                if any(v in d[0] for v in terms)
                and (not filters.get("year") or d[2] == filters["year"])
                and (not filters.get("category") or d[3] == filters["category"])
            ]
            return [make_snippet(d[1], terms) for d in hits[:20]], len(hits)

        scan += _timed(brute)

    from jieba.analyse import ChineseAnalyzer  # noqa: F401 - the index needs it importable
    from whoosh.highlight import ContextFragmenter
    from whoosh.index import open_dir
    from whoosh.qparser import QueryParser

    ix = open_dir(str(Path(db).parent / "whoosh"))
    wq = []
    with ix.searcher() as s:
        parser = QueryParser("body", ix.schema)
        for _label, q, filters in QUERIES:
            text = q.replace(" -", " NOT ").replace('"', "")
            if filters.get("year"):
                text += f" year:{filters['year']}"
            if filters.get("category"):
                text += f" category:{filters['category']}"
            query = parser.parse(text)

            def run():
                res = s.search(query, limit=20)
                res.fragmenter = ContextFragmenter(maxchars=80)
                return [h.highlights("body") for h in res], len(res)

            wq += _timed(run)
    result = {"ours": _summary(ours), "scan": _summary(scan), "whoosh": _summary(wq)}
    for label, times in per_label.items():
        result[f"ours: {label}"] = _summary(times)
    return result


# --- tantivy + jieba-rs: the engine a search engineer would pick -------------------------------
# Same reader as ours (the untimed extract step's plain text), rjieba ``cut_for_search`` tokens
# joined by spaces into a whitespace-tokenised field, one writer thread (the design of
# tantivy-jieba). The timed part is segmentation + indexing + commit, as for our index.


def _tantivy_schema():
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("path", stored=True, tokenizer_name="raw")
    sb.add_text_field("body", stored=False, tokenizer_name="ws")
    return sb.build()


def _tantivy_index(path: str):
    import tantivy

    ix = tantivy.Index(_tantivy_schema(), path=path)
    ix.register_tokenizer(
        "ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.lowercase()).build()
    )
    return ix


def tantivy_build(corpus, db, out):
    """tantivy + rjieba ``cut_for_search``, one writer thread; files read with our reader."""
    import rjieba

    Path(db).mkdir(parents=True, exist_ok=True)
    ix = _tantivy_index(str(db))
    writer = ix.writer(heap_size=256_000_000, num_threads=1)
    cut = rjieba.Jieba().cut_for_search
    import tantivy

    from dj_archive.readers import read_document

    for p in _files(Path(corpus)):  # the same reader as ours, inside the timed step
        try:
            text = read_document(p).text
        except Exception:  # noqa: BLE001 - the scan PDF etc.
            continue
        writer.add_document(tantivy.Document(path=str(p.relative_to(corpus)), body=" ".join(cut(text, True))))
    writer.commit()
    writer.wait_merging_threads()
    size = sum(f.stat().st_size for f in Path(db).rglob("*") if f.is_file())
    return {"index_bytes": size}


def substring_queries(texts_jsonl, n: int = 200, seed: int = 7) -> list[str]:
    """``n`` distinct 2–4-character CJK substrings of random documents (seeded): what an
    archivist types — a word, a name, part of a phrase — without choosing word boundaries."""
    import random
    import re

    rng = random.Random(seed)
    texts = [t for t in _texts(texts_jsonl) if t]
    cjk_run = re.compile(r"[\u4e00-\u9fff]{4,}")
    seen: list[str] = []
    while len(seen) < n:
        runs = cjk_run.findall(rng.choice(texts))
        if not runs:
            continue
        run = rng.choice(runs)
        k = rng.choice((2, 3, 4))
        i = rng.randrange(0, len(run) - k + 1)
        q = run[i : i + k]
        if q not in seen:
            seen.append(q)
    return seen


def substring_recall(corpus, db, out):
    """2–4-character substrings of documents: latency (first call, warm) and recall against a
    brute-force scan, for ours and for tantivy + rjieba (phrase over the query's tokens)."""
    import rjieba

    from dj_archive import open_archive

    texts_jsonl = Path(out) / "texts.jsonl"
    qs = substring_queries(texts_jsonl)
    docs = [(json.loads(line)["path"], json.loads(line)["text"]) for line in open(texts_jsonl, encoding="utf-8")]
    truth = {q: {p for p, t in docs if q in t} for q in qs}

    arc = open_archive(corpus, db)
    arc.search("预热")
    first, warm, found_ours = [], [], {}
    for q in qs:
        t = time.perf_counter()
        arc.search(q, limit=20)
        first.append((time.perf_counter() - t) * 1000)
        warm += _timed(lambda: arc.search(q, limit=20), repeat=3)
        found_ours[q] = {h["path"] for h in arc.search(q, limit=None).hits}

    ix = _tantivy_index(str(Path(out) / "tantivy"))
    ix.reload()
    searcher = ix.searcher()
    cut = rjieba.Jieba().cut
    tfirst, twarm, found_t = [], [], {}
    for q in qs:
        toks = [x for x in cut(q, True) if x.strip()]
        query = ix.parse_query('"' + " ".join(toks) + '"' if len(toks) > 1 else toks[0], ["body"])

        def run():
            return searcher.search(query, 20).hits

        t = time.perf_counter()
        run()
        tfirst.append((time.perf_counter() - t) * 1000)
        twarm += _timed(run, repeat=3)
        n = max(1, searcher.search(query, 1, count=True).count)
        found_t[q] = {searcher.doc(a)["path"][0] for _, a in searcher.search(query, n).hits}

    def recall(found):
        hit = sum(len(truth[q] & found[q]) for q in qs)
        total = sum(len(truth[q]) for q in qs)
        per_query = statistics.mean(len(truth[q] & found[q]) / len(truth[q]) for q in qs if truth[q])
        return {"recall_micro": round(hit / total, 3), "recall_per_query": round(per_query, 3)}

    return {
        "n_queries": len(qs),
        "examples": qs[:8],
        "ours": {"first_call": _summary(first), "warm": _summary(warm), **recall(found_ours)},
        "tantivy": {"first_call": _summary(tfirst), "warm": _summary(twarm), **recall(found_t)},
    }

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
    schema = Schema(path=ID(stored=True), year=ID(stored=True), category=ID(stored=True),
                    body=TEXT(stored=True, analyzer=ChineseAnalyzer()))
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
    return {"p50_ms": round(statistics.median(s), 2), "p95_ms": round(s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))], 2)}


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
    docs = [(fold(unpack_text(b)), unpack_text(b), y, c) for b, y, c in con.execute("SELECT text, year, category FROM documents")]
    scan = []
    for label, q, filters in QUERIES:
        pq = parse_query(q)
        terms = [v for t in pq.terms for v in t.variants]

        def brute():
            hits = [d for d in docs if any(v in d[0] for v in terms)
                    and (not filters.get("year") or d[2] == filters["year"])
                    and (not filters.get("category") or d[3] == filters["category"])]
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
        for label, q, filters in QUERIES:
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

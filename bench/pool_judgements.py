"""Propose graded judgements for bench/judged_queries.yml (run once, then reviewed by hand).

For each query the pool is: every matching document whose 题名 contains the term (or one
of its synonyms), the top 20 of the BM25-only ranking, and the 10 documents with the
most occurrences. Proposed grades follow the scale written in judged_queries.yml:

  3  about it: the term (or a synonym) is in the 题名, or the document is of the queried 文种
  2  substantially about it: the term is in a heading line (the first line, or a line of at
     most 40 characters opening with 一、 （一） 1. …) or occurs 3 times or more
  1  mentions it

The grades are then read and corrected by hand (see the file's header); this script only
saves typing. It is NOT run by make bench and does not look at any tuned ranking.

    python bench/pool_judgements.py --db /tmp/sample.sqlite > /tmp/proposed.yml
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dj_archive.index import unpack_text  # noqa: E402
from dj_archive.normalize import fold  # noqa: E402
from dj_archive.query import parse_query  # noqa: E402
from dj_archive.search import Filters, filter_sql, run_search  # noqa: E402

HEADING = re.compile(r"^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")


def propose(con, query: str, filters: dict) -> dict[str, int]:
    q = parse_query(query)
    variants = [v for t in q.terms for v in t.variants]
    res = run_search(con, q, Filters(**filters), limit=None, ranking="bm25", snippets=False)
    where, params = filter_sql(Filters(**filters))
    docs = {
        r["path"]: r
        for r in con.execute(f"SELECT d.path, d.title, d.doc_type, d.text FROM documents d WHERE {where}", params)
    }
    matched = [h["path"] for h in res.hits]
    counts = {}
    for p in matched:
        text = fold(unpack_text(docs[p]["text"]))
        counts[p] = sum(text.count(v) for v in variants)
    top_tf = sorted(matched, key=lambda p: -counts[p])[:10]
    titled = [p for p in matched if any(v in fold(docs[p]["title"] or "") for v in variants)]
    typed = [p for p in matched if docs[p]["doc_type"] and fold(docs[p]["doc_type"]) in variants]
    pool = dict.fromkeys(titled + typed + matched[:20] + top_tf)
    grades = {}
    for p in pool:
        if p in titled or p in typed:
            grades[p] = 3
            continue
        text = unpack_text(docs[p]["text"])
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        heads = [fold(ln) for i, ln in enumerate(lines) if i == 0 or (len(ln) <= 40 and HEADING.match(ln))]
        in_head = any(v in h for v in variants for h in heads)
        grades[p] = 2 if in_head or counts[p] >= 3 else 1
    return grades


def main(argv=None):
    import yaml

    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--queries", default=str(Path(__file__).with_name("judged_queries.yml")))
    args = ap.parse_args(argv)
    con = sqlite3.connect(args.db)
    con.row_factory = sqlite3.Row
    spec = yaml.safe_load(Path(args.queries).read_text(encoding="utf-8"))
    for item in spec["queries"]:
        grades = propose(con, item["query"], item.get("filters") or {})
        print(f"- query: {item['query']}")
        if item.get("filters"):
            print(f"  filters: {item['filters']}")
        print(f"  kind: {item.get('kind', '')}")
        print("  judgements:")
        for p, g in sorted(grades.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"    {p}: {g}")


if __name__ == "__main__":
    main()

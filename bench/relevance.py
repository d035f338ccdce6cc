"""Ranking quality on the judged queries (bench/judged_queries.yml) over the bundled
sample archive: nDCG@10 and the share of queries whose first hit is graded 3, for
each ranking of :data:`dj_archive.search.RANKINGS` side by side.

    python bench/relevance.py              # index archive/ in a temporary folder, report
    python bench/relevance.py --db X.sqlite --no-write

Writes bench/results/relevance.json and docs/ranking.md (unless --no-write).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

JUDGED = Path(__file__).with_name("judged_queries.yml")
K = 10


def load_judged(path: Path = JUDGED) -> list[dict]:
    import yaml

    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["queries"]


def dcg(grades) -> float:
    """Discounted cumulative gain with exponential gain (2^g − 1).

    >>> round(dcg([3, 2, 0]), 4)
    8.8928
    """
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg(ranked_paths: list[str], judgements: dict[str, int], k: int = K) -> float:
    """nDCG@k of one ranking against graded judgements (unjudged documents count 0).

    >>> ndcg(["a", "b"], {"a": 3, "b": 1}), ndcg(["b", "a"], {"a": 3, "b": 1}) < 1
    (1.0, True)
    """
    gains = [judgements.get(p, 0) for p in ranked_paths[:k]]
    ideal = dcg(sorted(judgements.values(), reverse=True)[:k])
    return dcg(gains) / ideal if ideal else 0.0


def evaluate(con, ranking: str, judged=None, k: int = K) -> dict:
    """Per-query nDCG@k and first-hit grade for one ranking, plus the means."""
    from dj_archive.search import Filters, run_search

    judged = judged or load_judged()
    rows = []
    for item in judged:
        res = run_search(
            con, item["query"], Filters(**(item.get("filters") or {})), limit=k, ranking=ranking, snippets=False
        )
        paths = [h["path"] for h in res.hits]
        j = item["judgements"]
        rows.append(
            {
                "query": item["query"],
                "filters": item.get("filters") or {},
                "kind": item["kind"],
                "ndcg": round(ndcg(paths, j, k), 4),
                "first_grade": j.get(paths[0], 0) if paths else 0,
            }
        )
    n = len(rows)
    return {
        "ranking": ranking,
        "queries": n,
        f"ndcg@{k}": round(sum(r["ndcg"] for r in rows) / n, 4),
        "first_hit_3": round(sum(r["first_grade"] == 3 for r in rows) / n, 4),
        "per_query": rows,
    }


def markdown(results: list[dict], k: int = K) -> str:
    lines = [
        "# Ranking quality",
        "",
        f"Judged queries: `bench/judged_queries.yml` ({results[0]['queries']} queries over the sample archive, "
        "graded 3 = about it / in the 题名, 2 = substantially about it, 1 = mentions it; written before the "
        "ranking was tuned). Run with `make bench` or `python bench/relevance.py`.",
        "",
        f"| ranking | nDCG@{k} | first hit graded 3 |",
        "|---|---:|---:|",
    ]
    for r in results:
        lines.append(f"| {r['ranking']} | {r[f'ndcg@{k}']:.3f} | {r['first_hit_3']:.0%} |")
    lines += [
        "",
        f"Per query (nDCG@{k}, grade of the first hit):",
        "",
        "| query | filters | kind | " + " | ".join(r["ranking"] for r in results) + " |",
        "|---|---|---|" + "---:|" * len(results),
    ]
    for i, q in enumerate(results[0]["per_query"]):
        cells = [f"{r['per_query'][i]['ndcg']:.3f} ({r['per_query'][i]['first_grade']})" for r in results]
        f = ", ".join(f"{a}={b}" for a, b in q["filters"].items())
        lines.append(f"| {q['query']} | {f} | {q['kind']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    from dj_archive import open_archive
    from dj_archive.index import connect
    from dj_archive.search import RANKINGS

    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None, help="an index of archive/ (default: build one in a temporary folder)")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "sample.sqlite"
        if not args.db:
            open_archive(ROOT / "archive", db).index(progress=False)
        con = connect(db, readonly=True)
        results = [evaluate(con, r) for r in RANKINGS]
        con.close()
    for r in results:
        print(f"{r['ranking']:>6}: nDCG@{K} {r[f'ndcg@{K}']:.3f}, first hit graded 3: {r['first_hit_3']:.0%}")
    if not args.no_write:
        (ROOT / "bench" / "results").mkdir(exist_ok=True)
        (ROOT / "bench" / "results" / "relevance.json").write_text(
            json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        (ROOT / "docs" / "ranking.md").write_text(markdown(results), encoding="utf-8")


if __name__ == "__main__":
    main()

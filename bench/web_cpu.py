"""CPU time per 检索 page, in process: the load-independent figure behind `make bench-web`.

    python bench/web_cpu.py --archive bench/corpus/20000 --db /tmp/20k.sqlite [--cold] [--profile]

Serves the app with Starlette's TestClient (no network, no other process) and times
each request of the benchmark's 18 search URLs (3 rounds, after one warm-up round) with
``time.process_time()``: all threads of this process, so the test client's own share
(~1 ms) is included. Wall-clock time would measure the machine's load; CPU time does
not (much). ``--cold`` adds a date bound after every document to each URL (same hits,
a search the app has not seen: nothing comes from its caches), as bench/web_load.py's
"every search new" phase. ``--profile`` prints cProfile's top functions of the page handler.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from starlette.routing import Route  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402
from web_load import _urls  # noqa: E402

import dj_archive.web.pages.search as search_page  # noqa: E402
from dj_archive.web.app import create_app  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", required=True)
    ap.add_argument("--db", default=None)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cold", action="store_true")
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args(argv)
    prof = cProfile.Profile() if a.profile else None
    handler = search_page.search_page
    profiling = [False]

    def timed(request):
        if prof is not None and profiling[0]:
            prof.enable()
            try:
                return handler(request)
            finally:
                prof.disable()
        return handler(request)

    search_page.routes[0] = Route("/", timed, name="search")
    client = TestClient(create_app(a.archive, a.db, read_only=True), base_url="http://127.0.0.1")
    urls = _urls()
    for u in urls:  # imports, the segmenter, the facet table
        assert client.get(u).status_code == 200, u
    profiling[0] = True
    per: dict[str, list[float]] = {u: [] for u in urls}
    i = 0
    for _ in range(a.rounds):
        for u in urls:
            url = u + (f"&to={2100 + i}" if a.cold else "")
            i += 1
            t = time.process_time()
            r = client.get(url)
            per[u].append(time.process_time() - t)
            assert r.status_code == 200 and 'id="total"' in r.text, url
    if prof is not None:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
    ms = sorted(v * 1000 for vs in per.values() for v in vs)
    for u, vs in per.items():
        print(f"{min(vs) * 1000:7.1f} ms  {u}")
    print(
        f"{'cold' if a.cold else 'repeated'} searches: {len(ms)} requests, CPU per request mean "
        f"{sum(ms) / len(ms):.1f} ms, p50 {ms[len(ms) // 2]:.1f} ms, p95 {ms[int(len(ms) * 0.95)]:.1f} ms"
    )


if __name__ == "__main__":
    main()

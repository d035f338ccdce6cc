"""python -m scripts.sample_archive {build,corpus,check} ..."""

import argparse
import sys
import time


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="python -m scripts.sample_archive",
        description="Build the fictional sample archive or a large test corpus.",
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="regenerate the bundled sample archive")
    b.add_argument("--out", default="archive")
    b.add_argument("--seed", type=int, default=None, help="(default: the sample's fixed seed)")
    c = sub.add_parser("corpus", help="write an N-document corpus in the same layout")
    c.add_argument("--n", type=int, required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--seed", type=int, default=1)
    k = sub.add_parser("check", help="compare summaries' claims with the filed records")
    k.add_argument("--archive", default="archive")
    k.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    if a.cmd == "build":
        from . import build_archive

        build_archive(a.out, a.seed)
        return 0
    if a.cmd == "corpus":
        from .corpus import RefusedOutputDir, make_corpus

        t = time.time()
        try:
            n = make_corpus(a.out, a.n, seed=a.seed)
        except RefusedOutputDir as e:
            print(f"Error: {e}", file=sys.stderr)
            return 2
        print(f"wrote {n} documents to {a.out} in {time.time() - t:.1f}s")
        return 0
    if a.cmd == "check":
        from .check import main as check_main

        return check_main(["--archive", a.archive] + (["-v"] if a.verbose else []))
    return 1


if __name__ == "__main__":
    sys.exit(main())

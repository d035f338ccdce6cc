"""Score document understanding on the dev set (tests/fixtures/understand/devset/*.yml).

    python bench/devset.py                  # every batch, one line each
    python bench/devset.py batch_b -v       # one batch, with each miss, extra and decoy

Scores per batch: headings precision/recall/F1 (heading texts), metrics precision and
recall (a work count is right when count, unit and approx are all right), decoys
extracted per 20 documents (a figure the gold calls state/plan/rule/delta reported as
work), period accuracy. Gold format: the header of batch_a.yml.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dj_archive.understand import detect_period, extract_metrics, parse_outline  # noqa: E402
from dj_archive.understand._text import fold_text  # noqa: E402
from dj_archive.understand.numerals import parse_number  # noqa: E402

DEVSET = ROOT / "tests" / "fixtures" / "understand" / "devset"

__all__ = ["load_batch", "score_batch", "batches"]


def batches() -> list[str]:
    return sorted(p.stem for p in DEVSET.glob("batch_*.yml"))


def load_batch(name: str) -> dict:
    return yaml.safe_load((DEVSET / f"{name}.yml").read_text(encoding="utf-8"))


def _key(count, unit, approx=False) -> tuple:
    n = count if isinstance(count, int) else parse_number(str(count))
    return (n, fold_text(str(unit)), bool(approx))


def score_doc(spec: dict) -> dict:
    text = spec["text"]
    df = extract_metrics(text)
    got = Counter(_key(r.count, r.unit, r.approx) for r in df.itertuples())
    gold = Counter(_key(*m[:3]) for m in spec.get("metrics") or [])
    hit = got & gold
    extra = got - gold
    decoy_keys = Counter(_key(d[0], d[1])[:2] for d in spec.get("decoys") or [])
    decoys = Counter()
    for (n, u, _a), k in extra.items():
        take = min(k, decoy_keys[(n, u)] - decoys[(n, u)])
        if take > 0:
            decoys[(n, u)] += take
    heads_got = Counter(fold_text(h.text) for h in parse_outline(text).headings)
    heads_gold = Counter(fold_text(h) for h in spec.get("headings") or [])
    period = detect_period(text)
    return dict(
        got=sum(got.values()), gold=sum(gold.values()), hit=sum(hit.values()),
        misses=sorted((gold - got).elements(), key=str), extras=sorted(extra.elements(), key=str),
        decoys=sum(decoys.values()),
        h_got=sum(heads_got.values()), h_gold=sum(heads_gold.values()), h_hit=sum((heads_got & heads_gold).values()),
        h_misses=sorted((heads_gold - heads_got).elements()), h_extras=sorted((heads_got - heads_gold).elements()),
        period=period, period_ok=period == spec.get("period"), period_gold=spec.get("period"),
    )  # fmt: skip


def _ratio(a, b):
    return a / b if b else 1.0


def score_batch(docs: dict) -> dict:
    per = {name: score_doc(spec) for name, spec in docs.items()}
    tot = Counter()
    for r in per.values():
        for k in ("got", "gold", "hit", "decoys", "h_got", "h_gold", "h_hit", "period_ok"):
            tot[k] += int(r[k])
    hp, hr = _ratio(tot["h_hit"], tot["h_got"]), _ratio(tot["h_hit"], tot["h_gold"])
    return dict(
        docs=len(per),
        headings_f1=2 * hp * hr / (hp + hr) if hp + hr else 0.0,
        metrics_precision=_ratio(tot["hit"], tot["got"]),
        metrics_recall=_ratio(tot["hit"], tot["gold"]),
        decoys_per_20=20 * tot["decoys"] / max(1, len(per)),
        period_accuracy=tot["period_ok"] / max(1, len(per)),
        per_doc=per,
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("batch", nargs="*", help="batch names (default: all)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    for name in args.batch or batches():
        s = score_batch(load_batch(name))
        print(
            f"{name}: {s['docs']} docs  headings F1 {s['headings_f1']:.3f}  metrics P {s['metrics_precision']:.3f} "
            f"R {s['metrics_recall']:.3f}  decoys/20 docs {s['decoys_per_20']:.1f}  period {s['period_accuracy']:.3f}"
        )
        if args.verbose:
            for doc, r in s["per_doc"].items():
                bits = []
                if r["misses"]:
                    bits.append(f"miss {r['misses']}")
                if r["extras"]:
                    bits.append(f"extra {r['extras']} (decoys {r['decoys']})")
                if r["h_misses"] or r["h_extras"]:
                    bits.append(f"headings -{r['h_misses']} +{r['h_extras']}")
                if not r["period_ok"]:
                    bits.append(f"period {r['period']} != {r['period_gold']}")
                if bits:
                    print(f"  {doc}: " + "; ".join(bits))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

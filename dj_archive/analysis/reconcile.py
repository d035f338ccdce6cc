"""Claimed vs recorded: does what a summary says was done match what was filed?

For each summary (an H1 summary covers ``YYYYH1``; an annual one ``YYYY``, i.e. both
halves) and each activity it counts whose indicator has a ``record_title`` rule in
``dj_archive/data/indicators.yml``, the branch's filed records in that period whose
题名 contains the rule's keyword are counted (one file = one occurrence; a record's
period is the half-year of its date). Indicators without such a rule are not recorded
as documents and are not compared.
"""

from __future__ import annotations

import pandas as pd

from ..periods import parse_period, period_label
from .charts import new_figure
from .corpus import SUMMARY_TYPES, corpus
from .metrics import _sort, activity_series

__all__ = ["claimed_vs_recorded", "discrepancies", "plot_claimed_vs_recorded", "CONSISTENT", "INCONSISTENT"]

CONSISTENT = "一致"
INCONSISTENT = "不一致"


def claimed_vs_recorded(archive, vocabulary=None) -> pd.DataFrame:
    """One row per (summary, indicator with a record rule) the summary gives a count for.

    Columns: org, period, indicator, claimed, recorded, diff (claimed − recorded),
    status (一致 / 不一致; an "N余次" claim is 一致 when at least N are filed), approx,
    summary (题名 of the summary), records (题名 of the counted records, in date order).
    Sorted by branch (fonds.yml order), period, indicator (vocabulary order).
    """
    if vocabulary is None:
        from ..understand.indicators import default_indicators

        vocabulary = default_indicators(archive)
    rules = vocabulary.record_titles()
    claims = activity_series(archive, indicators=list(rules))
    docs = corpus(archive)
    records = docs[~docs["doc_type"].isin(SUMMARY_TYPES) & docs["half"].notna()]
    records = records.sort_values(["date", "path"], kind="stable")
    titles: dict[tuple, list[str]] = {}
    for org, half, title in zip(records["org"], records["half"], records["title"]):
        titles.setdefault((org, half), []).append(title or "")
    rows = []
    for c in claims.itertuples(index=False):
        keyword = rules[c.indicator]
        hit = [t for h in parse_period(c.period).halves for t in titles.get((c.org, h), []) if keyword in t]
        recorded = len(hit)
        ok = recorded >= c.count if c.approx else recorded == c.count
        rows.append(
            {
                "org": c.org,
                "period": c.period,
                "indicator": c.indicator,
                "claimed": int(c.count),
                "recorded": recorded,
                "diff": int(c.count) - recorded,
                "status": CONSISTENT if ok else INCONSISTENT,
                "approx": bool(c.approx),
                "summary": c.summary,
                "records": hit,
            }
        )
    cols = ["org", "period", "indicator", "claimed", "recorded", "diff", "status", "approx", "summary", "records"]
    out = pd.DataFrame(rows, columns=cols)
    return _sort(out, archive) if len(out) else out


def discrepancies(archive, vocabulary=None) -> pd.DataFrame:
    """Only the 不一致 rows of :func:`claimed_vs_recorded`, without the record lists."""
    df = claimed_vs_recorded(archive, vocabulary)
    return df[df["status"] == INCONSISTENT].drop(columns=["records"]).reset_index(drop=True)


def plot_claimed_vs_recorded(df: pd.DataFrame, indicator: str | None = None, title: str | None = None):
    """Scatter of a :func:`claimed_vs_recorded` frame: recorded (x) against claimed (y),
    one point per summary × indicator; points off the diagonal are discrepancies."""
    d = df if indicator is None else df[df["indicator"] == indicator]
    bad = d[d["status"] != CONSISTENT].sort_values(["claimed", "recorded"], kind="stable")
    # Discrepancies are numbered at their marker and described in a list beside the
    # plot: full labels next to the points overprinted neighbouring markers.
    fig, ax = new_figure(figsize=(10.4, 5.6) if len(bad) else (6.4, 5.6))
    ok = d[d["status"] == CONSISTENT]
    top = max([1, *d["claimed"], *d["recorded"]]) + 1
    ax.plot([0, top], [0, top], color="#999999", linestyle="--", linewidth=1, label="总结所称 = 档案所载")
    # many summaries share a point: the marker grows with how many
    same = ok.groupby(["recorded", "claimed"]).size().reset_index(name="n")
    ax.scatter(same["recorded"], same["claimed"], s=18 + 6 * same["n"], color="#1f77b4", alpha=0.6)
    ax.scatter([], [], s=30, color="#1f77b4", alpha=0.6, label=f"{CONSISTENT}（{len(ok)}，点越大条数越多）")
    ax.scatter(
        bad["recorded"], bad["claimed"], s=60, color="#d62728", marker="x", label=f"{INCONSISTENT}（{len(bad)}）"
    )
    at_point: dict = {}
    lines = []
    for i, r in enumerate(bad.itertuples(index=False), start=1):
        k = at_point.get((r.recorded, r.claimed), 0)  # several at one point: numbers side by side
        at_point[(r.recorded, r.claimed)] = k + 1
        ax.annotate(
            str(i),
            (r.recorded, r.claimed),
            textcoords="offset points",
            xytext=(-9 - 9 * k, 3),
            ha="right",
            fontsize=8,
            color="#d62728",
            fontweight="bold",
        )
        lines.append(f"{i}. {r.org} {period_label(r.period)} {r.indicator}：称{r.claimed}，载{r.recorded}")
    if lines:
        ax.text(
            1.03,
            1.0,
            "不一致：\n" + "\n".join(lines),
            transform=ax.transAxes,
            va="top",
            ha="left",
            fontsize=8,
            color="#d62728",
            linespacing=1.6,
        )
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("档案所载（件）")
    ax.set_ylabel("总结所称（次/名/篇）")
    ax.set_title(title or ("总结所称与档案所载对照" + (f"：{indicator}" if indicator else "")))
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig

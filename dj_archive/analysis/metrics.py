"""Activity counts the summaries claim (召开支委会6次, 发展预备党员1名 …) as a time
series over periods × branch × indicator, read with
:func:`dj_archive.understand.metrics.extract_metrics`."""

from __future__ import annotations

import threading
from collections import OrderedDict

import pandas as pd

from ..data import data_version
from ..periods import parse_period, period_label
from .charts import PALETTE, new_figure
from .completeness import _org_order
from .corpus import NO_ORG, _state, corpus

__all__ = ["summary_metrics", "activity_series", "activity_table", "plot_activity", "SUMMARY_TYPE"]

#: doc_type of the documents whose claims are read.
SUMMARY_TYPE = "工作总结"

_CACHE: OrderedDict = OrderedDict()
_LOCK = threading.Lock()


def _vocabulary(archive):
    from ..understand.indicators import default_indicators

    return default_indicators(archive)


def summary_metrics(archive) -> pd.DataFrame:
    """Every work count in every summary (doc_type 工作总结 with a branch and period), one
    row per mention: extract_metrics' columns plus ``summary`` (the summary's 题名) and
    ``date``. Cached per index state; do not modify the frame."""
    from ..understand.metrics import COLUMNS, extract_metrics

    key = (_state(archive), data_version("indicators.yml", archive))
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    docs = corpus(archive)
    sums = docs[(docs["doc_type"] == SUMMARY_TYPE) & docs["period"].notna() & (docs["org"] != NO_ORG)]
    parts = []
    for r in sums.itertuples(index=False):
        m = extract_metrics(
            r.text,
            title=r.title,
            doc_id=r.id,
            org=r.org,
            period=r.period,
            vocabulary=_vocabulary(archive),
            archive=archive,
        )
        if len(m):
            m = m.assign(summary=r.title, date=r.date)
            parts.append(m)
    cols = [*COLUMNS, "summary", "date"]
    out = pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)
    with _LOCK:
        _CACHE[key] = out
        while len(_CACHE) > 4:
            _CACHE.popitem(last=False)
    return out


def claimed_count(mentions: pd.DataFrame) -> tuple[int, bool]:
    """One summary's claim for one indicator from its mentions: (count, approx).

    A figure repeated (in the overview and again in a section) is one claim; distinct
    figures for the same indicator (组织集中学习8次 … 开展专题学习3次) add up.
    """
    seen: dict[int, bool] = {}
    for r in mentions.itertuples(index=False):
        seen.setdefault(int(r.count), bool(r.approx))
    return sum(seen), any(seen.values())


def activity_series(archive, indicators=None) -> pd.DataFrame:
    """Claimed activity counts per branch, period and indicator.

    ``indicators``: names to keep (default: every indicator of the vocabulary).
    Columns: org, period (``2023H1`` for a half-year summary, ``2023`` for an annual
    one), scope (上半年/下半年/全年), indicator, count, unit, approx (an "N余次" claim),
    summary. Sorted by branch (fonds.yml order), period, indicator (vocabulary order).
    """
    m = summary_metrics(archive)
    m = m[m["indicator"].notna()]
    if indicators is not None:
        indicators = [indicators] if isinstance(indicators, str) else list(indicators)
        m = m[m["indicator"].isin(indicators)]
    rows = []
    for (org, period, ind, summary), g in m.groupby(["org", "period", "indicator", "summary"], sort=False):
        count, approx = claimed_count(g)
        rows.append(
            {
                "org": org,
                "period": period,
                "scope": parse_period(period).scope,
                "indicator": ind,
                "count": count,
                "unit": g["unit"].iloc[0],
                "approx": approx,
                "summary": summary,
            }
        )
    cols = ["org", "period", "scope", "indicator", "count", "unit", "approx", "summary"]
    out = pd.DataFrame(rows, columns=cols)
    return _sort(out, archive).astype({"count": "int64", "approx": "bool"}) if len(out) else out


def _sort(df: pd.DataFrame, archive) -> pd.DataFrame:
    orgs = {o: i for i, o in enumerate(_org_order(archive, df["org"]))}
    inds = {n: i for i, n in enumerate(_vocabulary(archive).names())}

    def key(s):
        if s.name == "org":
            return s.map(orgs)
        if s.name == "indicator":
            return s.map(lambda x: inds.get(x, len(inds)))
        return s

    return df.sort_values(["org", "period", "indicator"], key=key, kind="stable").reset_index(drop=True)


def activity_table(df: pd.DataFrame, indicator: str, annual: bool = False) -> pd.DataFrame:
    """One indicator of an :func:`activity_series` frame as branches × periods of one
    kind: half-year summaries (``2023年上半年`` …) by default, annual ones with
    ``annual=True`` — never both side by side. Counts are integers; a period whose
    summary gives no figure is missing (``<NA>``), not 0."""
    d = df[(df["indicator"] == indicator) & ((df["scope"] == "全年") == annual)]
    periods = sorted(d["period"].unique())
    orgs = list(dict.fromkeys(d["org"]))
    wide = d.pivot_table(index="org", columns="period", values="count", aggfunc="sum")
    wide = wide.reindex(index=orgs, columns=periods).astype("Int64")
    wide.columns = pd.Index([period_label(p) for p in periods], name="期间")
    wide.index.name = "支部"
    return wide


def plot_activity(df: pd.DataFrame, indicator: str, scope: str = "全年", title: str | None = None):
    """Line chart of one indicator of an :func:`activity_series` frame: one line per
    branch over the periods whose summaries have ``scope`` (全年 / 上半年 / 下半年)."""
    d = df[(df["indicator"] == indicator) & (df["scope"] == scope)]
    periods = sorted(d["period"].unique())
    unit = d["unit"].mode().iloc[0] if len(d) else "次"
    fig, ax = new_figure()
    x = list(range(len(periods)))
    for i, org in enumerate(dict.fromkeys(d["org"])):
        s = d[d["org"] == org].set_index("period")["count"].reindex(periods)
        ax.plot(x, s.values, marker="o", color=PALETTE[i % len(PALETTE)], label=org)
    ax.set_xticks(x, labels=[period_label(p) for p in periods])
    ax.set_xlabel("年度" if scope == "全年" else "半年度")
    ax.set_ylabel(f"总结所称{indicator}数量（{unit}）")
    ax.set_title(title or f"各支部{indicator}情况（工作总结所称，{scope}）")
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", alpha=0.3)
    if len(d):
        ax.legend(title="支部", fontsize=8)
    else:
        ax.text(0.5, 0.5, "无数据", ha="center", va="center", transform=ax.transAxes)
    fig.tight_layout()
    return fig

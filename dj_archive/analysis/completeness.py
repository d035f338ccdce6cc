"""Is the record complete? Documents filed per category per period (and per branch),
and the holes: a branch that filed nothing of a category in a period."""

from __future__ import annotations

import pandas as pd

from ..periods import period_label, period_range
from ..taxonomy import UNKNOWN
from .charts import heatmap, new_figure
from .corpus import NO_ORG, corpus

__all__ = ["filing_matrix", "filing_gaps", "plot_filing_heatmap"]

UNKNOWN_LABEL = "未归类"


def _periods(docs: pd.DataFrame, unit: str) -> pd.Series:
    if unit == "year":
        return docs["year"].map(lambda y: None if pd.isna(y) else str(int(y)))
    if unit == "half":
        return docs["half"]
    raise ValueError(f"unit must be 'year' or 'half', got {unit!r}")


def _category_names(archive) -> dict[str, str]:
    names = {c.code: c.name for c in archive.config.taxonomy.categories}
    names[UNKNOWN] = UNKNOWN_LABEL
    return names


def _org_order(archive, present) -> list[str]:
    configured = [o for o in archive.config.org_names]
    extra = sorted(o for o in set(present) if o not in configured and o != NO_ORG)
    tail = [NO_ORG] if NO_ORG in set(present) else []
    return configured + extra + tail


def filing_matrix(archive, unit: str = "year", by_org: bool = False) -> pd.DataFrame:
    """Documents filed per category (rows) and period (columns), as integers.

    Rows are the taxonomy's category names in taxonomy order (plus 未归类 if any file is
    outside the folder convention); with ``by_org`` the rows are (支部, 类别) pairs for
    every branch that filed at least one dated document (fonds.yml order; 未注明 last;
    a 未归类 row only where that branch has such files).
    Columns run without holes from the first to the last period
    of the archive (``unit`` ``"year"`` or ``"half"``). Documents without a date are left out.
    """
    docs = corpus(archive)
    per = _periods(docs, unit)
    names = _category_names(archive)
    frame = pd.DataFrame(
        {"period": per, "category": docs["category"].map(lambda c: names.get(c, c)), "org": docs["org"]}
    )
    frame = frame[frame["period"].notna()]
    cats = [c.name for c in archive.config.taxonomy.categories]
    cats += sorted(set(frame["category"]) - set(cats), key=lambda c: (c == UNKNOWN_LABEL, c))
    cols = period_range(min(frame["period"]), max(frame["period"])) if len(frame) else []
    if by_org:
        present = set(frame["org"])
        orgs = [o for o in _org_order(archive, present) if o in present]
        counts = frame.groupby(["org", "category", "period"]).size()
        idx = pd.MultiIndex.from_product([orgs, cats], names=["支部", "类别"])
        m = counts.unstack("period").reindex(index=idx, columns=cols)
        # 未归类 is not a category anyone files into: show it only where it holds something
        unknown = m.index.get_level_values(1) == UNKNOWN_LABEL
        m = m[~unknown | m.notna().any(axis=1)]
    else:
        counts = frame.groupby(["category", "period"]).size()
        m = counts.unstack("period").reindex(index=pd.Index(cats, name="类别"), columns=cols)
    m = m.fillna(0).astype(int)
    m.columns = pd.Index([str(c) for c in m.columns], name="期间")
    return m


def filing_gaps(archive, unit: str = "year", orgs=None, categories=None) -> pd.DataFrame:
    """Which branch filed nothing of a category in a period.

    ``orgs``: branches to check (default: every branch of fonds.yml that filed at least
    one dated document — an org that files nothing itself, such as a 党总支 whose records
    are its branches', would otherwise fill the list); ``categories``: codes or names to
    check (default: all of the taxonomy). Periods are those of
    :func:`filing_matrix`. Columns: org, period, category (code), category_name; sorted.
    """
    m = filing_matrix(archive, unit=unit, by_org=True)
    names = _category_names(archive)
    code_of = {v: k for k, v in names.items()}
    present = set(m.index.get_level_values(0))
    orgs = list(orgs) if orgs is not None else [o for o in archive.config.org_names if o in present]
    wanted = None
    if categories is not None:
        wanted = {names.get(c, c) for c in categories}
    rows = []
    for (org, cat), counts in m.iterrows():
        if org not in orgs or cat == UNKNOWN_LABEL or (wanted is not None and cat not in wanted):
            continue
        for period, n in counts.items():
            if n == 0:
                rows.append({"org": org, "period": period, "category": code_of.get(cat, cat), "category_name": cat})
    out = pd.DataFrame(rows, columns=["org", "period", "category", "category_name"])
    order = {o: i for i, o in enumerate(orgs)}
    cat_order = {c.code: i for i, c in enumerate(archive.config.taxonomy.categories)}
    if len(out):
        out = out.sort_values(
            ["org", "period", "category"],
            key=lambda s: s.map(order) if s.name == "org" else (s.map(cat_order) if s.name == "category" else s),
        ).reset_index(drop=True)
    return out


def plot_filing_heatmap(matrix: pd.DataFrame, title: str | None = None):
    """Heat map of a :func:`filing_matrix` (one row per category, or per branch × category)."""
    if isinstance(matrix.index, pd.MultiIndex):
        rows = [f"{o} · {c}" for o, c in matrix.index]
        ylabel = "支部 · 类别"
    else:
        rows = [str(r) for r in matrix.index]
        ylabel = "类别"
    cols = list(matrix.columns)
    fig, ax = new_figure(figsize=(max(7, 0.9 * len(cols) + 3.5), max(3.2, 0.38 * len(rows) + 1.6)))
    heatmap(
        ax,
        matrix.values,
        rows,
        [period_label(c) for c in cols],
        cbar_label="归档文件数（件）",
        fmt="{:.0f}",
        cmap="Blues",
    )
    ax.set_xlabel("半年度" if any("H" in str(c) for c in cols) else "年度")
    ax.set_ylabel(ylabel)
    ax.set_title(title or "各类档案归档数量（件）")
    fig.tight_layout()
    return fig

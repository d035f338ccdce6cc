"""How often terms occur over time: per year or half-year, per branch, normalised
per 10,000 characters of that group's text.

Counting is by substring on folded text (traditional → simplified, full → half width),
the same rule search uses for recall, so a term counted here is a term search finds.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data import load_data
from ..normalize import fold
from ..periods import period_label
from .charts import PALETTE, heatmap, new_figure
from .corpus import corpus

__all__ = [
    "term_frequency",
    "default_theme_terms",
    "theme_peaks",
    "plot_term_trends",
    "plot_term_heatmap",
    "PER_10K",
]

#: Unit of the normalised frequency, as charts label it.
PER_10K = "每万字出现次数"


def _themes(data) -> tuple:
    return tuple((int(t["year"]), str(t["term"])) for t in (data or {}).get("themes") or [])


def default_theme_terms(archive=None) -> dict[int, str]:
    """Each year's theme term, from ``dj_archive/data/themes.yml`` (or ``archive``'s own
    version): ``{2021: '党史学习教育', …}``."""
    return dict(load_data("themes.yml", archive, _themes))


def _normalise_terms(terms, archive=None) -> dict[str, list[str]]:
    if terms is None:
        terms = list(default_theme_terms(archive).values())
    if isinstance(terms, str):
        terms = [terms]
    if isinstance(terms, dict):
        items = [(str(k), [v] if isinstance(v, str) else list(v)) for k, v in terms.items()]
    else:
        items = [(str(t), [str(t)]) for t in terms]
    out = {}
    for label, variants in items:
        folded = sorted({fold(v) for v in variants if v and v.strip()}, key=len, reverse=True)
        if not folded:
            raise ValueError(f"empty term {label!r}")
        out[label] = folded
    return out


def _count(text: str, variants: list[str]) -> int:
    if len(variants) == 1:
        return text.count(variants[0])
    # Several spellings of one term: count non-overlapping matches of any of them.
    return len(re.findall("|".join(re.escape(v) for v in variants), text))


def _by(by) -> list[str]:
    by = [by] if isinstance(by, str) else list(by)
    bad = [b for b in by if b not in ("period", "org")]
    if bad or "period" not in by:
        raise ValueError(f"by must be ('period',) or ('period', 'org'), got {tuple(by)!r}")
    return ["period"] + (["org"] if "org" in by else [])


def term_frequency(archive, terms=None, by=("period",), unit: str = "year") -> pd.DataFrame:
    """Occurrences of each term per period (and per branch).

    ``terms``: a list of terms, or ``{label: [spelling, …]}`` to count several spellings
    as one term; default: the year themes of :func:`default_theme_terms`.
    ``unit``: ``"year"`` (period ``2023``) or ``"half"`` (``2023H1``; see
    :func:`~dj_archive.periods.half_of` for documents about a whole year).
    Documents without a date or period are left out.

    Columns: period, [org], term, count, chars (text characters of the group),
    per_10k (count per 10,000 characters, 2 decimals). One row per group × term, zeros
    included; sorted by period, org, then the order of ``terms``.
    """
    if unit not in ("year", "half"):
        raise ValueError(f"unit must be 'year' or 'half', got {unit!r}")
    keys = _by(by)
    spec = _normalise_terms(terms, archive)
    docs = corpus(archive)
    if unit == "year":
        period = docs["year"].map(lambda y: None if pd.isna(y) else str(int(y)))
    else:
        period = docs["half"]
    frame = pd.DataFrame({"period": period, "org": docs["org"], "chars": docs["text"].str.len()})
    for label, variants in spec.items():
        frame[label] = [_count(t, variants) for t in docs["folded"]]
    frame = frame[frame["period"].notna()]
    grouped = frame.groupby(keys, sort=True)[["chars", *spec]].sum().reset_index()
    long = grouped.melt(id_vars=[*keys, "chars"], value_vars=list(spec), var_name="term", value_name="count")
    long["term"] = pd.Categorical(long["term"], categories=list(spec), ordered=True)
    long = long.sort_values([*keys, "term"]).reset_index(drop=True)
    long["term"] = long["term"].astype(str)
    long["count"] = long["count"].astype(int)
    long["chars"] = long["chars"].astype(int)
    long["per_10k"] = (long["count"] * 10000 / long["chars"].where(long["chars"] > 0)).fillna(0.0).round(2)
    return long[[*keys, "term", "count", "chars", "per_10k"]]


def _overall(df: pd.DataFrame, org: str | None = None) -> pd.DataFrame:
    """One row per period × term: filtered to ``org`` or summed over branches."""
    if "org" not in df.columns:
        return df
    if org is not None:
        return df[df["org"] == org].drop(columns="org")
    terms = list(dict.fromkeys(df["term"]))
    g = df.groupby(["period", "term"], sort=False)[["count", "chars"]].sum().reset_index()
    g["per_10k"] = (g["count"] * 10000 / g["chars"].where(g["chars"] > 0)).fillna(0.0).round(2)
    g["term"] = pd.Categorical(g["term"], categories=terms, ordered=True)
    g = g.sort_values(["period", "term"]).reset_index(drop=True)
    g["term"] = g["term"].astype(str)
    return g


def theme_peaks(df: pd.DataFrame, themes: dict | None = None, archive=None) -> pd.DataFrame:
    """For each term of a :func:`term_frequency` frame, the period where it peaks.

    Columns: term, theme_year (the year ``themes`` — default :func:`default_theme_terms`
    — assigns the term, else missing), peak_period, peak_per_10k, runner_up (the next
    highest period), runner_up_per_10k, peaks_in_theme_year. Ties go to the earlier period.
    """
    themes = default_theme_terms(archive) if themes is None else themes
    year_of = {term: year for year, term in themes.items()}
    d = _overall(df)
    rows = []
    for term in dict.fromkeys(d["term"]):
        t = d[d["term"] == term].sort_values(["per_10k", "period"], ascending=[False, True], kind="stable")
        peak = t.iloc[0]
        second = t.iloc[1] if len(t) > 1 else None
        year = year_of.get(term)
        rows.append(
            {
                "term": term,
                "theme_year": year,
                "peak_period": peak["period"],
                "peak_per_10k": float(peak["per_10k"]),
                "runner_up": None if second is None else second["period"],
                "runner_up_per_10k": None if second is None else float(second["per_10k"]),
                "peaks_in_theme_year": None if year is None else str(peak["period"]).startswith(str(year)),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "term",
            "theme_year",
            "peak_period",
            "peak_per_10k",
            "runner_up",
            "runner_up_per_10k",
            "peaks_in_theme_year",
        ],
    )
    out["theme_year"] = out["theme_year"].astype("Int64")
    return out


def _axis_name(periods) -> str:
    return "半年度" if any("H" in str(p) for p in periods) else "年度"


def plot_term_trends(df: pd.DataFrame, org: str | None = None, title: str | None = None):
    """Line chart of a :func:`term_frequency` frame: one line per term, per 10,000
    characters over the periods (for one branch if ``org`` is given, else all)."""
    d = _overall(df, org)
    periods = sorted(d["period"].unique())
    fig, ax = new_figure()
    x = range(len(periods))
    for i, term in enumerate(dict.fromkeys(d["term"])):
        s = d[d["term"] == term].set_index("period")["per_10k"].reindex(periods).fillna(0.0)
        ax.plot(x, s.values, marker="o", color=PALETTE[i % len(PALETTE)], label=term)
    ax.set_xticks(list(x), labels=[period_label(p) for p in periods])
    ax.tick_params(axis="x", labelrotation=45 if len(periods) > 8 else 0)
    ax.set_xlabel(_axis_name(periods))
    ax.set_ylabel(f"出现频率（{PER_10K}）")
    ax.set_title(title or "主题词出现频率趋势" + (f"（{org}）" if org else ""))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(title="主题词", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    return fig


def plot_term_heatmap(df: pd.DataFrame, org: str | None = None, title: str | None = None):
    """Heat map of a :func:`term_frequency` frame: terms × periods, per 10,000 characters."""
    d = _overall(df, org)
    terms = list(dict.fromkeys(d["term"]))
    periods = sorted(d["period"].unique())
    m = d.pivot(index="term", columns="period", values="per_10k").reindex(index=terms, columns=periods)
    fig, ax = new_figure(figsize=(max(7, 1.0 * len(periods) + 3), max(3, 0.5 * len(terms) + 1.5)))
    heatmap(ax, m.values, terms, [period_label(p) for p in periods], cbar_label=PER_10K, fmt="{:.1f}")
    ax.set_xlabel(_axis_name(periods))
    ax.set_ylabel("主题词")
    ax.set_title(title or f"主题词热度（{PER_10K}）" + (f" · {org}" if org else ""))
    fig.tight_layout()
    return fig

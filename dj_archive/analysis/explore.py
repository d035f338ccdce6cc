"""Search helpers for the exploring notebook: keyword in context, facet counts of a
query, and a thin ipywidgets panel over :meth:`Archive.search` (everything it shows is
also available as a plain function call)."""

from __future__ import annotations

import pandas as pd

from ..normalize import fold
from ..search import Filters
from .charts import PALETTE, new_figure
from .completeness import UNKNOWN_LABEL, _category_names, _org_order
from .corpus import NO_ORG, corpus

__all__ = ["kwic", "facet_counts", "plot_facets", "search_widget", "FACETS", "ALL"]

#: Facets of :func:`facet_counts`, in display order: (facet, column).
FACETS = (("类别", "category"), ("年度", "year"), ("支部", "org"))


def _flat(s: str) -> str:
    return s.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")


def _filtered_ids(archive, filters: dict):
    if not filters:
        return None
    Filters(**filters)  # unknown filter names fail here, with the usual TypeError
    return set(archive.documents(**filters)["id"])


def kwic(
    archive, term: str, width: int = 20, limit: int | None = None, mask_pii: bool = False, **filters
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` in every document.

    Matching is on folded text (traditional/simplified, full/half width, case), like
    search; ``left``/``match``/``right`` show the *original* text, ``width`` characters
    each side, line breaks as spaces. ``filters`` as in :meth:`Archive.search`
    (category=, year=, org=, doc_type=, period=, date_from=, date_to=). ``mask_pii``
    masks ID, phone and card numbers. Columns: path, title, date, org, left, match, right;
    in date, path and text order; at most ``limit`` rows.
    """
    needle = fold((term or "").strip())
    if not needle:
        raise ValueError("kwic needs a non-empty term")
    docs = corpus(archive)
    ids = _filtered_ids(archive, filters)
    from ..pii import mask_pii as _mask

    mask = _mask if mask_pii else None
    rows = []
    for r in docs.itertuples(index=False):
        if ids is not None and r.id not in ids:
            continue
        folded = r.folded
        start = folded.find(needle)
        if start < 0:
            continue
        text = mask(r.text) if mask else r.text
        while start >= 0:
            end = start + len(needle)
            rows.append(
                {
                    "path": r.path,
                    "title": r.title,
                    "date": r.date,
                    "org": None if r.org == NO_ORG else r.org,
                    "left": _flat(text[max(0, start - width) : start]),
                    "match": _flat(text[start:end]),
                    "right": _flat(text[end : end + width]),
                }
            )
            if limit is not None and len(rows) >= limit:
                break
            start = folded.find(needle, end)
        if limit is not None and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=["path", "title", "date", "org", "left", "match", "right"])


def facet_counts(archive, query: str, **filters) -> pd.DataFrame:
    """How the hits of ``query`` spread over categories, years and branches.

    Columns: facet (类别 / 年度 / 支部), value, count. Every category, every year from the
    archive's first to its last, and every branch appear, with zeros, in that order.
    ``frame.attrs`` holds ``query`` and ``total`` (documents found).
    """
    from ..periods import period_range

    res = archive.search(query, limit=None, **filters)
    docs = corpus(archive)
    hit_ids = {h["id"] for h in res.hits}
    hits = docs[docs["id"].isin(hit_ids)]
    names = _category_names(archive)
    cats = [c.name for c in archive.config.taxonomy.categories]
    if (docs["category"] == "UNKNOWN").any():
        cats.append(UNKNOWN_LABEL)
    years = [y for y in docs["year"].dropna().astype(int)]
    year_values = period_range(str(min(years)), str(max(years))) if years else []
    orgs = _org_order(archive, docs["org"])
    values = {
        "类别": (cats, hits["category"].map(lambda c: names.get(c, c))),
        "年度": (year_values, hits["year"].map(lambda y: None if pd.isna(y) else str(int(y)))),
        "支部": (orgs, hits["org"]),
    }
    rows = []
    for facet, _col in FACETS:
        order, series = values[facet]
        counts = series.value_counts()
        for v in order:
            rows.append({"facet": facet, "value": v, "count": int(counts.get(v, 0))})
    out = pd.DataFrame(rows, columns=["facet", "value", "count"])
    out.attrs.update(query=query, total=res.total)
    return out


def plot_facets(df: pd.DataFrame, title: str | None = None):
    """Bar charts of a :func:`facet_counts` frame: one panel per facet."""
    facets = [f for f, _ in FACETS if f in set(df["facet"])]
    fig, axes = new_figure(1, len(facets), figsize=(4.2 * len(facets), 4.2))
    for i, (ax, facet) in enumerate(zip(axes[0], facets)):
        d = df[df["facet"] == facet]
        ax.barh(range(len(d)), d["count"].values, color=PALETTE[i % len(PALETTE)], label="命中文件数")
        ax.set_yticks(range(len(d)), labels=list(d["value"]))
        ax.invert_yaxis()
        ax.set_xlabel("命中文件数（件）")
        ax.set_ylabel(facet)
        ax.set_title(f"按{facet}")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=8, loc="lower right")
    q = df.attrs.get("query")
    total = df.attrs.get("total")
    head = f"“{q}”检索结果分布" if q else "检索结果分布"
    fig.suptitle(title or (head + (f"（共 {total} 件）" if total is not None else "")))
    fig.tight_layout()
    return fig


#: The "no filter" choice of the panel's dropdowns. A real value: ipywidgets reads a
#: ``None`` value as "nothing selected" and may then show an empty box.
ALL = "（全部）"


def _filter_value(value):
    return None if value == ALL else value


def search_widget(archive, limit: int = 20):
    """A search panel: query box, category / year / branch / type dropdowns, the
    results table with highlighted snippets (``SearchResult._repr_html_``) and
    上一页/下一页 buttons that page through every hit, ``limit`` at a time.

    A thin layer over :meth:`Archive.search`; the returned ``VBox`` has a ``run()``
    method that searches with the current widget values from the first page (what the
    button does), ``page(n)`` that shows page ``n`` (0-based) of the current query, and
    ``controls``, the widgets by name. Each dropdown starts on :data:`ALL` （全部）.
    """
    import html

    import ipywidgets as w

    docs = corpus(archive)
    any_ = (ALL, ALL)
    cats = [any_] + [(f"{c.name}（{c.code}）", c.code) for c in archive.config.taxonomy.categories]
    years = [any_] + [(str(y), int(y)) for y in sorted(docs["year"].dropna().astype(int).unique())]
    orgs = [any_] + [(o, o) for o in _org_order(archive, docs["org"]) if o != NO_ORG]
    types = [any_] + [(t, t) for t in sorted(docs["doc_type"].dropna().unique())]
    query = w.Text(placeholder="检索词，如：主题党日 二十大", description="检索", continuous_update=False)
    dropdowns = {
        name: w.Dropdown(options=opts, value=ALL, description=label)
        for name, label, opts in (
            ("category", "类别", cats),
            ("year", "年度", years),
            ("org", "支部", orgs),
            ("doc_type", "文种", types),
        )
    }
    button = w.Button(description="检索", button_style="primary")
    prev = w.Button(description="上一页", disabled=True)
    next_ = w.Button(description="下一页", disabled=True)
    status = w.Label()
    results = w.HTML()
    state = {"offset": 0}

    def page(n: int = 0):
        q = query.value.strip()
        prev.disabled = next_.disabled = True
        status.value = ""
        if not q:
            results.value = "<p>请输入检索词。</p>"
            return None
        offset = max(0, int(n)) * limit
        filters = {k: _filter_value(d.value) for k, d in dropdowns.items()}
        try:
            res = archive.search(q, limit=limit, offset=offset, **filters)
        except Exception as exc:  # noqa: BLE001 - show the message, keep the panel alive
            results.value = f"<p style='color:#b00'>{html.escape(str(exc))}</p>"
            return None
        state["offset"] = offset
        results.value = res._repr_html_()
        status.value = res.shown()
        prev.disabled = offset == 0
        next_.disabled = offset + len(res.hits) >= res.total
        return res

    def run(*_):
        return page(0)

    button.on_click(run)
    prev.on_click(lambda _: page(state["offset"] // limit - 1))
    next_.on_click(lambda _: page(state["offset"] // limit + 1))
    query.observe(lambda change: run(), names="value")  # Enter (continuous_update=False)
    d = dropdowns
    box = w.VBox(
        [
            w.HBox([query, button]),
            w.HBox([d["category"], d["year"]]),
            w.HBox([d["org"], d["doc_type"]]),
            results,
            w.HBox([prev, status, next_]),
        ]
    )
    box.run = run
    box.page = page
    box.controls = {
        "query": query,
        **dropdowns,
        "button": button,
        "prev": prev,
        "next": next_,
        "status": status,
        "results": results,
    }
    return box

"""Search (检索): one query box with the CLI's syntax, facets, date range, sort, paging; the URL
holds the whole search; the result list exports as .xlsx or .csv."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...analysis.completeness import UNKNOWN_LABEL
from ...errors import DjArchiveError
from ...i18n import N_, _
from ..app import render, web_hint
from ..tables import table_response

PAGE_SIZE = 20
EXPORT_LIMIT = 5000
#: URL parameter → (Archive.search keyword, label)
PARAMS = {
    "category": N_("Category"),
    "year": N_("Year"),
    "org": N_("Branch"),
    "type": N_("Document type"),
    "from": N_("From"),
    "to": N_("To"),
}
FACETS = (
    ("category", "category", N_("Category")),
    ("year", "year", N_("Year")),
    ("org", "org", N_("Branch")),
    ("doc_type", "type", N_("Document type")),
)


def search_params(request: Request) -> dict:
    """The search as the URL says it: q, filters, sort and page (strings, cleaned)."""
    qp = request.query_params
    p: dict[str, Any] = {k: (qp.get(k) or "").strip() for k in ("q", *PARAMS, "sort")}
    p["sort"] = "date" if p["sort"] == "date" else ""
    try:
        p["page"] = max(1, int(qp.get("page") or 1))
    except ValueError:
        p["page"] = 1
    return p


def url_for_search(p: dict, path: str | None = "/", **changes: Any) -> str:
    """The URL of search ``p`` with ``changes`` (None removes a parameter); paging restarts
    at 1 unless ``page`` is changed."""
    merged = {**p, "page": 1, **changes}
    items = [(k, v) for k, v in merged.items() if v not in (None, "") and not (k == "page" and v == 1)]
    return (path or "/") + ("?" + urlencode(items) if items else "")


#: Facet counts of recent searches, by index state and search (not page or sort): paging,
#: re-sorting and several people searching the same words reuse them. Any write to the
#: index changes its state, so a count is never older than the index.
FACET_CACHE_SIZE = 256
_facet_cache: OrderedDict = OrderedDict()
_facet_lock = threading.Lock()
#: Whole result pages (hits with masked snippets, total, facets) of recent searches, by
#: index state, search, sort and page: the same page asked again (another archivist, the
#: back button, htmx history) costs no search. Same invalidation as the facet counts.
RESULT_CACHE_SIZE = 256
_result_cache: OrderedDict = OrderedDict()


def _lru_get(cache: OrderedDict, key):
    with _facet_lock:
        hit = cache.get(key)
        if hit is not None:
            cache.move_to_end(key)
        return hit


def _lru_put(cache: OrderedDict, key, value, size: int) -> None:
    with _facet_lock:
        cache[key] = value
        while len(cache) > size:
            cache.popitem(last=False)


def run(state, p: dict, limit=PAGE_SIZE, offset=0, facets=True):
    year = int(p["year"]) if p["year"].isdigit() else None
    if p["year"] and year is None:
        from ...errors import InvalidFilter

        raise InvalidFilter(N_("not a year: {year!r}").format(year=p["year"]))
    key = (str(state.archive.db_path), state.index_version(), *(p[k] for k in ("q", *PARAMS)))
    page_key = (*key, p["sort"], limit, offset) if facets and limit is not None and limit <= PAGE_SIZE else None
    if page_key is not None:
        done = _lru_get(_result_cache, page_key)
        if done is not None:
            return done
    cached = _lru_get(_facet_cache, key) if facets else None
    result = state.archive.search(
        p["q"],
        category=p["category"] or None,
        year=year,
        org=p["org"] or None,
        doc_type=p["type"] or None,
        date_from=p["from"] or None,
        date_to=p["to"] or None,
        limit=limit,
        offset=offset,
        mask_pii=True,
        sort=p["sort"] or "relevance",
        facets=facets and cached is None,
    )
    if facets and cached is not None:
        result.facets = cached
    elif facets:
        _lru_put(_facet_cache, key, result.facets, FACET_CACHE_SIZE)
    if page_key is not None:
        _lru_put(_result_cache, page_key, result, RESULT_CACHE_SIZE)
    return result


def _facet_groups(state, p, result) -> list[dict]:
    groups = []
    for field, param, label in FACETS:
        counts = (result.facets or {}).get(field, {})
        items = list(counts.items())
        if field == "year":
            items.sort(key=lambda kv: -int(kv[0]))
        values = []
        for value, n in items[:30]:
            shown = value
            if field == "category":
                cat = state.archive.config.taxonomy.category(value)
                shown = cat.name if cat else (UNKNOWN_LABEL if value == "UNKNOWN" else value)
            selected = str(p[param]) == str(value)
            values.append(
                {
                    "label": shown,
                    "count": n,
                    "selected": selected,
                    "url": url_for_search(p, **{param: None if selected else value}),
                }
            )
        groups.append({"label": label, "param": param, "values": values, "more": max(0, len(items) - 30)})
    return groups


def _suggestions(p: dict) -> list[dict]:
    tips: list[dict[str, str | None]] = []
    for param, label in PARAMS.items():
        if p[param]:
            text = _('Remove "{label}: {value}"').format(label=_(label), value=p[param])
            tips.append({"text": text, "url": url_for_search(p, **{param: None})})
    if len(p["q"].split()) > 1:
        tips.append(
            {
                "text": _("Use fewer words (words separated by spaces must all appear), or join them with OR"),
                "url": None,
            }
        )
    tips.append({"text": _("Try a synonym or a shorter word (one character is enough)"), "url": None})
    return tips


def search_page(request: Request):
    state = request.app.state.web
    p = search_params(request)
    ctx: dict[str, Any] = {"p": p, "result": None, "error": None, "hint": None}
    if p["q"]:
        started = time.perf_counter()
        try:
            result = run(state, p, limit=PAGE_SIZE, offset=(p["page"] - 1) * PAGE_SIZE)
        except DjArchiveError as exc:
            ctx.update(error=str(exc), hint=web_hint(exc))
        else:
            pages = max(1, -(-result.total // PAGE_SIZE))
            ctx.update(
                result=result,
                seconds=time.perf_counter() - started,
                facets=_facet_groups(state, p, result),
                pages=pages,
                prev_url=url_for_search(p, page=p["page"] - 1) if p["page"] > 1 else None,
                next_url=url_for_search(p, page=p["page"] + 1) if p["page"] < pages else None,
                sort_urls={"relevance": url_for_search(p, sort=None), "date": url_for_search(p, sort="date")},
                chips=[
                    {
                        "label": _("{label}: {value}").format(label=_(lab), value=p[k]),
                        "url": url_for_search(p, **{k: None}),
                    }
                    for k, lab in PARAMS.items()
                    if p[k]
                ],
                export_csv=url_for_search(p, path="/search.csv"),
                export_xlsx=url_for_search(p, path="/search.xlsx"),
                suggestions=_suggestions(p) if not result.total else [],
                first=(p["page"] - 1) * PAGE_SIZE + 1,
            )
    if p["q"] and request.headers.get("hx-request") and request.headers.get("hx-target") == "results":
        return render(request, "_results.html", ctx)
    return render(request, "search.html", ctx)


#: Columns of the exported result list: (hit field, heading in the request's language).
EXPORT_COLUMNS = (
    ("date", N_("Date")),
    ("category", N_("Category")),
    ("org", N_("Branch")),
    ("doc_type", N_("Document type")),
    ("title", N_("Title")),
    ("path", N_("Path")),
    ("snippet", N_("Snippet")),
)


def export_results(request: Request) -> Response:
    state = request.app.state.web
    p = search_params(request)
    if not p["q"]:
        from starlette.exceptions import HTTPException

        raise HTTPException(400, N_("Enter a search term first."))
    result = run(state, p, limit=EXPORT_LIMIT, facets=False)
    headings = [_(label) for _key, label in EXPORT_COLUMNS]
    rows = [
        dict(
            zip(
                headings,
                (
                    h[key].replace("«", "").replace("»", "") if key == "snippet" else h[key]
                    for key, _l in EXPORT_COLUMNS
                ),
            )
        )
        for h in result.hits
    ]
    fmt = request.path_params["fmt"]
    return table_response(rows, headings, _("Search results") + f"_{p['q'][:20]}", fmt)


routes = [
    Route("/", search_page, name="search"),
    Route("/search.{fmt:str}", export_results, name="search_export"),
]

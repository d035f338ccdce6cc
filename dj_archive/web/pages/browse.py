"""Browse (浏览): the archive as the shelves hold it, category → year → file, and the filing-completeness
matrix (documents per branch, category and year; the holes marked)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from ...analysis.completeness import UNKNOWN_LABEL
from ...output import frame_rows
from ...taxonomy import UNKNOWN
from ..app import render


def _shelves(state) -> dict:
    docs = state.archive.documents()
    cats = [(c.code, c.name) for c in state.archive.config.taxonomy.categories]
    if (docs["category"] == UNKNOWN).any():
        cats.append((UNKNOWN, UNKNOWN_LABEL))
    years = sorted({int(y) for y in docs["year"].dropna()}, reverse=True)
    counts = docs.groupby(["category", "year"]).size().to_dict() if len(docs) else {}
    totals = docs.groupby("category").size().to_dict() if len(docs) else {}
    undated = docs[docs["year"].isna()].groupby("category").size().to_dict() if len(docs) else {}
    return {
        "cats": cats,
        "years": years,
        "counts": {(c, int(y)): n for (c, y), n in counts.items()},
        "totals": totals,
        "undated": undated,
        "total": len(docs),
    }


def _matrix(state):
    from ...analysis.completeness import filing_matrix

    try:
        m = filing_matrix(state.archive, unit="year", by_org=True)
    except (ValueError, KeyError):
        return None
    configured = set(state.archive.config.org_names)
    rows = []
    for (org, cat), counts in m.iterrows():
        rows.append(
            {
                "org": org,
                "cat": cat,
                "cells": [(str(p), int(n)) for p, n in counts.items()],
                "check": org in configured and cat != UNKNOWN_LABEL,
            }
        )
    return {"periods": [str(c) for c in m.columns], "rows": rows}


def browse_page(request: Request):
    state = request.app.state.web
    shelves = state.cached("shelves", lambda: _shelves(state))
    matrix = state.cached("matrix", lambda: _matrix(state))
    gaps = sum(1 for r in (matrix or {"rows": []})["rows"] if r["check"] for _, n in r["cells"] if n == 0)
    return render(request, "browse.html", {"active": "browse", "s": shelves, "m": matrix, "gaps": gaps})


def shelf_page(request: Request):
    state = request.app.state.web
    code = request.path_params["code"]
    cat = state.archive.config.taxonomy.category(code)
    if cat is None and code != UNKNOWN:
        raise HTTPException(404)
    name = cat.name if cat else UNKNOWN_LABEL
    year = request.path_params.get("year")
    df = state.archive.documents(category=code)
    if year is not None:
        df = df[df["year"] == int(year)]
        catalogue = state.catalog()
        dangan = dict(zip(catalogue["path"], catalogue["档号"]))
        # The catalogue's order (保管期限 and 类别 in taxonomy order, then 件号), not the 档号
        # text: as text, D30 would come before Y.
        row = {path: i for i, path in enumerate(catalogue["path"])}
        docs = frame_rows(df.sort_values(["date", "path"], na_position="last"))  # a missing 文种 is blank, not nan
        for d in docs:
            d["dangan"] = dangan.get(d["path"], "")
        docs.sort(key=lambda d: (d["path"] not in row, row.get(d["path"], 0), d["date"] or "", d["path"]))
        return render(
            request, "shelf.html", {"active": "browse", "code": code, "name": name, "year": year, "docs": docs}
        )
    years = df.groupby(df["year"].fillna(0).astype(int)).size().sort_index(ascending=False).to_dict()
    return render(request, "shelf.html", {"active": "browse", "code": code, "name": name, "year": None, "years": years})


routes = [
    Route("/browse", browse_page, name="browse"),
    Route("/browse/{code:str}", shelf_page, name="shelf"),
    Route("/browse/{code:str}/{year:int}", shelf_page, name="shelf_year"),
]

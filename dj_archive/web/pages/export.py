"""Export / Draft (导出 / 起草): the 归档文件目录 of a year as .xlsx (dj_archive.catalog), and a draft summary
of a branch for a period as .docx (dj_archive.draft) — the CLI's `catalog` and `draft`."""

from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

from ...errors import DjArchiveError
from ...i18n import N_, _
from ...periods import parse_period
from ..app import render
from ..tables import MEDIA_TYPES, download_headers


def export_page(request: Request):
    state = request.app.state.web
    docs = state.archive.documents()
    years = sorted({int(y) for y in docs["year"].dropna()}, reverse=True)
    halves = []
    for y in years:
        halves += [f"{y}", f"{y}H2", f"{y}H1"]
    return render(
        request,
        "export.html",
        {
            "active": "export",
            "years": years,
            "periods": halves,
            "orgs": state.archive.config.org_names,
            "cats": [(c.code, c.name) for c in state.archive.config.taxonomy.categories],
            "error": request.query_params.get("error"),
        },
    )


def _send(tmpdir: Path, path: Path, filename: str):
    import shutil

    return FileResponse(
        path,
        media_type=MEDIA_TYPES[path.suffix],
        headers=download_headers(filename),
        background=BackgroundTask(shutil.rmtree, tmpdir, ignore_errors=True),
    )


def catalog_file(request: Request):
    from ...catalog import catalog, write_catalog

    state = request.app.state.web
    fmt = request.path_params["fmt"]
    if fmt not in ("xlsx", "csv"):
        raise HTTPException(404)
    qp = request.query_params
    year = int(qp["year"]) if (qp.get("year") or "").isdigit() else None
    category = qp.get("category") or None
    if category and not state.archive.config.taxonomy.category(category):
        raise HTTPException(400, N_("No such category: {category}").format(category=category))
    try:
        df = catalog(state.archive, year=year, category=category)
    except DjArchiveError as exc:  # a register of 档号 that cannot be read
        raise HTTPException(400, N_("Cannot export the catalogue: {error}").format(error=exc)) from None
    if df.empty:
        if year and category:
            empty = N_("Nothing to catalogue for {year}, category {category}.").format(year=year, category=category)
        elif year or category:
            empty = N_("Nothing to catalogue for {what}.").format(what=year or category)
        else:
            empty = N_("Nothing to catalogue.")
        raise HTTPException(400, empty)
    tmp = Path(tempfile.mkdtemp(prefix="dj-archive-export-"))
    out = write_catalog(df, tmp / f"catalog.{fmt}")
    name = _("Catalogue") + f"{year or ''}{('_' + category) if category else ''}.{fmt}"
    return _send(tmp, out, name)


def draft_file(request: Request):
    from ...draft import draft

    state = request.app.state.web
    qp = request.query_params
    fmt = request.path_params["fmt"]
    if fmt not in ("docx", "md"):
        raise HTTPException(404)
    try:
        period = parse_period(qp.get("period") or "")
        d = draft(state.archive, period, qp.get("org") or "")
    except DjArchiveError as exc:
        raise HTTPException(400, N_("Cannot draft: {error}").format(error=exc)) from None
    tmp = Path(tempfile.mkdtemp(prefix="dj-archive-draft-"))
    out = d.save(tmp / f"draft.{fmt}")
    return _send(tmp, out, _("{title} (draft)").format(title=d.title) + f".{fmt}")


routes = [
    Route("/export", export_page, name="export"),
    Route("/export/catalog.{fmt:str}", catalog_file, name="catalog_file"),
    Route("/export/draft.{fmt:str}", draft_file, name="draft_file"),
]

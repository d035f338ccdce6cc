"""导出 / 起草: the 归档文件目录 of a year as .xlsx (dj_archive.catalog), and a draft summary
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
from ...i18n import translate
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
        raise HTTPException(400, f"没有这个类别：{category}")
    try:
        df = catalog(state.archive, year=year, category=category)
    except DjArchiveError as exc:  # a register of 档号 that cannot be read
        raise HTTPException(400, f"无法导出归档文件目录：{translate(str(exc), 'zh_CN')}") from None
    if df.empty:
        raise HTTPException(400, f"{year or ''}年度{('类别 ' + category) if category else ''}没有可编目的文件。")
    tmp = Path(tempfile.mkdtemp(prefix="dj-archive-export-"))
    out = write_catalog(df, tmp / f"catalog.{fmt}")
    name = f"归档文件目录{year or ''}{('_' + category) if category else ''}.{fmt}"
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
        raise HTTPException(400, f"无法起草：{exc}") from None
    tmp = Path(tempfile.mkdtemp(prefix="dj-archive-draft-"))
    out = d.save(tmp / f"draft.{fmt}")
    return _send(tmp, out, f"{d.title}（初稿）.{fmt}")


routes = [
    Route("/export", export_page, name="export"),
    Route("/export/catalog.{fmt:str}", catalog_file, name="catalog_file"),
    Route("/export/draft.{fmt:str}", draft_file, name="draft_file"),
]

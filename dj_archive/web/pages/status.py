"""状态: what the index holds, the last run, files that failed with their reasons, and a
re-index that runs in the background with progress while searches go on."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from ...errors import DjArchiveError
from ..app import form_with_csrf, render, require_writable


def status_page(request: Request):
    state = request.app.state.web
    try:
        stats, failures, error, hint = state.archive.stats(), state.archive.failures(), None, None
    except DjArchiveError as exc:
        stats, failures, error, hint = None, [], str(exc), exc.hint
    return render(
        request,
        "status.html",
        {
            "active": "status",
            "stats": stats,
            "failures": failures,
            "error": error,
            "hint": hint,
            "job": state.job.snapshot(),
            "archive_root": state.archive.root,
        },
    )


def progress(request: Request):
    return render(request, "_progress.html", {"job": request.app.state.web.job.snapshot()})


async def reindex(request: Request):
    state = require_writable(request)
    await form_with_csrf(request)
    started = state.job.start()
    if request.headers.get("hx-request"):
        return render(request, "_progress.html", {"job": state.job.snapshot(), "busy": not started})
    return RedirectResponse("/status", status_code=303)


routes = [
    Route("/status", status_page, name="status"),
    Route("/status/progress", progress, name="progress"),
    Route("/status/reindex", reindex, methods=["POST"], name="reindex"),
]

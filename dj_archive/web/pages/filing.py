"""File (归档): upload loose files → the suggested category, title, date and branch with the classifier's
confidence, each editable → confirm → copied under the convention and indexed, by
dj_archive.filing (the CLI's `file`). Duplicates and name clashes are shown before
anything is written; nothing is ever overwritten."""

from __future__ import annotations

import asyncio
import re
import secrets
import shutil
import threading
import time
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from ...errors import DjArchiveError, UnsupportedFormat
from ...filing import file_plans, plan_filing, revise_plan
from ...i18n import N_, _
from ...metadata import doc_id
from ...readers import SUPPORTED_SUFFIXES, check_supported
from ..app import form_with_csrf, render, require_writable

#: Files in one upload.
MAX_FILES = 20
#: An upload batch not confirmed within this time is forgotten (its copies deleted).
BATCH_TTL = 3600
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_batches: dict[str, dict] = {}
_batches_lock = threading.Lock()

#: A plan's status as the review table shows it (in the request's language).
STATUS = {
    "planned": N_("to be filed"),
    "duplicate": N_("duplicate (already in the archive)"),
    "failed": N_("cannot be filed"),
    "filed": N_("filed"),
    "skipped": N_("not chosen"),
}
#: Where a plan's date came from (dj_archive.filing records it in Chinese, as the CLI shows it).
DATE_SOURCES = {
    "正文落款": N_("the date under the text"),
    "文件修改时间": N_("the file's modification time"),
    "人工著录": N_("entered by hand"),
}


def _clean_name(name: str) -> str:
    name = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip().lstrip(".")
    return name[:120] or "file"


def _expire(upload_dir: Path) -> None:
    now = time.time()
    with _batches_lock:
        old = [k for k, b in _batches.items() if now - b["created"] > BATCH_TTL]
        for k in old:
            shutil.rmtree(_batches.pop(k)["dir"], ignore_errors=True)


def _batch(request: Request, batch_id: str) -> dict:
    with _batches_lock:
        b = _batches.get(batch_id)
    if not b or b["owner"] != request.session.get("csrf"):
        raise HTTPException(404, N_("This upload has expired or does not exist; upload the files again."))
    return b


def _clash(plan) -> bool:
    """The convention's name was taken, so the file will get a numbered name."""
    if plan.status != "planned" or not plan.target:
        return False
    ext = Path(plan.source).suffix.lower()
    return not plan.target.endswith(f"/{plan.date}_{plan.title}{ext}")


def _rows(plans, names) -> list[dict]:
    order = {"duplicate": 0, "failed": 1, "planned": 3, "filed": 4}
    rows = []
    for i, p in enumerate(plans):
        clash = _clash(p)
        rows.append(
            {
                "i": i,
                "p": p,
                "name": names[i],
                "status": STATUS.get(p.status, p.status),
                "date_source": DATE_SOURCES.get(p.date_source or "", p.date_source),
                "clash": clash,
                "doc": doc_id(p.target) if p.status == "filed" and p.target else None,
                "rank": order.get(p.status, 5) - (1 if clash else 0),
            }
        )
    rows.sort(key=lambda r: (r["rank"], r["i"]))
    return rows


def _context(state, b, **extra):
    tx = state.archive.config.taxonomy
    return {
        "active": "filing",
        "batch": b["id"],
        "rows": _rows(b["plans"], b["names"]),
        "cats": [(c.code, c.name) for c in tx.categories],
        "orgs": state.archive.config.org_names,
        **extra,
    }


def filing_page(request: Request):
    require_writable(request)
    state = request.app.state.web
    return render(
        request,
        "filing.html",
        {
            "active": "filing",
            "max_mb": state.max_upload_bytes // (1024 * 1024),
            "max_files": MAX_FILES,
            "suffixes": _suffixes(),
            "accept": ",".join(SUPPORTED_SUFFIXES),
        },
    )


def _suffixes() -> str:
    return _(", ").join(SUPPORTED_SUFFIXES)


async def upload(request: Request):
    state = require_writable(request)
    _expire(state.upload_dir)
    length = request.headers.get("content-length")
    if length is None:
        raise HTTPException(411, N_("Send the files with the browser's upload form."))
    if int(length) > state.max_upload_bytes * MAX_FILES:
        raise HTTPException(
            413,
            N_("This upload is too large: at most {mb} MB a file and {n} files at a time.").format(
                mb=state.max_upload_bytes // 2**20, n=MAX_FILES
            ),
        )
    form = await form_with_csrf(request)
    files = [f for f in form.getlist("files") if hasattr(f, "filename") and f.filename]
    if not files:
        return render(
            request,
            "filing.html",
            {
                "active": "filing",
                "error": N_("Choose the files to file."),
                "max_mb": state.max_upload_bytes // 2**20,
                "max_files": MAX_FILES,
                "suffixes": _suffixes(),
                "accept": ",".join(SUPPORTED_SUFFIXES),
            },
            status_code=400,
        )
    if len(files) > MAX_FILES:
        raise HTTPException(413, N_("At most {n} files at a time.").format(n=MAX_FILES))
    batch_id = secrets.token_urlsafe(12)
    folder = state.upload_dir / batch_id
    paths, names, refused = [], [], []
    for n, f in enumerate(files):
        name = _clean_name(f.filename)
        try:
            check_supported(name)
        except UnsupportedFormat as exc:
            reason = N_("{reason} (files that can be filed: {suffixes})").format(
                reason=exc, suffixes=", ".join(SUPPORTED_SUFFIXES)
            )
            refused.append({"name": f.filename, "reason": reason})
            continue
        if f.size is not None and f.size > state.max_upload_bytes:
            refused.append(
                {"name": f.filename, "reason": N_("over {mb} MB").format(mb=state.max_upload_bytes // 2**20)}
            )
            continue
        dest = folder / str(n) / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        await f.seek(0)
        with dest.open("wb") as out:
            while chunk := await f.read(1 << 20):
                out.write(chunk)
        paths.append(dest)
        names.append(f.filename)
    category = str(form.get("category") or "") or None
    org = str(form.get("org") or "") or None
    plans = []
    if paths:
        try:
            plans = await asyncio.to_thread(plan_filing, state.archive, paths, category, org)
        except DjArchiveError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise HTTPException(400, str(exc)) from None
    b = {
        "id": batch_id,
        "dir": folder,
        "plans": plans,
        "names": names,
        "owner": request.session.get("csrf"),
        "created": time.time(),
    }
    with _batches_lock:
        _batches[batch_id] = b
    return render(request, "filing_review.html", _context(state, b, refused=refused))


async def confirm(request: Request):
    state = require_writable(request)
    form = await form_with_csrf(request)
    b = _batch(request, str(form.get("batch") or ""))
    errors: list = []
    taken: set[str] = set()
    for i, plan in enumerate(b["plans"]):
        if plan.status != "planned":
            continue
        if not form.get(f"take{i}"):
            plan.status, plan.reason = "skipped", N_("not chosen for filing")
            continue
        try:
            revise_plan(
                state.archive,
                plan,
                title=str(form.get(f"title{i}") or "").strip() or None,
                date=str(form.get(f"date{i}") or "").strip() or None,
                category=str(form.get(f"category{i}") or "") or None,
                org=str(form.get(f"org{i}") or ""),
                taken=taken,
            )
        except DjArchiveError as exc:
            errors.append(N_("{name}: {error}").format(name=b["names"][i], error=exc))
        if plan.target:
            taken.add(plan.target)
    if errors:
        for plan in b["plans"]:
            if plan.status == "skipped":
                plan.status = "planned"
        return render(request, "filing_review.html", _context(state, b, errors=errors), status_code=400)
    if not state.write_lock.acquire(blocking=False):
        return render(
            request,
            "filing_review.html",
            _context(
                state,
                b,
                errors=[
                    N_("Another write (filing, a correction or indexing) is in progress; confirm again in a moment.")
                ],
            ),
            status_code=409,
        )
    try:
        report = await asyncio.to_thread(file_plans, state.archive, b["plans"])
    finally:
        state.write_lock.release()
    with _batches_lock:
        _batches.pop(b["id"], None)
    shutil.rmtree(b["dir"], ignore_errors=True)
    return render(request, "filing_review.html", _context(state, b, done=True, report=report))


routes = [
    Route("/filing", filing_page, name="filing"),
    Route("/filing/upload", upload, methods=["POST"], name="upload"),
    Route("/filing/confirm", confirm, methods=["POST"], name="confirm"),
]

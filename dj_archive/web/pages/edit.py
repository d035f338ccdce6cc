"""著录: correct a document's metadata in a form. The correction is written to the
archive's metadata.csv (so the CLI and notebooks see it too) with a line per change in
the append-only metadata-changes.csv, then the index is brought up to date."""

from __future__ import annotations

import getpass

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from ...corrections import EDITABLE, correct_metadata, read_change_log
from ...errors import DjArchiveError
from ..app import form_with_csrf, render, require_writable
from .document import get_document

LABELS = {
    "title": "题名",
    "date": "日期",
    "period": "期间",
    "category": "类别",
    "doc_type": "文种",
    "org": "支部",
    "retention": "保管期限",
}


def who(request: Request) -> str:
    """Who the change log names: the logged-in name, else this machine's user."""
    user = request.session.get("user")
    if user:
        return user
    try:
        return f"本机用户 {getpass.getuser()}"
    except (KeyError, OSError):
        return "本机用户"


def _choices(state) -> dict:
    tx = state.archive.config.taxonomy
    return {
        "category": [(c.code, f"{c.name}（{c.code}）") for c in tx.categories],
        "doc_type": [(d.name, d.name) for d in tx.doc_types],
        "org": [(o, o) for o in state.archive.config.org_names],
        "retention": [(r, r) for r in tx.retention_codes],
    }


def _form(request, state, d, values=None, error=None, status=200):
    return render(
        request,
        "edit.html",
        {
            "d": d,
            "fields": [(f, LABELS.get(f, f)) for f in EDITABLE],
            "values": values or d,
            "choices": _choices(state),
            "error": error,
            "log": read_change_log(state.archive.root, d["path"])[-20:],
            "override": state.archive.config.overrides.get(d["path"], {}),
        },
        status_code=status,
    )


async def edit_page(request: Request):
    state = require_writable(request)
    d = get_document(state, request.path_params["doc_id"], mask=False)
    if request.method == "GET":
        return _form(request, state, d)
    form = await form_with_csrf(request)
    values = {f: str(form.get(f) or "") for f in EDITABLE if f in form}
    if not state.write_lock.acquire(blocking=False):
        return _form(request, state, d, {**d, **values}, "另一项写入（归档、著录或索引）正在进行，请稍后再保存。", 409)
    try:
        import asyncio

        def save():
            changes = correct_metadata(
                state.archive.root, d["path"], values, d, who=who(request), taxonomy=state.archive.config.taxonomy
            )
            if not changes:
                return changes, None
            try:
                state.archive.index(progress=False)
            except DjArchiveError as exc:  # saved; the index catches up on the next run
                return changes, str(exc)
            return changes, None

        changes, index_error = await asyncio.to_thread(save)
    except DjArchiveError as exc:
        return _form(request, state, d, {**d, **values}, str(exc), 400)
    finally:
        state.write_lock.release()
    if index_error:
        return _form(
            request,
            state,
            d,
            {**d, **values},
            f"已写入 metadata.csv，但索引未能更新（{index_error}）；请稍后到“状态”页重建索引。",
            202,
        )
    return RedirectResponse(f"/doc/{d['id']}?saved={len(changes)}", status_code=303)


routes = [Route("/doc/{doc_id:str}/edit", edit_page, methods=["GET", "POST"], name="edit")]

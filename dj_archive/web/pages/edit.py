"""Correct metadata (著录): correct a document's metadata in a form. The correction is written to the
archive's metadata.csv (so the CLI and notebooks see it too) with a line per change in
the append-only metadata-changes.csv, then the index is brought up to date."""

from __future__ import annotations

import getpass

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from ...corrections import EDITABLE, correct_metadata, read_change_log
from ...errors import DjArchiveError
from ...i18n import N_, _
from ..app import form_with_csrf, render, require_writable
from .document import get_document

#: Form labels, shown in the request's language.
LABELS = {
    "title": N_("Title"),
    "date": N_("Date"),
    "period": N_("Period"),
    "category": N_("Category"),
    "doc_type": N_("Document type"),
    "org": N_("Branch"),
    "retention": N_("Retention"),
}
#: The change log (metadata-changes.csv, a record kept in the archive) names a local user so;
#: it is the archive's data, in the archive's language, whatever the page's language.
LOCAL_USER = "本机用户"


def who(request: Request) -> str:
    """Who the change log names: the logged-in name, else this machine's user."""
    user = request.session.get("user")
    if user:
        return user
    try:
        return f"{LOCAL_USER} {getpass.getuser()}"
    except (KeyError, OSError):
        return LOCAL_USER


def _choices(state) -> dict:
    tx = state.archive.config.taxonomy
    return {
        "category": [(c.code, _("{name} ({code})").format(name=c.name, code=c.code)) for c in tx.categories],
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
        busy = N_("Another write (filing, a correction or indexing) is in progress; save again in a moment.")
        return _form(request, state, d, {**d, **values}, busy, 409)
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
            N_(
                "Saved to metadata.csv, but the index could not be updated ({error}); re-index on the Status page later."
            ).format(error=index_error),
            202,
        )
    return RedirectResponse(f"/doc/{d['id']}?saved={len(changes)}", status_code=303)


routes = [Route("/doc/{doc_id:str}/edit", edit_page, methods=["GET", "POST"], name="edit")]

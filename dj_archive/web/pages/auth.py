"""Log in / out (登录 / 退出): needed only when the app listens beyond this machine (a password is set)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from ...i18n import N_
from ..app import form_with_csrf, render
from ..security import verify_password


def _safe_next(value: str | None) -> str:
    # Only a path on this site: never //evil.example or an absolute URL.
    return value if value and value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


#: The name the change log records for someone who logs in without giving one: the
#: archive's data, in the archive's language.
DEFAULT_USER = "档案管理员"


async def login_page(request: Request):
    state = request.app.state.web
    if not state.password_hash:
        return RedirectResponse("/", status_code=303)
    nxt = _safe_next(request.query_params.get("next"))
    error = None
    if request.method == "POST":
        form = await form_with_csrf(request)
        nxt = _safe_next(form.get("next"))
        ok = await asyncio.to_thread(verify_password, str(form.get("password") or ""), state.password_hash)
        if ok:
            request.session.clear()
            request.session["user"] = (str(form.get("name") or "").strip() or DEFAULT_USER)[:40]
            return RedirectResponse(nxt, status_code=303)
        await asyncio.sleep(0.5)  # slows guessing
        error = N_("Wrong password; try again.")
    return render(request, "login.html", {"next": nxt, "error": error}, status_code=401 if error else 200)


async def logout(request: Request):
    await form_with_csrf(request)
    request.session.clear()
    return RedirectResponse("/login" if request.app.state.web.password_hash else "/", status_code=303)


routes = [
    Route("/login", login_page, methods=["GET", "POST"], name="login"),
    Route("/logout", logout, methods=["POST"], name="logout"),
]

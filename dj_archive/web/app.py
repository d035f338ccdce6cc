"""The web app factory: one Archive, one index, the library's own functions behind
every page. Starlette renders Jinja2 templates on the server; htmx (vendored under
static/) does partial updates. Nothing is fetched from the internet.

>>> app = create_app("archive")                         # doctest: +SKIP
>>> import uvicorn; uvicorn.run(app, port=8765)         # doctest: +SKIP
"""

from __future__ import annotations

import secrets
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .. import i18n
from ..archive import Archive, open_archive
from ..errors import ConfigError, DjArchiveError
from ..i18n import N_, _, translate
from .jobs import IndexJob
from .security import check_csrf, csrf_token, is_loopback

__all__ = ["create_app", "app_from_env", "WebState", "MAX_UPLOAD_MB", "ENV_CONFIG"]

#: Environment variable through which `dj-archive serve --workers N` hands its settings
#: (JSON) to each worker process.
ENV_CONFIG = "DJ_ARCHIVE_WEB_CONFIG"

HERE = Path(__file__).parent
#: Largest file accepted by the 归档 upload (the readers refuse more than 64 MB anyway).
MAX_UPLOAD_MB = 50
#: The menu: (path, label); labels are shown in the request's language.
NAV = (
    ("search", N_("Search")),
    ("browse", N_("Browse")),
    ("filing", N_("File")),
    ("export", N_("Export / Draft")),
    ("status", N_("Status")),
)


def request_language(headers) -> str:
    """The language of one request's pages: ``DJ_ARCHIVE_LANG`` when set (the archivist's
    choice for the whole app), else the browser's ``Accept-Language`` (zh → Chinese, en →
    English, whichever it prefers), else the server's locale."""
    import os

    if os.environ.get("DJ_ARCHIVE_LANG", "").strip():
        return i18n.language()
    return i18n.accept_language(headers.get("accept-language")) or i18n.language()


class WebState:
    """What every request shares: the archive, the mode, and the single write lock."""

    def __init__(
        self, archive: Archive, read_only: bool, password_hash: str | None, upload_dir: Path, max_upload_mb: int
    ):
        self.archive = archive
        self.read_only = read_only
        self.password_hash = password_hash
        #: Filing, editing and re-indexing take it: two writes never interleave.
        self.write_lock = threading.Lock()
        self.job = IndexJob(self)
        self.upload_dir = upload_dir
        self.max_upload_bytes = max_upload_mb * 1024 * 1024
        self._cache: dict = {}
        self._cache_lock = threading.Lock()

    def index_version(self) -> tuple:
        """Changes whenever the index file (or its WAL) is written."""
        out: list[tuple[int, int] | None] = []
        for suffix in ("", "-wal"):
            try:
                st = Path(str(self.archive.db_path) + suffix).stat()
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def cached(self, name: str, compute, also=()):
        """``compute()``, kept until the index changes (the catalogue, the matrix) or
        the files named in ``also`` do."""
        version = self.index_version() + tuple(_stat(p) for p in also)
        with self._cache_lock:
            hit = self._cache.get(name)
            if hit and hit[0] == version:
                return hit[1]
        value = compute()
        with self._cache_lock:
            self._cache[name] = (version, value)
        return value

    def catalog(self):
        """The 归档文件目录 of the whole archive (档号 for every numbered file); the
        register of 档号 is read again when it changes. A register that cannot be read
        gives a catalogue without 档号 here (the export page says why)."""
        import pandas as pd

        from ..catalog import COLUMNS, catalog
        from ..file_numbers import REGISTER_FILE, RegisterUnreadable

        def compute():
            try:
                return catalog(self.archive)
            except RegisterUnreadable:
                docs = self.archive.documents()
                return pd.DataFrame({"path": docs["path"], "档号": ""}, columns=COLUMNS).fillna("")

        return self.cached("catalog", compute, also=(Path(self.archive.root) / REGISTER_FILE,))


def _stat(path: Path):
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _host_of(header: str) -> str:
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


#: Sent with every response: only this app's own scripts run; pages cannot be framed elsewhere.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        b"frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class _Guard:
    """Pure ASGI middleware: on loopback, refuse other Host headers (DNS rebinding);
    with a password, send anyone not logged in to /login; security headers on every response."""

    OPEN = ("/login", "/static/")

    def __init__(self, app, state: WebState, loopback: bool):
        self.app, self.state, self.loopback = app, state, loopback

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        outer_send = send

        # Originals (/raw/) get nosniff only: the browser's PDF viewer runs under the page's policy.
        extra = SECURITY_HEADERS[1:] if scope["path"].startswith("/raw/") else SECURITY_HEADERS
        request = Request(scope)
        lang = request_language(request.headers)
        # The page depends on Accept-Language: caches must not hand one language's page to another.
        extra = [*extra, (b"content-language", b"zh-CN" if lang == "zh_CN" else b"en"), (b"vary", b"Accept-Language")]

        async def send(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await outer_send(message)

        with i18n.use_language(lang):
            return await self._guarded(request, scope, receive, send)

    async def _guarded(self, request, scope, receive, send):
        if self.loopback and not is_loopback(_host_of(request.headers.get("host", ""))):
            return await PlainTextResponse(_("Host not allowed"), status_code=400)(scope, receive, send)
        path = scope["path"]
        if self.state.password_hash and not path.startswith(self.OPEN) and not request.session.get("user"):
            target = "/login?" + urlencode(
                {"next": path + ("?" + scope["query_string"].decode() if scope["query_string"] else "")}
            )
            if request.headers.get("hx-request"):
                return await Response(status_code=204, headers={"HX-Redirect": target})(scope, receive, send)
            return await RedirectResponse(target, status_code=303)(scope, receive, send)
        return await self.app(scope, receive, send)


def templates_for(state: WebState) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    # Page text from the same catalog as the CLI: {{ _("English") }} in the templates (extracted
    # by Babel's jinja2 method, see babel.cfg), in the language of the request being served.
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: _(message), ngettext=i18n.ngettext, newstyle=True
    )
    env.globals.update(
        nav=NAV,
        state=state,
        fonds_name=lambda: state.archive.config.fonds_name or _("Archive"),
        lang=i18n.language,
    )
    from .render import snippet_html

    env.filters["snippet"] = snippet_html
    env.filters["category_name"] = lambda code: _category_name(state, code)
    env.filters["size"] = _human_size
    # Messages made in Python (the library's errors, hints and failure reasons, the pages'
    # labels marked N_) are English; |t shows them in the request's language.
    env.filters["t"] = lambda text: translate(str(text)) if text else text
    from ..periods import period_label

    # 2023年上半年 in Chinese; in English the period's own code (2023H1), as the CLI takes it.
    env.filters["period_label"] = lambda p: period_label(p) if i18n.language() == "zh_CN" else str(p)
    return templates


def _category_name(state: WebState, code) -> str:
    cat = state.archive.config.taxonomy.category(code) if code else None
    from ..analysis.completeness import UNKNOWN_LABEL

    return cat.name if cat else (UNKNOWN_LABEL if code == "UNKNOWN" else str(code or ""))


def _human_size(n) -> str:
    if n is None:
        return ""
    n = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def render(request: Request, name: str, context: dict | None = None, status_code: int = 200):
    """A page with the shared context (CSRF token, mode, who is logged in)."""
    state: WebState = request.app.state.web
    ctx = {
        "request": request,
        "csrf": csrf_token(request.session),
        "read_only": state.read_only,
        "user": request.session.get("user"),
        "login_required": bool(state.password_hash),
    }
    ctx.update(context or {})
    return request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status_code)


async def form_with_csrf(request: Request):
    """The posted form, after checking its CSRF token (403 otherwise)."""
    form = await request.form()
    token = form.get("csrf")
    if not check_csrf(
        request.session, token if isinstance(token, str) and token else request.headers.get("x-csrf-token")
    ):
        raise HTTPException(
            403, N_("The form has expired or comes from elsewhere (CSRF check failed); reload the page and try again.")
        )
    return form


def require_writable(request: Request) -> WebState:
    state: WebState = request.app.state.web
    if state.read_only:
        raise HTTPException(403, N_("Read-only mode: filing, correcting metadata and re-indexing are off."))
    return state


async def _http_error(request: Request, exc: HTTPException):
    messages = {
        404: N_("No such page or file."),
        403: N_("Not allowed."),
        400: N_("Bad request."),
        413: N_("The file is too large."),
    }
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail not in ("Not Found", "Forbidden") else ""
    return render(
        request,
        "error.html",
        {
            "status": exc.status_code,
            "title": messages.get(exc.status_code, N_("Something went wrong")),
            "detail": detail,
        },
        status_code=exc.status_code,
    )


def web_hint(exc: DjArchiveError) -> str:
    """What to do next, in the app's terms (the library's hints name CLI commands)."""
    from ..errors import IndexMissing

    if isinstance(exc, IndexMissing):
        return N_(
            "There is no index yet (or it is from an older version): on the Status page click "
            '"Re-index now", or run `dj-archive index`.'
        )
    return exc.hint


async def _library_error(request: Request, exc: DjArchiveError):
    return render(
        request,
        "error.html",
        {"status": 400, "title": N_("Could not be done"), "detail": str(exc), "hint": web_hint(exc)},
        status_code=400,
    )


def create_app(
    archive=None,
    db=None,
    read_only: bool = False,
    password_hash: str | None = None,
    host: str = "127.0.0.1",
    secret_key: str | None = None,
    upload_dir=None,
    max_upload_mb: int = MAX_UPLOAD_MB,
) -> Starlette:
    """The app for the archive at ``archive`` (default ``$DJ_ARCHIVE`` or ./archive).

    ``host`` is where it will listen: anything but loopback needs ``password_hash``
    (see :func:`dj_archive.web.security.hash_password`). ``read_only`` hides filing,
    editing and re-indexing. ``secret_key`` signs the session cookie (random if not given,
    so a restart logs everyone out).
    """
    if not is_loopback(host) and not password_hash:
        raise ConfigError(
            N_(
                "serving on {host} (not this machine only) needs a password: pass "
                "--password-file or set DJ_ARCHIVE_PASSWORD"
            ).format(host=host)
        )
    arc = archive if isinstance(archive, Archive) else open_archive(archive, db)
    uploads = Path(upload_dir) if upload_dir else Path(tempfile.mkdtemp(prefix="dj-archive-uploads-"))
    state = WebState(arc, read_only, password_hash, uploads, max_upload_mb)
    from .pages import routes

    handlers: dict[Any, Any] = {HTTPException: _http_error, DjArchiveError: _library_error}
    app = Starlette(
        routes=[*routes(), Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")],
        middleware=[
            Middleware(
                SessionMiddleware,
                secret_key=secret_key or secrets.token_urlsafe(32),
                session_cookie="dj_archive_session",
                same_site="strict",
                https_only=False,
            ),
            Middleware(_Guard, state=state, loopback=is_loopback(host)),
        ],
        exception_handlers=handlers,
    )
    app.state.web = state
    app.state.templates = templates_for(state)
    threading.Thread(target=_warm_up, name="dj-archive-web-warmup", daemon=True).start()
    return app


def app_from_env() -> Starlette:
    """The app described by ``$DJ_ARCHIVE_WEB_CONFIG`` (a JSON object of
    :func:`create_app`'s arguments): how uvicorn's worker processes build theirs."""
    import json
    import os

    return create_app(**json.loads(os.environ[ENV_CONFIG]))


def _warm_up() -> None:
    """Load the segmenter's dictionary now, not during the first search."""
    from ..segment import default_segmenter

    default_segmenter().cut("党建档案")

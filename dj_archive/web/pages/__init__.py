"""The app's routes, one module per page."""

from starlette.routing import Route


def routes() -> list[Route]:
    from . import auth, browse, document, edit, export, filing, search, status

    out: list[Route] = []
    for module in (search, document, browse, filing, edit, export, status, auth):
        out += module.routes
    return out

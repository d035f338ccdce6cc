"""The archivists' web app (`dj-archive serve`): search, read, browse, file, correct and
export in a browser, over the same library and the same SQLite index as the CLI.

>>> from dj_archive.web import create_app
>>> app = create_app("archive")            # doctest: +SKIP
"""

from .app import create_app

__all__ = ["create_app"]

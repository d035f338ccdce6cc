"""serve: the archivists' web app on this machine (dj_archive.web)."""

import click

from ..i18n import _
from . import cli
from .common import archive_options, handle_errors


@cli.command("serve")
@archive_options
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but this machine (127.0.0.1, localhost) needs a password.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--read-only", is_flag=True, help="Search and read only: no filing, editing or re-indexing.")
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=1,
    show_default=True,
    help="Processes answering requests; more than 1 only with --read-only (filing and re-indexing need one).",
)
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, exists=True),
    help="File whose first line is the password (or its scrypt hash); default $DJ_ARCHIVE_PASSWORD.",
)
@handle_errors
def serve_cmd(archive, db, host, port, read_only, workers, password_file):
    """Open the archive in a browser: search, read, browse, file, correct, export.

    \b
    Listens on 127.0.0.1 (this machine only) unless --host says otherwise; then a
    password is required (--password-file or DJ_ARCHIVE_PASSWORD; kept as a scrypt
    hash) and users log in. Stop with Ctrl+C.
    """
    import json
    import os
    import secrets

    import uvicorn

    from ..web import create_app
    from ..web.app import ENV_CONFIG
    from ..web.security import load_password_hash

    if workers > 1 and not read_only:
        raise click.BadParameter(_("more than one worker needs --read-only"), param_hint="'--workers'")
    settings = {
        "archive": archive,
        "db": db,
        "read_only": read_only,
        "host": host,
        "password_hash": load_password_hash(password_file),
        "secret_key": secrets.token_urlsafe(32),
    }
    app = create_app(**settings)  # checks everything before listening
    shown = f"[{host}]" if ":" in host else host
    url, root = f"http://{shown}:{port}/", app.state.web.archive.root
    if read_only:
        click.echo(_("dj-archive web app: {url}  ({root}, read-only; Ctrl+C to stop)").format(url=url, root=root))
    else:
        click.echo(_("dj-archive web app: {url}  ({root}; Ctrl+C to stop)").format(url=url, root=root))
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    else:  # each worker process builds the same app; one session secret, so logins hold across them
        os.environ[ENV_CONFIG] = json.dumps(settings)
        uvicorn.run(
            "dj_archive.web.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="warning"
        )

"""serve: the archivists' web app on this machine (dj_archive.web)."""

import click

from . import cli
from .common import archive_options, handle_errors


@cli.command("serve")
@archive_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this machine (127.0.0.1, localhost) needs a password.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--read-only", is_flag=True, help="Search and read only: no filing, editing or re-indexing.")
@click.option("--password-file", type=click.Path(dir_okay=False, exists=True),
              help="File whose first line is the password (or its scrypt hash); default $DJ_ARCHIVE_PASSWORD.")
@handle_errors
def serve_cmd(archive, db, host, port, read_only, password_file):
    """Open the archive in a browser: search, read, browse, file, correct, export.

    \b
    Listens on 127.0.0.1 (this machine only) unless --host says otherwise; then a
    password is required (--password-file or DJ_ARCHIVE_PASSWORD; kept as a scrypt
    hash) and users log in. Stop with Ctrl+C.
    """
    import uvicorn

    from ..web import create_app
    from ..web.security import load_password_hash

    app = create_app(archive, db, read_only=read_only, password_hash=load_password_hash(password_file), host=host)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"dj-archive web app: http://{shown}:{port}/  ({app.state.web.archive.root}"
               f"{', read-only' if read_only else ''}; Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")

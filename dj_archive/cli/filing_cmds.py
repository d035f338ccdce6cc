"""file: put loose documents into the archive under its convention."""

import click

from .. import output
from ..archive import open_archive
from ..errors import SomeItemsFailed
from ..filing import file_documents
from ..i18n import N_, _, translate
from . import cli
from .common import archive_options, format_option, handle_errors


@cli.command("file")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@archive_options
@click.option("--category", help="Category code for all files (default: suggested per file).")
@click.option("--org", help="Branch for all files (default: found in the title or text).")
@click.option("--dry-run", is_flag=True, help="Print the plan and change nothing.")
@format_option("text", "json")
@handle_errors
def file_cmd(paths, archive, db, category, org, dry_run, fmt):
    """Copy loose files into the archive as <CODE>_<类目>/<YYYY>/<YYYY-MM-DD>_<题名>.<ext>,
    then index them. Sources are left untouched; nothing is overwritten; a file already
    in the archive is reported, not copied again. Once 档号 are frozen (`catalog --freeze`),
    each filed file's 档号 (the next free 件号 of its group) is registered and shown.
    Exit 1 if any file could not be filed, or if the files were filed but indexing them
    (or registering their 档号) failed (run `dj-archive index` later)."""
    report = file_documents(open_archive(archive, db), paths, category=category, org=org, dry_run=dry_run)
    output.emit(report.to_dict(), fmt, lines=lambda data: _file_lines(report, dry_run))
    if report.index_error:
        reason = translate(report.index_error.rstrip("."))
        click.echo(_("Note: filed but not indexed: {reason}. Run `dj-archive index`.").format(reason=reason), err=True)
    if report.register_error:
        reason = translate(report.register_error.rstrip("."))
        click.echo(
            _("Note: filed and indexed, but the 档号 were not registered: {reason}.").format(reason=reason), err=True
        )
    if report.index_error or report.register_error or any(p.status == "failed" for p in report.plans):
        raise SomeItemsFailed("")


def _file_lines(report, dry_run):
    verb = _("would file") if dry_run else _("filed")
    for p in report.plans:
        if p.status in ("planned", "filed"):
            conf = "" if p.confidence is None else f" ({p.confidence:.0%})"
            number = f"  档号 {p.number}" if p.number else ""
            yield f"{verb}: {p.source} → {p.target}  [{p.category}{conf}, {p.doc_type or '类型未知'}, 日期取自{p.date_source}]{number}"
        else:
            yield _("{status}: {source}: {reason}").format(
                status=_(p.status), source=p.source, reason=translate(p.reason)
            )
    if report.to_confirm:
        yield _("Please confirm these categories (low confidence); re-run with --category to set them:")
        for p in report.to_confirm:
            yield f"  {p.target}: {p.category} ({p.confidence:.0%})"


_STATUSES = (N_("duplicate"), N_("failed"), N_("planned"))

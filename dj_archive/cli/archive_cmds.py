"""index, search, show, list: the archivist's everyday commands."""

import click

from .. import output
from ..archive import open_archive
from ..search import HIT_FIELDS
from . import cli
from .common import archive_options, format_option, handle_errors


@cli.command("index")
@archive_options
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Processes for reading files (default: auto).")
@format_option("text", "json")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when on a terminal).")
@handle_errors
def index_cmd(archive, db, workers, fmt, progress):
    """Index the archive: new and changed files are read, unchanged ones skipped,
    deleted ones removed. Files that cannot be read are listed with the reason."""
    arc = open_archive(archive, db)
    report = arc.index(workers=workers, progress=progress)
    for path in arc.config.unmatched_overrides:
        click.echo(f"Warning: metadata.csv names {path}, which is not a file in the archive", err=True)
    if report.rebuilt:
        click.echo(f"Note: {report.rebuilt}", err=True)
    for group in report.duplicates:
        click.echo(f"Duplicate (same content): {' = '.join(group)}", err=True)
    if fmt == "json":
        click.echo(output.to_json(report.to_dict()))
        return
    click.echo(
        f"{report.documents} documents: {report.indexed} indexed, {report.unchanged} unchanged, "
        f"{report.removed} removed, {len(report.failed)} failed ({report.seconds:.1f} s)"
    )
    for f in report.failed:
        click.echo(f"  failed: {f['path']}: {f['reason']}")


@cli.command("search")
@click.argument("query")
@archive_options
@click.option("--category", help="Category code, e.g. ZH.")
@click.option("--year", type=int, help="Year, e.g. 2023.")
@click.option("--from", "date_from", help="From date (2023, 2023-06 or 2023-06-30).")
@click.option("--to", "date_to", help="To date, inclusive.")
@click.option("--org", help="Branch name or alias.")
@click.option("--type", "doc_type", help="Document type, e.g. 工作总结.")
@click.option("--limit", type=click.IntRange(0, None), default=20, show_default=True)
@click.option("--mask-pii", is_flag=True, help="Mask ID, phone and bank card numbers in snippets.")
@format_option("table", "json", "csv")
@handle_errors
def search_cmd(query, archive, db, category, year, date_from, date_to, org, doc_type, limit, mask_pii, fmt):
    """Find documents containing QUERY.

    \b
    Terms separated by spaces must all appear; OR between terms; -term excludes;
    "quoted phrase" keeps spaces. Every document containing a term is found,
    whatever its length (one character is enough).
    """
    arc = open_archive(archive, db)
    result = arc.search(query, category=category, year=year, date_from=date_from, date_to=date_to,
                        org=org, doc_type=doc_type, limit=limit, mask_pii=mask_pii)
    data = result.to_dict()
    if fmt == "json":
        click.echo(output.to_json(data))
    elif fmt == "csv":
        click.echo(output.to_csv(data["hits"], list(HIT_FIELDS)), nl=False)
    else:
        click.echo(f"{data['total']} documents match {query!r}" + (f"; showing {len(data['hits'])}" if data["hits"] and len(data["hits"]) < data["total"] else ""))
        if data["hits"]:
            click.echo(output.to_table(data["hits"], ["date", "category", "org", "title", "snippet", "id"], max_width=44))


@cli.command("show")
@click.argument("doc")
@archive_options
@click.option("--mask-pii", is_flag=True, help="Mask ID, phone and bank card numbers.")
@format_option("text", "json")
@handle_errors
def show_cmd(doc, archive, db, mask_pii, fmt):
    """Print a document's metadata and text (DOC is an id or an archive path)."""
    d = open_archive(archive, db).get(doc, mask_pii=mask_pii)
    if fmt == "json":
        click.echo(output.to_json(d))
        return
    text = d.pop("text")
    for k, v in d.items():
        click.echo(f"{k}: {'' if v is None else v}")
    click.echo("")
    click.echo(text)


@cli.command("list")
@archive_options
@click.option("--category", help="Category code, e.g. ZH.")
@click.option("--year", type=int)
@click.option("--org")
@click.option("--type", "doc_type")
@format_option("table", "json", "csv")
@handle_errors
def list_cmd(archive, db, category, year, org, doc_type, fmt):
    """List indexed documents with their metadata."""
    df = open_archive(archive, db).documents(category=category, year=year, org=org, doc_type=doc_type)
    rows = df.astype(object).where(df.notna(), None).to_dict("records")
    if fmt == "json":
        click.echo(output.to_json({"documents": rows}))
    elif fmt == "csv":
        click.echo(output.to_csv(rows, list(df.columns)), nl=False)
    else:
        click.echo(output.to_table(rows, ["id", "date", "category", "doc_type", "org", "title"]))


@cli.command("pii")
@archive_options
@format_option("table", "json", "csv")
@handle_errors
def pii_cmd(archive, db, fmt):
    """List documents that contain personal numbers (身份证号, 手机号, 银行卡号),
    to review before sharing an export. Exit code 0 whether or not any are found."""
    rows = open_archive(archive, db).pii_report().to_dict("records")
    if fmt == "json":
        click.echo(output.to_json({"documents": rows}))
    elif fmt == "csv":
        click.echo(output.to_csv(rows, ["id", "path", "title", "kind", "count"]), nl=False)
    else:
        click.echo(f"{len({r['id'] for r in rows})} documents contain personal numbers")
        if rows:
            click.echo(output.to_table(rows, ["id", "kind", "count", "title"]))

"""index, search, show, list: the archivist's everyday commands."""

import click

from .. import output
from ..archive import open_archive
from ..i18n import _
from ..i18n import translate as _translate
from ..search import HIT_FIELDS
from . import cli
from .common import archive_options, format_option, handle_errors


@cli.command("index")
@archive_options
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help="Processes for reading files (default: auto)."
)
@format_option("text", "json")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when on a terminal).")
@click.option(
    "--ocr/--no-ocr",
    default=None,
    help="Read scans and photos by OCR (default: on unless DJ_ARCHIVE_OCR=0; cached next to the index; "
    "DJ_ARCHIVE_OCR_PAGES pages per file).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, None),
    default=None,
    help="CPU seconds one file may take to read before it fails alone, also the longest it may go without progress (default $DJ_ARCHIVE_FILE_TIMEOUT or 120; 0: no limit).",
)
@handle_errors
def index_cmd(archive, db, workers, fmt, progress, ocr, timeout):
    """Index the archive: new and changed files are read, unchanged ones skipped,
    deleted ones removed. Files that cannot be read are listed with the reason;
    scans left for OCR and pages read with low confidence are listed too."""
    arc = open_archive(archive, db)
    report = arc.index(workers=workers, progress=progress, ocr=ocr, timeout=timeout)
    for problem in arc.config.metadata_problems:
        click.echo(_("Warning: {problem}").format(problem=_translate(problem)), err=True)
    for path in arc.config.unmatched_overrides:
        click.echo(
            _("Warning: metadata.csv names {path}, which is not a file in the archive").format(path=path), err=True
        )
    if report.rebuilt:
        click.echo(_("Note: {message}").format(message=_translate(report.rebuilt)), err=True)
    for group in report.duplicates:
        click.echo(
            _("Duplicate (same content): {files}").format(files=" = ".join(map(output.one_line, group))), err=True
        )
    output.emit(report.to_dict(), fmt, lines=lambda data: _index_lines(report))


def _index_lines(r):
    yield _(
        "{documents} documents: {indexed} indexed, {unchanged} unchanged, "
        "{removed} removed, {failed} failed ({seconds} s)"
    ).format(documents=r.documents, indexed=r.indexed, unchanged=r.unchanged, removed=r.removed,
             failed=len(r.failed), seconds=f"{r.seconds:.1f}")  # fmt: skip
    if r.hidden:
        yield _("  {n} hidden files or folders skipped (names starting with a dot)").format(n=len(r.hidden))
    for f in r.failed:
        yield _("  failed: {path}: {reason}").format(
            path=output.one_line(f["path"]), reason=output.one_line(_translate(f["reason"]))
        )
    if r.failed:
        yield _(
            "Files that failed are not searchable; fix or convert them (a scan needs OCR) and run `dj-archive index` again."
        )
    if r.ocr_pages:
        yield _("OCR: {n} page(s) read").format(n=r.ocr_pages)
    for f in r.needs_ocr:
        yield _("  needs OCR: {path} ({pages} page(s) unread)").format(path=f["path"], pages=f["pages"])
    for f in r.low_confidence:
        yield _("  low OCR confidence: {path} (page {pages}; {confidence:.2f})").format(
            path=f["path"], pages=", ".join(map(str, f["pages"])), confidence=f["confidence"]
        )


@cli.command("search")
@click.argument("query")
@archive_options
@click.option("--category", help="Category code, e.g. ZH.")
@click.option("--year", type=int, help="Year, e.g. 2023.")
@click.option("--from", "date_from", help="From date (2023, 2023-06 or 2023-06-30).")
@click.option("--to", "date_to", help="To date, inclusive.")
@click.option("--org", help="Branch name or alias.")
@click.option("--type", "doc_type", help="Document type, e.g. 工作总结.")
@click.option(
    "--limit", type=click.IntRange(0, None), default=20, show_default=True, help="Show at most this many hits."
)
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
    result = arc.search(
        query,
        category=category,
        year=year,
        date_from=date_from,
        date_to=date_to,
        org=org,
        doc_type=doc_type,
        limit=limit,
        mask_pii=mask_pii,
    )
    data = result.to_dict()
    if fmt == "table":  # hits read from OCR text are marked (JSON/CSV have the "ocr" field)
        data = {
            **data,
            "hits": [{**h, "title": ("[OCR] " if h.get("ocr") else "") + (h["title"] or "")} for h in data["hits"]],
        }
    output.emit(data, fmt, rows="hits", columns=list(HIT_FIELDS), max_width=44,
                table_columns=["date", "category", "org", "title", "snippet", "id"],
                lines=lambda d: _search_lines(d, query))  # fmt: skip


def _search_lines(d, query):
    shown = len(d["hits"])
    if d["hits"] and shown < d["total"]:
        yield _("{total} documents match {query}; showing {shown}").format(
            total=d["total"], query=repr(query), shown=shown
        )
    else:
        yield _("{total} documents match {query}").format(total=d["total"], query=repr(query))


@cli.command("show")
@click.argument("doc")
@archive_options
@click.option("--mask-pii", is_flag=True, help="Mask ID, phone and bank card numbers.")
@format_option("text", "json")
@handle_errors
def show_cmd(doc, archive, db, mask_pii, fmt):
    """Print a document's metadata and text (DOC is an id or an archive path)."""
    output.emit(open_archive(archive, db).get(doc, mask_pii=mask_pii), fmt, lines=_show_lines)


def _show_lines(d):
    for k, v in d.items():
        if k != "text":
            yield _("{label}: {value}").format(label=output.label(k), value="" if v is None else v)
    yield ""
    yield d["text"]


@cli.command("list")
@archive_options
@click.option("--category", help="Category code, e.g. ZH.")
@click.option("--year", type=int, help="Year, e.g. 2023.")
@click.option("--org", help="Branch name or alias.")
@click.option("--type", "doc_type", help="Document type, e.g. 工作总结.")
@format_option("table", "json", "csv")
@handle_errors
def list_cmd(archive, db, category, year, org, doc_type, fmt):
    """List indexed documents with their metadata."""
    df = open_archive(archive, db).documents(category=category, year=year, org=org, doc_type=doc_type)
    rows = output.frame_rows(df)
    output.emit({"documents": rows}, fmt, rows="documents", columns=list(df.columns),
                table_columns=["id", "date", "category", "doc_type", "org", "title"])  # fmt: skip


@cli.command("pii")
@archive_options
@format_option("table", "json", "csv")
@handle_errors
def pii_cmd(archive, db, fmt):
    """List documents that contain personal numbers (身份证号, 手机号, 银行卡号),
    to review before sharing an export. Exit code 0 whether or not any are found."""
    rows = open_archive(archive, db).pii_report().to_dict("records")
    output.emit({"documents": rows}, fmt, rows="documents", columns=["id", "path", "title", "kind", "count"],
                table_columns=["id", "kind", "count", "title"], lines=_pii_lines)  # fmt: skip


def _pii_lines(d):
    yield _("{count} documents contain personal numbers").format(count=len({r["id"] for r in d["documents"]}))

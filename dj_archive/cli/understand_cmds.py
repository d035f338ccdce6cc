"""outline, metrics, classify: what a document says, for files anywhere on disk.

Each FILE is read with :func:`dj_archive.readers.read_document`; a file that cannot
be read is reported on stderr as ``Error: <path>: <reason>`` and the command goes
on with the others, then exits 1. With ``--archive`` each command uses that archive's
vocabularies (``.dj_archive_data/``, fonds.yml's taxonomy), and a FILE that is not
found as given is looked up inside the archive (``ZH_综合类/2023/….docx``).
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import output
from ..archive import open_archive
from ..config import load_config
from ..errors import DjArchiveError, SomeItemsFailed
from ..i18n import N_, _, translate
from ..readers import read_document
from ..understand import Classifier, document_title, extract_metrics, outline_summary
from ..understand.metrics import parse_kinds
from . import cli
from .common import format_option, handle_errors

METRIC_FIELDS = ("file", "indicator", "activity", "count", "unit", "approx", "kind", "confidence", "sentence")
CLASSIFY_FIELDS = ("file", "category", "confidence", "doc_type")


def _archive_option(help_text):
    return click.option("--archive", type=click.Path(file_okay=False), default=None, help=help_text)


_VOCABULARY_HELP = N_("Use this archive's vocabularies (its .dj_archive_data/); FILE may be a path inside it.")


def _located(file, archive) -> Path:
    """``file`` as given, else the same path inside ``archive`` (an archive-relative path)."""
    given = Path(file)
    if archive is not None and not given.exists() and not given.is_absolute():
        inside = Path(archive.root) / given
        if inside.exists():
            return inside
    return given


def _read_all(files, archive=None):
    """(file as given, text) for each readable file; errors go to stderr. Returns (docs, failed).
    ``archive`` (a config, or None): a FILE not found as given is looked up inside it."""
    docs, failed = [], False
    for f in files:
        try:
            docs.append((f, read_document(_located(f, archive)).text))
        except DjArchiveError as exc:
            click.echo(_("Error: {file}: {reason}").format(file=f, reason=translate(str(exc))), err=True)
            failed = True
    return docs, failed


@cli.command("outline")
@click.argument("file", type=click.Path(dir_okay=True))
@_archive_option(_VOCABULARY_HELP)
@format_option("json", "text")
@handle_errors
def outline_cmd(file, archive, fmt):
    """Print FILE's period, date, heading hierarchy and its work / problems / next-steps parts."""
    config = load_config(archive) if archive else None
    docs, failed = _read_all([file], config)
    if failed:
        raise SomeItemsFailed("")
    output.emit(outline_summary(docs[0][1], title=document_title(file), archive=config), fmt, lines=_outline_lines)


def _outline_lines(data):
    yield _("{label}: {value}").format(label=output.label("period"), value=data["period"] or "-")
    yield _("{label}: {value}").format(label=output.label("date"), value=data["date"] or "-")
    parts = {text: name for name, text in data["parts"].items() if text}
    for h in data["headings"]:
        tag = f"  [{parts[h['text']]}]" if h["level"] == 1 and h["text"] in parts else ""
        yield f"{'  ' * (h['level'] - 1)}{h['number']}{h['text']}{tag}"


@cli.command("metrics")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--kinds",
    default="work",
    show_default=True,
    help="Kinds of figure to list, comma-separated: work, state (党员人数, 实到人数…), plan, rule, breakdown, delta.",
)
@_archive_option(_VOCABULARY_HELP)
@format_option("json", "table", "csv")
@handle_errors
def metrics_cmd(files, kinds, archive, fmt):
    """List the activity counts (召开支委会6次, 发展预备党员2名…) each FILE reports, each with
    its kind (work done, state, plan…) and a confidence."""
    parse_kinds(kinds)  # a bad --kinds fails before any file is read
    config = load_config(archive) if archive else None
    docs, failed = _read_all(files, config)
    rows = []
    for f, text in docs:
        df = extract_metrics(text, title=document_title(f), kinds=kinds, archive=config)
        for rec in df.to_dict("records"):
            rows.append(
                {"file": f, "indicator": rec["indicator"], "activity": rec["activity"], "count": int(rec["count"]),
                 "unit": rec["unit"], "approx": bool(rec["approx"]), "kind": rec["kind"],
                 "confidence": float(rec["confidence"]), "sentence": rec["sentence"]}
            )  # fmt: skip
    output.emit({"metrics": rows}, fmt, rows="metrics", columns=list(METRIC_FIELDS))
    if failed:
        raise SomeItemsFailed("")


@cli.command("classify")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@_archive_option(
    N_("Use this archive's taxonomy (fonds.yml) and learn from its filed documents; FILE may be a path inside it.")
)
@format_option("json", "table")
@handle_errors
def classify_cmd(files, archive, fmt):
    """Suggest a category (with a confidence) and a document type for each FILE."""
    arc = open_archive(archive) if archive else None
    clf = arc.classifier() if arc else Classifier()
    docs, failed = _read_all(files, arc.config if arc else None)
    rows = []
    for f, text in docs:
        p = clf.predict(text, title=document_title(f))
        rows.append({"file": f, "category": p.category, "confidence": p.confidence, "doc_type": p.doc_type})
    output.emit({"results": rows}, fmt, rows="results", columns=list(CLASSIFY_FIELDS))
    if failed:
        raise SomeItemsFailed("")

"""draft, overlap, catalog: writing from the record.

Exit codes as everywhere: 0 done, 1 an error the message explains (unknown branch,
no records for the period, output not writable, not indexed), 2 a usage error
(a malformed --period, an output suffix we cannot write, an unknown category).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import click

from .. import output
from ..archive import open_archive
from ..errors import NoRecords, UnknownCategory
from ..i18n import N_, _, translate
from . import cli
from .common import archive_options, format_option, handle_errors


class _PeriodType(click.ParamType):
    """``2025H1``, ``2025H2`` or ``2025``; anything else is a usage error (exit 2)."""

    name = "PERIOD"

    def convert(self, value, param, ctx):
        from ..periods import InvalidPeriod, parse_period

        try:
            return parse_period(value)
        except InvalidPeriod as exc:
            self.fail(_("{message}. {hint}").format(message=translate(str(exc)), hint=translate(exc.hint)), param, ctx)


def _open_for_output(path: str, suffixes: tuple[str, ...], archive, db):
    """(Archive, output path): a suffix we cannot write is refused (exit 2), then a path
    inside the archive or a folder that is not there (exit 1), all before any work."""
    from ..outfile import check_output

    p = Path(path)
    if p.suffix.lower() not in suffixes:
        raise click.BadParameter(
            _("{path} must end with {suffixes}").format(path=repr(path), suffixes=_(" or ").join(suffixes)),
            param_hint="'-o' / '--output'",
        )
    arc = open_archive(archive, db)
    check_output(p, arc.root)
    return arc, p


@cli.command("draft")
@click.option("--period", required=True, type=_PeriodType(), help="2025H1, 2025H2 or 2025 (a whole year).")
@click.option("--org", required=True, help="The branch (name or alias from fonds.yml).")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="out.docx or out.md")
@click.option("--date", "sign_date", help="Date under the 落款 (YYYY-MM-DD; default today).")
@archive_options
@handle_errors
def draft_cmd(period, org, out, sign_date, archive, db):
    """Draft the branch's summary for a period from the archive's records.

    \b
    Figures are counted from filed records (sources in footnotes); last period's
    plans are checked against this period's records; recurring problems and the
    draft's overlap with earlier summaries are reported under 起草参考.
    The previous summary is the latest one ending before this period ends
    (2025H1 follows on from 2024年度, else 2024H2; 2025 from 2025H1).
    """
    from ..draft import draft

    arc, path = _open_for_output(out, (".docx", ".md"), archive, db)
    if sign_date is not None:
        import re

        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", sign_date):
            raise click.BadParameter(_("use YYYY-MM-DD, e.g. 2025-07-05"), param_hint="'--date'")
    d = draft(arc, period, org, date=sign_date)
    d.save(path)
    output.emit(d.summary(), "text", lines=lambda s: _draft_lines(s, path, d.title))


def _draft_lines(s, path, title):
    yield _("Wrote {path}: {title}").format(path=path, title=title)
    yield _(
        "Figures: {figures} counted from {records} records (sources in the footnotes); "
        "{missing} indicators have no records this period"
    ).format(figures=s["figures"], records=s["records"], missing=s["indicators_without_records"])
    if s["previous"] is None:
        yield _("Previous summary: none in the archive")
    else:
        yield _("Previous summary: {title}; {plans} plans, {missing} without records").format(
            title=s["previous"], plans=s["plans"], missing=s["plans_without_records"]
        )
    yield _("Recurring problems: {count} ({persistent} in 3+ consecutive summaries)").format(
        count=s["recurring_problems"], persistent=s["persistent_problems"]
    )
    if s["overlaps"]:
        shares = ", ".join(f"{o['label']} {o['share']:.1%}" for o in s["overlaps"])
        yield _("Overlap with earlier summaries: {shares}").format(shares=shares)
    if s["existing"] is not None:
        yield _("Note: the archive already holds a summary of this period: {path}").format(path=s["existing"])
    yield _("Check the figures against their sources (footnotes) before you send the summary.")


@cli.command("overlap")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@archive_options
@format_option("table", "json")
@click.option(
    "--limit", type=click.IntRange(1, None), default=20, show_default=True, help="Rows of the table (json lists all)."
)
@handle_errors
def overlap_cmd(file, archive, db, fmt, limit):
    """Which archived documents FILE copies from: the share of FILE's characters
    (whitespace removed) in spans of 13+ characters found in each document.

    Footnotes of .md and .docx files, and the 起草参考 notes of a generated draft,
    are left out. A document identical to FILE (FILE itself, if archived) is not listed.
    """
    from ..draft.overlap import overlap_with_archive, read_for_overlap

    arc = open_archive(archive, db)
    text = read_for_overlap(file)
    sha = hashlib.sha256(Path(file).read_bytes()).hexdigest()
    rows = overlap_with_archive(arc, text, exclude_sha256=sha)
    output.emit({"file": file, "overlaps": rows}, fmt, lines=lambda d: _overlap_lines(d, limit))


def _overlap_lines(d, limit):
    file, rows = d["file"], d["overlaps"]
    if not rows:
        yield _("{file}: no archived document shares a span of 13+ characters").format(file=file)
        return
    if len(rows) > limit:
        yield _("{file}: {count} archived documents share spans of 13+ characters; showing the first {limit}").format(
            file=file, count=len(rows), limit=limit
        )
    else:
        yield _("{file}: {count} archived documents share spans of 13+ characters").format(file=file, count=len(rows))
    shown = [{**r, "share": f"{r['share']:.1%}"} for r in rows[:limit]]
    cols = ["share", "chars", "title", "path"]
    yield output.to_table(shown, cols, max_width=50, headers=[output.label(c) for c in cols])


@cli.command("catalog")
@click.option("--year", type=int, help="Only this year (年度), e.g. 2023.")
@click.option("--category", help="Only this category code, e.g. ZH.")
@click.option(
    "-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="catalog.xlsx or catalog.csv"
)
@click.option(
    "--freeze",
    is_flag=True,
    help="Register the 档号 of this catalogue in file-numbers.csv at the archive root: "
    "they never change again, and files filed later take the next free 件号.",
)
@archive_options
@handle_errors
def catalog_cmd(year, category, out, freeze, archive, db):
    """Export the 归档文件目录 (档号 D001-WS·2023-Y-ZH-0001 …) as .xlsx or .csv.

    \b
    件号 are numbered over the whole archive, so a filtered export keeps them.
    Files of unknown category get no 档号 (备注 待分类) and are listed last.
    页数 of non-PDF files is an estimate (500 characters a page).
    Before printing folders, export with --freeze: registered 档号 stay as they
    are; a back-dated file filed later gets the next free 件号, not a place
    among the earlier ones. `file` registers what it files once numbers are frozen.
    """
    from ..catalog import catalog, write_catalog
    from ..catalog import freeze as freeze_numbers

    arc, path = _open_for_output(out, (".xlsx", ".csv"), archive, db)
    try:
        df = catalog(arc, year=year, category=category)
    except UnknownCategory as exc:
        raise click.BadParameter(translate(str(exc)), param_hint="'--category'") from None
    for problem in df.attrs.get("register_problems", []):
        click.echo(_("Warning: {problem}").format(problem=translate(problem)), err=True)
    if df.empty:
        if year and category:
            msg = N_("no documents for year {year} and category {category}; nothing written")
        elif year:
            msg = N_("no documents for year {year}; nothing written")
        elif category:
            msg = N_("no documents for category {category}; nothing written")
        else:
            msg = N_("no documents in the index; nothing written")
        raise NoRecords(msg.format(year=year, category=category))
    # Registered first: an export never shows numbers the register does not hold.
    registered = freeze_numbers(df) if freeze else None
    write_catalog(df, path, archive_root=arc.root)
    unnumbered = int((df["档号"] == "").sum())
    provisional = int(df["备注"].str.contains("档号未登记", regex=False).sum())
    summary = {"entries": len(df), "unnumbered": unnumbered, "registered": registered, "provisional": provisional}
    output.emit(summary, "text", lines=lambda s: _catalog_lines(s, path))


def _catalog_lines(s, path):
    if s["unnumbered"]:
        yield _("Wrote {path}: {entries} entries ({unnumbered} 待分类, without 档号)").format(path=path, **s)
    else:
        yield _("Wrote {path}: {entries} entries").format(path=path, **s)
    if s["registered"] is not None:
        yield _("档号 registered in file-numbers.csv: {registered} new; they will not change").format(**s)
    elif s["provisional"]:
        yield _(
            "{provisional} 档号 are not registered yet (备注 档号未登记) and may still change: export with --freeze to fix them"
        ).format(**s)

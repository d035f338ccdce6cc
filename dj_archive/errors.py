"""Named errors raised by the library; the CLI turns them into messages and exit codes.

Messages and hints are English; the CLI shows them in the user's language
(:func:`dj_archive.i18n.translate`), so ``str(exc)`` is the same in every locale.
"""

from .i18n import N_

__all__ = [
    "DjArchiveError",
    "ArchiveNotFound",
    "ConfigError",
    "ReadError",
    "UnsupportedFormat",
    "NoTextLayer",
    "IndexMissing",
    "IndexLocked",
    "QuerySyntaxError",
    "DocumentNotFound",
    "UnknownOrg",
    "NoRecords",
    "InvalidPeriod",
    "IndexFailure",
    "NotAnIndex",
    "InvalidFilter",
    "UnknownCategory",
    "OutputNotWritable",
    "SomeItemsFailed",
    "InvalidKind",
    "OutputInsideArchive",
    "IndexDamaged",
]


class DjArchiveError(Exception):
    """Base class of every error the toolkit raises on purpose."""

    #: What the user can try next; the CLI prints it under the message.
    hint = ""


class ArchiveNotFound(DjArchiveError):
    """The archive folder does not exist or cannot be read."""

    hint = N_("Pass --archive PATH or set DJ_ARCHIVE to the folder that holds fonds.yml.")


class ConfigError(DjArchiveError):
    """fonds.yml, metadata.csv or a data file is malformed."""

    hint = N_("Correct the file where the message says, then run the command again.")


class ReadError(DjArchiveError):
    """A file could not be read or decoded; the message says why."""

    hint = N_("Open the file in its program and save it as .docx, .pdf (with text) or .txt, then try again.")

    @classmethod
    def of(cls, template: str, exc: BaseException) -> "ReadError":
        """The error for a reader library's exception ``exc``: ``template`` (marked with ``N_``)
        filled with ``{type}`` (the exception's class) and ``{error}`` (its text), on one line.

        >>> str(ReadError.of(N_("corrupt PDF ({type}: {error})"), KeyError("/Root")))
        "corrupt PDF (KeyError: '/Root')"
        """
        return cls(template.format(type=type(exc).__name__, error=exc).splitlines()[0][:200])


class UnsupportedFormat(ReadError):
    """The file's format is not one the toolkit can read."""


class NoTextLayer(ReadError):
    """A PDF has no text layer (a scan); it needs OCR before it can be indexed."""


class IndexMissing(DjArchiveError):
    """The archive has not been indexed yet."""

    hint = N_("Run `dj-archive index` first.")


class IndexLocked(DjArchiveError):
    """Another indexer is writing to the same database."""

    hint = N_("Wait for the other `dj-archive index` to finish, then run it again.")


class QuerySyntaxError(DjArchiveError):
    """The search query cannot be parsed."""

    hint = N_('Check quotes and parentheses, or put the whole phrase in "double quotes".')


class DocumentNotFound(DjArchiveError):
    """No document has the given id or path."""

    hint = N_("List documents with `dj-archive search` or `dj-archive list`.")


class UnknownOrg(DjArchiveError):
    """The organisation is not one of the branches in fonds.yml."""

    hint = N_("Use a branch name listed above, or add the name as an alias of its branch in fonds.yml.")


class NoRecords(DjArchiveError):
    """No records were found for the requested period and organisation."""

    hint = N_(
        "See what the archive holds with `dj-archive list --org NAME` (or --year); "
        "if files were added since, run `dj-archive index` first."
    )


class InvalidPeriod(DjArchiveError, ValueError):
    """A period string that is not ``YYYY``, ``YYYYH1`` or ``YYYYH2``."""

    hint = N_("Write the period as 2025H1 (上半年), 2025H2 (下半年) or 2025 (全年/年度).")


class IndexFailure(DjArchiveError):
    """The index could not be read or written (disk full, read-only, damaged file)."""

    hint = N_("Check free space and permissions, or put the index elsewhere with --db PATH.")


class NotAnIndex(DjArchiveError):
    """The --db file exists but is not a dj_archive index; it is left untouched."""

    hint = N_("Choose another --db path (the default is <archive>/.dj_archive/index.sqlite).")


class InvalidFilter(QuerySyntaxError):
    """A search filter (a date, a year) is malformed."""

    hint = N_("Dates look like 2023, 2023-06 or 2023-06-30.")


class UnknownCategory(DjArchiveError):
    """A category code that is not in the archive's taxonomy (fonds.yml or the default)."""

    hint = N_("Use one of the codes listed, as in the folder names (ZH_综合类 is ZH).")


class OutputNotWritable(DjArchiveError):
    """An output file (a draft, a catalogue) cannot be written there (folder missing, disk
    full, permission denied). Nothing is left behind: an existing file of that name keeps
    its old content (see :mod:`dj_archive.outfile`)."""

    hint = N_("Write to a folder that exists and that you may write to, e.g. -o ~/桌面/out.docx.")


class SomeItemsFailed(DjArchiveError):
    """Some of several files failed; each was already reported with its reason.
    The command exits 1 after finishing the others. The message may be empty."""


class InvalidKind(DjArchiveError, ValueError):
    """A figure kind that is not one of work, state, plan, rule, breakdown, delta."""

    hint = "Pass --kinds as a comma-separated list, e.g. --kinds work,state."


class OutputInsideArchive(DjArchiveError):
    """An output file (a draft, a catalogue, an export) would be written inside the
    archive folder: refused, because originals are only ever read (``file`` files)."""

    hint = N_("Write it outside the archive folder, e.g. -o ~/文稿/out.docx; use `dj-archive file` to file a document.")


class IndexDamaged(IndexFailure):
    """The index file is damaged (or is not a database at all). It is derived data:
    ``index`` rebuilds it from the archive."""

    hint = N_("Run `dj-archive index` to rebuild it from the archive (the originals are not affected).")

"""Rendering of library results for the CLI: one place for json / csv / table / text.

Every command hands its result to :func:`emit` (as sqlite-utils' commands hand
rows to ``output_rows``); no command branches on ``--format`` itself.
JSON keeps Chinese readable (``ensure_ascii=False``).

>>> print(render({"hits": [{"id": "a1", "title": "党费"}]}, "csv", rows="hits"), end="")
id,title
a1,党费
>>> print(render({"hits": [{"id": "a1", "title": "党费"}]}, "table", rows="hits"), end="")
id  title
--  -----
a1  党费
"""

import csv
import io
import json
import re
import unicodedata

from .i18n import N_, _

__all__ = [
    "emit",
    "render",
    "label",
    "frame_rows",
    "terminal_safe",
    "one_line",
    "to_json",
    "to_csv",
    "to_table",
    "display_width",
    "escape_formula",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Field names as a person reads them: table headings and ``show`` labels are shown in
#: the user's language; JSON and CSV keep the field names themselves.
FIELD_LABELS = (
    N_("id"),
    N_("path"),
    N_("sha256"),
    N_("size"),
    N_("mtime_ns"),
    N_("ctime_ns"),
    N_("format"),
    N_("encoding"),
    N_("pages"),
    N_("title"),
    N_("date"),
    N_("year"),
    N_("period"),
    N_("category"),
    N_("doc_type"),
    N_("org"),
    N_("retention"),
    N_("chars"),
    N_("score"),
    N_("snippet"),
    N_("kind"),
    N_("count"),
    N_("share"),
    N_("file"),
    N_("indicator"),
    N_("activity"),
    N_("unit"),
    N_("approx"),
    N_("sentence"),
    N_("confidence"),
    N_("text"),
)


def label(field: str) -> str:
    """A field name in the user's language (``title`` is 题名 in Chinese)."""
    return _(field)


def escape_formula(value):
    """Make a spreadsheet cell inert: text starting with = + - @ (or tab/CR) gets a
    leading apostrophe so Excel/WPS show it instead of running it."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


#: Control characters (ESC starts terminal escape sequences) and bidi overrides: a document
#: or file name holding them must not repaint or reorder the user's terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    r"""``text`` without control characters other than newline and tab.

    >>> terminal_safe("标题\x1b[2J\x1b]0;x\x07正文\n")
    '标题[2J]0;x正文\n'
    """
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    r"""``text`` (a path, a reason) on one line: newlines and tabs shown as \n and \t.

    >>> print(one_line("SH/2023/会议\n记录.txt"))
    SH/2023/会议\n记录.txt
    """
    return terminal_safe(str(text).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"))


def frame_rows(df) -> list[dict]:
    """A DataFrame's rows as plain values for json/csv/table: missing values are None, and
    a column of whole numbers stays whole (pandas keeps a year column with a gap as
    floats, which would print 2022.0).

    >>> import pandas as pd
    >>> frame_rows(pd.DataFrame({"year": [2022, None], "title": ["总结", None]}))
    [{'year': 2022, 'title': '总结'}, {'year': None, 'title': None}]
    """
    rows = df.astype(object).where(df.notna(), None).to_dict("records")
    whole = [c for c in df.columns if df[c].dtype.kind == "f" and df[c].dropna().map(float.is_integer).all()]
    for row in rows:
        for c in whole:
            if row[c] is not None:
                row[c] = int(row[c])
    return rows


def to_json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=str)


def to_csv(rows, columns=None) -> str:
    rows = list(rows)
    columns = columns or (list(rows[0]) if rows else [])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else escape_formula(row.get(k))) for k in columns})
    return buf.getvalue()


def display_width(text: str) -> int:
    """Terminal columns taken by text: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` columns: padded, or cut with room kept for the "…".

    >>> [display_width(_fit(t, 6)) for t in ("党费", "党费收缴情况", "ab党费收缴", "abcdefgh")]
    [6, 6, 6, 6]
    >>> _fit("党费收缴情况", 6)
    '党费… '
    """
    if display_width(text) <= width:
        return text + " " * (width - display_width(text))
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…" + " " * (width - used - 1)


def to_table(rows, columns=None, max_width=40, headers=None) -> str:
    """A plain-text table aligned for CJK text; ``headers`` default to the column names."""
    rows = list(rows)
    columns = columns or (list(rows[0]) if rows else [])
    headers = headers or columns
    cells = [[("" if r.get(c) is None else str(r.get(c))).replace("\n", " ") for c in columns] for r in rows]
    widths = [
        min(max_width, max([display_width(h)] + [display_width(row[i]) for row in cells]))
        for i, h in enumerate(headers)
    ]
    lines = ["  ".join(_fit(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(_fit(v, w) for v, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


def render(data, fmt, *, rows=None, columns=None, table_columns=None, max_width=40, lines=None) -> str:
    """``data`` rendered as ``fmt``; see :func:`emit`."""
    if fmt == "json":
        return to_json(data) + "\n"  # control characters are escaped by JSON itself
    if fmt == "csv":
        return terminal_safe(to_csv(data[rows], columns))
    out = [] if lines is None else list(lines(data))
    if fmt == "table" and rows is not None and (lines is None or data[rows]):
        cols = table_columns or columns or (list(data[rows][0]) if data[rows] else [])
        out.append(to_table(data[rows], cols, max_width=max_width, headers=[label(c) for c in cols]))
    return terminal_safe("".join(line + "\n" for line in out))


def emit(data, fmt, *, rows=None, columns=None, table_columns=None, max_width=40, lines=None, err=False) -> None:
    """Print a command's result ``data`` (a dict) as ``fmt``.

    - ``json``: ``data`` itself; field names never depend on the language.
    - ``csv``: the list ``data[rows]``, with ``columns`` (default: the first row's keys).
    - ``table``: the lines ``lines(data)`` gives (a heading), then ``data[rows]`` as an aligned
      table of ``table_columns`` (default ``columns``); with a heading, an empty list shows no table.
    - ``text``: the lines ``lines(data)`` gives.
    """
    import click

    click.echo(render(data, fmt, rows=rows, columns=columns, table_columns=table_columns,
                      max_width=max_width, lines=lines), nl=False, err=err)  # fmt: skip

"""What a notebook needs around the analysis functions: one setup call, and frames
shown the way a reader reads them (Chinese headers, no raw lists or ``NaN``, a KWIC
concordance that lines up).

The frames returned by the analysis functions keep their English column names (code
and tests rely on them); :func:`for_reader` is applied only when showing one.

>>> import pandas as pd
>>> for_reader(pd.DataFrame({"date": [None], "matched": [["二十大", "党的二十大"]]})).iloc[0].to_dict()
{'日期': '无日期', '命中表述': '二十大、党的二十大'}
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import pandas as pd

__all__ = ["open_notebook_archive", "for_reader", "kwic_view", "column_labels"]

NO_DATE = "无日期"


def open_notebook_archive(default="../archive", font: bool = True, echo=print):
    """The setup cell of every notebook: open the archive (``$DJ_ARCHIVE`` if set, else
    ``default``), bring its index up to date (incrementally), say how many documents it
    holds and which files could not be read, and configure a CJK font for charts.
    Returns the :class:`~dj_archive.archive.Archive`."""
    from ..archive import open_archive
    from .fonts import use_cjk_font

    arc = open_archive(Path(os.environ.get("DJ_ARCHIVE") or default))
    report = arc.index(progress=False)  # incremental: unchanged files are not read again
    echo(f"已索引 {report.documents} 件；无法读取 {len(report.failed)} 件")
    for f in report.failed:
        echo(f"   {f['path']} — {f['reason']}")
    if font:
        use_cjk_font()
    return arc


def column_labels(archive=None) -> dict[str, str]:
    """English column name → Chinese header, from ``column_labels.yml`` (packaged, or the
    archive's own in ``.dj_archive_data/``, see :mod:`dj_archive.data`)."""
    from ..data import load_data

    return {str(k): str(v) for k, v in (load_data("column_labels.yml", archive) or {}).items()}


def _cell(v):
    if isinstance(v, (list, tuple, set)):
        return "、".join(str(x) for x in v)
    return v


def for_reader(df: pd.DataFrame, archive=None) -> pd.DataFrame:
    """A copy of ``df`` for display: Chinese column headers (index names too), list cells
    joined with 、, periods as 2023年上半年, a missing date shown as 无日期, other missing
    text as blank and a missing integer as —; other numeric columns are left as they are."""
    from ..periods import period_label

    labels = column_labels(archive)
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if col in ("period", "peak_period", "runner_up"):
            s = s.map(lambda p: period_label(p) if isinstance(p, str) else p)
        if str(s.dtype) == "Int64" and s.isna().any():  # integers, a gap shown as —
            out[col] = s.map(lambda v: "—" if pd.isna(v) else str(v))
            continue
        if s.dtype == object:
            s = s.map(_cell)
            s = s.where(s.notna(), NO_DATE if col == "date" else "")
            out[col] = s
    out = out.rename(columns=lambda c: labels.get(str(c), c))
    out.index.names = [labels.get(str(n), n) if n is not None else None for n in out.index.names]
    if out.columns.name is not None:
        out.columns.name = labels.get(str(out.columns.name), out.columns.name)
    return out


class _HTML:
    """A displayable HTML fragment (Jupyter calls ``_repr_html_``)."""

    def __init__(self, markup: str, text: str):
        self.markup, self.text = markup, text

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.text


def kwic_view(df: pd.DataFrame, title_column: bool = False):
    """Show a :func:`~dj_archive.analysis.kwic` frame as a concordance: left context
    right-aligned, the match centred, right context left-aligned, each on one line, so
    the matches line up in one column. The document (题名, date, path) is the row's
    tooltip; ``title_column=True`` adds it as a last, narrow column as well."""
    rows = []
    text_rows = []
    for r in df.itertuples(index=False):
        date = r.date if isinstance(r.date, str) and r.date else NO_DATE
        tip = html.escape(f"{r.title}（{date}）{r.path}", quote=True)
        last = (
            (
                f"<td style='text-align:left;max-width:14em;overflow:hidden;text-overflow:ellipsis;"
                f"white-space:nowrap;color:#666'>{html.escape(str(r.title))}</td>"
            )
            if title_column
            else ""
        )
        rows.append(
            f"<tr title=\"{tip}\"><td style='text-align:right;white-space:nowrap'>{html.escape(r.left)}</td>"
            f"<td style='text-align:center;white-space:nowrap;font-weight:bold;color:#b00'>{html.escape(r.match)}</td>"
            f"<td style='text-align:left;white-space:nowrap'>{html.escape(r.right)}</td>{last}</tr>"
        )
        text_rows.append(f"{r.left:>20}【{r.match}】{r.right}")
    head = "<th style='text-align:right'>左文</th><th>检索词</th><th style='text-align:left'>右文</th>"
    head += "<th style='text-align:left'>题名</th>" if title_column else ""
    markup = (
        f"<p>{len(df)} 处（鼠标停在一行上可见所在文件）</p>"
        f"<table class='dj-kwic'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return _HTML(markup, "\n".join(text_rows))

"""归档文件目录: the catalogue of archived files, with 档号 in the style of DA/T 22-2015.

档号 = 全宗号-文书·年度-保管期限代码-类别代码-件号, e.g. ``D001-WS·2023-Y-ZH-0001``:
全宗号 from ``fonds.yml``, 年度 the document's year (a summary's is the year it reports
on), 保管期限 code from the taxonomy (永久 Y, 定期30年 D30, 定期10年 D10), 类别 the
category code, 件号 four digits numbered within (年度, 保管期限, 类别) in date order,
then by path. Numbering is computed over the whole archive before any filter, so a
file keeps its 件号 whether the export covers one year, one category or everything.

Decisions:

* Files of category ``UNKNOWN`` (outside the folder convention) and files with no
  year get no 件号 and no 档号: they are listed last with 备注 ``待分类`` and do not
  take a number that would shift once they are filed properly.
* 文号 is taken from the first lines of the text when one is written there
  (``X党支〔2023〕3号``); 密级 is left empty.
* 页数 is the page count of PDFs; for other formats it is an estimate, one page per
  500 characters (at least 1), since Word and text files have no fixed pages.

>>> from dj_archive import open_archive                      # doctest: +SKIP
>>> df = catalog(open_archive("archive"), year=2023)          # doctest: +SKIP
>>> write_catalog(df, "归档文件目录2023.xlsx")                  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pandas as pd

from .errors import UnknownCategory
from .i18n import N_
from .output import display_width
from .taxonomy import UNKNOWN

__all__ = ["catalog", "write_catalog", "safe_cell", "COLUMNS", "SHEET_TITLE"]

COLUMNS = ["序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注", "category", "path"]
SHEET_TITLE = "归档文件目录"
#: Characters per estimated page of a file without pages (A4, 3号 仿宋: 22 lines × 28 characters ≈ 600).
CHARS_PER_PAGE = 500
_DOC_NO = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,16}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号"
)
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` made safe for a spreadsheet: text that would start a formula gets a leading '.

    >>> safe_cell('=HYPERLINK("x")'), safe_cell("+1"), safe_cell("机关党支部"), safe_cell(3)
    ('\\'=HYPERLINK("x")', "'+1", '机关党支部', 3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _doc_no(text: str | None) -> str:
    head = "\n".join([ln for ln in (text or "").splitlines() if ln.strip()][:5])
    m = _DOC_NO.search(head)
    return re.sub(r"\s+", "", m.group(0)) if m else ""


def _pages(pages, chars) -> int:
    if pages is not None and not pd.isna(pages) and int(pages) > 0:
        return int(pages)
    return max(1, math.ceil((0 if chars is None or pd.isna(chars) else int(chars)) / CHARS_PER_PAGE))


def catalog(archive, year: int | None = None, category: str | None = None) -> pd.DataFrame:
    """The 归档文件目录 of ``archive`` (optionally one year and/or one category code).

    Columns: 序号, 档号, 文号, 责任者, 题名, 日期 (YYYYMMDD), 密级, 页数, 备注, category, path;
    ordered by 年度, 保管期限 (taxonomy order), 类别 (taxonomy order), 件号, with
    unnumbered files last. 序号 counts the rows of this export.
    """
    cfg = archive.config
    tx = cfg.taxonomy
    if category:
        codes = tx.codes + [UNKNOWN]
        if category.upper() not in [c.upper() for c in codes]:
            raise UnknownCategory(
                N_("{category!r} is not a category of this archive ({codes})").format(
                    category=category, codes=", ".join(codes)
                )
            )
    docs = archive.documents(with_text=True)
    docs = docs.astype(object).where(docs.notna(), None)
    ret_order = {code: i for i, code in enumerate(tx.retention_codes.values())}
    cat_order = {code: i for i, code in enumerate(tx.codes)}
    rows = []
    for d in docs.to_dict("records"):
        numbered = d["category"] not in (None, UNKNOWN) and d["year"] is not None
        rows.append(
            {
                "_numbered": numbered,
                "_year": int(d["year"]) if d["year"] is not None else None,
                "_ret": tx.retention_code(d["retention"] or tx.default_retention),
                "_date": d["date"] or "",
                "文号": _doc_no(d["text"]),
                "责任者": d["org"] or cfg.fonds_name,
                "题名": d["title"] or "",
                "日期": (d["date"] or "").replace("-", ""),
                "密级": "",
                "页数": _pages(d["pages"], d["chars"]),
                "备注": "" if numbered else "待分类",
                "category": d["category"] or UNKNOWN,
                "path": d["path"],
            }
        )
    # 件号 within (年度, 保管期限, 类别), in date order (undated last), then path.
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        if r["_numbered"]:
            groups.setdefault((r["_year"], r["_ret"], r["category"]), []).append(r)
    for (y, ret, cat), members in groups.items():
        members.sort(key=lambda r: (r["_date"] == "", r["_date"], r["path"]))
        for n, r in enumerate(members, 1):
            r["_n"] = n
            r["档号"] = f"{cfg.fonds_id}-WS·{y}-{ret}-{cat}-{n:04d}"
    numbered = sorted(
        (r for r in rows if r["_numbered"]),
        key=lambda r: (
            r["_year"], ret_order.get(r["_ret"], 99), r["_ret"], cat_order.get(r["category"], 99), r["category"], r["_n"]
        ),
    )
    rest = sorted((r for r in rows if not r["_numbered"]), key=lambda r: (r["_date"] == "", r["_date"], r["path"]))
    out = numbered + rest
    if year is not None:
        out = [r for r in out if r["_year"] == int(year)]
    if category:
        out = [r for r in out if r["category"].upper() == str(category).upper()]
    for i, r in enumerate(out, 1):
        r["序号"] = i
        r.setdefault("档号", "")
    df = pd.DataFrame([{c: r[c] for c in COLUMNS} for r in out], columns=COLUMNS)
    df.attrs["archive_root"] = str(archive.root)  # write_catalog never writes there
    return df


def write_catalog(df: pd.DataFrame, path, archive_root=None) -> Path:
    """Write the catalogue as ``.xlsx`` (header row, frozen panes, CJK-aware column widths)
    or ``.csv`` (UTF-8 with BOM, so Excel reads it), atomically. Text that would start a
    formula is prefixed with ' in both. Returns the path. A path inside the archive
    (``archive_root``, else the one :func:`catalog` recorded) is refused."""
    from .outfile import write_output

    path = Path(path)
    suffix = path.suffix.lower()
    root = archive_root or df.attrs.get("archive_root")
    rows = [[safe_cell(v) for v in row] for row in df[COLUMNS].itertuples(index=False, name=None)]
    if suffix == ".csv":
        return write_output(path, lambda p: _write_csv(rows, p), root)
    if suffix == ".xlsx":
        return write_output(path, lambda p: _write_xlsx(rows, p), root)
    raise ValueError(f"cannot write {suffix or 'a file without suffix'}: use .xlsx or .csv")


def _write_csv(rows, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(COLUMNS)
        w.writerows(rows)


def _write_xlsx(rows, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in rows:
        ws.append(row)
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
                cell.number_format = "@"
    ws.freeze_panes = "A2"
    for i, name in enumerate(COLUMNS):
        values = [name] + [r[i] for r in rows]
        width = max(display_width(str(v)) for v in values if v is not None) + 2
        ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = min(max(width, 6), 80)
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wb.properties.title = SHEET_TITLE
    wb.save(str(path))

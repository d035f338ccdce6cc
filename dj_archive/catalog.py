"""归档文件目录: the catalogue of archived files, with 档号 in the style of DA/T 22-2015.

档号 = 全宗号-文书·年度-保管期限代码-类别代码-件号, e.g. ``D001-WS·2023-Y-ZH-0001``:
全宗号 from ``fonds.yml``, 年度 the document's year (a summary's is the year it reports
on), 保管期限 code from the taxonomy (永久 Y, 定期30年 D30, 定期10年 D10), 类别 the
category code, 件号 four digits numbered within (年度, 保管期限, 类别) in date order,
then by path. Numbering is computed over the whole archive before any filter, so a
file keeps its 件号 whether the export covers one year, one category or everything.
Numbers registered in ``file-numbers.csv`` (``catalog --freeze``, :func:`freeze`) never
change, and a file filed late takes the next free 件号 of its group: see
:mod:`dj_archive.file_numbers`.

Decisions:

* Files of category ``UNKNOWN`` (outside the folder convention) and files with no
  year get no 件号 and no 档号: they are listed last with 备注 ``待分类`` and do not
  take a number that would shift once they are filed properly.
* 文号 is taken from the first lines of the text when one is written there
  (``X党支〔2023〕3号``); 密级 is left empty.
* 页数 is a real count where the file states one: the pages of a PDF, or the ``Pages``
  a word processor stored in a .docx (``docProps/app.xml``, trusted when it also
  counted words or characters — a template's leftover ``1`` is not). Otherwise it is an
  estimate, one page per 500 characters (at least 1), and 备注 says 页数估算.
* The .xlsx prints: landscape A4, the nine DA/T 22 columns fitted to the page width,
  bordered, 题名 wrapped, and the title rows (归档文件目录, 全宗号/全宗名称, 年度) with the
  header repeated on every page; ``category`` and ``path`` go on a second sheet.
* Every indexed item is listed, whether or not text could be read from it: a photo
  (备注 ``照片``, 页数 its frames) or a scan (备注 ``扫描件``: every page an image,
  read by OCR or still waiting for it) keeps its 题名 from the name and its date.

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

from .output import display_width
from .taxonomy import UNKNOWN

__all__ = ["catalog", "write_catalog", "freeze", "safe_cell", "COLUMNS", "PRINTED", "SHEET_TITLE", "ESTIMATED"]

COLUMNS = ["序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注", "category", "path"]
#: The columns of DA/T 22-2015's 归档文件目录, the ones printed.
PRINTED = COLUMNS[:9]
SHEET_TITLE = "归档文件目录"
SECOND_SHEET = "类别与路径"
#: 备注 of an entry whose 页数 is estimated from its length.
ESTIMATED = "页数估算"
#: Print widths of the nine columns (characters of the default font; CJK counts two).
_WIDTHS = {"序号": 6, "档号": 26, "文号": 18, "责任者": 18, "题名": 50, "日期": 10, "密级": 6, "页数": 6, "备注": 12}
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


def saved_pages(path) -> int | None:
    """The page count a word processor stored in a .docx (``docProps/app.xml`` ``Pages``),
    if it also counted the words or characters (else the number is a template's).

    >>> saved_pages("no-such-file.docx") is None
    True
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("docProps/app.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None

    def number(tag):
        m = re.search(rf"<(?:\w+:)?{tag}>\s*(\d+)\s*</", xml)
        return int(m.group(1)) if m else 0

    pages = number("Pages")
    return pages if pages > 0 and (number("Words") > 0 or number("Characters") > 0) else None


def _pages(root, d) -> tuple[int, bool]:
    """(页数, estimated?) of a document row."""
    pages = d["pages"]
    if pages is not None and not pd.isna(pages) and int(pages) > 0:
        return int(pages), False
    if (d["format"] or "") == "docx" and root is not None:
        saved = saved_pages(Path(root) / d["path"])
        if saved:
            return saved, False
    chars = d["chars"]
    return max(1, math.ceil((0 if chars is None or pd.isna(chars) else int(chars)) / CHARS_PER_PAGE)), True


#: Formats that are photographs (see dj_archive.index.IMAGE_FORMATS).
_PHOTO_FORMATS = ("jpg", "png", "bmp")


def _kind_note(d) -> str:
    """备注 for what the item physically is: 照片 (a photo), 扫描件 (a PDF of page images)."""
    fmt = d.get("format")
    if fmt in _PHOTO_FORMATS:
        return "照片"
    pages = d.get("pages") or 0
    scanned = (d.get("ocr_pages") or 0) + (d.get("needs_ocr") or 0)
    if fmt == "tif" or (fmt == "pdf" and pages and scanned >= pages):
        return "扫描件"
    return ""


def catalog(archive, year: int | None = None, category: str | None = None) -> pd.DataFrame:
    """The 归档文件目录 of ``archive`` (optionally one year and/or one category code).

    Columns: 序号, 档号, 文号, 责任者, 题名, 日期 (YYYYMMDD), 密级, 页数, 备注, category, path;
    ordered by 年度, 保管期限 (taxonomy order), 类别 (taxonomy order), 件号, with
    unnumbered files last. 序号 counts the rows of this export. A registered 档号 is
    listed (and filtered) by the 年度 and 类别 it carries. ``df.attrs`` keeps what
    :func:`freeze` needs and the register's problems (``register_problems``). Raises
    RegisterUnreadable if ``file-numbers.csv`` cannot be read at all.
    """
    from .file_numbers import numbering, read_register

    cfg = archive.config
    tx = cfg.taxonomy
    if category:
        tx.check_code(category)
    docs = archive.documents(with_text=True)
    docs = docs.astype(object).where(docs.notna(), None)
    records = docs.to_dict("records")
    register = read_register(archive.root)
    numbers = numbering(cfg, records, register)
    ret_order = {code: i for i, code in enumerate(tx.retention_codes.values())}
    cat_order = {code: i for i, code in enumerate(tx.codes)}
    rows = []
    for d in records:
        num = numbers.get(d["path"])
        pages, estimated = _pages(archive.root, d)
        remarks = (
            ([] if num else ["待分类"]) + ([num.note] if num and num.note else []) + ([ESTIMATED] if estimated else [])
        )
        rows.append(
            {
                "_num": num,
                # The group a numbered file is listed in: the one its 档号 carries.
                "_year": num.group[0] if num else (int(d["year"]) if d["year"] is not None else None),
                "_ret": num.group[1] if num else tx.retention_code(d["retention"] or tx.default_retention),
                "_cat": num.group[2] if num else (d["category"] or UNKNOWN),
                "_date": d["date"] or "",
                "_sha256": d["sha256"],
                "档号": num.number if num else "",
                "文号": _doc_no(d["text"]),
                "责任者": d["org"] or cfg.fonds_name,
                "题名": d["title"] or "",
                "日期": (d["date"] or "").replace("-", ""),
                "密级": "",
                "页数": pages,
                "备注": "；".join(x for x in (_kind_note(d), *remarks) if x),
                "category": d["category"] or UNKNOWN,
                "path": d["path"],
            }
        )
    in_order = sorted(
        (r for r in rows if r["_num"]),
        key=lambda r: (
            r["_year"],
            ret_order.get(r["_ret"], 99),
            r["_ret"],
            cat_order.get(r["_cat"], 99),
            r["_cat"],
            r["_num"].n,
            r["档号"],
        ),
    )
    rest = sorted((r for r in rows if not r["_num"]), key=lambda r: (r["_date"] == "", r["_date"], r["path"]))
    out = in_order + rest
    if year is not None:
        out = [r for r in out if r["_year"] == int(year)]
    if category:
        out = [r for r in out if str(r["_cat"]).upper() == str(category).upper()]
    for i, r in enumerate(out, 1):
        r["序号"] = i
    df = pd.DataFrame([{c: r[c] for c in COLUMNS} for r in out], columns=COLUMNS)
    df.attrs["archive_root"] = str(archive.root)  # write_catalog never writes there
    # What freeze() registers: numbers not registered yet, and registered files that moved
    # or changed (a new row records where the number's file is now).
    df.attrs["to_register"] = [
        (r["档号"], r["path"], r["_sha256"], r["题名"])
        for r in out
        if r["_num"]
        and (r["_num"].entry is None or (r["_num"].entry.path, r["_num"].entry.sha256) != (r["path"], r["_sha256"]))
    ]
    df.attrs["register_problems"] = list(register.problems)
    # What the printed title rows say (kept with the frame, so write_catalog needs nothing else).
    years = sorted({r["_year"] for r in out if r["_year"] is not None})
    df.attrs.update(fonds_id=cfg.fonds_id or "", fonds_name=cfg.fonds_name or "", years=years)
    return df


def freeze(df: pd.DataFrame) -> int:
    """Register the 档号 of the catalogue ``df`` (from :func:`catalog`) in the archive's
    ``file-numbers.csv``, so they never change: the numbers not registered yet, and new
    paths of registered files that moved. Returns how many rows were added. Raises
    RegisterChanged if another program registered numbers since ``df`` was made (make
    it again), RegisterUnreadable, or OutputNotWritable (a read-only archive)."""
    from .file_numbers import PROVISIONAL, register_numbers

    added = register_numbers(df.attrs["archive_root"], df.attrs.get("to_register", []))
    # Every number of this catalogue is registered now: none is provisional any more.
    df["备注"] = df["备注"].map(lambda note: "；".join(x for x in note.split("；") if x != PROVISIONAL))
    df.attrs["to_register"] = []
    return added


def write_catalog(df: pd.DataFrame, path, archive_root=None) -> Path:
    """Write the catalogue as ``.xlsx`` (laid out for printing, see the module notes)
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
        return write_output(path, lambda p: _write_xlsx(rows, p, df.attrs), root)
    raise ValueError(f"cannot write {suffix or 'a file without suffix'}: use .xlsx or .csv")


def _write_csv(rows, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(COLUMNS)
        w.writerows(rows)


def _year_label(years) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}—{years[-1]}"


def _write_xlsx(rows, path: Path, attrs: dict | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    attrs = attrs or {}
    n = len(PRINTED)
    last_col = get_column_letter(n)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    # Title rows: 归档文件目录; 全宗号 and 全宗名称; 年度. Then the header (row 4).
    heads = [
        (SHEET_TITLE, Font(bold=True, size=18), 30),
        (f"全宗号：{attrs.get('fonds_id', '')}　　全宗名称：{attrs.get('fonds_name', '')}", Font(size=11), 20),
        (f"年度：{_year_label(attrs.get('years') or [])}", Font(size=11), 20),
    ]
    for i, (text, font, height) in enumerate(heads, 1):
        ws.cell(row=i, column=1, value=text).font = font
        ws.cell(row=i, column=1).alignment = Alignment(horizontal="center" if i == 1 else "left", vertical="center")
        ws.merge_cells(f"A{i}:{last_col}{i}")
        ws.row_dimensions[i].height = height
    ws.append(PRINTED)
    header_row = len(heads) + 1
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
    wrap_cols = {PRINTED.index(c) + 1 for c in ("档号", "文号", "责任者", "题名", "备注")}
    centred = {PRINTED.index(c) + 1 for c in ("序号", "日期", "密级", "页数")}
    for row in rows:
        ws.append(list(row[:n]))
        # Wrapped cells need a row tall enough for their lines (spreadsheets do not all
        # size rows on opening): lines of the fullest wrapped cell × 15 pt.
        lines = max(
            math.ceil(display_width(str(row[j - 1] or "")) / ((_WIDTHS[PRINTED[j - 1]] - 1) * 1.1)) for j in wrap_cols
        )
        ws.row_dimensions[ws.max_row].height = 15 * max(1, lines)
        for j, cell in enumerate(ws[ws.max_row], 1):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
                cell.number_format = "@"
            cell.border = border
            cell.alignment = Alignment(
                horizontal="center" if j in centred else "left", vertical="center", wrap_text=j in wrap_cols
            )
    ws.freeze_panes = f"A{header_row + 1}"
    for i, name in enumerate(PRINTED, 1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS[name]
    # Print: A4 landscape, all nine columns on the page width, title rows and header on every page.
    ws.print_title_rows = f"1:{header_row}"
    ws.print_area = f"A1:{last_col}{max(ws.max_row, header_row)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    # The columns that are not DA/T 22's, on a sheet of their own (not printed with the nine).
    extra = wb.create_sheet(SECOND_SHEET)
    extra.append(["序号", "档号", "题名", "category", "path"])
    for cell in extra[1]:
        cell.font = Font(bold=True)
    pick = [COLUMNS.index(c) for c in ("序号", "档号", "题名", "category", "path")]
    for row in rows:
        extra.append([row[k] for k in pick])
        for cell in extra[extra.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.number_format = "@"
    extra.freeze_panes = "A2"
    for i, name in enumerate(["序号", "档号", "题名", "category", "path"]):
        values = [name] + [r[pick[i]] for r in rows]
        width = max(display_width(str(v)) for v in values if v is not None) + 2
        extra.column_dimensions[get_column_letter(i + 1)].width = min(max(width, 6), 100)
    wb.properties.title = SHEET_TITLE
    wb.properties.creator = attrs.get("fonds_name") or "dj-archive"
    wb.save(str(path))

"""Text of spreadsheets: .xlsx (openpyxl, read-only), .xls (xlrd), WPS .et (tried as
.xls, then as .xlsx). Every sheet in order, each introduced by its name on its own
line, then one line per row with the cell texts separated by tabs (empty trailing
cells dropped), so a search for a member's name finds the 台账 it is in.

>>> _cell_text(60.0), _cell_text(3.5), _cell_text(None), _cell_text(" 王晓明 ")
('60', '3.5', '', '王晓明')
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile

from ..errors import ReadError
from ..i18n import N_

__all__ = ["xlsx_text", "xls_text", "et_text"]


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    return " ".join(str(v).split())


def _sheet_lines(name: str, rows) -> list[str]:
    lines = []
    for row in rows:
        cells = [_cell_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return [f"【{name}】", *lines] if lines else []


def _join(sheets: list[list[str]]) -> str:
    return "\n".join(line for sheet in sheets for line in sheet)


def xlsx_text(data: bytes) -> tuple[str, int]:
    """(text, number of sheets) of an .xlsx/.xlsm given its bytes."""
    from openpyxl import load_workbook

    from .office import ensure_not_encrypted

    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    ensure_not_encrypted(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise ReadError(N_("corrupt .xlsx (not a valid zip archive; truncated or damaged)")) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on damaged files
        raise ReadError.of(N_("corrupt .xlsx ({type}: {error})"), exc) from None
    try:
        sheets = [_sheet_lines(ws.title, ws.iter_rows(values_only=True)) for ws in wb.worksheets]
    finally:
        wb.close()
    return _join(sheets), len(sheets)


def xls_text(data: bytes) -> tuple[str, int]:
    """(text, number of sheets) of an Excel 97-2003 .xls given its bytes."""
    import xlrd

    from .office import ensure_not_encrypted

    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    ensure_not_encrypted(data)
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise ReadError(N_("password-protected .xls; save an unprotected copy")) from None
        raise ReadError.of(N_("not a readable .xls ({error})"), exc) from None
    except Exception as exc:  # noqa: BLE001 - xlrd raises many types on damaged files
        raise ReadError.of(N_("corrupt .xls ({type}: {error})"), exc) from None
    sheets = []
    try:
        for i in range(book.nsheets):
            sh = book.sheet_by_index(i)
            rows = []
            for r in range(sh.nrows):
                row = []
                for c in range(sh.ncols):
                    cell = sh.cell(r, c)
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        try:
                            row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                            continue
                        except (ValueError, OverflowError):
                            pass
                    row.append(cell.value if cell.ctype not in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) else None)
                rows.append(row)
            sheets.append(_sheet_lines(sh.name, rows))
            book.unload_sheet(i)
    finally:
        book.release_resources()
    return _join(sheets), len(sheets)


def et_text(data: bytes) -> tuple[str, int]:
    """A WPS 表格 .et file: WPS writes the Excel 97-2003 format (or, newer, .xlsx's)."""
    if data[:4] == b"PK\x03\x04":
        return xlsx_text(data)
    if data[:4] == b"\xd0\xcf\x11\xe0":
        return xls_text(data)
    raise ReadError(N_("this .et file is in a WPS format older than Excel 97; save it as .xlsx from WPS"))

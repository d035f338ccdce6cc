"""Tables and files the browser downloads: .csv (UTF-8 with BOM, for Excel/WPS) and
.xlsx; cells that would start a formula are made inert (:func:`output.escape_formula`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.responses import Response

from ..i18n import _
from ..output import display_width, escape_formula

__all__ = ["table_response", "download_headers", "MEDIA_TYPES"]

MEDIA_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown; charset=utf-8",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
}


def download_headers(filename: str, inline: bool = False) -> dict:
    """Content-Disposition for a Chinese file name (RFC 6266 filename*, ASCII fallback)."""
    kind = "inline" if inline else "attachment"
    ascii_name = "".join(ch if ch.isascii() and ch not in '"\\' else "_" for ch in filename)
    return {"Content-Disposition": f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"}


def table_response(rows: list[dict], columns: list[str], basename: str, fmt: str) -> Response:
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if r.get(c) is None else escape_formula(r.get(c)) for c in columns])
        body = ("\ufeff" + buf.getvalue()).encode("utf-8")
    elif fmt == "xlsx":
        body = _xlsx(rows, columns)
    else:
        raise HTTPException(404)
    name = f"{basename}.{fmt}"
    return Response(body, media_type=MEDIA_TYPES["." + fmt], headers=download_headers(name))


def _xlsx(rows, columns) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("Search results")
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([escape_formula(r.get(c)) for c in columns])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    for i, c in enumerate(columns, 1):
        width = max([display_width(c)] + [display_width(str(r.get(c) or "")) for r in rows[:500]]) + 2
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(max(width, 6), 60)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def file_response(path: Path, filename: str, inline: bool = False) -> Response:
    from starlette.responses import FileResponse

    media = MEDIA_TYPES.get(Path(filename).suffix.lower(), "application/octet-stream")
    return FileResponse(path, media_type=media, headers=download_headers(filename, inline))

"""Document (文档): one document's metadata, its content with every match marked, the original
for download, and the documents of the same branch and period. Personal numbers
(身份证号, 手机号, 银行卡号) are masked unless the reader reveals them."""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from ...errors import DjArchiveError, DocumentNotFound
from ...i18n import N_, _
from ...output import frame_rows
from ...pii import find_pii
from ...query import parse_query
from ..app import render
from ..render import docx_html, mark_html, mark_text
from ..tables import file_response

#: The metadata table: (field, label shown in the request's language).
FIELDS = (
    ("title", N_("Title")),
    ("dangan", N_("Reference code")),
    ("date", N_("Date")),
    ("category", N_("Category")),
    ("org", N_("Branch")),
    ("doc_type", N_("Document type")),
    ("retention", N_("Retention")),
    ("period", N_("Period")),
    ("path", N_("Path")),
    ("size", N_("Size")),
    ("pages", N_("Pages")),
    ("format", N_("Format")),
)


def get_document(state, key: str, mask: bool = True) -> dict:
    try:
        return state.archive.get(key, mask_pii=mask)
    except DocumentNotFound:
        raise HTTPException(404) from None


def archive_file(state, rel: str) -> tuple[Path, dict]:
    """The original of indexed document ``rel``, inside the archive; 404 for anything
    else (``..``, absolute paths, files the index does not hold, links leading out)."""
    if not rel or "\x00" in rel or rel.startswith(("/", "\\")) or ".." in rel.replace("\\", "/").split("/"):
        raise HTTPException(404)
    try:
        d = state.archive.get(rel)
    except DjArchiveError:
        raise HTTPException(404) from None
    if d["path"] != rel:
        raise HTTPException(404)
    root = Path(state.archive.root).resolve()
    target = (root / d["path"]).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise HTTPException(404)
    return target, d


def _variants(q: str, archive=None) -> list[str]:
    if not q:
        return []
    try:
        return [v for t in parse_query(q, archive=archive).positive_terms() for v in t.variants]
    except DjArchiveError:
        return []


def _catalogue_row(state, d: dict) -> dict:
    """The document's row of the 归档文件目录 (档号, estimated 页数), or {}."""
    df = state.catalog()
    hit = df[df["path"] == d["path"]]
    return hit.iloc[0].to_dict() if len(hit) else {}


def document_page(request: Request):
    state = request.app.state.web
    reveal = request.query_params.get("reveal") == "1"
    q = (request.query_params.get("q") or "").strip()
    d = get_document(state, request.path_params["doc_id"], mask=False)
    variants = _variants(q, state.archive.root)
    pii = find_pii(d["text"])
    kind = "text"
    content = None
    path = Path(state.archive.root) / d["path"]
    if d["format"] == "docx" or d["path"].lower().endswith(".docx"):
        raw_html = docx_html(path)
        if raw_html:
            kind, content = "docx", mark_html(raw_html, variants, mask=not reveal)
    if d["path"].lower().endswith(".pdf"):
        kind = "pdf"
    text_html = mark_text(d["text"], variants, mask=not reveal)
    shown = dict(d)
    if not reveal:
        from ...pii import mask_pii

        shown["title"], shown["path"] = mask_pii(d["title"] or ""), mask_pii(d["path"])
    row = _catalogue_row(state, d)
    shown["dangan"] = row.get("档号", "")
    if not shown.get("pages") and row.get("页数"):
        shown["pages"] = _("about {pages} (estimated from the length)").format(pages=row["页数"])
    same = []
    if d.get("org") and d.get("period"):
        df = state.archive.documents(org=d["org"], period=d["period"])
        same = [r for r in frame_rows(df) if r["id"] != d["id"]][:30]
    return render(
        request,
        "document.html",
        {
            "d": shown,
            "raw_path": d["path"],
            "fields": FIELDS,
            "kind": kind,
            "content": content,
            "text_html": text_html,
            "q": q,
            "reveal": reveal,
            "pii_count": len(pii),
            "same": same,
        },
    )


def raw_file(request: Request):
    state = request.app.state.web
    target, d = archive_file(state, request.path_params["path"])
    inline = request.query_params.get("inline") == "1" and target.suffix.lower() == ".pdf"
    return file_response(target, target.name, inline=inline)


routes = [
    Route("/doc/{doc_id:str}", document_page, name="document"),
    Route("/raw/{path:path}", raw_file, name="raw"),
]

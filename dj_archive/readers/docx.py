"""Text of a .docx straight from its XML with lxml: body paragraphs and tables in
document order, text boxes, then footnotes. ~40× faster than python-docx,
which we keep for writing; tests check both agree on body text."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

from ..errors import ReadError, UnsupportedFormat
from ..i18n import N_

__all__ = ["docx_text", "max_text_chars"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: The same vocabulary in ISO/IEC 29500 Strict, which Word writes on "Strict Open XML Document".
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

# libxslt walks the tree in C: ~10x faster than a Python walk over every element.
# Paragraphs end a line; table cells are separated by tabs, rows end a line (the
# paragraphs of one cell are joined by a space); a table nested in a cell stays on
# its outer row, its cells and rows joined by spaces; text boxes keep their own line;
# mc:Fallback (a duplicate of mc:Choice), deleted text, moved-from text (a duplicate
# of the moved-to text), symbols and field codes are skipped. A non-breaking hyphen
# is "-", a soft (optional) hyphen nothing. Footnotes of type separator,
# continuationSeparator and continuationNotice are layout, not text; "normal" ones are read.
_XSLT_TEXT = """<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="{W}" xmlns:mc="{MC}">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="text()"/>
  <xsl:template match="mc:Fallback"/>
  <xsl:template match="w:moveFrom"/>
  <xsl:template match="w:t"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="w:tab"><xsl:text>&#9;</xsl:text></xsl:template>
  <xsl:template match="w:br|w:cr"><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="w:noBreakHyphen"><xsl:text>-</xsl:text></xsl:template>
  <xsl:template match="w:softHyphen|w:sym"/>
  <xsl:template match="w:p"><xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="w:tc/w:p|w:tc/w:tbl"><xsl:apply-templates/><xsl:if
      test="normalize-space(following-sibling::*[self::w:p or self::w:tbl][1]) != ''"><xsl:text> </xsl:text></xsl:if></xsl:template>
  <xsl:template match="w:tc"><xsl:apply-templates/><xsl:if
      test="following-sibling::w:tc"><xsl:text>&#9;</xsl:text></xsl:if></xsl:template>
  <xsl:template match="w:tr"><xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="w:tc//w:tc"><xsl:apply-templates/><xsl:if
      test="following-sibling::w:tc"><xsl:text> </xsl:text></xsl:if></xsl:template>
  <xsl:template match="w:tc//w:tr"><xsl:apply-templates/><xsl:if
      test="following-sibling::w:tr"><xsl:text> </xsl:text></xsl:if></xsl:template>
  <xsl:template match="w:footnote[@w:type='separator' or @w:type='continuationSeparator'
      or @w:type='continuationNotice']"/>
  <xsl:template match="w:footnote/w:p"><xsl:apply-templates/><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="w:footnote"><xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:template>
</xsl:stylesheet>"""
#: One compiled stylesheet per WordprocessingML namespace (transitional, strict).
_XSLT = {ns: etree.XSLT(etree.XML(_XSLT_TEXT.format(W=ns, MC=MC))) for ns in (W, W_STRICT)}


#: An OLE2 (.doc-style) container holding this stream is an encrypted OOXML package.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
#: A part may inflate to at most this many times the file size limit.
_INFLATE_FACTOR = 4
#: Parts up to this size are parsed whole (fast); larger ones are streamed block by
#: block, so memory stays bounded whatever the size.
_WHOLE_PART = 8 * 1024 * 1024
#: A large part that inflates more than this many times is refused as a zip bomb
#: (real document.xml compresses 5–20×).
_BOMB_RATIO = 100
#: Text elements one block (a paragraph, a table) may hold while streamed.
_BLOCK_ELEMENTS = 500_000


def _mb(n: int) -> str:
    return f"{n / 1048576:.1f}".rstrip("0").rstrip(".")


def max_text_chars() -> int:
    """Most characters of text a .docx may yield: a quarter of the file size limit
    (16 M characters, some 30,000 pages, at the default 64 MB); beyond it the file is
    refused rather than indexed by halves."""
    from . import max_bytes

    return max_bytes() // 4


def _check_part(zf: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    """The zip entry of one part, refused before inflating if its declared size is
    implausible (a zip bomb: a few KB that inflate to gigabytes). zipfile stops at the
    declared size, so a lying header cannot inflate past it."""
    from . import max_bytes

    info = zf.getinfo(name)
    size, short = info.file_size, name.rsplit("/", 1)[-1]
    limit = max_bytes() * _INFLATE_FACTOR
    if size > limit:
        raise ReadError(
            N_(
                "{part} is {mb} MB uncompressed, above the limit of {limit} MB (4× "
                "DJ_ARCHIVE_MAX_MB); possibly a zip bomb"
            ).format(part=name.rsplit("/", 1)[-1], mb=_mb(size), limit=_mb(limit))
        )
    if size > _WHOLE_PART and size > _BOMB_RATIO * max(info.compress_size, 1):
        raise ReadError(
            N_("{part} inflates {ratio}× ({packed} MB to {mb} MB); possibly a zip bomb").format(
                part=short, ratio=size // max(info.compress_size, 1), packed=_mb(info.compress_size), mb=_mb(size)
            )
        )
    return info


def _too_long(n: int) -> ReadError:
    return ReadError(
        N_("more than {n} characters of text (a quarter of DJ_ARCHIVE_MAX_MB); possibly a zip bomb").format(
            n=f"{max_text_chars():,}"
        )
    )


def _namespace(root_tag: str) -> str:
    ns = etree.QName(root_tag).namespace
    return ns if ns in _XSLT else W


def _part_text(zf: zipfile.ZipFile, name: str) -> str:
    """The text of one XML part, whole if small, else streamed (see _WHOLE_PART)."""
    info = _check_part(zf, name)
    if info.file_size <= _WHOLE_PART:
        root = etree.fromstring(zf.read(name), _PARSER)
        text = str(_XSLT[_namespace(root.tag)](root))
    else:
        with zf.open(name) as fh:
            text = _stream_text(fh)
    if len(text) > max_text_chars():
        raise _too_long(len(text))
    return text


def _stream_text(fh) -> str:
    """Text of a large part, streamed: every few thousand top-level blocks (body paragraphs
    and tables, footnotes) the stylesheet turns the finished ones into text and they are
    dropped, so memory holds one batch at a time. The stylesheet's output is the
    concatenation of its output for each top-level block, so the text is the same as a
    whole parse gives."""
    out: list[str] = []
    total = runs = blocks = 0
    root: Any = None
    xslt: Any = None
    containers = {f"{{{ns}}}{t}" for ns in (W, W_STRICT) for t in ("body", "footnotes")}
    tags = [f"{{{ns}}}{t}" for ns in (W, W_STRICT) for t in ("p", "tbl", "sdt", "footnote", "t")]
    for _, el in etree.iterparse(fh, tag=tags, resolve_entities=False, no_network=True, huge_tree=True):
        if root is None:
            root = el.getroottree().getroot()
            xslt = _XSLT[_namespace(root.tag)]
        if el.tag.endswith("}t"):
            runs += 1
            total += len(el.text or "")
            if runs > _BLOCK_ELEMENTS:
                raise ReadError(
                    N_("a paragraph or table holds more than {n} text runs; possibly a zip bomb").format(
                        n=f"{_BLOCK_ELEMENTS // 2:,}"
                    )
                )
            if total > max_text_chars():
                raise _too_long(total)
            continue
        parent = el.getparent()
        if parent is None or parent.tag not in containers:
            continue
        blocks += 1
        if blocks >= 2000 or runs >= _BLOCK_ELEMENTS // 2:
            # Move the finished blocks (the parser may be inside the next one already)
            # into a tree of their own, turn it into text, and let it go.
            batch = etree.Element(root.tag, nsmap=root.nsmap)
            into = batch if parent is root else etree.SubElement(batch, parent.tag)
            for child in list(parent):
                into.append(child)
                if child is el:
                    break
            out.append(str(xslt(batch)))
            blocks = runs = 0
    if root is not None:
        out.append(str(xslt(root)))
    return "".join(out)


def docx_text(data: bytes, footnotes: bool = True) -> str:
    """All readable text of a .docx given its bytes (``footnotes=False``: the body only).
    Transitional and Strict OOXML are both read."""
    if data[:4] == b"\xd0\xcf\x11\xe0":
        if _ENCRYPTED_STREAM in data:
            raise ReadError(N_("password-protected .docx; save an unprotected copy"))
        raise UnsupportedFormat(N_("this .docx is really a legacy .doc (OLE2) file; save it as .docx"))
    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                raise ReadError(N_("not a Word document (no word/document.xml inside)"))
            text = _part_text(zf, "word/document.xml").strip("\n")
            if footnotes and "word/footnotes.xml" in names:
                notes = [n.strip() for n in _part_text(zf, "word/footnotes.xml").split("\n") if n.strip()]
                text = "\n".join([text, *notes]) if notes else text
    except zipfile.BadZipFile:
        raise ReadError(N_("corrupt .docx (not a valid zip archive; truncated or damaged)")) from None
    except (zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise ReadError(N_("corrupt .docx ({exc})").format(exc=exc)) from None
    except etree.XMLSyntaxError as exc:
        raise ReadError(N_("corrupt .docx (bad XML: {msg})").format(msg=exc.msg)) from None
    except (KeyError, ValueError, RuntimeError) as exc:  # e.g. encrypted or odd zip entries
        raise ReadError(N_("corrupt .docx ({exc})").format(exc=exc)) from None
    return text.strip("\n")

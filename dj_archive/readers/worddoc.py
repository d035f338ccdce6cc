"""Text of a Word 97-2003 binary document (.doc, and .wps written by WPS 文字 in the
same format), read from its OLE streams with olefile: no LibreOffice, no Word.

How (MS-DOC): the ``WordDocument`` stream starts with the FIB, which says which table
stream (``0Table``/``1Table``) holds the CLX and how many characters the main text
has (``ccpText``). The CLX's piece table maps character positions to byte offsets:
each piece is either 8-bit (cp1252, "compressed") or UTF-16LE. Field codes (between
0x13 and 0x14) are dropped and field results kept; text whose direct character
formatting hides it (sprmCFVanish) is dropped; object anchors and footnote marks are
not text. Paragraph, cell and row marks become line ends.

>>> word_text(b"")
Traceback (most recent call last):
...
dj_archive.errors.ReadError: empty file (0 bytes)
"""

from __future__ import annotations

import io
import struct

from ..errors import ReadError
from ..i18n import N_

__all__ = ["word_text", "word_stream_text"]

_FIB_IDENT = 0xA5EC
#: Characters that are not text: picture anchors, footnote/annotation marks, drawn objects, etc.
_DROP = dict.fromkeys([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x1F], None)
_MAP = {0x0D: "\n", 0x07: "\n", 0x0B: "\n", 0x0C: "\n", 0x0E: "\n", 0x1E: "-", 0xA0: " "}
_TRANSLATE = {**_DROP, **_MAP}
_SPRM_VANISH = 0x083C  # sprmCFVanish (spra 0: a 1-byte operand; 1 = hidden)


def _u16(b, o):
    return struct.unpack_from("<H", b, o)[0]


def _u32(b, o):
    return struct.unpack_from("<I", b, o)[0]


def _fib(word: bytes) -> dict:
    """The few FIB fields we need."""
    if len(word) < 0x200 or _u16(word, 0) != _FIB_IDENT:
        raise ReadError(N_("not a Word document (no Word FIB in the WordDocument stream)"))
    flags = _u16(word, 0x0A)
    pos = 32
    csw = _u16(word, pos)
    pos += 2 + csw * 2
    cslw = _u16(word, pos)
    rglw = pos + 2
    ccp_text = struct.unpack_from("<i", word, rglw + 3 * 4)[0]
    pos = rglw + cslw * 4
    cb = _u16(word, pos)
    rgfc = pos + 2
    if cb < 34:
        raise ReadError(N_("Word document written by a version older than Word 97; save it as .docx"))

    def pair(i):
        return struct.unpack_from("<II", word, rgfc + i * 8)

    return {
        "encrypted": bool(flags & 0x0100),
        "table": "1Table" if flags & 0x0200 else "0Table",
        "obfuscated": bool(flags & 0x8000),
        "ccp_text": ccp_text,
        "clx": pair(33),
        "bte_chpx": pair(12),
    }


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int, bool]]:
    """[(cp_start, cp_end, byte_offset, compressed)] from the CLX's piece table."""
    clx = table[fc_clx : fc_clx + lcb_clx]
    if len(clx) != lcb_clx or not lcb_clx:
        raise ReadError(N_("corrupt Word document (piece table outside the table stream)"))
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers, skipped
        i += 3 + struct.unpack_from("<h", clx, i + 1)[0]
    if i >= len(clx) or clx[i] != 0x02:
        raise ReadError(N_("corrupt Word document (no piece table)"))
    lcb = _u32(clx, i + 1)
    plc = clx[i + 5 : i + 5 + lcb]
    n = (lcb - 4) // 12
    if n <= 0 or len(plc) < 4 * (n + 1) + 8 * n:
        raise ReadError(N_("corrupt Word document (truncated piece table)"))
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    out = []
    for k in range(n):
        fc = _u32(plc, 4 * (n + 1) + 8 * k + 2)
        compressed = bool(fc & 0x40000000)
        fc &= 0x3FFFFFFF
        out.append((cps[k], cps[k + 1], fc // 2 if compressed else fc, compressed))
    return out


def _sprms(grpprl: bytes):
    """(sprm, operand bytes) of a grpprl."""
    i = 0
    while i + 2 <= len(grpprl):
        sprm = _u16(grpprl, i)
        i += 2
        spra = sprm >> 13
        size = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}.get(spra)
        if size is None:  # variable length
            if i >= len(grpprl):
                return
            if sprm == 0xD608:  # sprmTDefTable: 2-byte length, counting itself minus one
                size = max(0, _u16(grpprl, i) - 1) if i + 2 <= len(grpprl) else 0
                i += 2
            else:
                size = grpprl[i]
                i += 1
        yield sprm, grpprl[i : i + size]
        i += size


def _hidden_ranges(word: bytes, table: bytes, fc_bte: int, lcb_bte: int) -> list[tuple[int, int]]:
    """Byte ranges [fc_start, fc_end) of text hidden by direct formatting (sprmCFVanish)."""
    if lcb_bte < 8 or fc_bte + lcb_bte > len(table):
        return []
    n = (lcb_bte - 4) // 8
    plc = table[fc_bte : fc_bte + lcb_bte]
    hidden = []
    for k in range(n):
        pn = _u32(plc, 4 * (n + 1) + 4 * k) & 0x3FFFFF
        page = word[pn * 512 : pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        if crun == 0 or 4 * (crun + 1) + crun > 511:
            continue
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for r in range(crun):
            off = page[4 * (crun + 1) + r] * 2
            if not off:
                continue
            cb = page[off]
            for sprm, arg in _sprms(page[off + 1 : off + 1 + cb]):
                if sprm == _SPRM_VANISH and arg[:1] == b"\x01":
                    hidden.append((fcs[r], fcs[r + 1]))
    hidden.sort()
    return hidden


def _strip_fields(text: str) -> str:
    """Drop field codes (0x13 … 0x14), keep field results (0x14 … 0x15); nested fields too."""
    if "\x13" not in text:
        return text.replace("\x14", "").replace("\x15", "")
    out = []
    stack: list[bool] = []  # per open field: are we in its code part?
    for ch in text:
        if ch == "\x13":
            stack.append(True)
        elif ch == "\x14":
            if stack:
                stack[-1] = False
        elif ch == "\x15":
            if stack:
                stack.pop()
        elif not any(stack):
            out.append(ch)
    return "".join(out)


def word_stream_text(word: bytes, table: bytes) -> str:
    """The main text given the ``WordDocument`` and table stream bytes."""
    fib = _fib(word)
    if fib["encrypted"] or fib["obfuscated"]:
        raise ReadError(N_("password-protected Word document; save an unprotected copy"))
    pieces = _pieces(table, *fib["clx"])
    hidden = _hidden_ranges(word, table, *fib["bte_chpx"])
    limit = fib["ccp_text"] if fib["ccp_text"] > 0 else None
    parts = []
    for cp0, cp1, fc, compressed in pieces:
        if limit is not None:
            if cp0 >= limit:
                break
            cp1 = min(cp1, limit)
        n = cp1 - cp0
        width = 1 if compressed else 2
        raw = word[fc : fc + n * width]
        if hidden:
            raw = _unhide(raw, fc, width, hidden)
        parts.append(raw.decode("cp1252", "replace") if compressed else raw.decode("utf-16-le", "replace"))
    text = _strip_fields("".join(parts)).translate(_TRANSLATE)
    lines = [ln.rstrip() for ln in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _unhide(raw: bytes, fc: int, width: int, hidden) -> bytes:
    """``raw`` (starting at byte offset ``fc``) without the bytes in hidden ranges."""
    end = fc + len(raw)
    cut = [(max(a, fc), min(b, end)) for a, b in hidden if a < end and b > fc]
    if not cut:
        return raw
    out, pos = [], fc
    for a, b in cut:
        a -= (a - fc) % width
        if a > pos:
            out.append(raw[pos - fc : a - fc])
        pos = max(pos, b)
    out.append(raw[pos - fc :])
    return b"".join(out)


def word_text(data: bytes) -> str:
    """All main-body text of a Word 97-2003 (.doc/.wps) file given its bytes."""
    import olefile

    from .office import ensure_not_encrypted

    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    if data[:4] == b"PK\x03\x04":
        raise ReadError(N_("this file is really a .docx (zip); rename it to .docx"))
    if data[:4] == b"\xd0\xcf\x11\xe0" and not olefile.isOleFile(io.BytesIO(data)):
        raise ReadError(N_("corrupt Word document (OLE2 container truncated or damaged)"))
    if not olefile.isOleFile(io.BytesIO(data)):
        raise ReadError(N_("not a Word 97-2003 document (no OLE2 header); an older WPS format cannot be read"))
    ensure_not_encrypted(data)
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise ReadError(N_("not a Word document (OLE2 file without a WordDocument stream)"))
            word = ole.openstream("WordDocument").read()
            table_name = _fib(word)["table"]
            if not ole.exists(table_name):
                raise ReadError(N_("corrupt Word document (no {table_name} stream)").format(table_name=table_name))
            table = ole.openstream(table_name).read()
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - olefile raises several types on damaged files
        raise ReadError.of(N_("corrupt Word document ({type}: {error})"), exc) from None
    try:
        return word_stream_text(word, table)
    except (struct.error, IndexError) as exc:
        raise ReadError(N_("corrupt Word document ({error})").format(error=exc)) from None

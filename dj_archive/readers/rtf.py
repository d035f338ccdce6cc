r"""Text of an .rtf file with striprtf (maintained, pure Python). Chinese RTF written
by Word or WPS escapes characters as ``\'xx`` bytes in the document's code page
(``\ansicpg936`` = GBK) or as ``\uN``; both are decoded.

>>> rtf_text(rb"{\rtf1\ansi\ansicpg936{\fonttbl{\f0 \'cb\'ce\'cc\'e5;}}\f0 \'d6\'a7\'b2\'bf\par}")
'支部'
"""

from __future__ import annotations

import re

from ..errors import ReadError
from ..i18n import N_

__all__ = ["rtf_text"]

_CPG = re.compile(rb"\\ansicpg(\d+)")


def rtf_text(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    if not data:
        raise ReadError(N_("empty file (0 bytes)"))
    if not data.lstrip()[:5] == b"{\\rtf":
        raise ReadError(N_("not an RTF file (no {\\rtf header)"))
    m = _CPG.search(data[:4096])
    codepage = f"cp{m.group(1).decode()}" if m else "cp1252"
    if codepage == "cp936":
        codepage = "gbk"
    try:
        "".encode(codepage)
    except LookupError:
        codepage = "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=codepage, errors="replace")
    except Exception as exc:  # noqa: BLE001 - striprtf raises plain exceptions on odd input
        raise ReadError.of(N_("corrupt RTF ({type}: {error})"), exc) from None
    return "\n".join(ln.rstrip() for ln in text.splitlines()).strip("\n")

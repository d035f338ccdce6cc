"""Plain text in whatever encoding an office machine saved it: UTF-8 (with or
without BOM), GB18030/GBK, UTF-16. Detection uses charset-normalizer; we only
add the checks it cannot know (BOMs first, binary files refused)."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import ReadError

__all__ = ["decode_text"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings a Chinese office produces; preferred among equally good guesses.
_CHINESE = ("gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "utf_16", "utf_16_le", "utf_16_be")


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_utf16(data: bytes) -> str | None:
    # UTF-16 without BOM: every other byte of ASCII/CJK-heavy text is often NUL.
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nul > half * 0.3 and even_nul < half * 0.05:
        return "utf-16-le"
    if even_nul > half * 0.3 and odd_nul < half * 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding). Raises ReadError for binary or undecodable bytes."""
    if not data:
        raise ReadError("empty file (0 bytes)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(enc)), enc
            except UnicodeDecodeError:
                raise ReadError(f"starts with a {enc} byte-order mark but is not valid {enc}") from None
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return _clean(data.decode(utf16)), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        # BOM-less UTF-16 of mostly-CJK text has few NULs; accept it only if it reads as text.
        for enc in ("utf-16-le", "utf-16-be"):
            if len(data) % 2:
                break
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return _clean(text), enc
        raise ReadError("binary content, not text (NUL bytes)")
    try:
        return _clean(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    results = from_bytes(data[:200_000])
    candidates = [r.encoding for r in results]
    # charset-normalizer sometimes ranks cp949/big5 above gb18030 on short Chinese text;
    # GB18030 is a superset of GBK/GB2312 and what these machines wrote.
    for enc in ["gb18030", *candidates]:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc == "gb18030" and candidates and not any(c in _CHINESE for c in candidates):
            # Only trust a GB18030 decode the detector did not rule out if it yields CJK text.
            cjk = sum(1 for ch in text[:2000] if "\u4e00" <= ch <= "\u9fff")
            if cjk < len(text[:2000]) * 0.2:
                continue
        if _is_garbage(text):
            continue
        return _clean(text), "gb18030" if enc in ("gb18030", "gbk", "gb2312") else enc
    raise ReadError("cannot detect the text encoding (not UTF-8, UTF-16 or GB18030)")


def _plausible(text: str) -> bool:
    sample = text[:4000]
    good = sum(
        1
        for ch in sample
        if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
        or (ch.isascii() and (ch.isprintable() or ch in "\r\n\t"))
    )
    return bool(sample) and good >= len(sample) * 0.95


def _is_garbage(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return True
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or "\ue000" <= ch <= "\uf8ff")
    return bad > len(sample) * 0.02

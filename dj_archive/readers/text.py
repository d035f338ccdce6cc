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
    # charset-normalizer rules out what cannot be Chinese text (random bytes, binaries);
    # among what it accepts we prefer GB18030, a superset of the GBK/GB2312 those
    # machines wrote, over Big5 (short GBK text often also decodes as Big5).
    found = {m.encoding for m in from_bytes(data[:200_000], cp_isolation=["gb18030", "big5"])}
    for enc in ("gb18030", "big5"):
        if enc in found:
            try:
                return _clean(data.decode(enc)), enc
            except UnicodeDecodeError:  # the sample decoded, the whole file does not
                continue
    raise ReadError("cannot detect the text encoding (not UTF-8, UTF-16, GB18030 or Big5)")


def _plausible(text: str) -> bool:
    sample = text[:4000]
    good = sum(
        1
        for ch in sample
        if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
        or (ch.isascii() and (ch.isprintable() or ch in "\r\n\t"))
    )
    return bool(sample) and good >= len(sample) * 0.95

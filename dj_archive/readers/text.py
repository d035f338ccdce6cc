"""Plain text in whatever encoding an office machine saved it: UTF-8 (with or
without BOM), GB18030/GBK, UTF-16, UTF-32. Detection uses charset-normalizer; we only
add the checks it cannot know (BOMs first, binary files refused, short GBK text
that happens to be valid UTF-8, a few damaged bytes shown as U+FFFD rather than
the whole file lost)."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import ReadError
from ..i18n import N_

__all__ = ["decode_text"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_utf32(data: bytes) -> str | None:
    """UTF-32 without BOM: Chinese and ASCII are below U+10000, so two bytes of every
    four are NUL."""
    sample = data[:4000]
    if len(sample) < 8 or len(data) % 4:
        return None
    quarter = len(sample) // 4
    if sample[2::4].count(0) == quarter and sample[3::4].count(0) == quarter and sample[0::4].count(0) < quarter:
        return "utf-32-le"
    if sample[0::4].count(0) == quarter and sample[1::4].count(0) == quarter and sample[3::4].count(0) < quarter:
        return "utf-32-be"
    return None


def _decode_few_bad(data: bytes, enc: str) -> str:
    """``data`` in ``enc``; a few undecodable spots (a lone UTF-16 surrogate, one damaged
    character in a hundred) become U+FFFD instead of losing the file."""
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        text = data.decode(enc, errors="replace")
        if text.count("\ufffd") > max(1, len(text) // 100):
            raise
        return text


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
        raise ReadError(N_("empty file (0 bytes)"))
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(_decode_few_bad(data, enc)), enc
            except UnicodeDecodeError:
                raise ReadError(
                    N_("starts with a {enc} byte-order mark but is not valid {enc}").format(enc=enc)
                ) from None
    wide = _looks_utf32(data) or _looks_utf16(data)
    if wide:
        try:
            return _clean(_decode_few_bad(data, wide)), wide
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
        raise ReadError(N_("binary content, not text (NUL bytes)"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data) and exc.start >= len(data) - 3:
            # Valid UTF-8 cut off inside its last character (a truncated copy): keep it, and
            # let the lost character show as U+FFFD.
            return _clean(data.decode("utf-8", errors="replace")), "utf-8"
    else:
        if not _gbk_read_as_utf8(text, data):
            return _clean(text), "utf-8"
        return _clean(data.decode("gb18030")), "gb18030"
    # charset-normalizer rules out what cannot be Chinese text (random bytes, binaries);
    # among what it accepts we prefer GB18030, a superset of the GBK/GB2312 those
    # machines wrote, over Big5 (short GBK text often also decodes as Big5).
    found = {m.encoding for m in from_bytes(data[:200_000], cp_isolation=["gb18030", "big5"])}
    if "gb18030" in found:
        try:
            return _clean(data.decode("gb18030")), "gb18030"
        except UnicodeDecodeError:  # the sample decoded, the whole file does not: a damaged byte
            return _clean(data.decode("gb18030", errors="replace")), "gb18030"
    if "big5" in found:
        try:
            return _clean(data.decode("big5")), "big5"
        except UnicodeDecodeError:
            pass
    lossy = _lossy(data)
    if lossy:
        return lossy
    raise ReadError(N_("cannot detect the text encoding (not UTF-8, UTF-16, GB18030 or Big5)"))


def _lossy(data: bytes) -> tuple[str, str] | None:
    """A UTF-8 or GB18030 file with a few damaged bytes (a bad sector, a truncated copy)
    that charset-normalizer gives up on: decoded with U+FFFD for the damaged characters,
    if they are few (at most 1 damaged spot in 100 characters, each costing at most 4)
    and the rest reads as text."""
    best = None
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        bad = len(re.findall("\ufffd+", text))  # one damaged byte can cost 1-3 characters
        if not bad:  # decodes cleanly, yet charset-normalizer said it is no text: trust it
            continue
        if best is None or bad < best[0]:
            best = (bad, text, enc)
    if best is None:
        return None
    bad, text, enc = best
    clean = text.replace("\ufffd", "")
    allowed = max(1, len(text) // 100)
    if bad > allowed or len(text) - len(clean) > 4 * allowed or not _plausible(clean):
        return None
    if enc == "gb18030":
        # Random bytes read as GB18030 are Chinese characters too, but mostly rare ones:
        # real (simplified) text is overwhelmingly in GB2312.
        wide = [ch for ch in clean if not ch.isascii()]
        common = sum(1 for ch in wide if _in_gb2312(ch))
        if common < 0.8 * len(wide):
            return None
    return _clean(text), enc


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_CJK_CLASS = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
_CJK = re.compile(f"[{_CJK_CLASS}]")
_BEYOND_LATIN1 = re.compile("[\u0100-\U0010ffff]")
_SPACE_BETWEEN_CJK = re.compile(f"[{_CJK_CLASS}][ \t][{_CJK_CLASS}]")


def _gbk_read_as_utf8(text: str, data: bytes) -> bool:
    """True if valid UTF-8 ``text`` is really short GBK text: "学习" in GBK is the bytes
    D1 A7 CF B0, which are also UTF-8 for "ѧϰ". Judged by what each reading gives:
    the UTF-8 one has no Chinese but letters beyond Latin-1 (Cyrillic, Greek...), the
    GB18030 one is at least 90 % Chinese (ignoring spaces and digits), all of it in
    GB2312 (the common characters), with no space between two Chinese characters.
    Russian or Greek UTF-8 read as GB18030 becomes Chinese characters too, but rare ones
    outside GB2312, with a space at every word boundary."""
    if data.isascii() or _CJK.search(text):
        return False
    if not any(ch.isalpha() for ch in _BEYOND_LATIN1.findall(text[:4000])):
        return False
    try:
        gb = data.decode("gb18030")
        gb.encode("gb2312")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return False
    counted = [ch for ch in gb if not ch.isspace() and not ch.isdigit()]
    cjk = len(_CJK.findall(gb))
    if cjk < 2 or cjk < 0.9 * len(counted):
        return False
    return not _SPACE_BETWEEN_CJK.search(gb)


def _plausible(text: str) -> bool:
    sample = text[:4000]
    good = sum(
        1
        for ch in sample
        if "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or (ch.isascii() and (ch.isprintable() or ch in "\r\n\t"))
    )
    return bool(sample) and good >= len(sample) * 0.95

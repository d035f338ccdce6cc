"""Numbers as Chinese documents write them: ``10``, ``１０``, ``十``, ``二十三``,
``两``, ``一百零五``, and year-style digit strings such as ``二〇二三``.

>>> [parse_number(s) for s in ("二〇二三", "十五", "二十三", "两", "一百零五", "〇", "１２", "三万")]
[2023, 15, 23, 2, 105, 0, 12, 30000]
>>> parse_number("第三") is None
True
"""

from __future__ import annotations

__all__ = ["parse_number", "CN_DIGITS", "CN_NUMERAL_CHARS"]

#: Digit characters, including the zero variants office documents use (〇 ○ 零 Ｏ)
#: and the "capital" forms of financial writing.
CN_DIGITS = {
    "〇": 0, "○": 0, "零": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
#: Every character that can be part of a Chinese numeral (for building regexes).
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + "廿卅"

# Full-width digits → ASCII; one character each way, so offsets are kept.
_FULLWIDTH = {ord("０") + i: ord("0") + i for i in range(10)}


def parse_number(s: str) -> int | None:
    """The integer ``s`` writes, or None if it is not a number.

    Accepts ASCII and full-width digits (with ``,`` thousands separators), Chinese
    numerals with units (十 百 千 万 亿, a leading 十 meaning ten), positional digit
    strings (二〇二三) and a digit prefix before a big unit (``3万``).
    """
    if not isinstance(s, str):
        return None
    s = s.strip().translate(_FULLWIDTH).replace(",", "").replace("，", "")
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    s = s.replace("廿", "二十").replace("卅", "三十")
    if len(s) > 1 and all(ch in CN_DIGITS for ch in s):
        # Positional: 二〇二三 → 2023 (but 两 is never positional).
        if "两" in s or "兩" in s:
            return None
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    return _parse_with_units(s)


def _parse_with_units(s: str) -> int | None:
    total = 0  # completed 亿/万 groups
    section = 0  # value inside the current 万 group
    digit: int | None = None  # pending digit not yet multiplied by a unit
    ascii_run = ""
    last_small = 10**9  # small units must decrease inside a group: 三百二十, not 十百
    seen_any = False
    for ch in s:
        if "0" <= ch <= "9":
            ascii_run += ch
            continue
        if ascii_run:
            if digit is not None:
                return None
            digit, ascii_run = int(ascii_run), ""
        if ch in CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row without a unit (一二) is not a number
            digit = CN_DIGITS[ch]
            seen_any = True
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_small:
                return None
            last_small = unit
            section += (1 if digit is None else digit) * unit
            digit = None
            seen_any = True
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            group = section + (digit or 0)
            if group == 0 and not seen_any:
                return None  # a bare 万 is a word, not a number
            if unit == 100_000_000:
                total = (total + group) * unit
            else:
                total += group * unit
            section, digit, last_small = 0, None, 10**9
            seen_any = True
        else:
            return None
    if ascii_run:
        if digit is not None:
            return None
        digit = int(ascii_run)
        seen_any = True
    if not seen_any:
        return None
    return total + section + (digit or 0)

"""Personal data an archivist must review before sharing: 身份证号 (18 digits with a
valid checksum), 手机号 and bank card numbers (Luhn). Masking keeps the text's length,
so snippets and offsets stay right.

>>> find_pii("联系电话13812345678，身份证号11010519491231002X。")
[{'kind': '手机号', 'start': 4, 'end': 15, 'value': '13812345678'}, {'kind': '身份证号', 'start': 20, 'end': 38, 'value': '11010519491231002X'}]
>>> mask_pii("联系电话13812345678")
'联系电话138****5678'
"""

from __future__ import annotations

import re

__all__ = ["find_pii", "mask_pii", "PII_KINDS"]

PII_KINDS = ("身份证号", "手机号", "银行卡号")

# Digits may be grouped by a space or hyphen (110105 19491231 002X), as forms print them.
_ID = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}[- ]?(?:18|19|20)\d{2}[- ]?(?:0[1-9]|1[0-2])[- ]?(?:0[1-9]|[12]\d|3[01])"
    r"[- ]?\d{3}[\dXx](?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: Full-width digits and letters (１３９, Ｘ) to ASCII, other spaces and dashes to " " and
#: "-": one character for one, so a match's span is the span in the original text.
_WIDTH = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    **dict.fromkeys((0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x202F), 0x20),
    **dict.fromkeys((0xFF0D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212), 0x2D),
}
#: Every kind above holds 11+ digits in a row (separators aside): texts without are skipped fast.
_DIGITS = re.compile(
    r"\d(?:[ \-\u3000\u00a0\u2002\u2003\u2009\u202f\uff0d\u2010-\u2014\u2212]?\d){10}"
)  # \d: full-width too


def _id_ok(s: str) -> bool:
    s = re.sub(r"[- ]", "", s)
    total = sum(int(c) * w for c, w in zip(s[:17], _WEIGHTS))
    return "10X98765432"[total % 11] == s[17].upper()


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def find_pii(text: str) -> list[dict]:
    """Every personal number in ``text`` with its kind and character span; full-width
    digits and spaced groups are found too (the value is as written).

    >>> [(p["kind"], p["value"]) for p in find_pii("１３９１２３４５６７８；110105 19491231 002X")]
    [('手机号', '１３９１２３４５６７８'), ('身份证号', '110105 19491231 002X')]
    """
    found: list[dict] = []
    taken: list[tuple[int, int]] = []
    if not _DIGITS.search(text):
        return found
    original, text = text, text.translate(_WIDTH)

    def add(kind, m):
        if any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        found.append({"kind": kind, "start": m.start(), "end": m.end(), "value": original[m.start() : m.end()]})

    for m in _ID.finditer(text):
        if _id_ok(m.group()):
            add("身份证号", m)
    for m in _MOBILE.finditer(text):
        add("手机号", m)
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 16 <= len(digits) <= 19 and _luhn_ok(digits):
            add("银行卡号", m)
    found.sort(key=lambda d: d["start"])
    return found


def _mask(value: str) -> str:
    # Keep the first 3 and last 4 digits, as banks and 12306 do; keep separators.
    digits = [i for i, ch in enumerate(value) if ch.isalnum()]
    keep = set(digits[:3] + digits[-4:])
    return "".join(ch if (i in keep or not ch.isalnum()) else "*" for i, ch in enumerate(value))


def mask_pii(text: str) -> str:
    """``text`` with personal numbers masked; same length as the input."""
    if not text:
        return text
    out = list(text)
    for item in find_pii(text):
        out[item["start"] : item["end"]] = _mask(item["value"])
    return "".join(out)

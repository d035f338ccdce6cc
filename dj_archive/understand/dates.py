"""Which period a document reports on, and the date it was signed.

Periods are ``YYYY`` (a year), ``YYYYH1`` / ``YYYYH2`` (half-years) or ``YYYYQ1``…``Q4``
(quarters). The title is the best witness, then the first lines; a plan for 2024
written in December 2023 reports on 2024 because its title says so.

>>> detect_period("现将上半年工作总结如下。", title="第二党支部二〇二三年上半年党建工作总结")
'2023H1'
>>> detect_period("2022年，支部在党总支领导下……")
'2022'
>>> detect_date("……\\n机关第二党支部\\n二〇二三年七月五日")
'2023-07-05'
>>> detect_date("会议记录\\n时间：2023年3月15日上午9:00\\n地点：会议室")
'2023-03-15'
"""

from __future__ import annotations

import re
from datetime import date as _date

from ..normalize import fold
from .numerals import parse_number

__all__ = ["detect_period", "detect_date", "find_dates"]

_CN_D = "〇○零Ｏ一二三四五六七八九"
_YEAR = rf"(?P<year>(?<![0-9])[12][0-9]{{3}}(?![0-9])|(?<![{_CN_D}十])[一二][{_CN_D}]{{3}})\s*年"
_MONTH = r"(?P<month>[0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
_DAY = r"(?P<day>[0-9]{1,2}|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九]|廿[一二三四五六七八九]?)\s*[日号]"

_CN_DATE = re.compile(_YEAR + r"\s*" + _MONTH + r"\s*" + _DAY)
_NUM_DATE = re.compile(
    r"(?<![0-9])(?P<year>[12][0-9]{3})\s*(?P<sep>[.\-/．])\s*(?P<month>[0-9]{1,2})\s*(?P=sep)\s*(?P<day>[0-9]{1,2})(?![0-9])"
)
_HEADER_DATE = re.compile(r"(?:时间|日期)\s*[：:]\s*")

_HALF = re.compile(r"上半年|下半年|(?<![0-9])(?:1|一)\s*[-—–~～至到]\s*(?:6|六)\s*月|(?<![0-9])(?:7|七)\s*[-—–~～至到]\s*(?:12|十二)\s*月")
_QUARTER = re.compile(r"第?(?P<q>[一二三四1234])\s*季度")
_WHOLE_YEAR = re.compile(r"年度|全年|本年|今年")
# A year that is a comparison or a starting point, not the reporting period.
_NOT_PERIOD_BEFORE = re.compile(r"(?:较|比|自|从|截至|截止|同|与|于|在)\s*$")
_NOT_PERIOD_AFTER = re.compile(r"^\s*(?:以来|至今|之前|以前|底|末)")


def _iso(y, m, d) -> str | None:
    try:
        return _date(int(y), int(m), int(d)).isoformat()
    except (TypeError, ValueError, OverflowError):
        return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every valid date in ``text`` as (start, end, ISO date), in order.

    >>> find_dates("于2023年6月28日召开，2023.7.5定稿")
    [(1, 11, '2023-06-28'), (14, 22, '2023-07-05')]
    """
    folded = fold(text or "")
    out = []
    for m in _CN_DATE.finditer(folded):
        iso = _iso(parse_number(m.group("year")), parse_number(m.group("month")), parse_number(m.group("day")))
        if iso:
            out.append((m.start(), m.end(), iso))
    for m in _NUM_DATE.finditer(folded):
        iso = _iso(m.group("year"), m.group("month"), m.group("day"))
        if iso:
            out.append((m.start(), m.end(), iso))
    out.sort()
    return out


def detect_date(text: str) -> str | None:
    """The document's date as ``YYYY-MM-DD``: its 落款 (a date standing alone, or after
    the organisation's name, in the last lines), else the ``时间：`` line of a
    meeting record. None when neither is there."""
    text = text or ""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    for start, line in reversed(lines[-6:]):
        dates = find_dates(line)
        if not dates:
            continue
        s, e, iso = dates[-1]
        rest = (line[:s] + line[e:]).strip(" \t\u3000。.，,")
        if len(rest) <= 30:  # the date, maybe with the org's name: a signature line
            return iso
    if lines:
        # Text without line breaks: a date at the very end is the signature.
        last = lines[-1][1]
        dates = find_dates(last[-40:])
        tail = last[-40:]
        if dates and not tail[dates[-1][1]:].strip(" \t\u3000。.，,）)"):
            return dates[-1][2]
    folded = fold(text)
    for m in _HEADER_DATE.finditer(folded):
        dates = find_dates(folded[m.end() : m.end() + 24])
        if dates and dates[0][0] == 0:
            return dates[0][2]
    return None


def _candidates(text: str, title: str | None) -> list[str]:
    out = [title] if title else []
    lines = [ln.strip() for ln in (text or "").split("\n") if ln.strip()]
    # The first line is often the title; the next one opens the body.
    out += [ln[:200] for ln in lines[:2]]
    return out


def _years(s: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of each year mention that can name a reporting period."""
    out = []
    for m in re.finditer(_YEAR, s):
        y = parse_number(m.group("year"))
        if y is None or not 1921 <= y <= 2200:
            continue
        if _NOT_PERIOD_BEFORE.search(s[max(0, m.start() - 3) : m.start()]):
            continue
        if _NOT_PERIOD_AFTER.match(s[m.end() : m.end() + 4]):
            continue
        out.append((m.start(), m.end(), y))
    return out


def _period_in(s: str, fallback_year) -> str | None:
    s = fold(s)
    years = _years(s)
    half = _HALF.search(s)
    if half:
        h = "H1" if half.group().startswith("上") or half.group().rstrip("月").endswith(("6", "六")) else "H2"
        before = [y for (st, en, y) in years if st < half.start()]
        year = before[-1] if before else (years[0][2] if years else fallback_year(h))
        return f"{year}{h}" if year else None
    q = _QUARTER.search(s)
    if q and years and years[0][0] < q.start():
        return f"{years[0][2]}Q{parse_number(q.group('q'))}"
    if years:
        return str(years[0][2])
    if _WHOLE_YEAR.search(s) or "明年" in s:
        y = fallback_year("Y")
        if y and "明年" in s:
            y += 1
        return str(y) if y else None
    return None


def detect_period(text: str, title: str | None = None) -> str | None:
    """The period ``text`` reports on: ``2023H1``, ``2023H2``, ``2023``, ``2023Q1`` or None.

    Looks at ``title``, then the first line, then the second; a half-year or year
    without a number (今年上半年, 本年度) takes its year from the document's date.
    """
    date_cache: list = []

    def fallback_year(kind: str):
        if not date_cache:
            date_cache.append(detect_date(text))
        d = date_cache[0]
        if not d:
            return None
        year, month = int(d[:4]), int(d[5:7])
        # A year-end summary signed in January or February speaks of the year before.
        if kind in ("H2", "Y") and month <= 2:
            year -= 1
        return year

    for cand in _candidates(text, title):
        p = _period_in(cand, fallback_year)
        if p:
            return p
    return None

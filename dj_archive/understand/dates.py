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

from ._text import fold_text as fold
from .numerals import parse_number

__all__ = ["detect_period", "detect_date", "find_dates"]

_CN_D = "〇○零Ｏ一二三四五六七八九"
_YEAR = rf"(?P<year>(?<![0-9])[12][0-9]{{3}}(?![0-9])|(?<![{_CN_D}十])[一二][{_CN_D}]{{3}})\s*年"
_MONTH = r"(?P<month>[0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
_DAY = (
    r"(?P<day>[0-9]{1,2}|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九]|廿[一二三四五六七八九]?)\s*[日号]"
)

_CN_DATE = re.compile(_YEAR + r"\s*" + _MONTH + r"\s*" + _DAY)
_NUM_DATE = re.compile(
    r"(?<![0-9])(?P<year>[12][0-9]{3})\s*(?P<sep>[.\-/．])\s*(?P<month>[0-9]{1,2})\s*(?P=sep)\s*(?P<day>[0-9]{1,2})(?![0-9])"
)
_HEADER_DATE = re.compile(r"(?:时间|日期)\s*[：:]\s*")

_HALF = re.compile(
    r"上半年|下半年|(?<![0-9])(?:1|一)\s*月?\s*[-—–~～至到]\s*(?:6|六)\s*月|(?<![0-9])(?:7|七)\s*月?\s*[-—–~～至到]\s*(?:12|十二)\s*月"
)
_MONTH_AFTER = re.compile(r"\s*([0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s*月")
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
    for _start, line in reversed(lines[-6:]):
        dates = find_dates(line)
        if not dates:
            continue
        s, e, iso = dates[-1]
        rest = (line[:s] + line[e:]).strip(" \t\u3000。.，,")
        if len(rest) <= 30 and not re.search(r"[，,。；;：:]", rest):
            # The date alone, or after the org's name: a signature line.
            return iso
    if lines:
        # Text without line breaks: a date at the very end is the signature.
        last = lines[-1][1]
        dates = find_dates(last[-40:])
        tail = last[-40:]
        if dates and not tail[dates[-1][1] :].strip(" \t\u3000。.，,）)"):
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


def _attached(s: str, end: int, year: int) -> str | None:
    """The period a year names by what follows it: 上半年, 第一季度, 1-6月, a month."""
    after = s[end : end + 12]
    half = _HALF.match(after.lstrip(" 度"))
    if half:
        return f"{year}{_half_of(half.group())}"
    q = _QUARTER.match(after.lstrip(" 度"))
    if q:
        return f"{year}Q{parse_number(q.group('q'))}"
    month = _MONTH_AFTER.match(s, end)
    n = (parse_number(month.group(1)) or 0) if month else 0
    if 1 <= n <= 12 and not _WHOLE_YEAR.search(s):
        # A dated record (时间：2023年3月15日) belongs to the half-year it happened in.
        return f"{year}H{1 if n <= 6 else 2}"
    return None


def _half_of(marker: str) -> str:
    return "H1" if marker.startswith("上") or marker.rstrip("月").endswith(("6", "六")) else "H2"


def _period_in(s: str, fallback_year, loose: bool) -> str | None:
    """The period ``s`` names. ``loose`` (a title) lets a half-year anywhere in it count:
    2023年机关第一党支部上半年工作总结; in body text only one attached to the year does."""
    s = fold(s)
    years = _years(s)
    if years:
        st, en, y = years[0]
        attached = _attached(s, en, y)
        if attached:
            return attached
        half = _HALF.search(s, en) if loose else None
        return f"{y}{_half_of(half.group())}" if half else str(y)
    half = _HALF.search(s)
    if half:
        h = _half_of(half.group())
        year = fallback_year(h)
        return f"{year}{h}" if year else None
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
    from .cleanup import clean_text

    text = clean_text(text or "").text
    date_cache: list = []

    def fallback_year(kind: str):
        if not date_cache:
            date_cache.append(detect_date(text))
        d = date_cache[0]
        if not d:
            return _events_year(text, kind)
        year, month = int(d[:4]), int(d[5:7])
        # A year-end summary signed in January or February speaks of the year before.
        if kind in ("H2", "Y") and month <= 2:
            year -= 1
        return year

    cands = _candidates(text, title)
    for cand in cands:
        p = _period_in(cand, fallback_year, loose=len(cand) <= 60)
        if p:
            return p
    for cand in cands:
        # 2021年以来，支部…: the year the report starts from, when nothing else names one.
        m = _SINCE_YEAR.search(fold(cand))
        if m:
            return str(parse_number(m.group(1)))
    return None


_SINCE_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})\s*年\s*以来")


def _events_year(text: str, kind: str) -> int | None:
    """The one year of the dated events in ``text`` (2022年3月5日…, 2022年4月8日…), for a
    上半年 without a year; None when they span years or there are none."""
    years = {iso[:4] for _, _, iso in find_dates(text)}
    if len(years) != 1:
        return None
    return int(years.pop())

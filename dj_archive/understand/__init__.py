"""Document understanding: what a 党建 document is, what it reports and when.

* :mod:`.outline`  heading hierarchy (一、 / （一） / 1. / （1）) and the work / problems / next parts
* :mod:`.dates`    the reported period (2023H1, 2022) and the signing date
* :mod:`.metrics`  activity counts (召开支委会6次) mapped to the indicators of ``data/indicators.yml``
* :mod:`.classify` category and document type suggestions, filing titles

>>> text = "一、上半年工作情况\\n上半年召开支委会6次，党员大会3次。\\n二、存在的问题\\n三、下一步打算\\n第二党支部\\n2023年7月5日"
>>> summary = outline_summary(text, title="第二党支部2023年上半年工作总结")
>>> summary["period"], summary["date"], summary["parts"]["next"]
('2023H1', '2023-07-05', '下一步打算')
>>> extract_metrics(text)[["indicator", "count"]].values.tolist()
[['支委会', 6], ['党员大会', 3]]
"""

from __future__ import annotations

from .classify import Classifier, Prediction, clean_title
from .dates import detect_date, detect_period
from .indicators import default_indicators
from .metrics import extract_metrics, extract_state_figures, find_figures
from .numerals import parse_number
from .outline import Outline, parse_outline

__all__ = [
    "parse_outline",
    "Outline",
    "outline_summary",
    "detect_period",
    "detect_date",
    "parse_number",
    "extract_metrics",
    "extract_state_figures",
    "find_figures",
    "default_indicators",
    "Classifier",
    "Prediction",
    "clean_title",
    "document_title",
]


def document_title(path) -> str:
    """The title a file's name gives: no folder, extension, date prefix or draft markers.

    >>> document_title("待整理/2023-07-05_第一党支部上半年工作总结（定稿）.docx")
    '第一党支部上半年工作总结'
    """
    from ..files import parse_path

    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return clean_title(parse_path(name)["title"])


def outline_summary(text: str, title: str | None = None, archive=None) -> dict:
    """Period, date, headings and parts of a document, as the ``outline`` command prints them
    (``archive``: whose ``outline_parts.yml`` names the parts; default the packaged one)."""
    outline = parse_outline(text, archive)
    return {
        "period": detect_period(text, title=title),
        "date": detect_date(text),
        **outline.to_dict(),
    }

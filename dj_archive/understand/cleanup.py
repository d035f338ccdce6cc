"""Text as web converters leave it, made fit to read: a character followed by its
pinyin in brackets (``發(fā)展``, ``學(xué)習``) loses the pinyin.

The cleaned text is shorter; :class:`Cleaned` maps offsets in it back to the original.

>>> c = clean_text("組(zǔ)織黨員集中學(xué)習4次")
>>> c.text
'組織黨員集中學習4次'
>>> c.original_offset(c.text.index("4"))
17
>>> clean_text("召开支委会（3次）").text   # brackets that are not pinyin stay
'召开支委会（3次）'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["clean_text", "Cleaned", "PINYIN_DEBRIS"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
#: A CJK character's pinyin in brackets, with at least one tone mark: (fā), (xué), (zhǔn).
PINYIN_DEBRIS = re.compile(rf"(?<=[\u3400-\u9fff])[（(](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[）)]")


@dataclass
class Cleaned:
    text: str
    _cuts: list[int] = field(default_factory=list)  # clean offsets where text was removed
    _removed: list[int] = field(default_factory=list)  # characters removed up to each cut

    def original_offset(self, offset: int) -> int:
        """The offset in the original text of ``offset`` in the cleaned one."""
        i = bisect_right(self._cuts, offset)
        return offset + (self._removed[i - 1] if i else 0)


def clean_text(text: str) -> Cleaned:
    """``text`` without converter debris (see the module docstring)."""
    text = text or ""
    if "(" not in text and "（" not in text:
        return Cleaned(text)
    parts, cuts, removed = [], [], []
    last, total = 0, 0
    for m in PINYIN_DEBRIS.finditer(text):
        parts.append(text[last : m.start()])
        total += m.end() - m.start()
        cuts.append(m.start() - (total - (m.end() - m.start())))
        removed.append(total)
        last = m.end()
    if not parts:
        return Cleaned(text)
    parts.append(text[last:])
    return Cleaned("".join(parts), cuts, removed)

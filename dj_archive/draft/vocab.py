"""The drafting vocabulary, ``dj_archive/data/drafting.yml`` (or the archive's own, see
:mod:`dj_archive.data`): which sub-section each indicator is reported under, how counts
are phrased, plan-speak stop-words, how each kind of problem is stated and answered,
and the fixed work of each half-year.

>>> v = drafting_vocabulary()
>>> v.section_of("走访慰问"), v.section_of("支委会"), v.section_of("未知指标")
('服务', '组织', '组织')
>>> v.phrase("支委会")
('召开', '支委会{n}次')
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import load_data

__all__ = ["DraftingVocabulary", "drafting_vocabulary"]


@dataclass(frozen=True)
class DraftingVocabulary:
    sections: dict  # kind → {keywords, indicators, heading}
    default_section: str
    phrases: dict  # indicator → (verb, object)
    plan_words: frozenset
    problems: dict  # topic → {statement, measure}
    fixed_events: dict  # "H1"/"H2" → [item, ...]

    def section_of(self, indicator: str) -> str:
        """The kind of sub-section an indicator is reported under (one place decides)."""
        for kind, spec in self.sections.items():
            if indicator in spec["indicators"]:
                return kind
        return self.default_section

    def phrase(self, indicator: str) -> tuple[str, str]:
        verb, obj = self.phrases.get(indicator, ("开展", indicator + "{n}次"))
        return verb, obj


def _build(data) -> DraftingVocabulary:
    data = data or {}
    return DraftingVocabulary(
        sections=data["sections"],
        default_section=data.get("default_section", next(iter(data["sections"]))),
        phrases={k: tuple(v) for k, v in (data.get("phrases") or {}).items()},
        plan_words=frozenset(data.get("plan_words") or ()),
        problems=data.get("problems") or {},
        fixed_events=data.get("fixed_events") or {},
    )


def drafting_vocabulary(archive=None) -> DraftingVocabulary:
    """The vocabulary (``archive``'s override if it has one; built once per file version)."""
    return load_data("drafting.yml", archive, _build)

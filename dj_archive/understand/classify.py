"""Suggest a category and a document type for a file outside the folder convention.

Two kinds of evidence, added as log-scores and turned into probabilities:

* the taxonomy's category keywords, a hit in the title counting far more than in the body;
* a small multinomial naive Bayes over segmented words, trained on documents that
  are already filed (``fit``). Untrained, the keywords decide alone.

The category codes come from the :class:`~dj_archive.taxonomy.Taxonomy`; none is named here.

>>> from dj_archive.taxonomy import default_taxonomy
>>> clf = Classifier(default_taxonomy())
>>> p = clf.predict("上半年共召开支委会6次……", title="机关第一党支部2023年上半年党建工作总结")
>>> p.category == default_taxonomy().categories[0].code, p.doc_type, p.confidence > 0.5
(True, '工作总结', True)
>>> clean_title("总结终稿(2).docx"), clean_title("【定稿】学习心得 - 副本.doc")
('总结', '学习心得')
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

from ..data import load_data
from ..taxonomy import UNKNOWN, Taxonomy, default_taxonomy
from ._text import fold_text as fold

__all__ = ["Classifier", "Prediction", "clean_title", "guess_title", "examples_from_archive"]

_EXT = re.compile(r"\.(?:docx?|wps|pdf|txt|md|rtf|odt|xlsx?|et|pptx?)$", re.I)


def _noise_patterns(markers: list[str]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    # Draft/version/copy markers that file names collect: data/title_noise.txt.
    noise = "|".join(markers)
    return (
        re.compile(rf"[（(【\[]\s*(?:{noise}|\d{{1,3}})\s*[）)】\]]"),
        re.compile(rf"(?:[\s_\-—–.]*(?:{noise})|\s*[（(]\s*\d{{1,3}}\s*[）)])\s*$"),
        re.compile(rf"^\s*(?:{noise})\s*[\s_\-—–:：]\s*"),
    )


_SEPARATORS = " \t\u3000_-—–.·"

TITLE_KEYWORD_WEIGHT = 4.0  # log-score per distinct category keyword in the title
BODY_KEYWORD_WEIGHT = 1.0  # times log(1 + keyword occurrences in the body)
TITLE_TOKEN_WEIGHT = 3.0  # a title word counts as three body words in naive Bayes
KEYWORD_PSEUDO_COUNT = 2.0  # each keyword seeds its category's word counts
BODY_CHARS = 3000  # the opening of the body is what says what a document is


def clean_title(name: str, archive=None) -> str:
    """A filing title from a file name or a first line: no folder, extension,
    draft/copy markers (终稿, 定稿, 修改稿, 最终版, 副本, copy, v2, (2), （2）…).

    >>> clean_title("/tmp/第一党支部工作总结_修改稿v2（3）.docx")
    '第一党支部工作总结'
    """
    s = PurePath(str(name or "")).name if ("/" in str(name or "") or "\\" in str(name or "")) else str(name or "")
    s = s.strip()
    s = _EXT.sub("", s)
    bracketed, trailing, leading = load_data("title_noise.txt", archive, _noise_patterns)
    s = bracketed.sub("", s)
    while True:
        new = leading.sub("", trailing.sub("", s)).strip(_SEPARATORS)
        if new == s or not new:
            break
        s = new
    return s.strip(_SEPARATORS + "#")


def guess_title(text: str, max_len: int = 50) -> str | None:
    """The first non-empty line when it reads like a title: short, no sentence
    punctuation, not ending in an ellipsis.

    >>> guess_title("第二党支部2023年度工作总结\\n2023年，支部……"), guess_title("上半年召开支委会6次，党员大会5次。")
    ('第二党支部2023年度工作总结', None)
    """
    for line in (text or "").split("\n"):
        line = line.strip().lstrip("#").strip()
        if not line:
            continue
        if len(line) <= max_len and not re.search(r"[，。；！？,;!?]|…$|\.\.\.$", line):
            return line
        return None
    return None


# 现将上半年工作情况总结如下 / 特制定本计划: the text naming its own kind.
_SELF_NAMING = re.compile(
    r"现将(.{0,24}?)(?:报告|汇报)?如下|(?:特|现)?制定本(.{1,8}?)[。，,]|(?:特|现)制定(.{1,12}?)[。，,]"
)


def _titles_in_text(text: str) -> list[str]:
    """Title-like strings from the opening of a text: its first line when it is a
    title, else the words before the first comma (a text that lost its line
    breaks starts with its title), and the phrase in which it names its own kind."""
    head = (text or "").lstrip()[:400]
    out = []
    first = guess_title(head)
    if first:
        out.append(first)
    else:
        m = re.match(r"[^，。,；;\n]{4,50}", head.lstrip("# "))
        if m:
            out.append(m.group())
    m = _SELF_NAMING.search(head)
    if m:
        out.append(next(g for g in m.groups() if g))
    return out


@dataclass
class Prediction:
    category: str
    confidence: float
    doc_type: str | None
    scores: dict[str, float] = field(default_factory=dict)


class Classifier:
    """Keyword + naive Bayes classifier over a taxonomy's categories.

    ``Classifier(tx).fit([(code, title, text), ...]).predict(text, title=...)``.
    """

    def __init__(self, taxonomy: Taxonomy | None = None, segmenter=None):
        self.taxonomy = taxonomy or default_taxonomy()
        self._segmenter = segmenter
        self.codes = self.taxonomy.codes
        self._keywords = {c.code: [fold(k) for k in c.keywords] for c in self.taxonomy.categories}
        self.doc_counts: Counter = Counter()
        self.word_counts: dict[str, Counter] = {c: Counter() for c in self.codes}
        self._seed_keywords()

    def __repr__(self):
        return f"Classifier({len(self.codes)} categories, {sum(self.doc_counts.values())} training documents)"

    # -- words ----------------------------------------------------------------
    def _segment(self, text: str) -> list[str]:
        if self._segmenter is None:
            from ..segment import default_segmenter

            self._segmenter = default_segmenter()
        words = self._segmenter.cut(fold(text))
        # Single characters and numbers say little about a document's kind.
        return [w for w in words if len(w) >= 2 and not w.isdigit() and any(ch.isalnum() for ch in w)]

    def _seed_keywords(self):
        for code, kws in self._keywords.items():
            for kw in kws:
                self.word_counts[code][kw] += KEYWORD_PSEUDO_COUNT

    def _features(self, text: str, title: str | None) -> dict[str, float]:
        feats: dict[str, float] = {}
        for w in self._segment(title or ""):
            feats[w] = feats.get(w, 0.0) + TITLE_TOKEN_WEIGHT
        for w in self._segment((text or "")[:BODY_CHARS]):
            feats[w] = feats.get(w, 0.0) + 1.0
        return feats

    # -- training -------------------------------------------------------------
    def fit(self, examples: Iterable[tuple[str, str, str]]) -> Classifier:
        """Learn from filed documents: ``(category code, title, text)`` triples.
        Examples of codes the taxonomy does not have are ignored."""
        for code, title, text in examples:
            if code not in self.word_counts:
                continue
            self.doc_counts[code] += 1
            self.word_counts[code].update(self._features(text, title))
        return self

    # -- prediction -----------------------------------------------------------
    def _keyword_scores(self, text: str, title: str) -> dict[str, float]:
        t, body = fold(title), fold((text or "")[:BODY_CHARS])
        out = {}
        for code, kws in self._keywords.items():
            in_title = sum(1 for k in kws if k and k in t)
            in_body = sum(body.count(k) for k in kws if k)
            out[code] = TITLE_KEYWORD_WEIGHT * in_title + BODY_KEYWORD_WEIGHT * math.log1p(in_body)
        return out

    def _bayes_scores(self, feats: dict[str, float]) -> dict[str, float]:
        n_docs = sum(self.doc_counts.values())
        vocab: set[str] = set()
        for c in self.codes:
            vocab.update(self.word_counts[c])
        v = len(vocab) + 1
        # Words never seen in training say nothing about any category; keeping them
        # would favour the categories with the fewest words.
        feats = {t: w for t, w in feats.items() if t in vocab}
        total_weight = sum(feats.values()) or 1.0
        out = {}
        for c in self.codes:
            counts = self.word_counts[c]
            denom = sum(counts.values()) + v
            prior = math.log((self.doc_counts[c] + 1) / (n_docs + len(self.codes)))
            ll = sum(w * math.log((counts.get(tok, 0) + 1) / denom) for tok, w in feats.items())
            # Tempered: naive Bayes is overconfident on long texts whose words are not independent.
            out[c] = prior + ll / math.sqrt(total_weight)
        return out

    def predict(self, text: str, title: str | None = None) -> Prediction:
        """The most likely category, its probability, the document type and all scores."""
        title = clean_title(title) if title else ""
        informative = self._informative(title)
        if not informative:
            # 总结终稿(2).docx: the real title is in the document's first words.
            title = " ".join(t for t in (title, *_titles_in_text(text)) if t)
        doc_type = self.doc_type(text, title)
        if doc_type and not informative:
            # The type found in the text (现将…总结如下 → 工作总结) stands in for the title.
            title = f"{title} {doc_type}"
        kw = self._keyword_scores(text, title)
        trained = sum(self.doc_counts.values()) > 0
        if not trained and not any(kw.values()):
            return Prediction(UNKNOWN, 0.0, doc_type, {c: 0.0 for c in self.codes})
        scores = dict(kw)
        if trained:
            nb = self._bayes_scores(self._features(text, title))
            scores = {c: kw[c] + nb[c] for c in self.codes}
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        z = sum(exp.values())
        probs = {c: round(e / z, 4) for c, e in exp.items()}
        best = max(self.codes, key=lambda c: (probs[c], -self.codes.index(c)))
        return Prediction(best, probs[best], doc_type, probs)

    def _informative(self, title: str) -> bool:
        t = fold(title)
        return bool(self.taxonomy.doc_type_for(t)) or any(k and k in t for kws in self._keywords.values() for k in kws)

    def doc_type(self, text: str, title: str | None = None) -> str | None:
        """The taxonomy's document type from the title, else from the text's first lines."""
        candidates = [clean_title(title)] if title else []
        lines = [ln.strip().lstrip("#").strip() for ln in (text or "").split("\n") if ln.strip()]
        candidates += [ln for ln in lines[:3] if len(ln) <= 60] + _titles_in_text(text)
        for cand in candidates:
            dt = self.taxonomy.doc_type_for(fold(cand)) or self.taxonomy.doc_type_for(cand)
            if dt:
                return dt.name
        return None


def examples_from_archive(root, taxonomy: Taxonomy | None = None, limit: int = 2000):
    """``(category code, title, text)`` for the documents filed under the archive's
    category folders: what :meth:`Classifier.fit` learns from. Unreadable files are skipped."""
    from ..errors import ReadError
    from ..files import parse_path, walk_archive
    from ..readers import read_document

    taxonomy = taxonomy or default_taxonomy()
    out: list[tuple[str, str, str]] = []
    for entry in walk_archive(root):
        if entry.problem or len(out) >= limit:
            continue
        info = parse_path(entry.path)
        cat = taxonomy.category_for_folder(info["folder"]) if info["folder"] else None
        if cat is None:
            continue
        try:
            text = read_document(entry.abspath).text[:BODY_CHARS]
        except ReadError:
            continue
        out.append((cat.code, clean_title(info["title"]), text))
    return out

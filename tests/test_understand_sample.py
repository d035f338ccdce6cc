"""The extractor on the sample archive's summaries, whose phrasing varies as real summaries'
does (组织集中学习3次 / 组织了3次集中学习 / 召开支委会、党员大会各2次 / a heading running on
into its first sentence) and which carry figures that are not work (plans, rules, stock,
changes). For every summary, the work counts per indicator must be exactly the claims the
generator's standalone checker (scripts/sample_archive/rules.py) reads."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dj_archive.understand import document_title, extract_metrics  # noqa: E402
from scripts.sample_archive import check  # noqa: E402
from scripts.sample_archive.rules import parse_claims  # noqa: E402

SUMMARIES = sorted(p for p in (ROOT / "archive").glob("ZH_*/*/*党建工作总结*"))


def test_there_are_summaries_with_varied_phrasing():
    texts = [check.read_text(str(p)) for p in SUMMARIES]
    assert len(texts) == 39
    joined = "\n".join(texts)
    for pattern in ("次支委会", "各1次", "撰写了", "计划", "每月至少召开1次", "较上年同期增加"):
        assert pattern in joined, pattern


@pytest.mark.parametrize("path", SUMMARIES, ids=lambda p: p.name[:40])
def test_work_counts_are_the_claims(path):
    text = check.read_text(str(path))
    got = {}
    for r in extract_metrics(text, title=document_title(path)).itertuples():
        if r.indicator:
            got.setdefault(r.indicator, set()).add(int(r.count))
    want = {k: set(v) for k, v in parse_claims(text).items()}
    assert got == want

"""The sample-archive generator: deterministic corpus, layout, refusal of the sample folder."""

import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.sample_archive import RefusedOutputDir, make_corpus  # noqa: E402

LAYOUT = re.compile(
    r"^(ZH_综合类|ZZ_组织建设类|SH_组织生活类|XX_学习教育类|FZ_发展党员类|LZ_党风廉政类)/(\d{4})/"
    r"(\d{4})-(\d{2})-(\d{2})_(.+)\.(docx|txt|md|pdf)$"
)


def _files(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, d).replace(os.sep, "/")] = Path(p).read_bytes()
    return out


@pytest.fixture(scope="module")
def two_corpora(tmp_path_factory):
    a = tmp_path_factory.mktemp("a")
    b = tmp_path_factory.mktemp("b")
    assert make_corpus(str(a), 40, seed=1) == 40
    assert make_corpus(str(b), 40, seed=1) == 40
    return _files(a), _files(b)


def test_corpus_is_deterministic(two_corpora):
    fa, fb = two_corpora
    assert fa.keys() == fb.keys()
    text = [k for k in fa if k.endswith((".txt", ".md"))]
    assert text, "expected some txt/md documents"
    for k in fa:
        assert fa[k] == fb[k], k


def test_corpus_follows_layout(two_corpora):
    fa, _ = two_corpora
    docs = [k for k in fa if not k.startswith(".") and k != "fonds.yml"]
    assert len(docs) == 40
    for k in docs:
        m = LAYOUT.match(k)
        assert m, k
        assert m.group(2) == m.group(3), k  # year folder = year of the date
        assert 1 <= int(m.group(4)) <= 12
    assert "fonds.yml" in fa
    fonds = fa["fonds.yml"].decode("utf-8")
    for k in docs:
        title = LAYOUT.match(k).group(6)
        # the branch named in the title is listed in fonds.yml
        assert any(line.split("name:")[1].strip() in title for line in fonds.splitlines() if "name:" in line), k


def test_corpus_txt_is_gbk_with_crlf(two_corpora):
    fa, _ = two_corpora
    for k, data in fa.items():
        if k.endswith(".txt"):
            text = data.decode("gbk")
            assert "\r\n" in text and "\n" not in text.replace("\r\n", "")


def test_corpus_seed_changes_output(tmp_path):
    make_corpus(str(tmp_path / "s2"), 10, seed=2)
    make_corpus(str(tmp_path / "s1"), 10, seed=1)
    assert _files(tmp_path / "s2") != _files(tmp_path / "s1")


def test_refuses_the_sample_archive():
    with pytest.raises(RefusedOutputDir):
        make_corpus(str(ROOT / "archive"), 5, seed=1)
    with pytest.raises(RefusedOutputDir):
        make_corpus(str(ROOT / "archive" / "sub"), 5, seed=1)
    assert not (ROOT / "archive" / "sub").exists()


def test_refuses_foreign_nonempty_folder(tmp_path):
    (tmp_path / "mine.txt").write_text("not a corpus")
    with pytest.raises(RefusedOutputDir):
        make_corpus(str(tmp_path), 5, seed=1)


def test_rewrite_same_folder(tmp_path):
    make_corpus(str(tmp_path), 12, seed=3)
    first = _files(tmp_path)
    make_corpus(str(tmp_path), 12, seed=3)
    assert _files(tmp_path) == first

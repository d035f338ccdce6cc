"""Overlap: the share of a text in verbatim spans of 13+ characters of another, and
`dj-archive overlap FILE` against the whole archive."""

from __future__ import annotations

import json
import random

import pytest
from builders import write_docx
from click.testing import CliRunner
from timing import cpu_seconds, growth

from dj_archive.cli import cli
from dj_archive.draft.overlap import MIN_RUN, Overlap, read_for_overlap

COPIED = "坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务"  # 31 characters


def test_only_spans_of_13_or_more_count():
    text = "甲" * 10 + COPIED + "乙" * 9
    assert Overlap(text).against("开头不同。" + COPIED + "结尾也不同。") == (31, round(31 / 50, 4))
    twelve = COPIED[:12]
    assert Overlap("丙丙丙" + twelve + "丁丁丁").against("戊" + twelve + "己") == (0, 0.0)
    thirteen = COPIED[:MIN_RUN]
    assert Overlap("丙丙丙" + thirteen + "丁丁丁").against("戊" + thirteen + "己") == (13, round(13 / 19, 4))


def test_whitespace_is_ignored_and_spans_are_counted_once():
    spaced = "  ".join(COPIED[i : i + 5] for i in range(0, len(COPIED), 5)) + "\n\u3000"
    assert Overlap(spaced).against(COPIED) == (31, 1.0)
    # The same span found twice in the other text is still 31 characters of this one.
    assert Overlap(COPIED).against(COPIED + "，" + COPIED) == (31, 1.0)
    # Two overlapping matched spans are united, not added.
    a, b = COPIED[:20], COPIED[8:]
    assert Overlap(COPIED).against(a + "。" + b) == (31, 1.0)
    assert Overlap("").against(COPIED) == (0, 0.0)


def test_many_documents_are_compared_in_linear_time():
    rng = random.Random(7)
    chars = "党员支部学习教育会议记录工作组织生活主题党日廉政警示"
    docs = ["".join(rng.choice(chars) for _ in range(2000)) for _ in range(1000)]
    draft = "".join(rng.choice(chars) for _ in range(3000)) + docs[500][:400]
    ov = Overlap(draft)
    results: list = []
    # CPU of this thread, GC paused (see timing.py): 2 M characters, ~0.4 s
    assert cpu_seconds(lambda: results.extend(ov.against(d) for d in docs), repeat=1) < 5
    assert max(results)[0] >= 400 and results[500][0] >= 400

    # Linear in the characters compared: a draft and 200 documents 4x as long take ~4x
    # the time (a step quadratic in a text, or draft x document, ~16x).
    def compare(n: int):
        o = Overlap(draft[: n * 3 // 2])
        return [o.against(d[:n]) for d in docs[:200]]

    assert growth(compare, 500, 2000) < 8


def run(*args):
    return CliRunner().invoke(cli, ["overlap", *map(str, args)])


def test_overlap_cli_json_lists_copied_documents(draft_archive, tmp_path):
    root, arc = draft_archive
    summary = arc.get("ZH_综合类/2024/2025-01-06_机关第一党支部2024年度党建工作总结.docx")
    lines = summary["text"].splitlines()
    mine = write_docx(tmp_path / "我的稿子.docx", ["我的稿子", lines[1], "全新的一句话，没有抄。" * 3])
    r = run(mine, "--archive", root, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["file"] == str(mine)
    top = data["overlaps"][0]
    assert top["path"] == summary["path"] and top["title"] == summary["title"] and top["id"] == summary["id"]
    assert top["chars"] == len(lines[1]) and 0 < top["share"] < 1
    assert [o["share"] for o in data["overlaps"]] == sorted((o["share"] for o in data["overlaps"]), reverse=True)
    assert all(o["share"] > 0 for o in data["overlaps"])
    assert set(top) == {"id", "path", "title", "share", "chars"}


def test_overlap_cli_table_and_an_archived_file_does_not_match_itself(draft_archive, tmp_path):
    root, _ = draft_archive
    fresh = tmp_path / "新稿.txt"
    fresh.write_text("这是一篇全新的稿子，与档案里的任何文件都没有十三个字以上的相同文字。", encoding="utf-8")
    r = run(fresh, "--archive", root)
    assert r.exit_code == 0
    assert r.stdout == f"{fresh}: no archived document shares a span of 13+ characters\n"
    summary = root / "ZH_综合类/2024/2025-01-06_机关第一党支部2024年度党建工作总结.docx"
    r = run(summary, "--archive", root)
    lines = r.stdout.splitlines()
    assert lines[0] == f"{summary}: 3 archived documents share spans of 13+ characters"
    assert lines[1].split() == ["share", "chars", "title", "path"]
    assert lines[3].split()[2] == "机关第一党支部2023年上半年党建工作总结"


def test_markdown_footnotes_markup_and_drafting_notes_are_not_prose(tmp_path):
    md = tmp_path / "稿.md"
    md.write_text(
        "# 标题\n\n正文一句[^1]，路径ZH\\_综合类。\n\n---\n\n## 起草参考（定稿前删除）\n\n上期总结：《某某》。\n\n"
        "[^1]: 《机关第一党支部2025年第1次支委会会议记录》\n",
        encoding="utf-8",
    )
    assert read_for_overlap(md).strip() == "标题\n\n正文一句，路径ZH_综合类。"


def test_the_draft_file_and_its_own_report_agree(draft_archive, tmp_path):
    """Checking a generated draft (.md or .docx) gives the overlap the draft reported."""
    root, arc = draft_archive
    from dj_archive.draft import draft

    d = draft(arc, "2025H1", "机关第一党支部", date="2025-07-05")
    own = {o["path"]: (o["share"], o["chars"]) for o in d.overlaps}
    for name in ("稿.md", "稿.docx"):
        out = d.save(tmp_path / name)
        rows = json.loads(run(out, "--archive", root, "--format", "json").stdout)["overlaps"]
        got = {r["path"]: (r["share"], r["chars"]) for r in rows if r["path"] in own}
        assert got == own, name


@pytest.mark.parametrize(
    "name, data, code, tail",
    [
        ("旧稿.doc", b"\xd0\xcf\x11\xe0old", 1, "corrupt Word document (OLE2 container truncated or damaged)"),
        ("坏.docx", b"not a zip", 1, "corrupt .docx (not a valid zip archive"),
    ],
)
def test_unreadable_files_are_exit_1(draft_archive, tmp_path, name, data, code, tail):
    root, _ = draft_archive
    f = tmp_path / name
    f.write_bytes(data)
    r = run(f, "--archive", root)
    assert r.exit_code == code
    assert tail in r.stderr


def test_missing_file_is_a_usage_error(draft_archive, tmp_path):
    root, _ = draft_archive
    r = run(tmp_path / "没有.md", "--archive", root)
    assert r.exit_code == 2
    assert "does not exist" in r.stderr


def naive_covered(text: str, other: str, n: int = MIN_RUN) -> int:
    """Characters of ``text`` inside some ``n``+ window found in ``other`` (slow, obviously right)."""
    text, other = "".join(text.split()), "".join(other.split())
    covered = [False] * len(text)
    for i in range(len(text) - n + 1):
        if text[i : i + n] in other:
            for k in range(i, i + n):
                covered[k] = True
    return sum(covered)


def test_draft_overlap_agrees_with_brute_force(draft_archive):
    _, arc = draft_archive
    from dj_archive.draft import draft

    d = draft(arc, "2025H1", "机关第一党支部", date="2025-07-05")
    body = d.body_text()
    for o in d.overlaps:
        other = arc.get(o["path"])["text"]
        assert o["chars"] == naive_covered(body, other) > 0
        assert o["share"] == round(o["chars"] / len("".join(body.split())), 4)

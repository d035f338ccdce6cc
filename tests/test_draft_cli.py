"""`dj-archive draft` end to end: the summary a drafter gets, in Markdown and Word,
and the errors they see."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from test_draft_archive import ORG

from dj_archive.cli import cli
from dj_archive.draft import draft
from dj_archive.errors import NoRecords, UnknownOrg

SUPPORTS = "SH_组织生活类/2025/2025-01-15_机关第一党支部2025年第1次支委会会议记录.txt"


def run(root, *args):
    return CliRunner().invoke(cli, ["draft", *map(str, args), "--archive", str(root)])


def test_markdown_draft_reports_what_it_did(draft_archive, tmp_path):
    root, _ = draft_archive
    out = tmp_path / "总结.md"
    r = run(root, "--period", "2025H1", "--org", "一支部", "-o", out, "--date", "2025-07-05")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        f"Wrote {out}: 机关第一党支部2025年上半年党建工作总结",
        "Figures: 7 counted from 8 records (sources in the footnotes); 8 indicators have no records this period",
        "Previous summary: 机关第一党支部2024年度党建工作总结; 4 plans, 2 without records",
        "Recurring problems: 2 (1 in 3+ consecutive summaries)",
        "Overlap with earlier summaries: 2023年上半年 20.5%, 2024年上半年 20.5%, 2024年度 19.4%, 2023年度 17.6%",
        "Check the figures against their sources (footnotes) before you send the summary.",
    ]
    md = out.read_text(encoding="utf-8")
    body, annex = md.split("\n---\n", 1)
    # The genre: title, opening, three parts, 落款 and date.
    heads = [ln for ln in body.splitlines() if ln.startswith("#")]
    assert heads == [
        "# 机关第一党支部2025年上半年党建工作总结",
        "## 一、主要工作",
        "### （一）突出政治建设，抓好理论学习",  # the headings of the latest summary
        "### （二）严格组织生活，夯实基层基础",
        "### （三）从严正风肃纪，筑牢廉政防线",
        "### （四）加强党员队伍建设，严把发展党员质量关",  # default heading for figures no heading covers
        "## 二、存在的问题",
        "## 三、下一步工作打算",
        "### （一）持续抓好上期工作打算的落实",
        "### （二）抓好存在问题的整改",
        "### （三）做好下半年重点工作",
    ]
    assert body.rstrip().endswith("机关第一党支部\n\n2025年7月5日")
    # Prose from the records, figures inline, one footnote per sub-section.
    assert "严格落实“三会一课”制度，上半年召开支委会2次、党员大会1次。" in body
    assert "开展“学规定、正作风”主题党日活动1次[^2]。" in body
    assert "组织党员围绕八项规定精神撰写心得体会1篇" in body
    assert "上半年接收王晓明同志为中共预备党员[^4]。" in body
    # Figures are counted, never copied: the old summaries said 支委会12次.
    assert "12次" not in body
    # A footnote is one short line: the numbers of the sub-section's documents in the
    # 引用记录 table of 起草参考, which gives 档号, 题名, 日期 and path.
    note2 = re.search(r"^\[\^2\]: (.*)$", md, re.M).group(1)
    assert note2 == "据起草参考“引用记录”第3—6号。"
    assert (
        f"| 3 | D099-WS·2025-D30-SH-0001 | 机关第一党支部2025年第1次支委会会议记录 | 2025-01-15 | {SUPPORTS} |" in annex
    )
    assert len(re.findall(r"^\[\^\d+\]: ", md, re.M)) == 4
    # Problems: last period's, in the vocabulary's words, with their true run; plans not
    # carried out. No wording is copied from earlier summaries, and at most 3 marks remain.
    assert "一是理论学习的深度和实效还需提升，学用结合还不够紧密，2023年上半年以来连续4期总结均提到这一问题" in body
    assert "二是组织生活的质量还需提高" in body
    assert (
        "三是上期确定的工作打算还有2项未见落实记录，如“组织党员到红色教育基地开展一次现场教学”“编印支部党建工作手册”"
        in body
    )
    assert "理论学习的深度还不够" not in body
    marks = re.findall(r"【(待补充|起草提示|参考往期表述)】", body)
    assert marks == ["待补充", "起草提示"]
    # 下一步: proposals (marked once) from the open plans, the problems' measures and the fixed work.
    assert "【起草提示】以下打算根据上期尚未见落实的打算" in body
    assert "针对理论学习方面的问题，改进集中学习方式" in body
    assert "召开年度组织生活会" in body and "民主评议党员" in body
    # 起草参考: follow-through with evidence, recurring problems, overlap per summary.
    assert "落实情况：找到相关记录1件：《机关第一党支部警示教育活动记录》（2025-04-10）。" in annex
    assert "#### 4. 编印支部党建工作手册\n\n检索依据：题名含“工作手册”、“编印”。\n\n落实情况：未找到相关记录。" in annex
    assert "#### 1. 理论学习\n\n出现于：2023年上半年、2023年度、2024年上半年、2024年度（共4期，最长连续4期）。" in annex
    assert "各期表述：2023年上半年“理论学习的深度还不够”；2023年度“理论学习的深度还不够”；" in annex
    assert "| 机关第一党支部2024年度党建工作总结 | 2024年度 | 173 | 19.4% |" in annex


def test_annual_draft_follows_the_first_half_and_counts_the_year(draft_archive):
    _, arc = draft_archive
    d = draft(arc, "2024", ORG, date="2025-01-06")
    assert d.title == "机关第一党支部2024年度党建工作总结"
    assert d.previous.title == "机关第一党支部2024年上半年党建工作总结"
    assert d.existing.title == "机关第一党支部2024年度党建工作总结"  # already filed: said in 起草参考
    assert {f.indicator: f.count for f in d.figures if f.count} == {"支委会": 1}  # the 2024-11 meeting
    assert "全年召开支委会1次" in d.body_text()
    assert "做好2025年上半年重点工作" in d.body_text()  # the next period's fixed work
    assert [o["period"] for o in d.overlaps] == ["2023H1", "2023", "2024H1"]


def test_a_branch_without_earlier_summaries_gets_the_default_outline(draft_archive):
    _, arc = draft_archive
    d = draft(arc, "2025H1", "离退休干部党支部", date="2025-07-05")
    assert d.previous is None and d.commitments == [] and d.overlaps == []
    work = d.body[: next(i for i, p in enumerate(d.body) if p.text == "二、存在的问题")]
    heads = [p.text for p in work if p.kind == "h2"]
    # The default outline, of which only what the records cover: one 支委会 record.
    assert heads == ["（一）严格落实组织生活制度，夯实支部基础"]
    assert "上半年召开支委会1次" in d.body_text()
    assert "未见本期相关记录" not in d.body_text()
    assert any("档案中没有离退休干部党支部在2025年上半年以前的工作总结" in p.text for p in d.annex)


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["--period", "2025H3", "--org", ORG],
            2,
            "Error: Invalid value for '--period': not a period: '2025H3'. "
            "Write the period as 2025H1 (上半年), 2025H2 (下半年) or 2025 (全年/年度).",
        ),
        (
            ["--period", "2025H1", "--org", "第九党支部"],
            1,
            "Error: unknown branch '第九党支部'; the branches of this archive are: 机关第一党支部、离退休干部党支部",
        ),
        (
            ["--period", "2021H1", "--org", ORG],
            1,
            "Error: no records of 机关第一党支部 for 2021H1 (2021年上半年) in the archive; its records cover 2024H2 to 2025H1",
        ),
        (
            ["--period", "2025H1", "--org", ORG, "--date", "7月5日"],
            2,
            "Error: Invalid value for '--date': use YYYY-MM-DD, e.g. 2025-07-05",
        ),
    ],
)
def test_errors_are_explained_with_exact_exit_codes(draft_archive, tmp_path, args, code, message):
    root, _ = draft_archive
    r = run(root, *args, "-o", tmp_path / "x.md")
    assert r.exit_code == code
    lines = r.stderr.strip().splitlines()
    if code == 1:  # an error the library explains: what to do next is on the line under it
        assert lines[-1] in (UnknownOrg.hint, NoRecords.hint)
        lines = lines[:-1]
    assert lines[-1] == message
    assert not (tmp_path / "x.md").exists()


def test_output_that_cannot_be_written(draft_archive, tmp_path):
    root, _ = draft_archive
    r = run(root, "--period", "2025H1", "--org", ORG, "-o", tmp_path / "x.txt")
    assert r.exit_code == 2
    expected = f"Error: Invalid value for '-o' / '--output': '{tmp_path / 'x.txt'}' must end with .docx or .md"
    assert r.stderr.strip().splitlines()[-1] == expected
    missing = tmp_path / "没有这个文件夹" / "x.md"
    r = run(root, "--period", "2025H1", "--org", ORG, "-o", missing)
    hint = "Write to a folder that exists and that you may write to, e.g. -o ~/桌面/out.docx.\n"
    expected = f"Error: cannot write {missing}: the folder {missing.parent} does not exist\n" + hint
    assert (r.exit_code, r.stderr) == (1, expected)
    too_long = tmp_path / ("长" * 200 + ".md")  # the file system refuses the name
    r = run(root, "--period", "2025H1", "--org", ORG, "-o", too_long)
    assert (r.exit_code, r.stderr) == (1, f"Error: cannot write {too_long}: File name too long\n" + hint)


def test_not_indexed_is_exit_1_with_the_hint(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/fonds.yml").write_text("orgs: [机关第一党支部]\n", encoding="utf-8")
    r = run(tmp_path / "a", "--period", "2025H1", "--org", ORG, "-o", tmp_path / "x.md")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == "Run `dj-archive index` first."

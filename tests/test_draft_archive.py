"""A small archive for the drafting, overlap and catalogue tests, and the tests of
what the drafter reads from it: periods, summaries, figures, plans and problems.

The fixture ``draft_archive`` is indexed and shared by the test_draft_*,
test_overlap* and test_catalog* modules (they import it from here).
"""

from __future__ import annotations

import pytest
from builders import write_docx, write_pdf, write_text
from conftest import FONDS  # noqa: E402

from dj_archive import open_archive
from dj_archive.draft.followup import commitments, problem_history, similarity
from dj_archive.draft.records import BranchRecords, Source, Summary
from dj_archive.errors import NoRecords, UnknownOrg
from dj_archive.periods import parse_period

ORG = "机关第一党支部"
LEARN = "理论学习的深度还不够。部分党员满足于读原文、记笔记，联系实际思考不够，学用结合不紧密。"
LIFE = "组织生活的质量有待提升。“三会一课”有时存在程序化倾向，主题党日活动形式比较单一。"
FILES = "党建档案管理还不够规范。个别会议记录要素不全，归档不够及时。"


def summary_lines(period_label: str, problems: list[str], heading1="加强理论武装，筑牢思想根基") -> list[str]:
    return [
        f"{ORG}{period_label}党建工作总结",
        f"{period_label}，{ORG}在机关党总支的领导下，坚持以习近平新时代中国特色社会主义思想为指导，扎实推进各项工作。现将有关情况总结如下：",
        "一、主要工作开展情况",
        f"（一）{heading1}。一是坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，认真落实“第一议题”制度；二是共组织集中学习12次。",
        "（二）严格组织生活，夯实基层基础。一是严格落实“三会一课”制度，共召开支委会12次、党员大会4次；二是推进支部标准化规范化建设，对照标准梳理完善制度台账。",
        "（三）从严正风肃纪，筑牢廉政防线。一是开展警示教育2次；二是严格执行中央八项规定精神，持续纠治“四风”。",
        "二、存在的问题",
        *[f"{'一二三四'[i]}是{p}" for i, p in enumerate(problems)],
        "三、下一步工作打算",
        "（一）持续强化理论武装。严格落实年度学习计划，持续组织好集中学习；组织党员到红色教育基地开展一次现场教学。",
        "（二）持续加强党风廉政建设。组织开展一次警示教育活动，用身边事教育身边人；编印支部党建工作手册。",
        ORG,
        "2025年1月6日",
    ]


def build_draft_archive(root):
    root.mkdir(parents=True, exist_ok=True)
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    zh = root / "ZH_综合类"
    write_docx(
        zh / "2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.docx", summary_lines("2023年上半年", [LEARN, LIFE])
    )
    write_docx(
        zh / "2023/2024-01-08_机关第一党支部2023年度党建工作总结.docx", summary_lines("2023年度", [LEARN, FILES])
    )
    write_docx(
        zh / "2024/2024-07-04_机关第一党支部2024年上半年党建工作总结.docx", summary_lines("2024年上半年", [LEARN])
    )
    write_docx(
        zh / "2024/2025-01-06_机关第一党支部2024年度党建工作总结.docx",
        summary_lines("2024年度", [LEARN, LIFE], heading1="突出政治建设，抓好理论学习"),
    )
    write_text(
        zh / "2025/2025-01-10_机关第一党支部2025年党建工作计划.txt",
        "机关第一党支部2025年党建工作计划\n全年组织集中学习12次。\n",
    )
    sh = root / "SH_组织生活类/2025"
    write_text(
        sh / "2025-01-15_机关第一党支部2025年第1次支委会会议记录.txt",
        "机关第一党支部支委会会议记录\n议题：研究全年工作安排\n",
    )
    write_text(
        sh / "2025-02-20_机关第一党支部2025年第2次支委会会议记录.txt",
        "机关第一党支部支委会会议记录\n议题：研究发展党员\n",
    )
    write_text(
        sh / "2025-03-10_机关第一党支部党员大会会议记录.txt", "机关第一党支部党员大会会议记录\n议题：讨论接收预备党员\n"
    )
    write_docx(
        sh / "2025-03-28_机关第一党支部“学规定、正作风”主题党日活动记录.docx", ["主题党日活动记录", "重温入党誓词。"]
    )
    write_text(root / "SH_组织生活类/2024/2024-11-12_机关第一党支部2024年第9次支委会会议记录.txt", "支委会会议记录\n")
    write_text(
        root / "SH_组织生活类/2025/2025-02-11_离退休干部党支部支委会会议记录.txt", "离退休干部党支部支委会会议记录\n"
    )
    xx = root / "XX_学习教育类/2025"
    write_text(xx / "2025-02-26_机关第一党支部2025年第1次集中学习记录.txt", "集中学习记录\n学习中央八项规定精神。\n")
    write_text(xx / "2025-04-18_机关第一党支部学习八项规定精神心得体会（张敏）.txt", "心得体会\n作为一名党员……\n")
    write_pdf(
        root / "LZ_党风廉政类/2025/2025-04-10_机关第一党支部警示教育活动记录.pdf",
        ["机关第一党支部警示教育活动记录", "观看警示教育片，以案为鉴。"],
    )
    write_text(
        root / "FZ_发展党员类/2025/2025-05-20_机关第一党支部党员大会接收预备党员决议（王晓明）.txt",
        "关于接收王晓明同志为预备党员的决议\n一支党〔2025〕3号\n经支部党员大会表决……\n",
    )
    return root


# --- what the branch has on file -------------------------------------------------------


def test_previous_summary_rule(draft_archive):
    _, arc = draft_archive
    h1 = BranchRecords(arc, "一支部", "2025H1")  # an alias resolves
    assert h1.org == ORG
    assert [str(s.period) for s in h1.earlier] == ["2023H1", "2023", "2024H1", "2024"]
    assert str(h1.previous.period) == "2024"  # the annual summary, not 2024H1
    year = BranchRecords(arc, ORG, "2024")
    assert str(year.previous.period) == "2024H1"  # a year follows on from its first half
    assert [str(s.period) for s in year.earlier] == ["2023H1", "2023", "2024H1"]


def test_figures_count_records_by_title_rule(draft_archive):
    _, arc = draft_archive
    figs = {f.indicator: f for f in BranchRecords(arc, ORG, "2025H1").figures()}
    counts = {k: f.count for k, f in figs.items() if f.count}
    assert counts == {
        "集中学习": 1,
        "支委会": 2,
        "党员大会": 1,
        "主题党日": 1,
        "发展预备党员": 1,
        "警示教育": 1,
        "心得体会": 1,
    }
    assert [s.date for s in figs["支委会"].sources] == ["2025-01-15", "2025-02-20"]
    # The other branch's 支委会 and last year's are not counted.
    assert all(ORG in s.title for s in figs["支委会"].sources)


def test_unknown_org_lists_the_known_ones(draft_archive):
    _, arc = draft_archive
    with pytest.raises(UnknownOrg) as err:
        BranchRecords(arc, "第九党支部", "2025H1")
    assert (
        str(err.value)
        == "unknown branch '第九党支部'; the branches of this archive are: 机关第一党支部、离退休干部党支部"
    )


def test_no_records_says_what_there_is(draft_archive):
    _, arc = draft_archive
    with pytest.raises(NoRecords) as err:
        BranchRecords(arc, ORG, "2019H1")
    assert str(err.value) == (
        "no records of 机关第一党支部 for 2019H1 (2019年上半年) in the archive; its records cover 2024H2 to 2025H1"
    )


def test_commitments_are_checked_clause_by_clause(draft_archive):
    _, arc = draft_archive
    plans = commitments(BranchRecords(arc, ORG, "2025H1"))
    got = [(c.group, c.text, [s.title for s in c.evidence][:1]) for c in plans]
    assert got == [
        ("持续强化理论武装", "严格落实年度学习计划，持续组织好集中学习", ["机关第一党支部2025年第1次集中学习记录"]),
        ("持续强化理论武装", "组织党员到红色教育基地开展一次现场教学", []),
        ("持续加强党风廉政建设", "组织开展一次警示教育活动，用身边事教育身边人", ["机关第一党支部警示教育活动记录"]),
        ("持续加强党风廉政建设", "编印支部党建工作手册", []),
    ]


def test_recurring_problems_and_consecutive_runs(draft_archive):
    _, arc = draft_archive
    history = problem_history(BranchRecords(arc, ORG, "2025H1").earlier)
    rows = [(g.text[:6], [str(p) for p in g.periods], g.run, g.persistent) for g in history]
    assert rows == [
        ("理论学习的深", ["2023H1", "2023", "2024H1", "2024"], 4, True),
        ("组织生活的质", ["2023H1", "2024"], 1, False),
        ("党建档案管理", ["2023"], 1, False),
    ]
    assert [g.topic for g in history] == ["理论学习", "组织生活", "台账资料"]
    assert similarity(LEARN, LEARN.replace("还不够", "不够")) > 0.8
    assert similarity(LEARN, FILES) < 0.1


def _summary(period: str, problems: list[str]) -> Summary:
    text = "\n".join(
        ["一、主要工作", "略。", "二、存在的问题", *[f"{'一二三'[i]}是{p}" for i, p in enumerate(problems)]]
    )
    return Summary(Source(period, f"{period}.txt", f"{period}总结", None), parse_period(period), text)


def test_reworded_problems_of_one_kind_are_one_problem():
    history = problem_history(
        [
            _summary("2023H1", ["理论学习的深度还不够。部分党员满足于读原文。", "办公用房紧张，活动场地不足。"]),
            _summary("2023", ["学习的系统性和实效性有待增强。学用“两张皮”现象仍然存在。"]),
            _summary("2024H1", ["集中学习以领读为主，理论学习仍有重形式倾向。", "办公用房紧张，活动场地不够。"]),
            _summary("2024", ["窗口服务质量还有提升空间。"]),
        ]
    )
    assert [(g.label, [str(p) for p in g.periods], g.run, g.latest_run) for g in history] == [
        ("理论学习", ["2023H1", "2023", "2024H1"], 3, 3),
        ("办公用房紧张，活动场地不够", ["2023H1", "2024H1"], 1, 1),  # no topic: similar wording
        ("窗口服务", ["2024"], 1, 1),
    ]


def test_consecutive_means_adjacent_in_the_branchs_own_sequence():
    # 2023年度 and 2024年度 with 2024上半年 between them are not consecutive; where the
    # branch filed no half-year summary, the annual ones are.
    mixed = problem_history(
        [
            _summary("2023", ["理论学习的深度还不够。"]),
            _summary("2024H1", ["组织生活的质量有待提升。"]),
            _summary("2024", ["学习的系统性和实效性有待增强。"]),
            _summary("2025", ["理论学习仍有重形式的倾向。"]),
        ]
    )
    assert [(g.label, [str(p) for p in g.periods], g.run, g.latest_run) for g in mixed] == [
        ("理论学习", ["2023", "2024", "2025"], 2, 2),
        ("组织生活", ["2024H1"], 1, 1),
    ]


def test_draft_tables_for_notebooks(sample_index):
    from conftest import ROOT

    from dj_archive.draft import draft

    d = draft(open_archive(ROOT / "archive", sample_index), "2025H1", "机关第一党支部", date="2025-07-05")
    figures = d.figures_frame()
    assert list(figures.columns) == ["指标", "数量", "依据"]
    by_name = dict(zip(figures["指标"], figures["数量"]))
    assert by_name["支委会"] == len([f for f in d.figures if f.indicator == "支委会"][0].sources) > 0
    commitments = d.commitments_frame()
    assert len(commitments) == len(d.commitments) > 0
    assert set(commitments["落实证据"]) & {"未找到相关记录"}
    assert all(e == "未找到相关记录" or "机关第一党支部" in e for e in commitments["落实证据"])
    problems = d.problems_frame()
    assert (problems["连续期数"] >= 1).all() and problems["出现期间"].str.contains("20").all()

"""A small, fully known archive for the analysis tests (built once per session), and
checks that it indexes as the other analysis tests assume.

Ground truth built in on purpose:
  * themes: 党史学习教育 only in 2021, 二十大 only in 2022, 主题教育 only in 2023
    (2023 once in traditional characters, UTF-16: 主題教育).
  * summaries vs records: exactly two discrepancies —
      机关第一党支部 2021H1 党课: claimed 1, filed 0
      机关第一党支部 2021 走访慰问: claimed 3, filed 1
    everything else a summary counts matches the filed records; 谈心谈话 has no
    record rule and is never compared.
  * 机关第二党支部 filed nothing of 党风廉政类 (LZ) or 发展党员类 (FZ) at all.
"""

from __future__ import annotations

from builders import write_docx, write_text

FONDS = """fonds_id: D077
fonds_name: 测试局机关党总支
orgs:
  - name: 机关第一党支部
    aliases: [一支部]
  - name: 机关第二党支部
    aliases: [二支部]
"""

Y1, Y2 = "机关第一党支部", "机关第二党支部"

#: (relative path, text, encoding)
FILES = [
    # ---- 2021: 党史学习教育 ------------------------------------------------------------
    (
        "SH_组织生活类/2021/2021-03-10_机关第一党支部2021年第1次支委会会议记录.txt",
        f"{Y1}支委会会议记录\n时间：2021年3月10日\n议题：研究部署党史学习教育，传承红色基因。\n坚持加强工作，认真落实。\n",
        "utf-8",
    ),
    (
        "SH_组织生活类/2021/2021-05-12_机关第一党支部2021年第2次支委会会议记录.txt",
        f"{Y1}支委会会议记录\n议题：党史学习教育推进情况，红色基因代代传。\n",
        "gbk",
    ),
    (
        "SH_组织生活类/2021/2021-04-20_机关第一党支部主题党日活动记录.txt",
        f"{Y1}主题党日活动记录\n组织党员参观革命纪念馆，开展党史学习教育现场教学。\n",
        "utf-8",
    ),
    (
        "SH_组织生活类/2021/2021-09-15_机关第一党支部2021年第3次支委会会议记录.txt",
        f"{Y1}支委会会议记录\n议题：总结党史学习教育，开展我为群众办实事。\n",
        "utf-8",
    ),
    (
        "ZH_综合类/2021/2021-06-08_机关第一党支部走访慰问记录.txt",
        f"{Y1}走访慰问记录\n走访慰问生活困难老党员，送去慰问品。\n",
        "utf-8",
    ),
    (
        "ZH_综合类/2021/2021-07-05_机关第一党支部2021年上半年党建工作总结.txt",
        f"{Y1}2021年上半年党建工作总结\n一、主要工作\n上半年共召开支委会2次，开展主题党日活动1次，讲党课1次，"
        "走访慰问老党员1次，开展谈心谈话10人次。党史学习教育扎实开展。\n二、下一步打算\n下半年计划召开支委会3次。\n",
        "utf-8",
    ),
    (
        "ZH_综合类/2022/2022-01-10_机关第一党支部2021年度党建工作总结.txt",
        f"{Y1}2021年度党建工作总结\n一、主要工作\n全年共召开支委会3次，开展主题党日活动1次，走访慰问老党员3次。"
        "党史学习教育取得实效。\n",
        "utf-8",
    ),
    (
        "XX_学习教育类/2021/2021-04-02_机关第二党支部集中学习记录.txt",
        f"{Y2}集中学习记录\n学习内容：党史学习教育读本，百年党史。\n",
        "utf-8",
    ),
    (
        "XX_学习教育类/2021/2021-05-20_机关第二党支部集中学习记录.txt",
        f"{Y2}集中学习记录\n学习内容：百年党史专题，党史学习教育交流。\n",
        "utf-8",
    ),
    (
        "ZH_综合类/2021/2021-07-06_机关第二党支部2021年上半年党建工作总结.txt",
        f"{Y2}2021年上半年党建工作总结\n上半年组织集中学习2次，百年党史学习深入人心。\n",
        "utf-8",
    ),
    # ---- 2022: 二十大 --------------------------------------------------------------------
    (
        "SH_组织生活类/2022/2022-03-15_机关第一党支部2022年第1次支委会会议记录.txt",
        f"{Y1}支委会会议记录\n议题：研究年度学习安排。\n",
        "utf-8",
    ),
    (
        "XX_学习教育类/2022/2022-10-25_机关第一党支部集中学习记录.txt",
        f"{Y1}集中学习记录\n学习党的二十大报告，领会二十大精神，踔厉奋发。\n",
        "utf-8",
    ),
    (
        "XX_学习教育类/2022/2022-11-10_机关第一党支部学习二十大精神心得体会（王明）.txt",
        "学习二十大精神心得体会\n二十大报告鼓舞人心，踔厉奋发、勇毅前行。\n",
        "utf-8",
    ),
    (
        "SH_组织生活类/2022/2022-05-10_机关第二党支部2022年第1次支委会会议记录.txt",
        f"{Y2}支委会会议记录\n议题：研究年度工作安排。\n",
        "utf-8",
    ),
    (
        "SH_组织生活类/2022/2022-11-20_机关第二党支部主题党日活动记录.txt",
        f"{Y2}主题党日活动记录\n集体收看二十大报告解读，踔厉奋发。\n",
        "utf-8",
    ),
    (
        "ZH_综合类/2023/2023-01-08_机关第二党支部2022年度党建工作总结.txt",
        f"{Y2}2022年度党建工作总结\n全年共召开支委会1次，开展主题党日活动1次，学习宣传贯彻二十大精神。\n",
        "utf-8",
    ),
    # ---- 2023: 主题教育 ------------------------------------------------------------------
    (
        "XX_学习教育类/2023/2023-04-10_机关第一党支部集中学习记录.txt",
        f"{Y1}集中学习记录\n开展学习贯彻主题教育集中学习，以学铸魂。\n",
        "utf-8",
    ),
    (
        "SH_组织生活类/2023/2023-05-15_机关第一党支部党课讲稿.txt",
        f"{Y1}党课讲稿\n以学铸魂、以学增智，扎实开展主题教育。\n",
        "utf-8",
    ),
    (
        "SH_组织生活类/2023/2023-09-10_机关第一党支部2023年第1次支委会会议记录.txt",
        f"{Y1}支委会会议记录\n议题：主题教育检视整改，以学铸魂。\n",
        "utf-8",
    ),
    (
        "XX_学习教育类/2023/2023-06-01_机关第二党支部集中学习记录.txt",
        "機關第二黨支部集中學習記錄\n學習貫徹主題教育，以學鑄魂。\n",
        "utf-16-le-bom",
    ),
    (
        "ZH_综合类/2023/2023-07-04_机关第一党支部2023年上半年党建工作总结.txt",
        f"{Y1}2023年上半年党建工作总结\n上半年组织集中学习1次，讲党课1次，主题教育开局良好。\n",
        "utf-8",
    ),
    (
        "LZ_党风廉政类/2023/2023-03-01_机关第一党支部廉政谈话记录.txt",
        f"{Y1}廉政谈话记录\n谈话对象：李强\n提醒严守纪律。\n",
        "utf-8",
    ),
    # ---- outside the convention ------------------------------------------------------
    ("待整理/草稿.txt", "机关第二党支部学习材料草稿\n内容待补充。\n", "utf-8"),
]
DOCX = (
    "FZ_发展党员类/2022/2022-06-20_机关第一党支部确定入党积极分子的会议记录.docx",
    [f"{Y1}确定入党积极分子的会议记录", "经支委会研究，确定张华同志为入党积极分子。"],
)

DISCREPANCIES = {
    (Y1, "2021H1", "党课", 1, 0),
    (Y1, "2021", "走访慰问", 3, 1),
}


def build_archive(root):
    root.mkdir(parents=True, exist_ok=True)
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    for rel, text, enc in FILES:
        write_text(root / rel, text, encoding=enc)
    write_docx(root / DOCX[0], DOCX[1])
    return root


def test_fixture_indexes_every_file_with_expected_metadata(analysis_archive):
    docs = analysis_archive.documents()
    assert len(docs) == len(FILES) + 1
    assert analysis_archive.failures() == []
    annual = docs[docs["title"] == f"{Y1}2021年度党建工作总结"].iloc[0]
    assert (annual["period"], annual["year"], annual["doc_type"], annual["org"]) == ("2021", 2021, "工作总结", Y1)
    trad = docs[docs["path"].str.contains("2023-06-01")].iloc[0]
    assert trad["org"] == Y2 and trad["period"] == "2023H1"


def _has_cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s or "")


def check_chart(fig, path, legend: bool = True):
    """A chart as the notebooks need it: a matplotlib Figure with a Chinese title, Chinese
    axis labels, a legend (or colour bar), drawn without a single missing glyph."""
    import warnings

    from matplotlib.figure import Figure

    assert isinstance(fig, Figure)
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    titles = [ax.get_title() for ax in axes] + [fig._suptitle.get_text() if fig._suptitle else ""]
    assert any(_has_cjk(t) for t in titles), titles
    for ax in axes:
        assert _has_cjk(ax.get_xlabel()) and _has_cjk(ax.get_ylabel()), (ax.get_xlabel(), ax.get_ylabel())
    if legend:
        has_colorbar = len(fig.axes) > len(axes)
        assert has_colorbar or all(ax.get_legend() is not None for ax in axes)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(path, format="png", dpi=60)
    assert [str(w.message) for w in caught if "Glyph" in str(w.message)] == []

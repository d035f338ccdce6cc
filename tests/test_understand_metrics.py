"""Activity metrics on fixture documents of the genre: exact lists, no extras."""

from pathlib import Path

import opencc
import pytest
import yaml

from dj_archive.understand import default_indicators, extract_metrics, extract_state_figures, find_figures
from dj_archive.understand.metrics import COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "understand"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yml").read_text(encoding="utf-8"))


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def keys(df):
    return [[r.indicator or r.activity, int(r.count), r.unit, bool(r.approx)] for r in df.itertuples()]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_metrics_exactly(name):
    assert keys(extract_metrics(read(name))) == EXPECTED[name]["metrics"]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if EXPECTED[n].get("state")))
def test_fixture_state_figures_are_kept_apart(name):
    state = [[r.activity, int(r.count), r.unit] for r in extract_state_figures(read(name)).itertuples()]
    for figure in EXPECTED[name]["state"]:
        assert figure in state


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_same_metrics_without_line_breaks(name):
    text = read(name)
    assert keys(extract_metrics(text.replace("\n", ""))) == keys(extract_metrics(text))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_same_indicators_in_traditional_characters(name):
    text = read(name)
    trad = opencc.OpenCC("s2t").convert(text)
    ind = [[r.indicator, int(r.count), r.unit, bool(r.approx)] for r in extract_metrics(trad).itertuples()]
    assert ind == [[r.indicator, int(r.count), r.unit, bool(r.approx)] for r in extract_metrics(text).itertuples()]


def test_frame_columns_and_context():
    text = read("archives_2023H1.txt")
    df = extract_metrics(text, doc_id="d1", org="市档案馆党支部")
    assert list(df.columns) == COLUMNS
    row = df.iloc[2]
    assert (row.doc_id, row.period, row.org, row.indicator, row.activity) == (
        "d1",
        "2023H1",
        "市档案馆党支部",
        "支委会",
        "召开",
    )
    assert row.section == "一、上半年工作开展情况 > （二）组织生活规范有序"
    assert row.sentence == "全年计划召开支委会12次，截至6月底已召开6次；在第3次支委会上研究通过了党员积分管理办法。"
    assert text[row.start : row.start + 1] == "6"


SHARED_VERB = "今年以来共召开支委会8次，党员大会3次，讲党课2人次，开展主题党日活动5次。"


def test_shared_verb_list_gives_each_item_its_activity():
    df = extract_metrics(SHARED_VERB)
    assert df[["indicator", "activity", "count", "unit"]].values.tolist() == [
        ["支委会", "召开支委会", 8, "次"],
        ["党员大会", "党员大会", 3, "次"],
        ["党课", "讲党课", 2, "人次"],
        ["主题党日", "开展主题党日活动", 5, "次"],
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("组织集中学习10次。", ["集中学习", 10, "次", False]),
        ("发展预备党员两名。", ["发展预备党员", 2, "名", False]),
        ("开展志愿服务20余次。", ["志愿服务", 20, "次", True]),
        ("开展志愿服务十多次。", ["志愿服务", 10, "次", True]),
        ("走访慰问老党员近20人次。", ["走访慰问", 20, "人次", True]),
        ("开展谈心谈话30余人次。", ["谈心谈话", 30, "人次", True]),
        # issue 11: counts after verbs and nouns outside the vocabulary, service given, material made
        ("党员累计服务群众1200余人次。", ["党员累计服务群众", 1200, "人次", True]),
        ("共张贴宣传挂图30余幅。", ["张贴宣传挂图", 30, "幅", True]),
        ("走访辖区困难群众40余户。", ["走访慰问", 40, "户", True]),
        ("召开支委会１４次。", ["支委会", 14, "次", False]),
        ("讲专题党课一百零五场。", ["党课", 105, "场", False]),
        ("组织党员上党课二十三次以上。", ["党课", 23, "次", True]),
        ("教育、谈话党员30人次。", ["谈心谈话", 30, "人次", False]),
        ("人均撰写心得体会2篇。", ["心得体会", 2, "篇", False]),
        ("转入党员4名，转入预备党员1名。", ["组织关系转入", 4, "名", False]),
        ("召开了3次党员大会。", ["党员大会", 3, "次", False]),
        ("2名预备党员按期转正。", ["转正", 2, "名", False]),
        ("开展学习党章党纪党规和法律法规12项。", ["学习党规党纪", 12, "项", False]),
        # counts in parentheses belong to the words before the bracket
        ("开展志愿服务活动（共12次）。", ["志愿服务", 12, "次", False]),
        ("吸收预备党员（2名）。", ["发展预备党员", 2, "名", False]),
        ("党员撰写学习心得（人均3篇，共72篇）。", ["心得体会", 3, "篇", False]),
        # counts before the noun, outside the vocabulary too, and rounds / batches / lessons
        ("共开展了8场专题讲座。", ["开展专题讲座", 8, "场", False]),
        ("组织3批次党员赴红色教育基地参观学习。", ["组织党员赴红色教育基地参观学习", 3, "批次", False]),
        ("组织开展2轮党员积分评定。", ["组织开展党员积分评定", 2, "轮", False]),
        ("开展了1次“以案说纪”警示教育。", ["警示教育", 1, "次", False]),
        ("讲了3堂微党课。", ["党课", 3, "堂", False]),
        ("三是支部书记带头讲了2人次专题党课。", ["党课", 2, "人次", False]),
        ("召开3次支委会研究发展党员工作。", ["支委会", 3, "次", False]),
        # people counted before their verb
        ("为2名预备党员办理了转正手续。", ["转正", 2, "名", False]),
        ("1名预备党员转为正式党员。", ["转正", 1, "名", False]),
        ("吸收3名一线骨干为入党积极分子。", ["入党积极分子", 3, "名", False]),
        ("对新提任的2名干部开展任前廉政谈话。", ["廉政谈话", 2, "名", False]),
        ("选派4名党员参加党校轮训。", ["培训", 4, "名", False]),
        # vocabulary: overlapping patterns, 第一议题; a generic 活动 refers to the clause before
        ("开展廉政提醒谈话13人次。", ["廉政谈话", 13, "人次", False]),
        ("全年组织“第一议题”学习24次。", ["集中学习", 24, "次", False]),
        ("与社区开展结对共建，联合开展活动6次。", ["结对共建", 6, "次", False]),
        ("组织党员赴廉政教育基地接受教育一次。", ["警示教育", 1, "次", False]),
        # a table row read from a .docx (cells separated by tabs)
        ("6\t设立党员先锋岗\t8个\t", ["设立党员先锋岗", 8, "个", False]),
    ],
)
def test_one_statement(sentence, expected):
    assert keys(extract_metrics(sentence))[:1] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年7月5日，支部召开会议。",
        "认真学习党章第十一章。",
        "在第3次支委会上研究了发展党员工作。",
        "收集意见建议共142条。",
        "坚持“三会一课”制度，推进“两学一做”常态化。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "开展“一对一”帮扶，落实“双述双评”，创建“一支部一品牌”。",
        "从六个方面开展了档案整理。",
        "党员参学率达95%，出勤率达百分之九十。",
        "党员人数较2018年增加，十年来持续增长，迎接建党100周年，学习二十大精神。",
        "按时收缴党费1200元。",
        "预备期为18个月。",
        "支部共有党员23名，其中女党员5名，平均年龄46岁。",
        "应到7人，实到6人，参会党员12人。",
        "计划召开支委会12次，拟发展党员2名。",
        "下一步，将组织集中学习12次。",
        "力争全年开展主题党日活动12次，确保每名党员撰写心得体会不少于2篇。",
        "坚持每月开展1次主题党日活动。",
        "主题党日活动较去年同期增加2次。",
        "作为一名入党积极分子，我要严格要求自己。",
        # outcomes and reach, not work
        "评出优秀党员三名，评定优秀等次6名。",
        "3人被评为优秀党员，2篇被市级媒体采用，获得市级表彰3项。",
        "党员志愿服务惠及群众200余人次，参与学生1300余人次，签约服务群众4800余人。",
        "对31名党员进行民主评议。",
        "组织2名党员参加志愿服务。",
        "支部再一次召开专题会议。",
    ],
)
def test_not_a_count_of_work(sentence):
    assert keys(extract_metrics(sentence)) == []


def test_next_steps_part_and_plans_are_excluded():
    text = "一、主要工作\n召开支委会6次。\n二、下一步工作思路\n召开支委会6次，组织集中学习12次。"
    assert keys(extract_metrics(text)) == [["支委会", 6, "次", False]]
    assert keys(extract_metrics("召开支委会12次。", title="第二党支部2024年工作计划")) == []


def test_a_half_year_summary_does_not_count_the_second_half():
    text = "2023年上半年，召开支委会6次。下半年将召开支委会6次。全年召开党员大会4次。"
    assert keys(extract_metrics(text)) == [["支委会", 6, "次", False]]


def test_year_summary_counts_the_whole_year():
    assert keys(extract_metrics("2023年，全年召开支委会12次。")) == [["支委会", 12, "次", False]]


def test_breakdown_is_not_counted_twice_but_a_different_indicator_is():
    text = "开展集中学习12次，其中专题辅导2次；召开“三会一课”20次，其中支委会6次。"
    assert keys(extract_metrics(text)) == [
        ["集中学习", 12, "次", False],
        ["召开“三会一课”", 20, "次", False],
        ["支委会", 6, "次", False],
    ]


def test_elliptical_statement_takes_the_earlier_noun():
    text = "坚持每月召开支委会，上半年已召开6次。"
    assert extract_metrics(text)[["indicator", "activity", "count"]].values.tolist() == [["支委会", "召开", 6]]


def test_figure_kinds():
    figs = find_figures(
        "支部现有党员20名。计划召开支委会12次，已召开6次。坚持每月召开1次支委会。发展党员3名，其中女党员2名。"
    )
    assert [(f.kind, f.count) for f in figs] == [
        ("state", 20),
        ("plan", 12),
        ("work", 6),
        ("rule", 1),
        ("work", 3),
        ("breakdown", 2),
    ]


def test_empty_and_numberless_text():
    assert extract_metrics("").empty and list(extract_metrics("").columns) == COLUMNS
    assert extract_metrics("加强党的建设。").empty


def test_vocabulary_has_record_titles_for_filed_indicators():
    vocab = default_indicators()
    assert len(set(vocab.names())) == len(vocab.names())
    assert vocab.record_titles() == {
        "集中学习": "集中学习记录",
        "支委会": "支委会会议记录",
        "党员大会": "党员大会会议记录",
        "党小组会": "党小组会会议记录",
        "党课": "党课讲稿",
        "主题党日": "主题党日活动记录",
        "组织生活会": "组织生活会会议记录",
        "廉政谈话": "廉政谈话记录",
        "发展预备党员": "接收预备党员",
        "入党积极分子": "确定入党积极分子",
        "转正": "转正",
        "警示教育": "警示教育活动记录",
        "志愿服务": "志愿服务活动记录",
        "走访慰问": "走访慰问记录",
        "心得体会": "心得体会",
    }


@pytest.mark.parametrize(
    "surface, indicator",
    [("讲党课", "党课"), ("上党课", "党课"), ("专题党课", "党课"), ("召开支部委员会", "支委会"), ("支部大会", "党员大会"),
     ("固定党日", "主题党日"), ("诫勉谈话", "廉政谈话"), ("转入预备党员", "组织关系转入"), ("吸收新党员", "发展预备党员"),
     ("观看警示教育片", "警示教育"), ("撰写研讨材料", "心得体会"), ("参加义务劳动", "志愿服务"), ("开展某某活动", None)],
)  # fmt: skip
def test_surface_to_indicator(surface, indicator):
    assert default_indicators().match(surface) == indicator


def test_a_plan_word_in_an_earlier_clause_does_not_make_later_work_a_plan():
    from dj_archive.understand import extract_metrics

    text = "一、全年主要工作完成情况\n（一）加强学习。一是组织党员围绕规划建议开展研讨，谋划推进明年重点工作；二是全年组织集中学习5次。"
    df = extract_metrics(text, title="机关第一党支部2020年度党建工作总结", period="2020")
    assert df[["indicator", "count"]].values.tolist() == [["集中学习", 5]]


def test_a_count_of_people_does_not_join_a_list_of_work():
    text = "讲授专题党课1次，组织学生党员参加党校培训班，结业42人。"
    assert keys(extract_metrics(text)) == [["党课", 1, "次", False]]


def test_counts_in_parentheses_after_a_count_are_its_parts():
    text = "讲授专题党课4次（书记2次、委员2人次），开展主题党日活动（每月1次，全年12次）。"
    assert keys(extract_metrics(text)) == [["党课", 4, "次", False], ["主题党日", 12, "次", False]]


def test_a_list_of_counts_before_nouns_shares_its_verb():
    text = "先后召开了6次支委会、2次党员大会，转入（2名）、转出（1名）。"
    assert extract_metrics(text)[["indicator", "activity", "count"]].values.tolist() == [
        ["支委会", "召开支委会", 6],
        ["党员大会", "党员大会", 2],
        ["组织关系转入", "转入", 2],
        ["组织关系转出", "转出", 1],
    ]


def test_what_was_done_against_a_plan_is_work():
    text = "第一党支部2023年工作总结\n年初计划开展集中学习12次，全年实际开展15次。"
    assert keys(extract_metrics(text)) == [["集中学习", 15, "次", False]]


def test_a_summary_like_the_seed_gives_exactly_its_15_counts():
    # seed_like_2023H1.txt keeps the count statements of the project's seed summary (and its
    # decoys: 从六个方面, 两个维护, 每月开展学习研讨, 每周集中学习) around text of our own.
    df = extract_metrics(read("seed_like_2023H1.txt"))
    assert keys(df) == [
        ["集中学习", 10, "次", False], ["交流研讨", 2, "次", False], ["心得体会", 2, "篇", False],
        ["支委会", 6, "次", False], ["党员大会", 5, "次", False], ["党课", 3, "人次", False],
        ["主题党日", 6, "次", False], ["组织生活会", 1, "次", False], ["发展预备党员", 7, "名", False],
        ["入党积极分子", 6, "名", False], ["组织关系转入", 4, "名", False], ["组织关系转入", 1, "名", False],
        ["学习党规党纪", 15, "项", False], ["警示教育", 4, "次", False], ["谈心谈话", 30, "人次", False],
    ]  # fmt: skip
    assert set(df["kind"]) == {"work"} and df["confidence"].between(0.5, 0.95).all()


@pytest.mark.parametrize(
    "text, expected",
    [
        # issue 11's patterns: counts after unknown verbs or nouns, counts before the activity,
        # figures that are not work (stock, membership breakdown, forecast with its scope, rule,
        # proposal), converter debris
        ("全年新吸收党员2名。", [("work", 2, "名", False)]),
        ("共张贴宣传挂图30余幅。", [("work", 30, "幅", True)]),
        ("服务群众1200余人次。", [("work", 1200, "人次", True)]),
        ("按期转为正式党员3名。", [("work", 3, "名", False)]),
        ("向党组织推荐12名团员作为入党积极分子。", [("work", 12, "名", False)]),
        ("先后三次到社区开展调研。", [("work", 3, "次", False)]),
        ("召开了四次组织生活会。", [("work", 4, "次", False)]),
        ("全年召开支委会十二次、党员大会四次、党小组会十次。", [("work", 12, "次", False), ("work", 4, "次", False), ("work", 10, "次", False)]),
        ("截至目前共建成服务站18个。", [("state", 18, "个", False)]),
        ("支部共有党员30人，其中预备党员3人，发展对象5人。", [("state", 30, "人", False), ("state", 3, "人", False), ("state", 5, "人", False)]),
        ("预计全年开展活动200余场。其中文艺演出80余场。", [("plan", 200, "场", True), ("plan", 80, "场", True)]),
        ("坚持每季度至少1次。", [("rule", 1, "次", False)]),
        ("拟接收2名为预备党员。", [("plan", 2, "名", False)]),
        ("全年發(fā)展黨員2名，開展學(xué)習12次。", [("work", 2, "名", False), ("work", 12, "次", False)]),
        ("上半年召开支委会**次、党员大会X次，发展党员X名。", []),
    ],
)  # fmt: skip
def test_issue_patterns_get_their_kind(text, expected):
    df = extract_metrics(text, kinds="work,state,plan,rule,breakdown,delta")
    assert [(r.kind, int(r.count), r.unit, bool(r.approx)) for r in df.itertuples()] == expected

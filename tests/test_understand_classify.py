"""Category and document-type suggestions; filing titles."""

import pytest

from dj_archive.taxonomy import UNKNOWN, default_taxonomy, taxonomy_from_dict
from dj_archive.understand import Classifier, clean_title


def code_with_keyword(word: str) -> str:
    """The default taxonomy's category that lists ``word`` (tests name no code either)."""
    return next(c.code for c in default_taxonomy().categories if word in c.keywords)


@pytest.mark.parametrize(
    "title, text, keyword, doc_type",
    [
        ("机关第一党支部2023年上半年党建工作总结", "上半年召开支委会6次，党员大会5次。", "工作总结", "工作总结"),
        ("学习二十大精神心得体会（张敏）", "通过学习，我深刻认识到……", "心得体会", "心得体会"),
        ("2023年第2次支委会会议记录", "时间：2023年3月15日\n议题：研究发展党员", "支委会", "会议记录"),
        ("关于确定张某某为入党积极分子的公示", "经支部委员会研究……", "入党积极分子", "发展党员材料"),
        ("对新任支委的廉政谈话", "谈话对象：李某……", "廉政谈话", "廉政谈话"),
    ],
)
def test_keywords_alone_decide_without_training(title, text, keyword, doc_type):
    p = Classifier(default_taxonomy()).predict(text, title=title)
    assert (p.category, p.doc_type) == (code_with_keyword(keyword), doc_type)
    assert 0.5 < p.confidence <= 1.0
    assert abs(sum(p.scores.values()) - 1.0) < 0.01


def test_uninformative_file_name_uses_the_first_line():
    text = "离退休干部党支部2022年度党建工作总结\n走访慰问老党员30人次。"
    p = Classifier().predict(text, title="总结终稿(2).docx")
    assert (p.category, p.doc_type) == (code_with_keyword("年度总结"), "工作总结")


def test_a_text_that_names_its_own_kind():
    text = "2023年，支部在党总支领导下，扎实开展各项工作，现将有关工作情况总结如下：一、主要工作……"
    p = Classifier().predict(text, title="000_94e7.txt")
    assert p.doc_type == "工作总结"


def test_no_evidence_is_unknown():
    p = Classifier().predict("abc 123", title="scan0001.pdf")
    assert (p.category, p.confidence, p.doc_type) == (UNKNOWN, 0.0, None)


def custom_taxonomy():
    return taxonomy_from_dict(
        {"categories": [{"code": "A1", "name": "甲类", "keywords": ["甲方案"]}, {"code": "B2", "name": "乙类"}]},
        base=default_taxonomy(),
    )


def test_training_teaches_what_keywords_do_not_say():
    clf = Classifier(custom_taxonomy())
    assert clf.predict("关于档案数字化扫描进度的说明").category == UNKNOWN
    clf.fit(
        [
            ("B2", "档案数字化扫描进度", "本月完成档案数字化扫描一千卷，扫描质量检查合格。"),
            ("B2", "数字化扫描质量报告", "扫描图像清晰，数字化成果已挂接。"),
            ("A1", "甲方案", "甲方案的组织实施。"),
            ("ZZ", "not in this taxonomy", "ignored"),
        ]
    )
    p = clf.predict("关于档案数字化扫描进度的说明")
    assert p.category == "B2" and p.confidence > 0.5
    assert set(p.scores) == {"A1", "B2"}
    assert clf.predict("甲方案实施情况", title="甲方案").category == "A1"


@pytest.mark.parametrize(
    "name, title",
    [
        ("总结终稿(2).docx", "总结"),
        ("2023年上半年工作总结（定稿）.docx", "2023年上半年工作总结"),
        ("心得体会 - 副本.docx", "心得体会"),
        ("Copy of 党课讲稿v2.pdf", "党课讲稿"),
        ("支委会会议记录_最终版（1）.doc", "支委会会议记录"),
        ("【修改稿】党课讲稿第三稿.wps", "党课讲稿"),
        ("/档案/待整理/述职报告 copy.txt", "述职报告"),
        ("第一党支部工作计划", "第一党支部工作计划"),
    ],
)
def test_clean_title(name, title):
    assert clean_title(name) == title

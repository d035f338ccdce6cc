"""outline / metrics / classify through the CLI: exact JSON, exit codes, errors."""

import json

import pytest
from builders import write_docx, write_text
from click.testing import CliRunner

from dj_archive.cli import cli
from dj_archive.understand import Classifier

SUMMARY = (
    "机关第二党支部2023年上半年党建工作总结\n"
    "一、上半年工作情况\n"
    "（一）抓实理论学习。组织集中学习6次，开展志愿服务10余次。\n"
    "（二）规范组织生活。召开支委会6次，党员大会2次。支部共有党员21名。\n"
    "二、存在的问题\n"
    "一是学习不够深入。\n"
    "三、下一步工作打算\n"
    "计划召开支委会6次。\n"
    "机关第二党支部\n"
    "2023年7月5日\n"
)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def summary(tmp_path):
    return write_text(tmp_path / "总结终稿(2).txt", SUMMARY, encoding="gbk")


def test_outline_json(summary):
    r = run("outline", summary, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {
        "period": "2023H1",
        "date": "2023-07-05",
        "headings": [
            {"level": 1, "number": "一、", "text": "上半年工作情况"},
            {"level": 2, "number": "（一）", "text": "抓实理论学习"},
            {"level": 2, "number": "（二）", "text": "规范组织生活"},
            {"level": 1, "number": "二、", "text": "存在的问题"},
            {"level": 1, "number": "三、", "text": "下一步工作打算"},
        ],
        "parts": {"work": "上半年工作情况", "problems": "存在的问题", "next": "下一步工作打算"},
    }


def test_outline_text(summary):
    r = run("outline", summary, "--format", "text")
    assert r.exit_code == 0
    assert r.stdout == (
        "period: 2023H1\ndate: 2023-07-05\n一、上半年工作情况  [work]\n  （一）抓实理论学习\n  （二）规范组织生活\n"
        "二、存在的问题  [problems]\n三、下一步工作打算  [next]\n"
    )


def test_outline_of_a_docx(tmp_path):
    path = write_docx(
        tmp_path / "计划.docx", ["第三党支部2024年工作计划", "一、指导思想", "二、主要任务", "2023年12月20日"]
    )
    r = run("outline", path)
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert (data["period"], data["date"], [h["text"] for h in data["headings"]]) == (
        "2024",
        "2023-12-20",
        ["指导思想", "主要任务"],
    )


def test_outline_unreadable_file(tmp_path):
    bad = tmp_path / "扫描件.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    r = run("outline", bad)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {bad}: ")
    assert r.stdout == ""


def test_metrics_json_reports_bad_files_and_still_prints_good_ones(summary, tmp_path):
    missing = tmp_path / "不存在.txt"
    r = run("metrics", summary, missing)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {missing}: ")
    sentence1 = "组织集中学习6次，开展志愿服务10余次。"
    sentence2 = "召开支委会6次，党员大会2次。"
    f = str(summary)
    assert json.loads(r.stdout) == {
        "metrics": [
            {"file": f, "indicator": "集中学习", "activity": "组织集中学习", "count": 6, "unit": "次", "approx": False, "kind": "work", "confidence": 0.9, "sentence": sentence1},
            {"file": f, "indicator": "志愿服务", "activity": "开展志愿服务", "count": 10, "unit": "次", "approx": True, "kind": "work", "confidence": 0.9, "sentence": sentence1},
            {"file": f, "indicator": "支委会", "activity": "召开支委会", "count": 6, "unit": "次", "approx": False, "kind": "work", "confidence": 0.9, "sentence": sentence2},
            {"file": f, "indicator": "党员大会", "activity": "党员大会", "count": 2, "unit": "次", "approx": False, "kind": "work", "confidence": 0.85, "sentence": sentence2},
        ]
    }  # fmt: skip


def test_metrics_unmapped_activity_has_null_indicator(tmp_path):
    path = write_text(tmp_path / "a.txt", "建立党员示范岗3个。", encoding="utf-8")
    r = run("metrics", path)
    assert r.exit_code == 0
    assert json.loads(r.stdout)["metrics"][0]["indicator"] is None


def test_metrics_csv_and_table(summary):
    r = run("metrics", summary, "--format", "csv")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "file,indicator,activity,count,unit,approx,kind,confidence,sentence"
    assert lines[1] == f"{summary},集中学习,组织集中学习,6,次,False,work,0.9,组织集中学习6次，开展志愿服务10余次。"
    assert len(lines) == 5
    t = run("metrics", summary, "--format", "table")
    assert t.exit_code == 0
    assert t.stdout.splitlines()[0].split() == [
        "file",
        "indicator",
        "activity",
        "count",
        "unit",
        "approx",
        "kind",
        "confidence",
        "sentence",
    ]


def test_metrics_kinds_adds_state_figures_and_rejects_unknown_kinds(tmp_path):
    path = write_text(
        tmp_path / "a.txt", "支部现有党员23名。上半年召开支委会6次。计划下半年召开支委会6次。", encoding="utf-8"
    )
    r = run("metrics", path)
    assert [(m["kind"], m["count"]) for m in json.loads(r.stdout)["metrics"]] == [("work", 6)]
    r = run("metrics", path, "--kinds", "work,state")
    assert [(m["kind"], m["activity"], m["count"]) for m in json.loads(r.stdout)["metrics"]] == [
        ("state", "支部现有党员", 23),
        ("work", "召开支委会", 6),
    ]
    r = run("metrics", path, "--kinds", "work,bogus")
    assert r.exit_code == 1 and "bogus" in r.stderr and "--kinds work,state" in r.stderr


def test_classify_json(summary, tmp_path):
    other = write_text(tmp_path / "心得.md", "# 学习二十大精神心得体会\n\n作为一名党员……\n", encoding="utf-8")
    r = run("classify", summary, other, tmp_path / "missing.docx")
    assert r.exit_code == 1
    assert "Error: " in r.stderr
    clf = Classifier()
    p1 = clf.predict(SUMMARY, title="总结终稿(2)")
    p2 = clf.predict(other.read_text(encoding="utf-8"), title="心得")
    assert json.loads(r.stdout) == {
        "results": [
            {"file": str(summary), "category": p1.category, "confidence": p1.confidence, "doc_type": "工作总结"},
            {"file": str(other), "category": p2.category, "confidence": p2.confidence, "doc_type": "心得体会"},
        ]
    }
    assert p1.category != p2.category


def test_classify_uses_the_archives_taxonomy_and_filed_documents(tmp_path):
    root = tmp_path / "档案"
    (root).mkdir()
    (root / "fonds.yml").write_text(
        "fonds_id: D009\nfonds_name: 测试党总支\norgs: [{name: 第一党支部}]\n"
        "taxonomy:\n  categories:\n    - {code: WS, name: 文书类, keywords: [总结]}\n    - {code: KJ, name: 科技类}\n",
        encoding="utf-8",
    )
    write_text(
        root / "KJ_科技类/2023/2023-01-01_档案数字化扫描报告.txt", "数字化扫描一千卷，扫描图像清晰。", encoding="utf-8"
    )
    write_text(
        root / "KJ_科技类/2023/2023-02-01_扫描质量检查.txt", "扫描质量检查合格，数字化成果挂接。", encoding="utf-8"
    )
    doc = write_text(tmp_path / "新文件.txt", "关于数字化扫描进度的说明\n本月扫描八百卷。", encoding="utf-8")
    r = run("classify", doc, "--archive", root, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["results"][0]["category"] == "KJ"
    t = run("classify", doc, "--archive", root, "--format", "table")
    assert t.stdout.splitlines()[0].split() == ["file", "category", "confidence", "doc_type"]


def test_classify_missing_archive_is_an_error(tmp_path):
    r = run("classify", tmp_path / "x.txt", "--archive", tmp_path / "nowhere")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: archive folder not found")

"""Filing loose files: plan first, copy under the convention, never overwrite, index."""

import json

from builders import write_docx, write_text
from click.testing import CliRunner
from conftest import tree_fingerprint

from dj_archive.cli import cli
from dj_archive.errors import UnknownOrg

SUMMARY = [
    "机关第一党支部2024年上半年党建工作总结",
    "上半年共召开支委会6次，开展主题党日活动3次。",
    "机关第一党支部",
    "二〇二四年七月八日",
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_dry_run_then_file_then_duplicate(small_archive, tmp_path):
    run("index", "--archive", small_archive)
    inbox = tmp_path / "U盘"
    src = write_docx(inbox / "总结终稿(2).docx", SUMMARY)
    src_before = tree_fingerprint(inbox)
    arc_before = tree_fingerprint(small_archive)

    r = run("file", src, "--archive", small_archive, "--dry-run", "--format", "json")
    assert r.exit_code == 0, r.output
    plan = json.loads(r.stdout)["files"][0]
    target = "ZH_综合类/2024/2024-07-08_机关第一党支部2024年上半年党建工作总结.docx"
    assert (plan["target"], plan["status"], plan["category"], plan["doc_type"], plan["org"], plan["date_source"]) == (
        target,
        "planned",
        "ZH",
        "工作总结",
        "机关第一党支部",
        "正文落款",
    )
    assert tree_fingerprint(small_archive) == arc_before  # dry run changed nothing

    r = run("file", src, "--archive", small_archive)
    assert r.exit_code == 0, r.output
    assert r.output.startswith(f"filed: {src} → {target}  [ZH (")
    assert (small_archive / target).read_bytes() == src.read_bytes()
    assert tree_fingerprint(inbox) == src_before  # the source is untouched
    hits = json.loads(run("search", "主题党日活动3次", "--archive", small_archive, "--format", "json").stdout)
    assert [h["path"] for h in hits["hits"]] == [target]
    assert hits["hits"][0]["org"] == "机关第一党支部"

    r = run("file", src, "--archive", small_archive)
    assert r.exit_code == 0  # reported, not an error
    assert r.output == f"duplicate: {src}: already in the archive as {target}\n"


def test_a_name_clash_gets_a_number_not_an_overwrite(small_archive, tmp_path):
    run("index", "--archive", small_archive)
    a = write_docx(tmp_path / "a" / "总结.docx", SUMMARY)
    b = write_docx(tmp_path / "b" / "总结 - 副本.docx", SUMMARY + ["补充：另一版本。"])
    r = run("file", a, b, "--archive", small_archive, "--format", "json")
    assert r.exit_code == 0, r.output
    targets = [f["target"] for f in json.loads(r.stdout)["files"]]
    assert targets == [
        "ZH_综合类/2024/2024-07-08_机关第一党支部2024年上半年党建工作总结.docx",
        "ZH_综合类/2024/2024-07-08_机关第一党支部2024年上半年党建工作总结_2.docx",
    ]


def test_given_category_and_org_and_bad_input(small_archive, tmp_path):
    note = write_text(tmp_path / "会议记录 扫描前整理.txt", "研究党费收缴事宜。", "gbk")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    r = run("file", note, empty, "--archive", small_archive, "--category", "SH", "--org", "一支部", "--format", "json")
    assert r.exit_code == 1
    files = json.loads(r.stdout)["files"]
    assert files[0]["status"] == "filed" and files[0]["target"].startswith("SH_组织生活类/")
    assert files[0]["org"] == "机关第一党支部" and files[0]["date_source"] == "文件修改时间"
    assert files[1] == {**files[1], "status": "failed", "reason": "empty file (0 bytes)"}
    r = run("file", note, "--archive", small_archive, "--category", "XX9")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: unknown category 'XX9'; the archive's categories are ZH, ZZ, SH, XX, FZ, LZ")
    r = run("file", note, "--archive", small_archive, "--org", "第九支部")
    assert r.exit_code == 1
    assert (
        r.stderr == "Error: unknown org '第九支部'; known: 机关第一党支部, 离退休干部党支部\n" + UnknownOrg.hint + "\n"
    )

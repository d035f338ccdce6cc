"""Personal data is found and masked; exports can't run formulas."""

import csv
import io
import json

import pytest
from builders import write_text
from click.testing import CliRunner
from conftest import FONDS

from dj_archive.cli import cli
from dj_archive.pii import _id_ok, _luhn_ok, find_pii, mask_pii

ID_OK = "11010519491231002X"  # the GB 11643 example number, valid checksum
ID_BAD = "110105194912310021"
CARD = "6222021234567890128"


def test_checksums():
    assert _id_ok(ID_OK) and not _id_ok(ID_BAD)
    assert _luhn_ok(CARD) and not _luhn_ok("6222021234567890127")


def test_find_and_mask_keep_length():
    text = f"王晓明，身份证号{ID_OK}，手机13912345678，工资卡{CARD}；另有编号{ID_BAD}、2023年第3次会议。"
    kinds = [(p["kind"], p["value"]) for p in find_pii(text)]
    assert kinds == [("身份证号", ID_OK), ("手机号", "13912345678"), ("银行卡号", CARD)]
    masked = mask_pii(text)
    assert len(masked) == len(text)
    assert "110***********002X" in masked and "139****5678" in masked and "622************0128" in masked
    assert ID_BAD in masked  # not a valid ID number: left alone


@pytest.fixture
def pii_archive(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    write_text(
        root / "FZ_发展党员类/2023/2023-05-01_机关第一党支部入党积极分子登记表.txt",
        f"入党积极分子：王晓明\n身份证号：{ID_OK}\n联系电话：13912345678\n",
        "utf-8",
    )
    write_text(root / "ZH_综合类/2023/2023-06-01_=HYPERLINK(恶意)工作总结.txt", "上半年共召开支委会6次。\n", "utf-8")
    CliRunner().invoke(cli, ["index", "--archive", str(root)])
    return root


def test_pii_command_lists_the_document(pii_archive):
    r = CliRunner().invoke(cli, ["pii", "--archive", str(pii_archive), "--format", "json"])
    assert r.exit_code == 0
    docs = json.loads(r.stdout)["documents"]
    assert [(d["title"], d["kind"], d["count"]) for d in docs] == [
        ("机关第一党支部入党积极分子登记表", "身份证号", 1),
        ("机关第一党支部入党积极分子登记表", "手机号", 1),
    ]


def test_search_and_show_mask_on_request(pii_archive):
    args = ["search", "身份证号", "--archive", str(pii_archive), "--format", "json"]
    plain = json.loads(CliRunner().invoke(cli, args).stdout)["hits"][0]["snippet"]
    masked = json.loads(CliRunner().invoke(cli, args + ["--mask-pii"]).stdout)["hits"][0]["snippet"]
    assert ID_OK in plain and ID_OK not in masked and "110***********002X" in masked
    doc_id = json.loads(CliRunner().invoke(cli, args).stdout)["hits"][0]["id"]
    shown = CliRunner().invoke(cli, ["show", doc_id, "--archive", str(pii_archive), "--mask-pii"]).stdout
    assert "13912345678" not in shown and "139****5678" in shown


def test_csv_search_export_cannot_run_formulas(pii_archive):
    r = CliRunner().invoke(cli, ["search", "支委会", "--archive", str(pii_archive), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["title"] == "'=HYPERLINK(恶意)工作总结"

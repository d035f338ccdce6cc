"""Filing never leaves a truncated copy, filed-but-not-indexed is reported
(not raised), and duplicates are found in the target folder even when the index lags."""

import errno
import json
import os

import pytest
from builders import write_docx
from click.testing import CliRunner

import dj_archive.filing as filing
from dj_archive import open_archive
from dj_archive.archive import Archive
from dj_archive.cli import cli
from dj_archive.errors import IndexLocked

SUMMARY = [
    "机关第一党支部2024年上半年党建工作总结",
    "上半年共召开支委会6次，开展主题党日活动3次。",
    "机关第一党支部",
    "二〇二四年七月八日",
]
TARGET = "ZH_综合类/2024/2024-07-08_机关第一党支部2024年上半年党建工作总结.docx"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _all_files(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def summary(tmp_path):
    return write_docx(tmp_path / "U盘" / "总结终稿(2).docx", SUMMARY)


# --- (a) no truncated copies -----------------------------------------------------------------


def test_a_copy_that_fails_midway_leaves_nothing(small_archive, summary, monkeypatch):
    def disk_full(src, out, *args):
        out.write(src.read(100))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(filing.shutil, "copyfileobj", disk_full)
    report = filing.file_documents(open_archive(small_archive), [summary], category="ZH", index=False)
    plan = report.plans[0]
    assert (plan.status, plan.reason) == ("failed", "cannot copy: No space left on device")
    assert _all_files(small_archive / "ZH_综合类/2024") == []  # neither the target nor a temporary file


def test_a_copy_that_differs_from_the_source_is_not_filed(small_archive, summary, monkeypatch):
    def short_write(src, out, *args):
        out.write(src.read()[:-10])  # silently short, as a failing USB stick can be

    monkeypatch.setattr(filing.shutil, "copyfileobj", short_write)
    report = filing.file_documents(open_archive(small_archive), [summary], category="ZH", index=False)
    plan = report.plans[0]
    assert plan.status == "failed"
    assert plan.reason.startswith("the copy does not match the source") and "\n" not in plan.reason
    assert _all_files(small_archive / "ZH_综合类/2024") == []


def test_a_source_changed_after_planning_is_not_filed(small_archive, summary, monkeypatch):
    plan_filing = filing.plan_filing

    def plan_then_edit(*args, **kwargs):
        plans = plan_filing(*args, **kwargs)
        write_docx(summary, SUMMARY + ["在计划之后改过。"])
        return plans

    monkeypatch.setattr(filing, "plan_filing", plan_then_edit)
    report = filing.file_documents(open_archive(small_archive), [summary], category="ZH", index=False)
    assert report.plans[0].status == "failed"
    assert _all_files(small_archive / "ZH_综合类/2024") == []


def test_filed_copy_is_complete_with_the_source_times_and_no_leftovers(small_archive, summary):
    os.utime(summary, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    report = filing.file_documents(open_archive(small_archive), [summary], category="ZH", index=False)
    assert (report.plans[0].status, report.plans[0].target) == ("filed", TARGET)
    assert (small_archive / TARGET).read_bytes() == summary.read_bytes()
    assert (small_archive / TARGET).stat().st_mtime_ns == 1_700_000_000_000_000_000
    assert _all_files(small_archive / "ZH_综合类/2024") == [TARGET.rsplit("/", 1)[1]]
    assert os.stat(small_archive / TARGET).st_nlink == 1  # the temporary name is gone


def test_without_hard_links_the_copy_is_renamed_into_place(small_archive, summary, monkeypatch):
    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(filing.os, "link", no_links)
    report = filing.file_documents(open_archive(small_archive), [summary], category="ZH", index=False)
    assert report.plans[0].status == "filed"
    assert (small_archive / TARGET).read_bytes() == summary.read_bytes()
    assert _all_files(small_archive / "ZH_综合类/2024") == [TARGET.rsplit("/", 1)[1]]


def test_a_target_that_appears_meanwhile_is_never_overwritten(small_archive, summary, monkeypatch):
    plan_filing = filing.plan_filing

    def plan_then_race(*args, **kwargs):
        plans = plan_filing(*args, **kwargs)
        (small_archive / TARGET).parent.mkdir(parents=True, exist_ok=True)
        (small_archive / TARGET).write_bytes(b"someone else's document")
        return plans

    monkeypatch.setattr(filing, "plan_filing", plan_then_race)
    report = filing.file_documents(open_archive(small_archive), [summary], category="ZH", index=False)
    assert (report.plans[0].status, report.plans[0].target) == ("filed", TARGET.replace(".docx", "_2.docx"))
    assert (small_archive / TARGET).read_bytes() == b"someone else's document"
    assert (small_archive / TARGET.replace(".docx", "_2.docx")).read_bytes() == summary.read_bytes()


def test_the_same_document_appearing_meanwhile_is_a_duplicate(small_archive, summary, monkeypatch):
    plan_filing = filing.plan_filing

    def plan_then_race(*args, **kwargs):
        plans = plan_filing(*args, **kwargs)
        (small_archive / TARGET).parent.mkdir(parents=True, exist_ok=True)
        (small_archive / TARGET).write_bytes(summary.read_bytes())
        return plans

    monkeypatch.setattr(filing, "plan_filing", plan_then_race)
    report = filing.file_documents(open_archive(small_archive), [summary], category="ZH", index=False)
    assert (report.plans[0].status, report.plans[0].reason) == ("duplicate", f"already in the archive as {TARGET}")
    assert _all_files(small_archive / "ZH_综合类/2024") == [TARGET.rsplit("/", 1)[1]]


# --- (b) filed but not indexed ---------------------------------------------------------------


def _locked(self, *args, **kwargs):
    raise IndexLocked(f"another indexer is writing {self.db_path}")


def test_index_failure_after_filing_is_reported_not_raised(small_archive, summary, monkeypatch):
    monkeypatch.setattr(Archive, "index", _locked)
    report = filing.file_documents(open_archive(small_archive), [summary], category="ZH")
    assert report.plans[0].status == "filed"
    assert (small_archive / TARGET).read_bytes() == summary.read_bytes()
    assert report.index_error.startswith("another indexer is writing ")
    assert report.to_dict()["index_error"] == report.index_error


def test_cli_prints_what_was_filed_then_the_note(small_archive, summary, monkeypatch):
    monkeypatch.setattr(Archive, "index", _locked)
    r = run("file", summary, "--archive", small_archive, "--category", "ZH")
    assert r.exit_code == 1
    assert r.stdout.startswith(f"filed: {summary} → {TARGET}  [ZH, 工作总结, 日期取自正文落款]")
    db = small_archive / ".dj_archive" / "index.sqlite"
    assert r.stderr == f"Note: filed but not indexed: another indexer is writing {db}. Run `dj-archive index`.\n"


def test_cli_json_carries_the_index_error(small_archive, summary, monkeypatch):
    monkeypatch.setattr(Archive, "index", _locked)
    r = run("file", summary, "--archive", small_archive, "--category", "ZH", "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["files"][0]["status"] == "filed"
    assert data["index_error"].startswith("another indexer is writing")
    assert r.stderr.startswith("Note: filed but not indexed: ")


def test_cli_exit_0_when_indexing_works(small_archive, summary):
    r = run("file", summary, "--archive", small_archive, "--category", "ZH")
    assert r.exit_code == 0, r.output
    assert r.stderr == ""


# --- (c) duplicates found in the target folder ---------------------------------------------------


def test_rerun_after_a_failed_index_does_not_file_twice(small_archive, summary, monkeypatch):
    run("index", "--archive", small_archive)
    with monkeypatch.context() as m:
        m.setattr(Archive, "index", _locked)
        assert run("file", summary, "--archive", small_archive).exit_code == 1
    r = run("file", summary, "--archive", small_archive)  # the index does not know the copy yet
    assert r.exit_code == 0, r.output
    assert r.output == f"duplicate: {summary}: already in the archive as {TARGET}\n"
    assert _all_files(small_archive / "ZH_综合类/2024") == [TARGET.rsplit("/", 1)[1]]


def test_same_size_but_different_bytes_is_not_a_duplicate(small_archive, summary):
    folder = small_archive / "ZH_综合类/2024"
    folder.mkdir(parents=True)
    data = summary.read_bytes()
    (folder / "2024-01-01_别的文件.docx").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    (folder / ".隐藏.docx").write_bytes(data)  # hidden files are not the archive's
    report = filing.file_documents(open_archive(small_archive), [summary], category="ZH", index=False)
    assert (report.plans[0].status, report.plans[0].target) == ("filed", TARGET)


def test_same_bytes_under_another_name_in_the_folder_is_a_duplicate(small_archive, summary):
    folder = small_archive / "ZH_综合类/2024"
    folder.mkdir(parents=True)
    (folder / "2024-07-08_旧名字.docx").write_bytes(summary.read_bytes())
    plans = filing.plan_filing(open_archive(small_archive), [summary], category="ZH")
    assert (plans[0].status, plans[0].target) == ("duplicate", "ZH_综合类/2024/2024-07-08_旧名字.docx")

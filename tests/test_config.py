"""Configuration and metadata: fonds.yml types, metadata.csv values,
dates in file names, and overrides feeding what is derived from them."""

import pytest
from builders import write_text

from dj_archive.config import ArchiveConfig, Org, load_config
from dj_archive.errors import ConfigError
from dj_archive.files import parse_path
from dj_archive.metadata import infer_metadata

FONDS_OK = "fonds_id: D099\nfonds_name: 测试党总支\norgs:\n  - name: 机关第一党支部\n    aliases: [一支部]\n  - 离退休干部党支部\n"


def _archive(tmp_path, fonds: str | None = FONDS_OK, sheet: str | None = None):
    root = tmp_path / "archive"
    root.mkdir()
    if fonds is not None:
        (root / "fonds.yml").write_text(fonds, encoding="utf-8")
    if sheet is not None:
        (root / "metadata.csv").write_text(sheet, encoding="utf-8-sig")
    return root


def _config_error(root) -> str:
    with pytest.raises(ConfigError) as e:
        load_config(root)
    msg = str(e.value)
    assert "\n" not in msg
    return msg


def _sheet_problem(root) -> str:
    """The one problem metadata.csv has: reported (the row skipped), not an error."""
    cfg = load_config(root)
    assert len(cfg.metadata_problems) == 1, cfg.metadata_problems
    assert "\n" not in cfg.metadata_problems[0]
    return cfg.metadata_problems[0]


# --- fonds.yml ---------------------------------------------------------------------------


def test_valid_fonds_still_loads(tmp_path):
    cfg = load_config(_archive(tmp_path))
    assert cfg.fonds_id == "D099"
    assert cfg.orgs == [Org("机关第一党支部", ("一支部",)), Org("离退休干部党支部")]


@pytest.mark.parametrize(
    "fonds, expected",
    [
        ("orgs: 机关第一党支部\n", r"fonds\.yml: orgs must be a list"),
        ("orgs: {name: 机关第一党支部}\n", r"fonds\.yml: orgs must be a list"),
        ("orgs:\n  - 123\n", r"fonds\.yml: orgs item 1 needs a name"),
        ("orgs:\n  - name: ''\n", r"fonds\.yml: orgs item 1 needs a name"),
        ("orgs:\n  - name: [a, b]\n", r"fonds\.yml: orgs item 1 needs a name"),
        ("orgs:\n  - aliases: [一支部]\n", r"fonds\.yml: orgs item 1 needs a name"),
        (
            "orgs:\n  - name: 机关第一党支部\n    aliases: 一支部\n",
            r"fonds\.yml: aliases of 机关第一党支部 must be a list",
        ),
        ("orgs:\n  - name: 机关第一党支部\n    aliases: [一支部, '']\n", r"aliases of 机关第一党支部 must be a list"),
        ("orgs:\n  - name: 机关第一党支部\n    aliases: [1]\n", r"aliases of 机关第一党支部 must be a list"),
        ("orgs: [第一党支部, 第一党支部]\n", r"fonds\.yml: the name 第一党支部 is given to two orgs"),
        (
            "orgs:\n  - {name: 机关第一党支部, aliases: [一支部]}\n  - {name: 第一党支部, aliases: [一支部]}\n",
            r"fonds\.yml: the name 一支部 is given to two orgs \(机关第一党支部 and 第一党支部\)",
        ),
    ],
    ids=[
        "orgs-scalar",
        "orgs-mapping",
        "org-number",
        "name-empty",
        "name-list",
        "name-missing",
        "aliases-scalar",
        "alias-empty",
        "alias-number",
        "duplicate-name",
        "duplicate-alias",
    ],
)
def test_malformed_orgs_are_one_line_errors_naming_file_and_key(tmp_path, fonds, expected):
    import re

    assert re.search(expected, _config_error(_archive(tmp_path, fonds)))


def test_a_scalar_alias_no_longer_becomes_one_alias_per_character(tmp_path):
    msg = _config_error(_archive(tmp_path, "orgs:\n  - name: 机关第一党支部\n    aliases: 一支部\n"))
    assert "aliases: [一支部]" in msg


@pytest.mark.parametrize("typed, number", [("0012", "10"), ("12", "12"), ("1.5", "1.5")])
def test_an_unquoted_numeric_fonds_id_must_be_quoted(tmp_path, typed, number):
    root = _archive(tmp_path, f"fonds_id: {typed}\norgs: [某支部]\n")
    msg = _config_error(root)
    assert msg.startswith(f"{root / 'fonds.yml'}: fonds_id must be quoted")
    assert f'fonds_id: "{typed}"' in msg and number in msg


def test_a_quoted_fonds_id_keeps_its_zeros(tmp_path):
    assert load_config(_archive(tmp_path, 'fonds_id: "0012"\n')).fonds_id == "0012"


@pytest.mark.parametrize("fonds", ["orgs: [a, b\nfonds_id: D1\n", "fonds_id: 'D1\n", "a:\n\tb: 1\n", "x: [1, 2]]\n"])
def test_yaml_syntax_errors_are_one_line(tmp_path, fonds):
    root = _archive(tmp_path, fonds)
    msg = _config_error(root)
    assert msg.startswith(f"{root / 'fonds.yml'}: not valid YAML")


def test_yaml_error_says_where(tmp_path):
    msg = _config_error(_archive(tmp_path, "fonds_id: D1\norgs: [a, b\nfonds_name: x\n"))
    assert "line 3" in msg


# --- metadata.csv ----------------------------------------------------------------------------


SHEET_HEAD = "path,title,date,category,retention\n"


@pytest.mark.parametrize(
    "typed", ["2023-01-06", "2023/1/6", "2023.1.6", "2023年1月6日", "20230106", "2023-1-6", " 2023/01/06 "]
)
def test_sheet_dates_are_normalised_to_iso(tmp_path, typed):
    root = _archive(tmp_path, sheet=SHEET_HEAD + f"a/b.txt,,{typed},,\n")
    assert load_config(root).overrides["a/b.txt"]["date"] == "2023-01-06"


@pytest.mark.parametrize("typed", ["2023-02-30", "06/01/2023", "2023年1月", "明年", "2023-01", "2023/1-6"])
def test_bad_sheet_dates_name_the_line(tmp_path, typed):
    root = _archive(tmp_path, sheet=SHEET_HEAD + "a/a.txt,,2023-01-05,,\n" + f"a/b.txt,,{typed},,\n")
    msg = _sheet_problem(root)
    assert msg.startswith(f"{root / 'metadata.csv'}: line 3: date {typed!r} is not a date")


def test_unknown_category_in_the_sheet_names_the_line(tmp_path):
    root = _archive(tmp_path, sheet=SHEET_HEAD + "a/b.txt,,,QQ,\n")
    assert _sheet_problem(root) == (
        f"{root / 'metadata.csv'}: line 2: unknown category 'QQ'; the archive's categories are ZH, ZZ, SH, XX, FZ, LZ; "
        "the row is skipped"
    )


def test_category_by_folder_or_name_is_stored_as_the_code(tmp_path):
    root = _archive(tmp_path, sheet=SHEET_HEAD + "a/b.txt,,,ZH_综合类,\na/c.txt,,,组织生活类,\n")
    over = load_config(root).overrides
    assert (over["a/b.txt"]["category"], over["a/c.txt"]["category"]) == ("ZH", "SH")


def test_category_is_checked_against_the_archives_own_taxonomy(tmp_path):
    fonds = "orgs: [某村党支部]\ntaxonomy:\n  categories:\n    - {code: A, name: 会议类}\n"
    root = _archive(tmp_path, fonds, sheet=SHEET_HEAD + "a/b.txt,,,A,\n")
    assert load_config(root).overrides["a/b.txt"]["category"] == "A"
    (root / "metadata.csv").write_text(SHEET_HEAD + "a/b.txt,,,ZH,\n", encoding="utf-8")
    assert "line 2: unknown category 'ZH'; the archive's categories are A" in _sheet_problem(root)


def test_unknown_retention_names_the_line(tmp_path):
    root = _archive(tmp_path, sheet=SHEET_HEAD + "a/b.txt,,,,永久\na/c.txt,,,,长期\n")
    assert _sheet_problem(root) == (
        f"{root / 'metadata.csv'}: line 3: unknown retention '长期'; use one of 永久, 定期30年, 定期10年; the row is skipped"
    )


def test_retention_code_is_accepted_as_its_name(tmp_path):
    root = _archive(tmp_path, sheet=SHEET_HEAD + "a/b.txt,,,,D30\n")
    assert load_config(root).overrides["a/b.txt"]["retention"] == "定期30年"


def test_rows_for_missing_files_are_kept_and_listed(tmp_path):
    root = _archive(
        tmp_path,
        sheet=SHEET_HEAD + "ZH_综合类/2023/有.txt,新题名,,,\nZH_综合类/2023/没有.txt,别的,,,\n../外面.txt,x,,,\n",
    )
    write_text(root / "ZH_综合类/2023/有.txt", "内容")
    cfg = load_config(root)
    assert set(cfg.overrides) == {"ZH_综合类/2023/有.txt", "ZH_综合类/2023/没有.txt", "../外面.txt"}
    assert cfg.unmatched_overrides == ["ZH_综合类/2023/没有.txt", "../外面.txt"]


# --- dates in file names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, date, title",
    [
        ("2023年12项重点工作清单.docx", None, "2023年12项重点工作清单"),
        ("202312_党费收缴.docx", None, "202312_党费收缴"),
        ("2019101号文件.docx", None, "2019101号文件"),
        ("202307051_记录.docx", None, "202307051_记录"),
        ("20230705记录.docx", None, "20230705记录"),
        ("2023-07.05_总结.docx", None, "2023-07.05_总结"),
        ("2023-13-05_总结.docx", None, "2023-13-05_总结"),
        ("2023-07-05_总结.docx", "2023-07-05", "总结"),
        ("2023.07.05 总结.docx", "2023-07-05", "总结"),
        ("2023_07_05-总结.docx", "2023-07-05", "总结"),
        ("2023-7-5_总结.docx", "2023-07-05", "总结"),
        ("2023年7月5日_支委会.docx", "2023-07-05", "支委会"),
        ("20230705_记录.docx", "2023-07-05", "记录"),
        ("20230705.docx", "2023-07-05", "20230705"),
    ],
)
def test_dates_in_file_names(name, date, title):
    info = parse_path(f"ZH_综合类/2023/{name}")
    assert (info["date"], info["title"]) == (date, title)


def test_a_misread_date_no_longer_sets_the_year():
    info = parse_path("待整理/2019101号文件.docx")
    assert (info["date"], info["year"]) == (None, None)


# --- overrides feed derived metadata ----------------------------------------------------------


def _meta(rel, over, text=""):
    cfg = ArchiveConfig(root=".", orgs=[Org("机关第一党支部", ("一支部",))], overrides={rel: over})
    return infer_metadata(rel, cfg, text)


def test_an_overridden_date_moves_period_and_year():
    rel = "SH_组织生活类/2023/2023-02-14_机关第一党支部支委会会议记录.txt"
    m = _meta(rel, {"date": "2024-09-01"})
    assert (m["date"], m["period"], m["year"]) == ("2024-09-01", "2024H2", 2024)


def test_an_overridden_doc_type_decides_how_the_period_is_found():
    rel = "ZH_综合类/2024/2024-01-10_机关第一党支部2023年工作材料.txt"
    inferred = _meta(rel, {})
    assert (inferred["doc_type"], inferred["period"]) == (None, "2024H1")  # a record: when it happened
    m = _meta(rel, {"doc_type": "工作总结"})
    assert (m["doc_type"], m["period"], m["year"], m["retention"]) == ("工作总结", "2023", 2023, "永久")


def test_an_overridden_period_wins_and_year_follows_it():
    rel = "SH_组织生活类/2023/2023-02-14_机关第一党支部支委会会议记录.txt"
    m = _meta(rel, {"date": "2024-09-01", "period": "2022H2"})
    assert (m["date"], m["period"], m["year"]) == ("2024-09-01", "2022H2", 2022)


def test_overrides_still_win_field_by_field():
    rel = "SH_组织生活类/2023/2023-02-14_机关第一党支部支委会会议记录.txt"
    m = _meta(rel, {"title": "新题名", "category": "ZZ", "org": "离退休干部党支部", "retention": "永久"})
    assert (m["title"], m["category"], m["org"], m["retention"], m["doc_type"]) == (
        "新题名",
        "ZZ",
        "离退休干部党支部",
        "永久",
        "会议记录",
    )

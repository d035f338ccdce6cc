"""Every data file in dj_archive/data/ is read through one loader, and an archive can
replace any of them with its own copy in ``.dj_archive_data/``: one test per file,
each checking the effect where the file is used."""

import pytest

import dj_archive
from dj_archive.analysis.trends import default_theme_terms
from dj_archive.config import load_config
from dj_archive.data import OVERRIDE_DIRNAME, data_files, data_path, load_data
from dj_archive.draft.topics import problem_topic
from dj_archive.errors import ConfigError
from dj_archive.query import parse_query, synonyms_for
from dj_archive.segment import Segmenter, default_segmenter, load_stopwords
from dj_archive.understand.classify import clean_title
from dj_archive.understand.indicators import default_indicators
from dj_archive.understand.metrics import extract_metrics
from dj_archive.understand.outline import parse_outline

#: data file → the test below that overrides it
COVERED = {
    "column_labels.yml",
    "drafting.yml",
    "figure_cues.yml",
    "indicators.yml",
    "outline_parts.yml",
    "problem_topics.yml",
    "stopwords.txt",
    "synonyms.yml",
    "taxonomy.yml",
    "themes.yml",
    "title_noise.txt",
    "userdict.txt",
}


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "arc"
    (root / OVERRIDE_DIRNAME).mkdir(parents=True)
    (root / "fonds.yml").write_text("fonds_id: D001\norgs: [{name: 第一党支部}]\n", encoding="utf-8")
    return root


def own(root, name, text):
    (root / OVERRIDE_DIRNAME / name).write_text(text, encoding="utf-8")


def test_every_data_file_has_an_override_test():
    missing = set(data_files()) - COVERED
    assert not missing, f"add an override test for {sorted(missing)} to {__file__} and list it in COVERED"


def test_without_an_override_the_packaged_file_is_read(archive):
    for name in data_files():
        assert data_path(name, archive) == data_path(name)
        assert data_path(name).parent.name == "data"


def test_unknown_name_and_bad_yaml_are_named_errors(archive):
    with pytest.raises(ConfigError, match="no data file"):
        load_data("nope.yml", archive)
    own(archive, "themes.yml", "themes: [\n")
    with pytest.raises(ConfigError, match=r"themes.yml: not valid YAML at line"):
        load_data("themes.yml", archive)


def test_taxonomy(archive):
    own(archive, "taxonomy.yml", "categories:\n  - {code: AA, name: 甲类, keywords: [甲]}\ndoc_types: []\n")
    assert load_config(archive).taxonomy.codes == ["AA"]
    assert dj_archive.taxonomy.default_taxonomy().codes[0] == "ZH"  # the package's own is untouched


def test_indicators(archive):
    own(archive, "indicators.yml", "indicators:\n  - {name: 义务植树, patterns: [植树], record_title: 植树记录}\n")
    assert default_indicators(archive).names() == ["义务植树"]
    assert default_indicators(archive).match("组织植树") == "义务植树"
    assert "义务植树" not in default_indicators().names()


def test_stopwords(archive):
    own(archive, "stopwords.txt", "# ours\n加强\n")
    assert load_stopwords(archive=archive) == {"加强"}
    assert load_stopwords(["推进"], archive) == {"加强", "推进"}
    assert "坚持" in load_stopwords()


def test_themes(archive):
    own(archive, "themes.yml", "themes:\n  - {year: 2020, term: 乡村振兴}\n")
    assert default_theme_terms(archive) == {2020: "乡村振兴"}
    assert default_theme_terms()[2021] == "党史学习教育"


def test_synonyms(archive):
    own(archive, "synonyms.yml", "groups:\n  - [党建联建, 联建共建]\n")
    assert synonyms_for("党建联建", archive) == ("党建联建", "联建共建")
    assert parse_query("联建共建", archive=archive).terms[0].variants == ("联建共建", "党建联建")
    assert synonyms_for("二十大", archive) == ("二十大",)  # the packaged groups are replaced
    assert "党的二十大" in synonyms_for("二十大")


def test_userdict(archive):
    word = "红色驿站"
    packaged = default_segmenter()
    assert word not in packaged.cut(f"建设{word}服务点")
    own(archive, "userdict.txt", f"{word} 100 n\n")
    seg = Segmenter(archive=archive)
    assert word in seg.cut(f"建设{word}服务点")
    assert seg.name != packaged.name  # an index built with it records another dictionary
    assert word in default_segmenter(archive=archive).cut(f"建设{word}服务点")


def test_figure_cues(archive):
    text = "上半年走访慰问老党员12趟。按旬召开1次碰头会。"
    assert extract_metrics(text, kinds="work,rule")[["count", "unit", "kind"]].values.tolist() == [[1, "次", "work"]]
    cues = load_data("figure_cues.yml")
    cues["units"].append("趟")
    cues["rule"].append("按旬")
    import yaml

    own(archive, "figure_cues.yml", yaml.safe_dump(cues, allow_unicode=True))
    df = extract_metrics(text, archive=archive, kinds="work,rule")
    assert df[["indicator", "count", "unit", "kind"]].values.tolist() == [
        ["走访慰问", 12, "趟", "work"],
        [None, 1, "次", "rule"],
    ]


def test_outline_parts(archive):
    text = "一、主要工作\n开展学习。\n二、短板弱项\n学习不够。\n三、明年思路\n继续努力。"
    assert set(parse_outline(text).parts) == {"work", "problems", "next"}
    own(archive, "outline_parts.yml", "problems: [短板弱项]\nnext: [明年思路]\nwork: [没有这个词]\n")
    parts = parse_outline(text, archive).parts
    assert parts["problems"].heading.text == "短板弱项" and parts["next"].heading.text == "明年思路"
    assert parts["work"].heading.text == "主要工作"  # the sections before the problems are the work


def test_problem_topics(archive):
    text = "办公用房紧张，影响活动开展。"
    assert problem_topic(text) is None
    own(archive, "problem_topics.yml", "阵地建设: [办公用房, 活动场所]\n")
    assert problem_topic(text, archive) == "阵地建设"
    assert problem_topic("三会一课落实不够。", archive) is None  # the packaged topics are replaced


def test_drafting(archive):
    from dj_archive.draft.vocab import drafting_vocabulary

    assert drafting_vocabulary(archive).section_of("走访慰问") == "服务"
    own(
        archive,
        "drafting.yml",
        "sections:\n  关怀: {keywords: [慰问], indicators: [走访慰问], heading: 关心关爱党员}\n",
    )
    v = drafting_vocabulary(archive)
    assert (v.section_of("走访慰问"), v.section_of("支委会"), v.fixed_events) == ("关怀", "关怀", {})


def test_title_noise(archive):
    assert clean_title("支部工作总结_送审版.docx") == "支部工作总结_送审版"
    own(archive, "title_noise.txt", "送审版\n")
    assert clean_title("支部工作总结_送审版.docx", archive) == "支部工作总结"
    assert clean_title("支部工作总结_终稿.docx", archive) == "支部工作总结_终稿"


def test_an_archive_is_indexed_and_searched_with_its_own_files(archive, tmp_path):
    folder = archive / "SH_组织生活类" / "2023"
    folder.mkdir(parents=True)
    (folder / "2023-05-06_第一党支部红色驿站志愿服务记录.txt").write_text(
        "第一党支部在红色驿站开展志愿服务。", encoding="utf-8"
    )
    own(archive, "userdict.txt", "红色驿站 100 n\n")
    own(archive, "synonyms.yml", "groups:\n  - [红色驿站, 党员驿站]\n")
    arc = dj_archive.open_archive(archive, tmp_path / "i.sqlite")
    arc.index(workers=1, progress=False)
    assert arc.search("党员驿站").total == 1  # found through the archive's own synonym


def test_column_labels(archive):
    import pandas as pd

    from dj_archive.analysis import for_reader

    own(archive, "column_labels.yml", "org: 党组织\n")
    frame = pd.DataFrame({"org": ["第一党支部"], "title": ["x"]})
    ours = dj_archive.open_archive(archive, archive.parent / "i.sqlite")
    assert list(for_reader(frame, ours).columns) == ["党组织", "title"]
    assert list(for_reader(frame).columns) == ["支部", "题名"]

"""What the notebooks show: one setup helper, frames a reader can read (Chinese headers,
no raw lists or NaN), an aligned KWIC, integer activity tables with half-year and
annual apart, the draft as HTML with its notes, and the stored notebooks themselves
(declared kernel, no widget state, small images)."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT

from dj_archive import analysis as an
from dj_archive import open_archive

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_open_notebook_archive_indexes_reports_and_sets_the_font(analysis_archive, monkeypatch):
    import matplotlib

    said = []
    monkeypatch.setenv("DJ_ARCHIVE", str(analysis_archive.root))
    monkeypatch.setenv("DJ_ARCHIVE_DB", str(analysis_archive.db_path))
    arc = an.open_notebook_archive("/nonexistent", echo=said.append)
    assert arc.root == analysis_archive.root
    assert re.fullmatch(r"已索引 \d+ 件；无法读取 \d+ 件", said[0])
    assert matplotlib.rcParams["font.sans-serif"][0] == an.use_cjk_font()


def test_for_reader_gives_chinese_headers_and_readable_cells(analysis_archive):
    res = analysis_archive.search("主题教育", limit=None)
    shown = an.for_reader(res.to_frame()[["date", "org", "title", "matched"]])
    assert list(shown.columns) == ["日期", "支部", "题名", "命中表述"]
    assert all(isinstance(v, str) for v in shown["命中表述"])
    peaks = an.for_reader(an.theme_peaks(an.term_frequency(analysis_archive, ["主题教育"])))
    assert not [c for c in peaks.columns if re.search(r"[a-z_]{3,}", str(c))]  # no English header left


def test_loose_file_shows_no_nan_date(tmp_path):
    from builders import write_text

    root = tmp_path / "arc"
    write_text(root / "待整理/总结终稿(2).txt", "主题党日活动安排，主题党日照常开展。\n")
    arc = open_archive(root, tmp_path / "i.sqlite")
    arc.index(progress=False)
    df = an.kwic(arc, "主题党日")
    shown = an.for_reader(df)
    assert set(shown["日期"]) == {"无日期"}
    html = an.kwic_view(df)._repr_html_()
    assert "nan" not in html.lower() and "无日期" in html


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.styles, self.titles = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr":
            self.rows.append([])
            self.styles.append([])
            self.titles.append(a.get("title"))
        elif tag == "td":
            self.rows[-1].append("")
            self.styles[-1].append(a.get("style", ""))

    def handle_data(self, data):
        if self.rows and self.rows[-1] and self.lasttag == "td":
            self.rows[-1][-1] += data


def test_kwic_view_lines_up_left_match_right_with_the_document_as_tooltip(analysis_archive):
    df = an.kwic(analysis_archive, "主题教育", width=6)
    p = _Cells()
    p.feed(an.kwic_view(df)._repr_html_())
    rows = [r for r in p.rows if r]
    assert [r[1] for r in rows] == list(df["match"])
    assert [r[0] for r in rows] == list(df["left"]) and [r[2] for r in rows] == list(df["right"])
    styles = [s for s in p.styles if s]
    assert all(
        "text-align:right" in s[0]
        and "text-align:center" in s[1]
        and "text-align:left" in s[2]
        and all("nowrap" in x for x in s)
        for s in styles
    )
    titles = [t for t in p.titles if t]
    assert len(titles) == len(df) and all(t.startswith(str(title)) for t, title in zip(titles, df["title"]))
    assert not any(path in "".join("".join(r) for r in rows) for path in df["path"])  # no path column
    wide = _Cells()
    wide.feed(an.kwic_view(df, title_column=True)._repr_html_())
    assert [r[3] for r in wide.rows if r] == list(df["title"])


def test_activity_table_keeps_half_years_and_years_apart_as_integers(sample_index):
    arc = open_archive(ROOT / "archive", sample_index)
    series = an.activity_series(arc)
    half = an.activity_table(series, "支委会")
    year = an.activity_table(series, "支委会", annual=True)
    assert all(c.endswith("半年") for c in half.columns) and all(c.endswith("年度") for c in year.columns)
    for t in (half, year):
        assert str(t.dtypes.iloc[0]) == "Int64" and t.index.name == "支部"
    d = series[(series["indicator"] == "支委会") & (series["scope"] == "全年")]
    for r in d.itertuples():
        assert year.loc[r.org, f"{r.period}年度"] == r.count


def test_claimed_vs_recorded_numbers_do_not_overprint_markers(sample_index):
    arc = open_archive(ROOT / "archive", sample_index)
    cvr = an.claimed_vs_recorded(arc)
    fig = an.plot_claimed_vs_recorded(cvr)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from dj_archive.analysis.reconcile import INCONSISTENT

    ax = fig.axes[0]
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    points = [ax.transData.transform((r.recorded, r.claimed)) for r in cvr.itertuples()]
    numbers = [t for t in ax.texts if t.get_text().isdigit()]
    assert len(numbers) == (cvr["status"] == INCONSISTENT).sum() > 0
    for t in numbers:
        box = t.get_window_extent(renderer).expanded(1.0, 1.0)
        assert not any(box.contains(x, y) for x, y in points), t.get_text()
    listing = [t for t in ax.texts if t.get_text().startswith("不一致")][0].get_text()
    assert len(listing.splitlines()) == len(numbers) + 1


def test_draft_renders_for_a_notebook_with_every_note(sample_index):
    from dj_archive.draft import draft

    d = draft(open_archive(ROOT / "archive", sample_index), "2025H1", "机关第一党支部", date="2025-07-05")
    html = d.to_html()
    assert "[^" not in html and d._repr_html_() == html
    refs = set(int(n) for n in re.findall(r'<sup><a href="#djfn-(\d+)"', html))
    notes = set(int(n) for n in re.findall(r'<li id="djfn-(\d+)"', html))
    assert refs == notes == {n.n for n in d.notes} and len(notes) >= 5
    for note in d.notes:
        for s in note.sources:
            assert f"《{s.title}》" in html.replace("&quot;", '"').replace("&#x27;", "'")
    assert "[^1]" in d.to_markdown()  # the .md file keeps its footnotes


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_notebooks_declare_the_project_kernel_and_stay_small(path):
    nb = _nb(path)
    assert nb["metadata"]["kernelspec"]["name"] == "dj_archive"
    assert nb["metadata"]["kernelspec"]["display_name"] == "dj_archive (.venv)"
    assert "widgets" not in nb["metadata"]  # widget state is not committed
    code = [("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "code"]
    assert "an.open_notebook_archive(" in code[0] and "report = " not in code[0]
    for c in nb["cells"]:
        for out in c.get("outputs", []):
            png = out.get("data", {}).get("image/png")
            if png:
                assert len(base64.b64decode(png)) <= 40_000
            text = "".join(out.get("text", ""))
            assert "Noto Sans" not in text and "NaN" not in "".join(out.get("data", {}).get("text/html", ""))

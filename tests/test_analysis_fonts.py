"""Charts draw real Chinese glyphs on a machine without any CJK font installed."""

import logging
import time
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402

from dj_archive.analysis.fonts import PREFERRED_FONTS, bundled_font_path, use_cjk_font  # noqa: E402


def _render_checked(fig, path: Path, caplog):
    """Save ``fig`` and fail on any missing-glyph warning or font-not-found log line."""
    caplog.set_level(logging.DEBUG, logger="matplotlib.font_manager")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(path, format="png")
    glyphs = [str(w.message) for w in caught if "missing" in str(w.message) or "Glyph" in str(w.message)]
    assert glyphs == []
    not_found = [r.getMessage() for r in caplog.records if "not found" in r.getMessage()]
    assert not_found == []
    assert path.stat().st_size > 5000


def test_use_cjk_font_picks_a_cjk_font_and_sets_rcparams():
    name = use_cjk_font()
    assert name in PREFERRED_FONTS
    rc = matplotlib.rcParams
    assert rc["font.sans-serif"][0] == name
    assert rc["font.family"] == ["sans-serif"]
    assert rc["axes.unicode_minus"] is False
    found = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    assert Path(found).is_file()
    assert "simhei" not in Path(found).name.lower()


def test_use_cjk_font_is_idempotent_and_fast():
    first = use_cjk_font()
    matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]  # a notebook resetting rcParams
    t = time.process_time()
    for _ in range(50):
        assert use_cjk_font() == first
    assert time.process_time() - t < 0.5
    assert matplotlib.rcParams["font.sans-serif"][:2] == [first, "DejaVu Sans"]
    assert matplotlib.rcParams["font.sans-serif"].count(first) == 1


def test_the_bundled_font_is_noto_not_simhei():
    path = bundled_font_path()
    assert path is not None and path.name == "NotoSansCJKsc-Regular.otf"
    use_cjk_font()
    ours = [f.fname for f in font_manager.fontManager.ttflist if "mplfonts" in f.fname]
    assert all(Path(f).name == "NotoSansCJKsc-Regular.otf" for f in ours)


def test_chinese_title_labels_ticks_and_legend_render_without_missing_glyphs(tmp_path, caplog):
    from dj_archive.analysis.charts import new_figure

    fig, ax = new_figure()
    ax.plot([0, 1, 2], [3, -1, 4], label="机关第一党支部")
    ax.plot([0, 1, 2], [1, 2, -2], label="離退休幹部黨支部")  # traditional characters too
    ax.set_xticks([0, 1, 2], labels=["2023年上半年", "2023年下半年", "2024年上半年"])
    ax.set_title("主题党日开展情况（次）")
    ax.set_xlabel("半年度")
    ax.set_ylabel("每万字出现次数")
    ax.legend(title="支部")
    out = Path("/tmp/dj_archive_cjk_font_check.png")
    try:
        _render_checked(fig, out, caplog)
    except OSError:  # /tmp not writable: the check itself still runs in tmp_path
        _render_checked(fig, tmp_path / "cjk.png", caplog)

"""A CJK font for matplotlib, so chart titles, labels and legends show real glyphs.

A font already installed on the machine is preferred; otherwise the Noto Sans CJK SC
file shipped by the ``mplfonts`` dependency (SIL Open Font License 1.1) is registered
with matplotlib for this process. Nothing is written to the user's font folders.

>>> name = use_cjk_font()
>>> import matplotlib
>>> matplotlib.rcParams["font.sans-serif"][0] == name, matplotlib.rcParams["axes.unicode_minus"]
(True, False)
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

__all__ = ["use_cjk_font", "PREFERRED_FONTS", "bundled_font_path"]

#: Installed fonts to use if present, best first.
PREFERRED_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)

#: The one file of mplfonts we use. Its SimHei.ttf is deliberately NOT used:
#: that font's licence does not allow redistribution.
_BUNDLED_FILE = "NotoSansCJKsc-Regular.otf"

_lock = threading.Lock()
_chosen: str | None = None


def bundled_font_path() -> Path | None:
    """Path of Noto Sans CJK SC inside the installed ``mplfonts`` package (not imported)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        p = Path(base) / "fonts" / _BUNDLED_FILE
        if p.is_file():
            return p
    return None


def _choose() -> str:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in PREFERRED_FONTS:
        if name in installed:
            return name
    path = bundled_font_path()
    if path is None:
        raise RuntimeError("no CJK font found: install one (e.g. Noto Sans CJK SC) or the mplfonts package")
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def use_cjk_font() -> str:
    """Configure matplotlib to draw Chinese text; returns the font family name used.

    Idempotent and cheap after the first call (the choice is remembered; rcParams are
    re-applied each time in case a notebook reset them).
    """
    global _chosen
    import matplotlib

    with _lock:
        if _chosen is None:
            _chosen = _choose()
        name = _chosen
    rc = matplotlib.rcParams
    rest = [f for f in rc["font.sans-serif"] if f != name]
    rc["font.sans-serif"] = [name, *rest]
    rc["font.family"] = ["sans-serif"]
    rc["axes.unicode_minus"] = False
    return name

"""Locate a CJK font for drawing the scanned page (rasterised, not embedded)."""

import glob
import os


def cjk_font_path():
    cands = []
    try:
        import mplfonts

        base = os.path.join(os.path.dirname(mplfonts.__file__), "fonts")
        cands += [os.path.join(base, "NotoSansCJKsc-Regular.otf"), os.path.join(base, "SourceHanSerifSC-Regular.otf")]
    except ImportError:
        pass
    cands += glob.glob("/usr/share/fonts/**/*CJK*", recursive=True)
    for c in cands:
        if os.path.exists(c):
            return c
    return None

"""Shared chart plumbing: every chart is a closed matplotlib Figure with a CJK font,
a Chinese title, axis labels with units and (where there is more than one series) a
legend. Figures are closed in pyplot right away, so Jupyter shows a returned figure
exactly once and nothing accumulates in memory."""

from __future__ import annotations

import numpy as np

from .fonts import use_cjk_font

__all__ = ["new_figure", "heatmap", "PALETTE"]

#: Colour cycle (matplotlib tab10), fixed so charts look the same everywhere.
PALETTE = (
    "#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip


def new_figure(nrows: int = 1, ncols: int = 1, figsize=(9, 4.8), **kw):
    """(fig, axes) with the CJK font configured; the figure is detached from pyplot."""
    use_cjk_font()
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "dj_archive"  # deterministic SVG ids
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(nrows, ncols, figsize=figsize, squeeze=False, **kw)
    plt.close(fig)
    if nrows == 1 and ncols == 1:
        return fig, axes[0, 0]
    return fig, axes


def heatmap(ax, matrix, row_labels, col_labels, cbar_label: str, fmt: str = "{:g}", cmap: str = "YlOrRd"):
    """Draw ``matrix`` (rows × cols) on ``ax`` with values written in the cells."""
    data = np.asarray(matrix, dtype=float)
    im = ax.imshow(data, aspect="auto", cmap=cmap, vmin=0)
    ax.set_xticks(range(len(col_labels)), labels=[str(c) for c in col_labels])
    ax.set_yticks(range(len(row_labels)), labels=[str(r) for r in row_labels])
    ax.tick_params(axis="x", labelrotation=45 if len(col_labels) > 8 else 0)
    top = np.nanmax(data) if data.size else 0
    if data.size <= 600:
        for i in range(data.shape[0]):
            for j in range(data.shape[1]):
                v = data[i, j]
                if np.isnan(v):
                    continue
                ax.text(
                    j,
                    i,
                    fmt.format(v),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if top and v > 0.6 * top else "black",
                )
    cbar = ax.figure.colorbar(im, ax=ax)
    cbar.set_label(cbar_label)
    return im

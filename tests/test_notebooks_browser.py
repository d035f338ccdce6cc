"""The search notebook as an analyst sees it: JupyterLab in headless Chromium, the
declared dj_archive (.venv) kernel, Run All, and every filter dropdown of the search
panel showing （全部）. Skipped where Chromium is not installed (CI installs it)."""

from __future__ import annotations

import pytest
from conftest import ROOT
from lab_browser import chromium, lab_page, run_all

pytestmark = pytest.mark.skipif(chromium() is None, reason="needs Chromium (apt-get install chromium)")


def test_search_notebook_runs_in_jupyterlab_and_its_dropdowns_show_all(tmp_path):
    from jupyter_client.kernelspec import find_kernel_specs

    # Without it JupyterLab quietly starts python3 and the kernel check below fails obscurely.
    assert "dj_archive" in find_kernel_specs(), (
        "the notebooks' kernel is not installed: run `make kernel` (make test does)"
    )
    with lab_page(ROOT / "notebooks" / "01_search.ipynb") as page:
        assert page.js("window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name") == "dj_archive"
        run_all(page)
        page.wait("document.querySelectorAll('.widget-dropdown select').length >= 4", 30, "search panel shown")
        dropdowns = page.js(
            "Array.from(document.querySelectorAll('.widget-dropdown')).map(d => [d.querySelector('label').textContent,"
            " d.querySelector('select').selectedIndex, d.querySelector('select').selectedIndex >= 0 ?"
            " d.querySelector('select').options[d.querySelector('select').selectedIndex].text : null])"
        )
        assert dropdowns == [
            ["类别", 0, "（全部）"],
            ["年度", 0, "（全部）"],
            ["支部", 0, "（全部）"],
            ["文种", 0, "（全部）"],
        ]
        errors = page.js("document.querySelectorAll('.jp-OutputArea-output[data-mime-type*=\"error\"]').length")
        assert errors == 0
        assert "显示前 8 件，共" in page.js("document.body.innerText")
        page.screenshot(tmp_path / "lab.png")
        assert (tmp_path / "lab.png").stat().st_size > 10_000

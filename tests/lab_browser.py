"""Drive JupyterLab in headless Chromium (Chrome DevTools Protocol over a websocket):
start a Lab server on the notebooks, open one, Run All, then read the page's DOM or
take a screenshot. Used by tests/test_notebooks_browser.py and, by hand, to look at
what an analyst sees:

    .venv/bin/python tests/lab_browser.py notebooks/01_search.ipynb /tmp/01.png
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, timeout: float):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read()
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


class Page:
    """One Chromium tab spoken to over CDP."""

    def __init__(self, ws_url: str):
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.n = 0

    def call(self, method: str, **params):
        self.n += 1
        self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.n:
                if "error" in msg:
                    raise RuntimeError(msg["error"])
                return msg.get("result", {})

    def js(self, expr: str):
        r = self.call("Runtime.evaluate", expression=expr, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(r["exceptionDetails"])
        return r["result"].get("value")

    def wait(self, expr: str, timeout: float = 60, what: str = ""):
        end = time.time() + timeout
        while time.time() < end:
            v = self.js(expr)
            if v:
                return v
            time.sleep(0.25)
        raise TimeoutError(what or expr)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))


@contextmanager
def lab_page(notebook: Path, width: int = 1400, height: int = 2400):
    """JupyterLab on ``notebook``'s folder and a Chromium page showing the notebook."""
    browser = chromium()
    if browser is None:
        raise FileNotFoundError("chromium")
    notebook = Path(notebook).resolve()
    venv_bin = Path(sys.executable).parent
    tmp = Path(tempfile.mkdtemp(prefix="djlab-"))
    port, cdp = _free_port(), _free_port()
    token = "djarchive"
    env = {k: v for k, v in os.environ.items() if k not in ("DJ_ARCHIVE", "DJ_ARCHIVE_DB")}
    env.update(
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "ws"),
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
    )
    lab = [
        str(venv_bin / "jupyter"),
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        f"--ServerApp.root_dir={notebook.parent}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        lab.append("--allow-root")
    server = subprocess.Popen(lab, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    chrome = None
    try:
        _wait_http(f"http://127.0.0.1:{port}/api/status?token={token}", 60)
        url = f"http://127.0.0.1:{port}/lab/tree/{notebook.name}?token={token}&reset"
        chrome = subprocess.Popen(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--remote-debugging-port={cdp}",
                f"--user-data-dir={tmp / 'chrome'}",
                f"--window-size={width},{height}",
                url,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_http(f"http://127.0.0.1:{cdp}/json/version", 30)
        tabs = json.loads(_wait_http(f"http://127.0.0.1:{cdp}/json/list", 10))
        page = Page(next(t for t in tabs if t["type"] == "page")["webSocketDebuggerUrl"])
        page.wait("!!(window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell'))", 90, "notebook shown")
        page.wait(
            "(() => { const w = window.jupyterapp.shell.currentWidget;"
            " return !!(w && w.sessionContext && w.sessionContext.session &&"
            " w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle'); })()",
            90,
            "kernel idle",
        )
        yield page
    finally:
        for p in (chrome, server):
            if p is not None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def run_all(page: Page, timeout: float = 120):
    """Run every cell and wait until each code cell has an execution count."""
    page.js("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait(
        "(() => { const w = window.jupyterapp.shell.currentWidget; const cells = w.content.widgets"
        ".filter(c => c.model.type === 'code'); return cells.length > 0 && cells.every(c =>"
        " c.model.executionCount !== null) && w.sessionContext.session.kernel.status === 'idle'; })()",
        timeout,
        "run all",
    )


if __name__ == "__main__":
    nb, out = Path(sys.argv[1]), sys.argv[2]
    with lab_page(nb) as page:
        run_all(page)
        time.sleep(2)
        page.js("document.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook').forEach(e => e.scrollTop = 0)")
        page.screenshot(out)
        print(
            json.dumps(
                page.js(
                    "Array.from(document.querySelectorAll('.widget-dropdown select')).map(s => "
                    "[s.parentElement.querySelector('label') && s.parentElement.querySelector('label').textContent,"
                    " s.selectedIndex, s.selectedIndex >= 0 ? s.options[s.selectedIndex].text : null])"
                ),
                ensure_ascii=False,
            )
        )

"""Re-run the notebooks and store them the way they are committed (``make notebooks``).

Each notebook in notebooks/ is executed top to bottom with the ``dj_archive`` kernel
(from notebooks/, on the bundled sample archive), then:

- every PNG output is stored downscaled to at most ``--width`` pixels and reduced to a
  64-colour palette: nbval never compares images (it compares text and HTML), so the
  stored charts are only a preview for someone reading the file; a live kernel still
  draws them at full resolution;
- widget state is dropped (it is rebuilt by a live kernel and holds nothing to keep);
- execution timings are dropped from the cell metadata;
- the kernelspec is ``dj_archive (.venv)``, the kernel ``make lab`` installs.

    python scripts/refresh_notebooks.py [notebooks/01_search.ipynb ...]
"""

from __future__ import annotations

import argparse
import base64
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"name": "dj_archive", "display_name": "dj_archive (.venv)", "language": "python"}
MAX_PNG_BYTES = 40_000  # what tests/test_notebooks.py allows per stored image


def shrink_png(data: str, width: int) -> str:
    """A base64 PNG downscaled to ``width`` pixels (if wider) with a 64-colour palette."""
    from PIL import Image

    img = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
    if img.width > width:
        img = img.resize((width, round(img.height * width / img.width)), Image.LANCZOS)
    img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def tidy(nb, width: int = 640):
    """Shrink images, drop widget state, set the kernelspec (in place)."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)  # timings: noise in every diff
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                data["image/png"] = shrink_png(data["image/png"], width)
                out.get("metadata", {}).pop("image/png", None)
    return nb


def main(argv=None):
    import nbformat
    from nbclient import NotebookClient

    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--width", type=int, default=640)
    ap.add_argument("--no-execute", action="store_true", help="only tidy the stored outputs")
    args = ap.parse_args(argv)
    paths = [Path(p) for p in args.paths] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if not args.no_execute:
            NotebookClient(
                nb, kernel_name="dj_archive", timeout=300, resources={"metadata": {"path": str(path.parent)}}
            ).execute()
        tidy(nb, args.width)
        nbformat.write(nb, path)
        print(f"{path.name}: {path.stat().st_size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()

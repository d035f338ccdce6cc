"""OCR accuracy and speed on pages rendered from known text.

    .venv/bin/python bench/ocr_accuracy.py            # 24 pages, 2 worker processes
    .venv/bin/python bench/ocr_accuracy.py --pages 40 --workers 1

Each page holds the text of one sample-archive document (its first 30 wrapped lines),
drawn by the sample generator's scanner (scripts/sample_archive/scanner.py) at 150 or
200 dpi with speckle noise, a skew within ±2° and JPEG quality 60-80. The OCR is
dj_archive's own (readers.ocr.ocr_image, PP-OCRv4 via rapidocr-onnxruntime).

Accuracy is 1 - CER: the character edit distance between the OCR text and the drawn
text, both without whitespace, over the drawn text's length, summed over all pages.
Writes bench/results/ocr_accuracy.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _squash(s: str) -> str:
    return "".join(s.split())


def pages(n: int, seed: int = 12):
    """(page image PNG bytes, drawn text) for n pages of sample documents."""
    import io

    from dj_archive.readers import read_document
    from scripts.sample_archive.scanner import page_lines, scan_page_image

    rng = random.Random(seed)
    docs = sorted((ROOT / "archive").rglob("*.docx"))
    rng.shuffle(docs)
    out = []
    for p in docs[:n]:
        text = read_document(p).text
        lines = page_lines([ln for ln in text.splitlines() if ln.strip()], 36)[:30]
        img, drawn = scan_page_image(lines, rng, dpi=rng.choice([150, 200]))
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        out.append((buf.getvalue(), "\n".join(drawn)))
    return out


def _ocr(png: bytes) -> tuple[str, float]:
    import io

    from PIL import Image

    from dj_archive.readers.ocr import ocr_image

    t = time.perf_counter()
    text, _conf = ocr_image(Image.open(io.BytesIO(png)), threads=1)
    return text, time.perf_counter() - t


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=24)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    data = pages(a.pages)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(a.workers) as pool:
        results = list(pool.map(_ocr, [png for png, _ in data]))
    wall = time.perf_counter() - t0
    errors = chars = 0
    per_page = []
    for (_, truth), (text, secs) in zip(data, results):
        e, n = edit_distance(_squash(text), _squash(truth)), len(_squash(truth))
        errors += e
        chars += n
        per_page.append({"chars": n, "errors": e, "accuracy": round(1 - e / n, 4), "seconds": round(secs, 2)})
    report = {
        "pages": len(data),
        "workers": a.workers,
        "characters": chars,
        "accuracy": round(1 - errors / chars, 4),
        "worst_page_accuracy": min(p["accuracy"] for p in per_page),
        "wall_seconds": round(wall, 1),
        "pages_per_second": round(len(data) / wall, 3),
        "per_page": per_page,
    }
    out = ROOT / "bench" / "results" / "ocr_accuracy.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"OCR accuracy (1-CER) {report['accuracy']:.2%} over {chars} characters on {len(data)} pages "
        f"(worst page {report['worst_page_accuracy']:.2%}); {report['pages_per_second']:.2f} pages/s "
        f"with {a.workers} worker(s), {wall:.0f} s"
    )
    return report


if __name__ == "__main__":
    main()

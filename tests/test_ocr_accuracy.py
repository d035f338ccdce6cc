"""OCR accuracy on ≥20 pages rendered from known sample text with noise, skew within ±2°
and JPEG artefacts (slow: about a minute on 2 cores; run with `pytest -m slow`)."""

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))


@pytest.mark.slow
def test_ocr_character_accuracy_is_at_least_97_percent():
    from ocr_accuracy import main

    report = main(["--pages", "20"])
    assert report["pages"] == 20 and report["characters"] > 8000
    assert report["accuracy"] >= 0.97, report["accuracy"]

"""The bundled sample archive: what summaries claim vs what is filed.

Only the five deliberate discrepancies listed in archive/README.md may differ.
Standalone: does not import dj_archive.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.sample_archive import check  # noqa: E402

ARCHIVE = ROOT / "archive"


def _key(r):
    return (r["org"], r["period"], r["indicator"], r["claimed"], r["filed"])


def test_readme_table_has_five_rows():
    rows = check.readme_table(ARCHIVE / "README.md")
    assert len(rows) == 5
    assert len({(r["org"], r["period"], r["indicator"]) for r in rows}) == 5
    assert len({r["org"] for r in rows}) == 3
    assert len({r["indicator"] for r in rows}) == 5
    for r in rows:
        assert r["claimed"] != r["filed"]


def test_claims_match_records_except_documented():
    rows, mism = check.compare(str(ARCHIVE))
    listed = {_key(r) for r in check.readme_table(ARCHIVE / "README.md")}
    assert {_key(r) for r in mism} == listed


def test_every_summary_states_several_counts():
    rows, _ = check.compare(str(ARCHIVE))
    per = {}
    for r in rows:
        per.setdefault((r["org"], r["period"]), []).append(r)
        assert not isinstance(r["claimed"], list), r  # one figure per indicator
    # 3 branches x (7 half-year + 6 annual summaries)
    assert len(per) == 39
    for k, v in per.items():
        assert 5 <= len(v) <= 10, (k, len(v))

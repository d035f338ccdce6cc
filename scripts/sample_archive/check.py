"""Re-count an archive's record files and compare them with what its
summaries claim ("总结所称 vs 档案所载").

    python -m scripts.sample_archive check [--archive archive] [--readme archive/README.md]

Standalone: needs only the standard library (+ pypdf for PDF summaries); it
does not import dj_archive.  Exit status 0 when the mismatches found are
exactly the ones listed in the README's discrepancy table.
"""

import argparse
import os
import re
import sys
import zipfile

try:  # run as part of the package or as a plain script
    from .rules import indicator_of, is_summary, parse_claims, period_of_date, summary_period
except ImportError:  # pragma: no cover
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from rules import indicator_of, is_summary, parse_claims, period_of_date, summary_period

NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})_(.+)\.(docx|txt|md|pdf|doc|wps|rtf)$")  # records; photos and 台账 are not
README_HEADER = "## 有意设置的不一致（用于“总结所称 vs 档案所载”核对）"


def load_orgs(archive):
    """Branch names from fonds.yml (a tiny parser: '- name: X')."""
    names = []
    path = os.path.join(archive, "fonds.yml")
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*-\s*name:\s*(\S+)", line)
            if m:
                names.append(m.group(1))
    # longest first, so 机关第一党支部 wins over a shorter name inside it
    return sorted(names, key=len, reverse=True)


def org_of(title, orgs):
    for o in orgs:
        if o in title:
            return o
    return None


def read_text(path):
    ext = path.rsplit(".", 1)[-1].lower()
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        paras = re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S)
        out = []
        for p in paras:
            out.append("".join(re.findall(r"<w:t[^>]*>(.*?)</w:t>", p, flags=re.S)))
        text = "\n".join(out)
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    if ext == "txt":
        raw = open(path, "rb").read()
        for enc in ("utf-8", "gbk"):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                pass
        return raw.decode("gbk", "replace")
    if ext == "md":
        return open(path, encoding="utf-8").read()
    if ext == "pdf":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)
    return ""


def scan(archive):
    """(records, summaries): records = [(org, date, indicator, relpath)], summaries = [(org, period, path)]."""
    orgs = load_orgs(archive)
    records, summaries = [], []
    for root, dirs, files in os.walk(archive):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_root = os.path.relpath(root, archive)
        parts = rel_root.split(os.sep)
        if len(parts) != 2 or not re.match(r"^[A-Z]{2}_", parts[0]):
            continue
        for fn in sorted(files):
            m = NAME_RE.match(fn)
            if not m:
                continue
            date, title = m.group(1), m.group(2)
            org = org_of(title, orgs)
            if org is None:
                continue
            path = os.path.join(root, fn)
            if is_summary(title):
                per = summary_period(title)
                if per:
                    summaries.append((org, per, path))
                continue
            ind = indicator_of(title)
            if ind:
                records.append((org, date, ind, os.path.relpath(path, archive)))
    return records, summaries


def compare(archive):
    """All claims with their recounts: list of dicts, plus the mismatches."""
    records, summaries = scan(archive)
    counts = {}
    for org, date, ind, _ in records:
        half, year = period_of_date(date)
        for per in (half, year):
            counts[(org, per, ind)] = counts.get((org, per, ind), 0) + 1
    rows = []
    for org, per, path in summaries:
        claims = parse_claims(read_text(path))
        for ind, vals in claims.items():
            vals = sorted(set(vals))
            filed = counts.get((org, per, ind), 0)
            rows.append(
                dict(
                    org=org,
                    period=per,
                    indicator=ind,
                    claimed=vals[0] if len(vals) == 1 else vals,
                    filed=filed,
                    path=os.path.relpath(path, archive),
                )
            )
    mism = [r for r in rows if r["claimed"] != r["filed"]]
    return rows, mism


def readme_table(readme):
    """Rows of the discrepancy table in README.md."""
    text = open(readme, encoding="utf-8").read()
    i = text.index(README_HEADER)
    rows = []
    started = False
    for line in text[i:].splitlines()[1:]:
        if line.startswith("## "):
            break
        if not line.startswith("|"):
            if started:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "支部":
            assert cells == ["支部", "期间", "指标", "总结所称", "档案所载", "说明"], cells
            started = True
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        rows.append(
            dict(
                org=cells[0],
                period=cells[1],
                indicator=cells[2],
                claimed=int(cells[3]),
                filed=int(cells[4]),
                note=cells[5],
            )
        )
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(prog="check", description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    default_archive = os.path.normpath(os.path.join(here, "..", "..", "archive"))
    ap.add_argument("--archive", default=default_archive)
    ap.add_argument("--readme", default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    readme = a.readme or os.path.join(a.archive, "README.md")
    rows, mism = compare(a.archive)
    print(f"{len(rows)} claims checked in {len({(r['org'], r['period']) for r in rows})} summaries")
    if a.verbose:
        for r in rows:
            print(f"  {r['org']} {r['period']} {r['indicator']}: 称{r['claimed']} 载{r['filed']}")
    print(f"{len(mism)} mismatches:")
    for r in mism:
        print(
            f"  {r['org']}\t{r['period']}\t{r['indicator']}\t总结所称 {r['claimed']}\t档案所载 {r['filed']}\t({r['path']})"
        )
    ok = True
    if os.path.exists(readme):
        listed = readme_table(readme)
        key = lambda r: (r["org"], r["period"], r["indicator"], r["claimed"], r["filed"])  # noqa: E731
        found = {key(r) for r in mism}
        want = {key(r) for r in listed}
        if found != want:
            ok = False
            print("NOT as documented in README:")
            for k in sorted(found - want):
                print("  unexpected:", k)
            for k in sorted(want - found):
                print("  missing:   ", k)
        else:
            print(f"matches the {len(want)} discrepancies documented in {readme}")
    else:
        print(f"(no {readme}; nothing to compare with)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

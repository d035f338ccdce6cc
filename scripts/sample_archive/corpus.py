"""The scale corpus: N documents in the sample archive's layout and format mix,
written from the same plans, pools and structures, spread over as many
branches as needed (groups of three branches like the sample's).

    make_corpus(out_dir, n, seed=1) -> number of documents written
"""

import os
import shutil

from .model import cn_num, seeded

MARKER = ".dj_sample_corpus"
LONG = 1400
_HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_ARCHIVE = os.path.normpath(os.path.join(_HERE, "..", "..", "archive"))


class RefusedOutputDir(ValueError):
    """The output folder is the bundled sample archive, or holds files we did not write."""


def _cn(n):
    if n < 100:
        return cn_num(n)
    h, r = divmod(n, 100)
    if r == 0:
        return cn_num(h) + "百"
    return cn_num(h) + "百" + ("零" if r < 10 else "") + (cn_num(r) if r >= 10 else cn_num(r))


def _check_out(out_dir):
    real = os.path.realpath(out_dir)
    sample = os.path.realpath(SAMPLE_ARCHIVE)
    if real == sample or real.startswith(sample + os.sep):
        raise RefusedOutputDir(
            f"refusing to write a corpus into the sample archive folder {sample}; choose another --out"
        )
    fonds = os.path.join(real, "fonds.yml")
    if os.path.exists(fonds):
        with open(fonds, encoding="utf-8") as f:
            if "fonds_id: D001" in f.read() and not os.path.exists(os.path.join(real, MARKER)):
                raise RefusedOutputDir(
                    f"{out_dir} looks like the sample archive (fonds D001); refusing to overwrite it"
                )
    if os.path.isdir(real) and os.listdir(real) and not os.path.exists(os.path.join(real, MARKER)):
        raise RefusedOutputDir(
            f"{out_dir} is not empty and was not written by this generator; refusing to write into it"
        )


def group_specs(g):
    """Three branches of group g (0-based): business, service, retired."""
    return [
        (f"G{g}B", f"机关第{_cn(2 * g + 1)}党支部", "business", 20),
        (f"G{g}S", f"机关第{_cn(2 * g + 2)}党支部", "service", 15),
        (f"G{g}R", f"离退休干部第{_cn(g + 1)}党支部", "retired", 30),
    ]


def plan_group(g, seed):
    from .build import assign_formats, compose, plan_orgs

    specs = group_specs(g)
    gseed = f"{seed}/corpus/{g}"
    orgs, recs_by_org, all_recs, _ = plan_orgs(specs, gseed, discrepancies=())
    assign_formats(all_recs, gseed, pdf_picks=())
    rng = seeded(gseed, "pdf")
    for r in sorted(all_recs, key=lambda r: (r.org.key, r.date, r.title)):
        if r.fmt == "docx" and r.kind in ("zd", "zrs", "fz_js", "dk", "dsj", "zc", "szbg") and rng.random() < 0.08:
            r.fmt = "pdf"
    for org in orgs:
        for r in recs_by_org[org.key]:
            compose(r, seeded(gseed, "compose", org.key, r.kind, r.date.isoformat(), r.title), recs_by_org[org.key])
    # the corpus leans towards the longer genres (a scale test wants volume):
    # short documents are kept with a probability that grows with their length
    from .writers import plain_text

    keep = seeded(gseed, "keep")
    out = []
    for r in sorted(all_recs, key=lambda r: (r.date, r.org.key, r.title)):
        n = len(plain_text(r.blocks))
        if keep.random() < min(1.0, (n + 150) / LONG):
            out.append(r)
    return orgs, out


def make_corpus(out_dir, n, seed=1, rich=5):
    """Write n documents under out_dir; return n.

    Refuses the bundled sample archive (and any non-empty folder it did not
    write itself).  Deterministic for a given (n, seed).
    """
    from .build import rel_path, render
    from .ctx import RICH

    if n < 0:
        raise ValueError("n must be >= 0")
    _check_out(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    for d in os.listdir(out_dir):
        p = os.path.join(out_dir, d)
        if os.path.isdir(p) and (d[:3] in ("ZH_", "ZZ_", "SH_", "XX_", "FZ_", "LZ_")):
            shutil.rmtree(p)
    with open(os.path.join(out_dir, MARKER), "w") as f:
        f.write("written by scripts.sample_archive corpus\n")
    old = RICH["level"]
    RICH["level"] = rich
    names = []
    written = 0
    g = 0
    try:
        while written < n:
            orgs, recs = plan_group(g, seed)
            names += [o.name for o in orgs]
            recs.sort(key=lambda r: (r.date, r.org.key, r.title))
            for r in recs:
                if written >= n:
                    break
                path = os.path.join(out_dir, rel_path(r))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as f:
                    f.write(render(r))
                written += 1
            g += 1
    finally:
        RICH["level"] = old
    with open(os.path.join(out_dir, "fonds.yml"), "w", encoding="utf-8") as f:
        f.write("# 测试语料（虚构，由 scripts/sample_archive 生成）\n")
        f.write(f"fonds_id: T{seed:03d}\nfonds_name: 某市某局机关党委（测试语料）\norgs:\n")
        for nm in names:
            f.write(f"  - name: {nm}\n")
    return written

"""The scale corpus: N documents made by perturbing the committed sample archive's
records, one copy of the sample per "group" of three branches. Each copy renames the
branches (机关第三党支部 …) and every person, and reorders the sentences of some
paragraphs, so the copies are not duplicates of each other; layout, formats (.docx,
GBK .txt, .md) and file names stay the sample's. No prose is generated here.

    make_corpus(out_dir, n, seed=1) -> number of documents written
"""

import io
import os
import re
import shutil
import zipfile

from .model import NamePool, cn_num, seeded

MARKER = ".dj_sample_corpus"
_HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_ARCHIVE = os.path.normpath(os.path.join(_HERE, "..", "..", "archive"))
BRANCHES = ("机关第一党支部", "机关第二党支部", "离退休干部党支部")
_NAME = re.compile(r"^(\d{4})-\d{2}-\d{2}_(.+)\.(docx|txt|md)$")
_ZIP_DT = (2000, 1, 1, 0, 0, 0)


class RefusedOutputDir(ValueError):
    """The output folder is the bundled sample archive, or holds files we did not write."""


def _cn(n):
    if n < 100:
        return cn_num(n)
    h, r = divmod(n, 100)
    return cn_num(h) + "百" + ("" if r == 0 else ("零" if r < 10 else "") + cn_num(r))


def _check_out(out_dir):
    real = os.path.realpath(out_dir)
    sample = os.path.realpath(SAMPLE_ARCHIVE)
    mine = os.path.exists(os.path.join(real, MARKER))
    if real == sample or real.startswith(sample + os.sep):
        raise RefusedOutputDir(
            f"refusing to write a corpus into the sample archive folder {sample}; choose another --out"
        )
    fonds = os.path.join(real, "fonds.yml")
    if os.path.exists(fonds) and not mine:
        with open(fonds, encoding="utf-8") as f:
            if "fonds_id: D001" in f.read():
                raise RefusedOutputDir(
                    f"{out_dir} looks like the sample archive (fonds D001); refusing to overwrite it"
                )
    if os.path.isdir(real) and os.listdir(real) and not mine:
        raise RefusedOutputDir(
            f"{out_dir} is not empty and was not written by this generator; refusing to write into it"
        )


def sample_records(archive=SAMPLE_ARCHIVE):
    """[(relative path, bytes)] of the sample's .docx/.txt/.md records that name a branch."""
    out = []
    for cat in sorted(d for d in os.listdir(archive) if re.match(r"^[A-Z]{2}_", d)):
        for root, dirs, files in os.walk(os.path.join(archive, cat)):
            dirs.sort()
            for fn in sorted(files):
                m = _NAME.match(fn)
                if m and any(b in m.group(2) for b in BRANCHES):
                    with open(os.path.join(root, fn), "rb") as f:
                        out.append((os.path.relpath(os.path.join(root, fn), archive), f.read()))
    return out


def _people():
    """Everyone the sample names, with the generation and sex a new name must have."""
    from .build import SEED, make_orgs
    from .model import _gen

    people = {}
    for org in make_orgs(SEED):
        for p in org.members + [c.person for c in org.dev]:
            people[p.name] = (_gen(2019 - p.birth.year), p.sex)
    return people


class Renamer:
    """Group g's names for the sample's branches and people, applied in one pass."""

    def __init__(self, g, seed, people):
        self.branches = [
            f"机关第{_cn(2 * g + 1)}党支部",
            f"机关第{_cn(2 * g + 2)}党支部",
            f"离退休干部第{_cn(g + 1)}党支部",
        ]
        pool = NamePool(seeded(seed, "corpus-names", g))
        self.map = dict(zip(BRANCHES, self.branches))
        for old in sorted(people):
            self.map[old] = pool.draw(*people[old])[0]
        self._re = re.compile("|".join(map(re.escape, sorted(self.map, key=len, reverse=True))))

    def __call__(self, text):
        return self._re.sub(lambda m: self.map[m.group(0)], text)


def _shuffle_sentences(text, rng):
    parts = re.findall(r"[^。]+。", text)
    if len(parts) >= 3 and "".join(parts) == text and rng.random() < 0.5:
        rng.shuffle(parts)
        return "".join(parts)
    return text


def perturb(rel, data, rename, rng):
    """One record of the sample as group `rename` files it: (new relative path, bytes)."""

    def text(s):
        return _shuffle_sentences(rename(s), rng)

    ext = rel.rsplit(".", 1)[1]
    if ext == "txt":
        body = "\r\n".join(text(line) for line in data.decode("gbk").split("\r\n")).encode("gbk")
    elif ext == "md":
        body = "\n".join(text(line) for line in data.decode("utf-8").split("\n")).encode("utf-8")
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                part = src.read(info.filename)
                if info.filename == "word/document.xml":
                    part = re.sub(rb"(<w:t[^>]*>)([^<]*)", lambda m: m[1] + text(m[2].decode()).encode(), part)
                elif info.filename == "docProps/core.xml":
                    part = rename(part.decode()).encode()
                out = zipfile.ZipInfo(info.filename, date_time=_ZIP_DT)
                out.compress_type, out.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
                z.writestr(out, part)
        body = buf.getvalue()
    return rename(rel), body


def make_corpus(out_dir, n, seed=1):
    """Write n documents under out_dir; return n.

    Refuses the bundled sample archive (and any non-empty folder it did not
    write itself).  Deterministic for a given (n, seed).
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    _check_out(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    for d in os.listdir(out_dir):
        p = os.path.join(out_dir, d)
        if os.path.isdir(p) and re.match(r"^[A-Z]{2}_", d):
            shutil.rmtree(p)
    with open(os.path.join(out_dir, MARKER), "w") as f:
        f.write("written by scripts.sample_archive corpus\n")
    sources, people = sample_records(), _people()
    names, written, g = [], 0, 0
    while written < n:
        rename, rng = Renamer(g, seed, people), seeded(seed, "corpus", g)
        names += rename.branches
        order = list(sources)
        rng.shuffle(order)  # any n gets the sample's mix of kinds and formats
        for rel, data in order[: n - written]:
            path, body = perturb(rel, data, rename, rng)
            os.makedirs(os.path.dirname(os.path.join(out_dir, path)), exist_ok=True)
            with open(os.path.join(out_dir, path), "wb") as f:
                f.write(body)
            written += 1
        g += 1
    with open(os.path.join(out_dir, "fonds.yml"), "w", encoding="utf-8") as f:
        f.write("# 测试语料（虚构，由 scripts/sample_archive 从示例档案改写）\n")
        f.write(f"fonds_id: T{seed:03d}\nfonds_name: 某市某局机关党委（测试语料）\norgs:\n")
        f.writelines(f"  - name: {nm}\n" for nm in names)
    return written

"""What a real branch archive holds besides .docx/.txt/.md/.pdf (issue 12):

* records kept as Word 97-2003 ``.doc`` (12), WPS 文字 ``.wps`` (3) and one ``.rtf``;
* records kept only as scans: signed minutes printed and scanned (10 image-only
  PDFs at 150 or 200 dpi, with noise, skew within ±2° and JPEG artefacts), and one
  text PDF whose last page is a scanned 签到表;
* photos of 主题党日 with their banner (10 .jpg, EXIF date and camera; three are
  named without a date, so the EXIF date is the document's; one is stored sideways
  with EXIF orientation 6, as phones do);
* 台账 spreadsheets: 党费收缴 as .xlsx, .xls and WPS .et, a 党员花名册 .xlsx;
* the slides of two 党课 (.pptx, and one as PowerPoint 97-2003 .ppt);
* one OFD: a notice from above, forwarded by a branch.

How the Office binaries are made: .xlsx with openpyxl, .pptx with python-pptx (both
re-zipped with fixed timestamps, so they are byte-identical on every build); .doc,
.wps (WPS writes the same Word 97-2003 binary format; these are LibreOffice's .doc
saved under the .wps name), .rtf, .xls, .et (likewise LibreOffice's .xls) and .ppt
with LibreOffice (``soffice --headless --convert-to``) from the .docx/.xlsx/.pptx
this generator writes. LibreOffice's output is kept in the repository: a rebuild
reuses the committed file whenever the source it was made from is unchanged (recorded
with its sha256 in ``lo_made.json``), so rebuilds are byte-identical with or
without LibreOffice; only a changed source needs LibreOffice to be installed.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from datetime import date, datetime

from .model import seeded
from .plan import CATEGORY
from .pools import pools
from .rules import is_summary
from .scanner import jpeg_bytes, page_lines, photo_image, scan_page_image
from .writers import plain_lines, render_pdf, render_scan_pdf

MISC = pools("misc")

__all__ = ["assign_extra_formats", "render_extra", "LO_FORMATS", "LibreOfficeJobs", "write_extras", "EXT"]

#: record format -> file extension
EXT = {"scan": "pdf", "mixed": "pdf"}
#: record format -> LibreOffice --convert-to target (source: the record's .docx)
LO_FORMATS = {"doc": "doc", "wps": "doc", "rtf": "rtf"}
MANIFEST = os.path.join(os.path.dirname(__file__), "lo_made.json")
_ZIP_DT = (2000, 1, 1, 0, 0, 0)
_REPO_ARCHIVE = os.path.join(os.path.dirname(__file__), "..", "..", "archive")


def assign_extra_formats(all_recs, seed):
    """Turn some .docx records into .doc/.wps/.rtf, scans and one text+scan PDF."""
    rng = seeded(seed, "formats-extra")
    pool = sorted(
        (
            r
            for r in all_recs
            if r.fmt == "docx"
            and not is_summary(r.title)
            and not r.info.get("traditional")
            and not r.kind.startswith("sum")
        ),
        key=lambda r: (r.org.key, r.date, r.title),
    )
    # one page each (OCR time in `make demo`): what fits in 30 lines of 36 characters
    minutes = [
        r
        for r in pool
        if r.kind in ("zwh", "dydh", "dxzh", "zwwh", "ztdr", "zyfw")
        and len(page_lines(plain_lines(r.blocks), 36)) <= 30
    ]
    for r in rng.sample(minutes, 10):
        r.fmt = "scan"
    older = [r for r in pool if r.fmt == "docx" and r.date.year <= 2021]
    for r in rng.sample(older, 12):
        r.fmt = "doc"
    rest = [r for r in pool if r.fmt == "docx"]
    for r in rng.sample(rest, 3):
        r.fmt = "wps"
    rest = [r for r in pool if r.fmt == "docx" and r.kind in ("jzxx", "xdth")]
    rng.choice(rest).fmt = "rtf"
    rest = [r for r in pool if r.fmt == "docx" and r.kind in ("zwh", "dydh")]
    rng.choice(rest).fmt = "mixed"


def _sign_in_rows(rec):
    roster = rec.org.roster(rec.date)
    return ["签到表", f"{rec.title}", "序号  姓名  签到时间"] + [
        f"{i}  {p.name}  {8 + i % 2}:{(i * 7) % 60:02d}" for i, p in enumerate(roster, 1)
    ]


def render_extra(rec, seed):
    """Bytes of a record in a format made here without LibreOffice (scan, mixed)."""
    rng = seeded(seed, "scan", rec.org.key, rec.date.isoformat(), rec.title)
    if rec.fmt == "scan":
        dpi = 200 if rng.random() < 0.4 else 150
        lines = page_lines(plain_lines(rec.blocks), 36)
        pages = []
        while lines and len(pages) < 3:
            img, drawn = scan_page_image(lines, rng, dpi=dpi, signature="记录人签字：" if len(lines) <= 45 else None)
            pages.append(jpeg_bytes(img.convert("RGB"), 85))
            lines = lines[len(drawn) :]
        return render_scan_pdf(pages, rec.title)
    if rec.fmt == "mixed":
        from pypdf import PdfReader, PdfWriter

        text_pdf = render_pdf(rec.blocks, rec.title, rec.author)
        img, _ = scan_page_image(page_lines(_sign_in_rows(rec), 36), rng, dpi=150)
        scan_pdf = render_scan_pdf([jpeg_bytes(img.convert("RGB"), 85)], rec.title)
        w = PdfWriter()
        for src in (text_pdf, scan_pdf):
            for page in PdfReader(io.BytesIO(src)).pages:
                w.add_page(page)
        w.add_metadata({"/Title": rec.title, "/Producer": "sample archive"})
        buf = io.BytesIO()
        w.write(buf)
        return buf.getvalue()
    raise ValueError(rec.fmt)


# ------------------------------------------------------------------ LibreOffice


def _sha(data):
    return hashlib.sha256(data).hexdigest()


class LibreOfficeJobs:
    """Files LibreOffice makes from sources this generator writes; committed outputs
    are reused when their source is unchanged (see the module docstring)."""

    def __init__(self, out):
        self.out = out
        self.jobs = []  # (rel path, source bytes, source suffix, target)
        try:
            with open(MANIFEST, encoding="utf-8") as f:
                self.manifest = json.load(f)
        except FileNotFoundError:
            self.manifest = {}
        self.cache = {}
        for rel in self.manifest:  # read before build() cleans the output folder
            for base in (out, _REPO_ARCHIVE):
                p = os.path.join(base, rel)
                if os.path.exists(p):
                    with open(p, "rb") as f:
                        self.cache[rel] = f.read()
                    break

    def add(self, rel, source, suffix, target):
        self.jobs.append((rel, source, suffix, target))

    def run(self):
        new_manifest = {}
        need = []
        for rel, source, suffix, target in self.jobs:
            sha = _sha(source)
            new_manifest[rel] = {"source_sha256": sha, "made_with": f"LibreOffice --convert-to {target}"}
            if self.manifest.get(rel, {}).get("source_sha256") == sha and rel in self.cache:
                self._write(rel, self.cache[rel])
            else:
                need.append((rel, source, suffix, target))
        if need:
            self._convert(need)
        with open(MANIFEST, "w", encoding="utf-8") as f:
            json.dump(dict(sorted(new_manifest.items())), f, ensure_ascii=False, indent=1)
            f.write("\n")

    def _write(self, rel, data):
        full = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)

    def _convert(self, need):
        exe = shutil.which("soffice") or shutil.which("libreoffice")
        if not exe:
            raise SystemExit(
                f"{len(need)} sample file(s) need LibreOffice (soffice) to be made: "
                + ", ".join(r for r, *_ in need[:3])
            )
        with tempfile.TemporaryDirectory() as tmp:
            by_target = {}
            for i, (rel, source, suffix, target) in enumerate(need):
                src = os.path.join(tmp, f"f{i:03d}{suffix}")
                with open(src, "wb") as f:
                    f.write(source)
                by_target.setdefault(target, []).append((i, rel, src))
            for target, items in by_target.items():
                outdir = os.path.join(tmp, "out_" + target)
                subprocess.run(
                    [
                        exe,
                        f"-env:UserInstallation=file://{tmp}/profile",
                        "--headless",
                        "--norestore",
                        "--convert-to",
                        target,
                        "--outdir",
                        outdir,
                    ]
                    + [s for *_, s in items],
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=600,
                )
                for i, rel, _ in items:
                    with open(os.path.join(outdir, f"f{i:03d}.{target}"), "rb") as f:
                        self._write(rel, f.read())


# ------------------------------------------------------------------ Office writers


def _fixed_zip(data):
    """The same zip with every member dated 2000-01-01 (openpyxl/python-pptx stamp 'now')."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' with the time of saving
                data = _same_modified(data)
            z.writestr(zi, data)
    return buf.getvalue()


def _same_modified(core: bytes) -> bytes:
    """core.xml with dcterms:modified set to dcterms:created."""
    import re

    text = core.decode("utf-8")
    m = re.search(r"<dcterms:created[^>]*>([^<]*)</dcterms:created>", text)
    if m:
        text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", lambda k: k[1] + m[1] + k[2], text)
    return text.encode("utf-8")


def _xlsx(sheets, title, when):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cell in ws[2 if rows and len(rows[0]) == 1 else 1]:
            cell.font = Font(bold=True)
    stamp = datetime(when.year, when.month, when.day, 9, 0, 0)
    wb.properties.creator = "党支部组织委员"
    wb.properties.title = title
    wb.properties.created = wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _dues_sheets(org, year, rng):
    roster = org.roster(date(year, 6, 30))
    head = ["序号", "姓名", "缴费基数（元）", "比例"] + [f"{m}月" for m in range(1, 13)] + ["全年合计"]
    rows = [[f"{org.name}{year}年党费收缴台账"], head]
    for i, p in enumerate(roster, 1):
        base = (
            rng.choice([3200, 4100, 5200, 6300, 7400, 8600, 9800])
            if org.kind != "retired"
            else rng.choice([2600, 3800, 5100])
        )
        rate = 0.005 if base <= 3000 else (0.01 if base <= 5000 else (0.015 if base <= 10000 else 0.02))
        fee = round(base * rate, 2)
        rows.append([i, p.name, base, f"{rate * 100:g}%"] + [fee] * 12 + [round(fee * 12, 2)])
    rows.append(["合计", f"{len(roster)}人", None, None] + [None] * 12 + [round(sum(r[-1] for r in rows[2:]), 2)])
    return [
        (f"{year}年党费收缴", rows),
        (
            "说明",
            [
                ["党费按月收缴，由组织委员登记，每季度向党总支报送。"],
                ["缴费基数按上年度月平均工资计算，退休党员按月退休费计算。"],
            ],
        ),
    ]


def _roster_sheet(org, when, rng):
    head = ["序号", "姓名", "性别", "出生年月", "入党时间", "学历", "职务或原职务", "党小组"]
    rows = [[f"{org.name}党员花名册（{when.year}年{when.month}月）"], head]
    for i, p in enumerate(org.roster(when), 1):
        born = rng.randint(1938, 1962) if org.kind == "retired" else rng.randint(1965, 1998)
        joined = born + rng.randint(19, 30)
        rows.append(
            [
                i,
                p.name,
                getattr(p, "sex", None) or rng.choice(["男", "女"]),
                f"{born}.{rng.randint(1, 12):02d}",
                f"{min(joined, when.year - 1)}.{rng.randint(1, 12):02d}",
                rng.choice(["大学", "研究生", "大专", "中专"]),
                rng.choice(["科员", "主任科员", "副处长", "退休干部"])
                if org.kind == "retired"
                else rng.choice(["科员", "主任科员", "副科长", "科长"]),
                f"第{rng.randint(1, 3)}党小组",
            ]
        )
    return [("党员名册", rows)]


def _pptx(rec, when):
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.core_properties.author = rec.info.get("speaker").name if rec.info.get("speaker") else rec.author
    prs.core_properties.title = rec.title
    stamp = datetime(when.year, when.month, when.day, 9, 0, 0)
    prs.core_properties.created = prs.core_properties.modified = stamp
    prs.core_properties.last_modified_by = prs.core_properties.author
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = f"专题党课：{rec.info.get('topic', rec.title)}"
    s.placeholders[1].text = f"{rec.org.name}　{when.year}年{when.month}月"
    heads, paras, cur = [], {}, None
    for b in rec.blocks:
        if b[0] in ("h1", "h2"):
            cur = b[1]
            heads.append(cur)
            paras[cur] = []
        elif b[0] == "p" and cur:
            paras[cur].append(b[1])
    for h in heads[:6]:
        sl = prs.slides.add_slide(prs.slide_layouts[1])
        sl.shapes.title.text = h
        body = sl.placeholders[1].text_frame
        points = [p.split("。")[0] + "。" for p in paras[h][:3]] or [h]
        body.text = points[0]
        for pt in points[1:]:
            body.add_paragraph().text = pt
        for para in body.paragraphs:
            for run in para.runs:
                run.font.size = Pt(20)
        sl.notes_slide.notes_text_frame.text = "讲稿：" + "".join(paras[h])[:300]
    sl = prs.slides.add_slide(prs.slide_layouts[5])
    sl.shapes.title.text = "课后学习安排"
    t = sl.shapes.add_table(3, 3, Inches(1), Inches(2), Inches(8), Inches(1.5)).table
    for j, c in enumerate(["时间", "内容", "形式"]):
        t.cell(0, j).text = c
    t.cell(1, 0).text, t.cell(1, 1).text, t.cell(1, 2).text = "课后一周内", "撰写学习体会", "个人自学"
    t.cell(2, 0).text, t.cell(2, 1).text, t.cell(2, 2).text = "下次组织生活", "交流研讨", "党小组讨论"
    buf = io.BytesIO()
    prs.save(buf)
    return _fixed_zip(buf.getvalue())


# ------------------------------------------------------------------ OFD

_OFD_NS = "http://www.ofdspec.org/2016"


def _ofd(title, lines, when, rng):
    """A minimal valid OFD (GB/T 33190): one document, text in TextObjects, pages of
    30 lines; each line is split into two objects written in shuffled order, so a
    reader has to put them back in reading order."""

    def x(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    wrapped = page_lines(lines, 32)
    pages = [wrapped[i : i + 30] for i in range(0, len(wrapped), 30)] or [[]]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:

        def put(name, text):
            zi = zipfile.ZipInfo(name, date_time=_ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, text.encode("utf-8"))

        put(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>{_sha(title.encode())[:32]}</ofd:DocID><ofd:Title>{x(title)}</ofd:Title>"
            f"<ofd:CreationDate>{when.isoformat()}</ofd:CreationDate></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
        )
        put(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{_OFD_NS}">'
            "<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
            "</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        put(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res">'
            '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        )
        oid = 100
        for i, page in enumerate(pages):
            objs = []
            for k, line in enumerate(page):
                if not line.strip():
                    continue
                y = 25 + k * 8.5
                cut = max(1, len(line) // 2)
                for start, part in ((0, line[:cut]), (cut, line[cut:])):
                    if not part:
                        continue
                    x0 = 25 + start * 4.9
                    objs.append(
                        f'<ofd:TextObject ID="{oid}" Boundary="{x0:.1f} {y:.1f} {len(part) * 4.9 + 1:.1f} 6" '
                        f'Font="2" Size="4.9"><ofd:TextCode X="0" Y="4.5">{x(part)}</ofd:TextCode></ofd:TextObject>'
                    )
                    oid += 1
            rng.shuffle(objs)
            put(
                f"Doc_0/Pages/Page_{i}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{_OFD_NS}">'
                f'<ofd:Content><ofd:Layer ID="{oid}">' + "".join(objs) + "</ofd:Layer></ofd:Content></ofd:Page>",
            )
            oid += 1
    return buf.getvalue()


# ------------------------------------------------------------------ the extra files


class _Files:
    """Writes the extra files under out and remembers their paths."""

    def __init__(self, out):
        self.out, self.written = out, []

    def put(self, code, when, title, ext, data):
        self.put_rel(os.path.join(CATEGORY[code], str(when.year), f"{when.isoformat()}_{title}.{ext}"), data)

    def put_rel(self, rel, data):
        full = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
        self.written.append(rel)


def write_extras(out, orgs, recs_by_org, seed, lo):
    """Photos, 台账 spreadsheets, slides and the OFD (records are written by build())."""
    files, by_key = _Files(out), {o.key: o for o in orgs}
    _photos(files, recs_by_org, seed)
    _ledgers(files, by_key, seed, lo)
    _slides_and_notice(files, recs_by_org, by_key, seed, lo)
    return files.written


def _photos(files, recs_by_org, seed):
    """Ten photos of 主题党日 with their banner; three named as a phone names them."""
    rng = seeded(seed, "extras")
    ztdr = sorted((r for rs in recs_by_org.values() for r in rs if r.kind == "ztdr"), key=lambda r: (r.date, r.org.key))
    picks = rng.sample(ztdr, 10)
    for n, r in enumerate(sorted(picks, key=lambda r: (r.date, r.org.key))):
        prng = seeded(seed, "photo", r.org.key, r.date.isoformat())
        topic = r.info.get("topic", "主题党日")
        img = photo_image(f"{r.org.name}“{topic}”主题党日活动", prng)
        exif = img.getexif()
        exif[0x010F], exif[0x0110] = "Phone", "Camera 12MP"
        exif[0x0132] = f"{r.date:%Y:%m:%d} 10:{n:02d}:00"
        exif.get_ifd(0x8769)[36867] = f"{r.date:%Y:%m:%d} 09:{30 + n:02d}:12"
        if n == 4:  # stored sideways, as a phone held upright does: orientation 6 turns it back
            img = img.rotate(90, expand=True)
            exif[0x0112] = 6
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=rng.randint(70, 85), exif=exif.tobytes())
        title = f"{r.org.name}“{topic}”主题党日活动照片"
        if n in (1, 5, 8):  # copied off a phone without renaming: the date is only in EXIF
            files.put_rel(os.path.join(CATEGORY["SH"], str(r.date.year), f"{title}.jpg"), buf.getvalue())
        else:
            files.put("SH", r.date, title, "jpg", buf.getvalue())


def _ledgers(files, by_key, seed, lo):
    """台账: 党费 as .xlsx, .xls and WPS .et, and a 花名册 .xlsx."""
    y1, y2, lt = by_key["Y1"], by_key["Y2"], by_key["LT"]
    d = date(2023, 12, 29)
    files.put(
        "ZZ",
        d,
        f"{y1.name}2023年党费收缴台账",
        "xlsx",
        _xlsx(_dues_sheets(y1, 2023, seeded(seed, "dues", "Y1")), "党费收缴台账", d),
    )
    d = date(2022, 12, 30)
    lo.add(
        os.path.join(CATEGORY["ZZ"], "2022", f"{d.isoformat()}_{y2.name}2022年党费收缴台账.xls"),
        _xlsx(_dues_sheets(y2, 2022, seeded(seed, "dues", "Y2")), "党费收缴台账", d),
        ".xlsx",
        "xls",
    )
    d = date(2021, 12, 28)
    lo.add(
        os.path.join(CATEGORY["ZZ"], "2021", f"{d.isoformat()}_{lt.name}2021年党费收缴台账.et"),
        _xlsx(_dues_sheets(lt, 2021, seeded(seed, "dues", "LT")), "党费收缴台账", d),
        ".xlsx",
        "xls",
    )
    d = date(2024, 1, 8)
    files.put(
        "ZZ",
        d,
        f"{lt.name}党员花名册（2024年1月）",
        "xlsx",
        _xlsx(_roster_sheet(lt, d, seeded(seed, "roster")), "党员花名册", d),
    )


def _slides_and_notice(files, recs_by_org, by_key, seed, lo):
    """Two 党课 decks (.pptx, .ppt) and the OFD notice a branch forwarded."""
    dks = sorted(
        (r for rs in recs_by_org.values() for r in rs if r.kind == "dk" and r.info.get("topic")),
        key=lambda r: (r.date, r.org.key),
    )
    a = next(r for r in dks if r.date.year == 2023)
    files.put("XX", a.date, f"{a.org.name}党课课件（{a.info['topic']}）", "pptx", _pptx(a, a.date))
    b = next(r for r in dks if r.date.year == 2020)
    lo.add(
        os.path.join(
            CATEGORY["XX"], str(b.date.year), f"{b.date.isoformat()}_{b.org.name}党课课件（{b.info['topic']}）.ppt"
        ),
        _pptx(b, b.date),
        ".pptx",
        "ppt",
    )
    y2, d = by_key["Y2"], date(2024, 4, 10)
    lines = MISC.ofd_notice + ["", "中共某市某局机关党总支", "2024年4月8日", "", f"{y2.name}转发，请各党小组组织学习。"]
    files.put(
        "ZH",
        d,
        f"{y2.name}转发党总支关于开展党纪学习教育的通知",
        "ofd",
        _ofd(MISC.ofd_notice[0], lines, d, seeded(seed, "ofd")),
    )

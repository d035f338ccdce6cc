"""Build the sample archive: plan the branches and their records (model.py, plan.py, titles.py),
compose each document (g_*.py, prose from data/), write the files (writers.py, g_formats.py)."""

import os
import shutil
from datetime import date, timedelta

from . import g_formats as GF
from . import g_learning as GL
from . import g_meetings as GM
from . import g_misc as GX
from . import g_summary as GS
from .ctx import Ctx
from .model import (
    END,
    ORG_SPECS,
    START,
    NamePool,
    add_election,
    build_org,
    next_workday,
    plan_development,
    plan_movements,
    retire_into,
    seeded,
    workday,
)
from .plan import CATEGORY, Rec, attach_anchors, number_meetings, plan_dev_records, plan_half
from .pools import pools
from .rules import INDICATOR_NAMES, indicator_of
from .scanner import rating_sheet
from .themes import THEMES as T
from .titles import set_title_and_topic
from .writers import render_docx, render_md, render_pdf, render_scan_pdf, render_txt

MISC, NAMES = pools("misc"), pools("names")

SEED = 20190101
LOOSE_DIR = "待整理"

# (branch key, period, indicator, how, delta, 说明)
DISCREPANCIES = [
    ("Y1", "2023H1", "支委会", "drop", 1, "第{no}次支委会会议记录未归档，档案中编号缺号"),
    ("Y2", "2021", "主题党日", "over", 1, "总结把“七一”收看庆祝大会直播计为一次主题党日，档案中无对应活动记录"),
    ("LT", "2022H1", "走访慰问", "over", 2, "总结把春节期间的电话问候计入走访慰问次数"),
    ("Y1", "2020", "集中学习", "over", 2, "疫情期间有两次线上学习未形成学习记录"),
    ("Y2", "2024H1", "心得体会", "under", -2, "总结漏统计两篇心得体会（党纪学习教育期间上交）"),
]

PDF_PICKS = [("Y1", "zd", 2019), ("Y2", "zrs", 2023), ("Y1", "fz_js", 2022), ("LT", "dk", 2023), ("Y1", "dsj", 2024)]
SCAN = ("Y2", 2020)


# ------------------------------------------------------------------ orgs
def make_orgs(seed):
    """The three branches with their members, development cases, moves and elections."""
    pool = NamePool(seeded(seed, "names"))
    orgs = []
    for key, name, kind, n in ORG_SPECS:
        org, rng = build_org(key, name, kind, n, seed, pool)
        plan_development(org, rng, pool)
        orgs.append(org)
    for org in orgs:
        plan_movements(org, seeded(seed, "moves", org.key), pool, orgs)
    retired = next(o for o in orgs if o.kind == "retired")
    for org in orgs:
        if org.kind != "retired":
            rng = seeded(seed, "retire", org.key)
            when = workday(rng, 2022 if org.kind == "business" else 2023, rng.choice([3, 4, 9, 10]))
            retire_into(org, retired, rng, when)
    for org in orgs:
        rng = seeded(seed, "elect", org.key)
        add_election(org, rng, workday(rng, 2021, {"business": 6, "service": 9, "retired": 11}[org.kind], 8, 22))
        if org.kind == "business":
            add_election(org, rng, workday(rng, 2024, 6, 8, 22))
    return orgs


def halves():
    return [(y, h) for y in range(2019, 2026) for h in (1, 2) if date(y, 1 if h == 1 else 7, 1) <= END]


def plan_records(org, seed):
    """A branch's records, half-year by half-year, with a meeting for each development step and election."""
    recs = [r for y, h in halves() for r in plan_half(org, y, h, seed)]
    dev, anchors = plan_dev_records(org)
    recs += dev
    attach_anchors(recs, anchors, org, seed)
    for e in org.elections:
        r = [x for x in recs if x.kind == "dydh" and x.date == e]
        if not r:
            r = [Rec("dydh", e, org, "SH")]
            recs.append(r[0])
        r[0].info.update(elect=True, anchored=True)
        r = [x for x in recs if x.kind == "zwh" and 0 <= (e - x.date).days <= 30]
        if r:
            r[0].info["elect"] = True
        else:
            recs.append(Rec("zwh", next_workday(e - timedelta(days=14)), org, "SH", {"elect": True, "anchored": True}))
    recs = [r for r in recs if START <= r.date <= END]
    number_meetings(recs)
    return recs


def extra_docs(org, seed):
    """ZH/ZZ/XX/LZ documents that are not records, on each kind of branch's own schedule."""
    rng, out, k, o = seeded(seed, "extra", org.key), [], org.kind, org.name

    def add(kind, code, d, title, **info):
        if START <= d <= END:
            out.append(Rec(kind, d, org, code, dict(info), title))

    for y in (2019, 2023, 2025):
        add("hmc", "ZZ", workday(rng, y, 3, 5, 20), f"{o}党员花名册（{y}年）")
    for y in range(2019, 2025):  # every year's 党费收缴情况 is published in December
        add("df", "ZZ", workday(rng, y, 12, 15, 24), f"{o}{y}年党费收缴情况")
    for i, (start, _) in enumerate(org.terms):  # 支委分工 after each term start
        d = workday(rng, start.year, 2, 10, 25) if i == 0 else next_workday(start + timedelta(days=rng.randint(5, 12)))
        add("zwfg", "ZZ", d, f"{o}支委分工及职责（{d.year}年）", term=start)
    for e in org.elections:
        add("hj", "ZZ", next_workday(e + timedelta(days=rng.randint(2, 5))), f"关于{o}换届选举结果的报告", meet=e)
    for tr in org.transfers:
        way = "转入" if tr[2] == "in" else "转出"
        add("zzgx", "ZZ", tr[0], f"{o}党员组织关系转接登记（{tr[1].name}{way}）", tr=tr)
    ty = {"business": 2022, "service": 2023, "retired": 2024}[k]
    add("dntj", "ZZ", workday(rng, ty, 12, 18, 24), f"{o}{ty}年度党内统计报表", year=ty)
    for y in (2019, 2023):
        add("zrs", "LZ", workday(rng, y, 3, 1, 20), f"{o}{y}年党风廉政建设责任书", year=y)
    for y in (2020, 2022, 2024) if k == "retired" else (2020, 2024):
        add("cns", "LZ", workday(rng, y, 4, 8, 25), f"{o}党员廉洁自律承诺书（{y}年）", year=y)
    for y in {"business": (2021, 2025), "service": (2023, 2025), "retired": (2025,)}[k]:
        d = workday(rng, y, 5 if y == 2025 else 11, 6, 22)
        add("zc", "LZ", d, f"{o}落实中央八项规定精神自查报告（{y}年）", year=y)
    rules = {"business": [(2019, "“三会一课”制度")], "service": [(2019, "党员学习制度")]}
    for y, nm in rules.get(k, [(2019, "党费收缴管理制度"), (2022, "谈心谈话制度")]):
        add("zd", "ZH", workday(rng, y, 3, 5, 25), f"{o}{nm}", name=nm, year=y)
    for y in {"business": (2021, 2024), "service": (2022,), "retired": (2023,)}[k]:
        d = date(y, 12, 24) if date(y, 12, 24).weekday() < 5 else date(y, 12, 22)
        add("dsj", "ZH", d, f"{o}{y}年大事记", year=y)
    for y in {"business": (2019, 2021, 2023), "service": (2019, 2022), "retired": (2021,)}[k]:
        add("szbg", "ZH", workday(rng, y, 12, 14, 22), f"{o}书记{y}年度抓基层党建工作述职报告", year=y)
    for y in (2021,) if k == "retired" else (2019, 2021, 2023, 2025):
        d = workday(rng, y, 3 if y == 2021 else 2, 16, 28) if y != 2025 else workday(rng, 2025, 3, 25, 31)
        add("xxjh", "XX", d, f"{o}{y}年理论学习计划", year=y)
    if k != "retired":  # 研讨发言 of the study campaigns; the author is drawn with the titles
        for y, m, topic in (
            (2019, 10, "“不忘初心、牢记使命”主题教育"),
            (2021, 5, "党史学习教育"),
            (2023, 10, "主题教育"),
            (2024, 6, "党纪学习教育"),
        ):
            if k == "business" or y in (2021, 2024):
                add("ytfy", "XX", workday(rng, y, m, 5, 25), "", topic=topic)
    return out


def finalize_extra(rec, rng):
    o = rec.org
    if rec.kind == "ytfy":
        roster = o.roster(rec.date)
        rec.info["author"] = rng.choice(roster)
        rec.title = f"{o.name}{rec.info['topic']}专题研讨发言（{rec.info['author'].name}）"


# ------------------------------------------------------------------ counting
def count_period(recs, org, year, half):
    out = {k: 0 for k in INDICATOR_NAMES}
    for r in recs:
        if r.org is not org or r.date.year != year:
            continue
        if half and r.half != half:
            continue
        ind = indicator_of(r.title)
        if ind:
            out[ind] += 1
    return out


def summaries_and_plans(orgs, recs_by_org, seed, discrepancies):
    """Write ZH plans, H1/annual summaries from the records; return new Recs and the discrepancy rows."""
    out, rows = [], []
    disc = {(d[0], d[1], d[2]): d for d in discrepancies}
    for org in orgs:
        recs = recs_by_org[org.key]
        prev_problems = None
        for y in range(2019, 2026):
            rng = seeded(seed, "zh", org.key, y)
            # plan
            if y == 2020:  # the pandemic delayed the year's planning
                pd = workday(rng, 2020, 2, 20, 28)
            elif y == 2021:  # after the 党史学习教育 mobilisation meeting
                pd = workday(rng, 2021, rng.choice([2, 3]), 22 if rng.random() < 0.5 else 1, 28)
                if pd < date(2021, 2, 22):
                    pd = workday(rng, 2021, 3, 1, 10)
            elif y == 2025:  # after the 学习教育 was launched
                pd = workday(rng, 2025, 3, 24, 31)
            else:
                pd = workday(rng, y, rng.choice([1, 2]), 8, 25)
            exp = {"zwh": 6 if org.kind != "retired" else 4, "dydh": 2, "jzxx": 6 if org.kind != "retired" else 4}
            p = Rec("plan", pd, org, "ZH", {}, f"{org.name}{y}年党建工作计划")
            p.blocks = GS.compose_plan(org, y, pd, rng, exp)
            p.author = org.committee(pd)["书记"].name
            out.append(p)
            periods = [(y, 1)]
            if date(y, 12, 31) <= END:
                periods.append((y, None))
            for yy, h in periods:
                key = f"{yy}H1" if h else f"{yy}"
                counts = count_period(recs, org, yy, h)
                forced = []
                for ind in INDICATOR_NAMES:
                    d = disc.get((org.key, key, ind))
                    if d:
                        forced.append(ind)
                        actual = counts[ind]
                        counts[ind] = actual + d[4]
                        rows.append(
                            dict(org=org.name, period=key, indicator=ind, claimed=counts[ind], filed=actual, note=d[5])
                        )
                chosen = GS.choose_claims(rng, counts, forced, org.kind)
                if h:
                    sd = next_workday(date(yy, 7, rng.randint(2, 10)))
                    nxt = [r for r in recs if r.date.year == yy and r.half == 2]
                else:
                    sd = date(yy, 12, 28)
                    while sd.weekday() >= 5:
                        sd -= timedelta(days=1)
                    nxt = [r for r in recs if r.date.year == yy + 1 and r.half == 1]
                    nxt += [Rec("elect", e, org, "ZZ") for e in org.elections if e.year == yy + 1 and e.month <= 6]
                if h:
                    nxt += [Rec("elect", e, org, "ZZ") for e in org.elections if e.year == yy and e.month > 6]
                problems = GS.pick_problems(rng, org.kind, prev_problems)
                prev_problems = problems
                asof = date(yy, 6, 30) if h else date(yy, 12, 27)
                promises = []
                film = any(
                    r.kind == "jsjy" and r.info.get("film")
                    for r in recs
                    if r.date.year == yy and (h is None or r.half == h)
                )
                blocks = GS.compose_summary(
                    org, yy, h, counts, chosen, nxt, problems, org.roster(asof), sd, rng, promises, facts={"film": film}
                )
                title = f"{org.name}{yy}年{'上半年' if h else '度'}党建工作总结"
                s = Rec(
                    "sum_h1" if h else "sum_y",
                    sd,
                    org,
                    "ZH",
                    {"claims": {k: counts[k] for k in chosen}, "promises": promises},
                    title,
                )
                s.blocks = blocks
                s.author = (org.committee(sd).get("组织委员") or org.committee(sd)["书记"]).name
                out.append(s)
    return out, rows


# ------------------------------------------------------------------ compose
def _plain(f):
    return lambda o, r, rng, recs: f(o, r, rng)


def _year_doc(f):
    return lambda o, r, rng, recs: f(o, r.info["year"], r.date, rng)


def _by_secretary(blocks_of):
    return lambda o, r, rng, recs: (blocks_of(o, r, rng), o.committee(r.date)["书记"].name)


# kind -> (org, rec, rng, the branch's records) -> (blocks, author)
COMPOSERS = {
    "zwh": lambda o, r, rng, recs: GM.compose_zwh(o, r, rng, T.years[r.date.year]["agenda"]),
    **{k: _plain(getattr(GM, "compose_" + k)) for k in ("dydh", "dxzh", "zzshh", "mzpy", "txth")},
    **{k: _plain(getattr(GL, "compose_" + k)) for k in ("dk", "ztdr", "jzxx", "xdth", "ytfy")},
    "xxjh": lambda o, r, rng, recs: (
        GL.compose_xxjh(o, r.info["year"], r.date, rng),
        (o.committee(r.date).get("宣传委员") or o.committee(r.date)["书记"]).name,
    ),
    "fz_app": _plain(GX.compose_app),
    "fz_rep": _plain(GX.compose_report),
    "fz_act": lambda o, r, rng, recs: GX.compose_notice(o, r, rng, "act"),
    "fz_js": lambda o, r, rng, recs: GX.compose_notice(o, r, rng, "in"),
    "fz_zz": lambda o, r, rng, recs: GX.compose_notice(o, r, rng, "full"),
    "fz_kc": _plain(GX.compose_kc),
    "fz_zs": _plain(GX.compose_zs),
    **{k: _plain(getattr(GX, "compose_" + k)) for k in ("jsjy", "lzth", "zyfw", "zwwh")},
    **{k: _year_doc(getattr(GX, "compose_" + k)) for k in ("zrs", "cns", "zc")},
    "hmc": lambda o, r, rng, recs: GX.compose_hmc(o, r.date, rng),
    "df": lambda o, r, rng, recs: GX.compose_df(o, r.date.year, r.date, rng),
    "zwfg": lambda o, r, rng, recs: GX.compose_zwfg(o, r.date, rng),
    "hj": lambda o, r, rng, recs: GX.compose_hj(o, r.date, r.info["meet"], rng),
    "zzgx": lambda o, r, rng, recs: GX.compose_zzgx(o, r.info["tr"], rng),
    "dntj": lambda o, r, rng, recs: GX.compose_dntj(
        o, r.info["year"], r.date, party_stats(o, r.info["year"], recs), rng
    ),
    "zd": lambda o, r, rng, recs: GX.compose_zd(o, r.info["name"], r.date, rng),
    "dsj": lambda o, r, rng, recs: GX.compose_dsj(
        o, r.info["year"], r.date, [x for x in recs if x.date.year == r.info["year"]], rng
    ),
    "szbg": _by_secretary(
        lambda o, r, rng: GS.compose_shuzhi(o, r.info["year"], r.date, o.committee(r.date)["书记"].name, rng)
    ),
}


def compose(rec, rng, recs_of_org):
    """rec.blocks and rec.author, unless the plan wrote them already (summaries, plans)."""
    o = rec.org
    if rec.blocks is not None:
        return
    b, a = COMPOSERS[rec.kind](o, rec, rng, recs_of_org)
    if b and b[0][0] == "title" and not b[0][1]:
        b[0] = ("title", rec.title)
    if o.kind == "retired":
        b = [(x[0], retired_wording(x[1])) if x[0] == "p" else x for x in b]
    rec.blocks, rec.author = b, a


def retired_wording(text):
    for a, b in MISC.retired_words:
        text = text.replace(a, b)
    return text


def party_stats(org, y, recs):
    d = date(y, 12, 31)
    roster = org.roster(d)
    young = sum(1 for p in roster if y - p.birth.year <= 35)
    coll = sum(1 for p in roster if p.edu in ("大学专科", "大学本科", "硕士研究生"))
    dev = sum(1 for c in org.dev if c.meeting_in.year == y)
    full = sum(1 for c in org.dev if c.meeting_full.year == y)
    tin = sum(1 for t in org.transfers if t[0].year == y and t[2] == "in")
    tout = sum(1 for t in org.transfers if t[0].year == y and t[2] == "out")
    died = sum(1 for dd, _ in org.deaths if dd.year == y)
    return [
        ("党员总数", len(roster)),
        ("其中：女党员", sum(1 for p in roster if p.sex == "女")),
        ("少数民族党员", sum(1 for p in roster if p.nation != "汉族")),
        ("35岁及以下党员", young),
        ("大专及以上学历党员", coll),
        ("本年发展党员", dev),
        ("本年预备党员转正", full),
        ("本年组织关系转入", tin),
        ("本年组织关系转出", tout),
        ("本年死亡党员", died),
    ]


# ------------------------------------------------------------------ formats
# the kinds a branch also kept as plain text (GBK .txt) or markdown
TXT_OK = set("zwh dxzh ztdr jzxx xdth fz_app fz_rep zyfw jsjy lzth txth ytfy dydh dk".split())
MD_OK = {"xdth", "jzxx", "ytfy", "dk", "ztdr", "dxzh", "zwh", "xxjh", "fz_rep"}


def assign_formats(all_recs, seed, frac_txt=0.08, frac_md=0.08, pdf_picks=PDF_PICKS):
    rng = seeded(seed, "formats")
    n = len(all_recs)
    by = {}
    for r in sorted(all_recs, key=lambda r: (r.org.key, r.date, r.title)):
        by.setdefault((r.org.key, r.kind, r.date.year), []).append(r)
    for key in pdf_picks:
        if key in by:
            by[key][0].fmt = "pdf"
    # one summary as GBK text, one as markdown (old and new machines)
    sums = sorted((r for r in all_recs if r.kind == "sum_h1"), key=lambda r: (r.date, r.org.key))
    old = [r for r in sums if r.date.year <= 2020 and r.org.kind == "retired"]
    new = [r for r in sums if r.date.year >= 2024 and r.org.kind == "service"]
    if old:
        old[0].fmt = "txt"
    if new:
        new[0].fmt = "md"
    pool = sorted((r for r in all_recs if r.fmt == "docx"), key=lambda r: (r.org.key, r.date, r.title))
    want_txt = round(frac_txt * n) - sum(1 for r in all_recs if r.fmt == "txt")
    want_md = round(frac_md * n) - sum(1 for r in all_recs if r.fmt == "md")

    def weighted_pick(cands, weight, k):
        cands = list(cands)
        chosen = []
        for _ in range(max(0, k)):
            if not cands:
                break
            ws = [weight(r) for r in cands]
            x = rng.random() * sum(ws)
            acc = 0
            for j, w in enumerate(ws):
                acc += w
                if acc >= x:
                    chosen.append(cands.pop(j))
                    break
        return chosen

    for r in weighted_pick(
        [r for r in pool if r.kind in TXT_OK],
        lambda r: (3 if r.date.year <= 2021 else 1) * (2 if r.org.kind == "retired" else 1),
        want_txt,
    ):
        r.fmt = "txt"
    for r in weighted_pick(
        [r for r in pool if r.kind in MD_OK and r.fmt == "docx"],
        lambda r: (3 if r.date.year >= 2022 else 1) * (2 if r.org.kind == "business" else 1),
        want_md,
    ):
        r.fmt = "md"


def gbk_safe(blocks):
    def fix(s):
        s = s.replace("•", "·").replace("\u2014", "—")
        try:
            s.encode("gbk")
            return s
        except UnicodeEncodeError:
            return "".join(ch if _gbk(ch) else "?" for ch in s)

    out = []
    for b in blocks:
        if b[0] == "table":
            out.append(("table", [[fix(c) for c in row] for row in b[1]]))
        elif len(b) > 1:
            out.append((b[0], fix(b[1])))
        else:
            out.append(b)
    return out


def _gbk(ch):
    try:
        ch.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


def render(rec):
    if rec.fmt == "docx":
        return render_docx(rec.blocks, rec.title, rec.author, rec.date)
    if rec.fmt == "txt":
        return render_txt(gbk_safe(rec.blocks))
    if rec.fmt == "md":
        return render_md(rec.blocks)
    if rec.fmt == "pdf":
        return render_pdf(rec.blocks, rec.title, rec.author)
    raise ValueError(rec.fmt)


def rel_path(rec):
    ext = GF.EXT.get(rec.fmt, rec.fmt)
    return os.path.join(CATEGORY[rec.code], str(rec.date.year), f"{rec.date.isoformat()}_{rec.title}.{ext}")


# ------------------------------------------------------------------ build
def _untitled(r):
    """Documents titled when planned (extra_docs), not by set_title_and_topic."""
    return r.kind in ("hmc", "df", "zwfg", "hj", "zzgx", "dntj", "zrs", "cns", "zc", "zd", "dsj", "szbg", "xxjh")


def _spare_zwh(org, recs, seed, period):
    """A 支委会 that may go missing in period, added when every one there is anchored."""
    y, h = int(period[:4]), int(period[-1])
    if not [r for r in recs if r.kind == "zwh" and r.date.year == y and r.half == h and not r.info.get("anchored")]:
        rng = seeded(seed, "drop", org.key)
        recs.append(
            Rec("zwh", workday(rng, y, rng.choice([2, 3, 4, 5]) if h == 1 else rng.choice([8, 9, 10])), org, "SH")
        )
        number_meetings(recs)


def _make_discrepancy(org, recs, seed, used, disc):
    """A deliberate mismatch made in the files: one record removed ("drop"), or more 心得
    filed than the summary will claim ("under"). Returns the README note."""
    _, period, ind, how, delta, note = disc
    if how == "drop":
        y, h = int(period[:4]), int(period[-1])
        cands = [r for r in recs if indicator_of(r.title) == ind and r.date.year == y and r.half == h]
        cands = sorted((r for r in cands if not r.info.get("anchored")), key=lambda r: r.date)
        victim = cands[len(cands) // 2]
        recs.remove(victim)
        return note.format(no=victim.info.get("no", ""))
    if how == "under":
        y, h = int(period[:4]), (int(period[-1]) if "H" in period else None)
        have = count_period(recs, org, y, h)[ind]
        rng = seeded(seed, "under", org.key)
        while have < -delta + 2:
            r = Rec(
                "xdth", workday(rng, y, rng.choice([3, 4, 5, 6]) if h != 2 else rng.choice([8, 9, 10, 11])), org, "XX"
            )
            set_title_and_topic(r, rng, used)
            recs.append(r)
            have += 1
    return note


def plan_archive(seed=SEED, discrepancies=DISCREPANCIES):
    """(orgs, records by branch, all records, the README's discrepancy rows), nothing written yet."""
    orgs = make_orgs(seed)
    by_key = {o.key: o for o in orgs}
    recs_by_org, used = {}, {}
    for org in orgs:
        recs = plan_records(org, seed)
        for key, period, ind, how, _, _ in discrepancies:
            if key == org.key and how == "drop" and ind == "支委会":
                _spare_zwh(org, recs, seed, period)
        recs += extra_docs(org, seed)
        rng = seeded(seed, "titles", org.key)
        for r in sorted(recs, key=lambda r: (r.date, r.kind)):
            if r.kind == "ytfy":
                finalize_extra(r, rng)
            elif not _untitled(r):
                set_title_and_topic(r, rng, used)
        recs_by_org[org.key] = recs
    disc = [d[:5] + (_make_discrepancy(by_key[d[0]], recs_by_org[d[0]], seed, used, d),) for d in discrepancies]
    zh, rows = summaries_and_plans(orgs, recs_by_org, seed, disc)
    for r in zh:
        recs_by_org[r.org.key].append(r)
    all_recs = [r for k in recs_by_org for r in recs_by_org[k]]
    return orgs, recs_by_org, all_recs, rows


def build(out="archive", seed=SEED, verbose=True):
    import time

    t0 = time.time()
    orgs, recs_by_org, all_recs, rows = plan_archive(seed)
    assign_formats(all_recs, seed)
    for org in orgs:
        for r in recs_by_org[org.key]:
            compose(r, seeded(seed, "compose", org.key, r.kind, r.date.isoformat(), r.title), recs_by_org[org.key])
    # one document written in traditional characters (an old cadre's 心得)
    trad = sorted(
        (r for r in all_recs if r.kind == "xdth" and r.org.kind == "retired" and r.fmt == "docx"), key=lambda r: r.date
    )
    if trad:
        import opencc

        cc = opencc.OpenCC("s2t")
        r = trad[len(trad) // 2]
        r.blocks = [(b[0], cc.convert(b[1])) if b[0] != "table" else b for b in r.blocks]
        r.info["traditional"] = True
    # older and odder formats (g_formats.py): .doc/.wps/.rtf, scans, a text PDF with a scanned page
    GF.assign_extra_formats(all_recs, seed)
    lo = GF.LibreOfficeJobs(out)  # reads the committed LibreOffice outputs before the clean-up
    # clean old output (only what we generate)
    os.makedirs(out, exist_ok=True)
    for d in list(CATEGORY.values()) + [LOOSE_DIR]:
        p = os.path.join(out, d)
        if os.path.isdir(p):
            shutil.rmtree(p)
    paths = set()
    for r in sorted(all_recs, key=lambda r: rel_path(r)):
        rp = rel_path(r)
        assert rp not in paths, rp
        assert len(os.path.basename(rp).encode()) < 250, rp
        paths.add(rp)
        full = os.path.join(out, rp)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if r.fmt in GF.LO_FORMATS:  # made by LibreOffice from the .docx, in one batch below
            lo.add(rp, render_docx(r.blocks, r.title, r.author, r.date), ".docx", GF.LO_FORMATS[r.fmt])
            continue
        with open(full, "wb") as f:
            f.write(GF.render_extra(r, seed) if r.fmt in GF.EXT else render(r))
    # the scanned sheet
    y2 = next(o for o in orgs if o.key == SCAN[0])
    sd = date(SCAN[1], 12, 20)
    scan_title = f"{y2.name}{SCAN[1]}年度民主评议党员测评表（扫描件）"
    page = rating_sheet(y2, sd, y2.roster(sd), seeded(seed, "scan"))
    sp = os.path.join(out, CATEGORY["SH"], str(SCAN[1]), f"{sd.isoformat()}_{scan_title}.pdf")
    with open(sp, "wb") as f:
        f.write(render_scan_pdf([page], scan_title))
    # loose files
    write_loose(out, orgs, recs_by_org, seed)
    # photos, 台账 spreadsheets, slides, an OFD; then what LibreOffice makes
    extras = GF.write_extras(out, orgs, recs_by_org, seed, lo)
    lo.run()
    # keep the README's discrepancy table in step with what was built
    from .readme import update_readme

    update_readme(os.path.join(out, "README.md"), rows)
    if verbose:
        print(f"wrote {len(all_recs) + 1 + 2 + len(extras) + 4} files to {out} in {time.time() - t0:.1f}s")
    return orgs, all_recs, rows


def write_loose(out, orgs, recs_by_org, seed):
    d = os.path.join(out, LOOSE_DIR)
    os.makedirs(d, exist_ok=True)
    y2 = recs_by_org["Y2"]
    s = next(r for r in y2 if r.kind == "sum_h1" and r.date.year == 2022)
    blocks = [b for b in s.blocks if not (b[0] == "right" and ("年" in b[1] and "月" in b[1]))]
    with open(os.path.join(d, "总结终稿(2).docx"), "wb") as f:
        f.write(render_docx(blocks, "总结终稿", s.author, s.date))
    lt = next(o for o in orgs if o.key == "LT")
    roster = lt.roster(date(2019, 1, 2))
    cm = lt.committee(date(2019, 1, 2))
    slots = dict(sec=cm["书记"].name, org_member=cm["组织委员"].name, n=len(roster), present=len(roster) - 4)
    lines = Ctx(None).blocks(MISC.docs_loose, **slots)
    with open(os.path.join(d, "会议记录 扫描前整理.txt"), "wb") as f:
        f.write(render_txt(lines))

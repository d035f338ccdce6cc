"""Build the sample archive (and, via corpus.py, the scale corpus)."""

import os
import shutil
from datetime import date, timedelta

from . import g_formats as GF
from . import g_learning as GL
from . import g_meetings as GM
from . import g_misc as GX
from . import g_summary as GS
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
from .rules import INDICATOR_NAMES, indicator_of, indicators_in
from .themes import THEMES as T
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


def _q(s):
    """Inner quotes inside “…” become ‘…’."""
    return s.replace("“", "‘").replace("”", "’")


# ------------------------------------------------------------------ titles
def set_title_and_topic(rec, rng, used):
    org, y, m = rec.org, rec.date.year, rec.date.month
    o = org.name
    k = rec.kind
    i = rec.info
    u = used.setdefault((org.key, y, k), set())
    if k == "zwh":
        rec.title = f"{o}{y}年第{i['no']}次支委会会议记录"
    elif k == "dydh":
        rec.title = f"{o}{y}年第{i['no']}次党员大会会议记录"
    elif k == "dxzh":
        rec.title = f"{o}{org.groups[i['group']]}{y}年{m}月党小组会会议记录"
    elif k == "dk":
        topic, sections = GL.dk_topic(org, rec, rng)
        if topic in u:
            topic, sections = GL.dk_topic(org, rec, rng)
        u.add(topic)
        cm = org.committee(rec.date)
        role = "书记" if rng.random() < 0.7 else rng.choice([r for r in cm if r != "书记"])
        i.update(topic=topic, sections=sections, speaker=cm[role], role=role)
        form = rng.randrange(3)
        if form == 0:
            rec.title = f"{o}专题党课讲稿（{topic}）"
        elif form == 1:
            rec.title = f"{o}{role}{cm[role].name}党课讲稿：{topic}"
        else:
            rec.title = f"{o}{y}年党课讲稿《{topic}》"
    elif k == "ztdr":
        topic, paras = GL.ztdr_topic(org, rec, rng, u)
        u.add(topic)
        i.update(topic=topic, paras=paras)
        rec.title = f"{o}“{_q(topic)}”主题党日活动记录"
    elif k == "jzxx":
        topic, material = GL.jzxx_topic(rec, rng, u)
        u.add(topic)
        i.update(topic=topic, material=material)
        rec.title = f"{o}{y}年{m}月集中学习记录" + (f"（{topic}）" if rng.random() < 0.75 else "")
    elif k == "xdth":
        topic = GL.xdth_topic(rec, rng)
        roster = org.roster(rec.date)
        a = rng.choice([p for p in roster if (org.key, y, p.name) not in used.setdefault("authors", set())] or roster)
        used["authors"].add((org.key, y, a.name))
        i.update(topic=topic, author=a)
        rec.title = f"{o}{topic}心得体会（{a.name}）"
    elif k == "ytfy":
        a = i["author"]
        rec.title = f"{o}{i['topic']}专题研讨发言（{a.name}）"
    elif k == "jsjy":
        th = T.years[y]
        opts = []
        if f"film{y}" not in u and m <= 6:
            opts.append(("film", f"{o}观看{th['film']}警示教育活动记录"))
        if y == 2024 and 4 <= m <= 7:
            opts.append(("case", f"{o}党纪学习教育警示教育活动记录"))
        if y == 2025 and m >= 3:
            opts.append(("case", f"{o}深入贯彻中央八项规定精神学习教育警示教育活动记录"))
        opts += [
            ("case", f"{o}“以案为鉴、以案促改”警示教育活动记录"),
            ("case", f"{o}{y}年典型案例通报警示教育活动记录"),
            (
                "case",
                f"{o}{y}年{'节前' if m in (1, 2, 9, 12) else m}{'' if m in (1, 2, 9, 12) else '月'}警示教育活动记录",
            ),
        ]
        opts = [x for x in opts if x[1] not in u]
        what, t = opts[0] if rng.random() < 0.7 else rng.choice(opts)
        u.add(t)
        if what == "film":
            u.add(f"film{y}")
        i["film"] = what == "film"
        rec.title = t
    elif k == "lzth":
        cm = org.committee(rec.date)
        others = [p for r, p in cm.items() if r != "书记"] + [p for p in org.roster(rec.date) if p not in cm.values()][
            :5
        ]
        target = rng.choice(others)
        typ = (
            "新任支委廉政谈话"
            if any(abs((e - rec.date).days) < 120 and e <= rec.date for e in org.elections)
            else rng.choice(["节前廉政提醒谈话", "日常廉政提醒谈话", "岗位调整廉政谈话"])
        )
        i.update(target=target, type=typ)
        rec.title = f"{o}廉政谈话记录（{target.name}）"
    elif k == "zyfw":
        topic, paras = GX.zyfw_topic(org, rec, rng, u)
        u.add(topic)

        i.update(topic=topic, paras=paras, community=rng.choice(NAMES.communities))
        rec.title = f"{o}“{topic}”志愿服务活动记录"
        if rec.title in u:
            rec.title = f"{o}{y}年{m}月“{topic}”志愿服务活动记录"
        u.add(rec.title)
    elif k == "zwwh":
        rec.title = f"{o}{y}年{i['occasion']}走访慰问记录"
    elif k == "zzshh":
        rec.title = f"{o}{y}年度组织生活会会议记录"
    elif k == "mzpy":
        rec.title = f"{o}{y}年度民主评议党员情况报告"
    elif k == "txth":
        rec.title = f"{o}{y}年度组织生活会前谈心谈话记录"
    elif k.startswith("fz_"):
        nm = i["case"].person.name
        c = i["case"]
        if k == "fz_app":
            rec.title = f"{o}入党申请书（{nm}）"
        elif k == "fz_act":
            rec.title = f"{o}关于确定入党积极分子的公示（{nm}）"
        elif k == "fz_rep":
            rec.title = f"{o}入党积极分子思想汇报（{nm}，{y}年第{(m - 1) // 3 + 1}季度）"
        elif k == "fz_kc":
            rec.title = f"{o}入党积极分子培养考察情况（{nm}）"
        elif k == "fz_zs":
            rec.title = f"{o}发展对象政审情况报告（{nm}）"
        elif k == "fz_js":
            rec.title = f"{o}关于接收预备党员的公示（{nm}）"
        elif k == "fz_zz":
            rec.title = f"{o}关于预备党员转正的公示（{nm}）"
    assert rec.title, k
    assert len(indicators_in(rec.title)) <= 1, rec.title


# ------------------------------------------------------------------ orgs
def make_orgs(seed, specs=ORG_SPECS, years=(2019, 2025), end=END):
    pool = NamePool(seeded(seed, "names"))
    orgs = []
    for key, name, kind, n in specs:
        org, rng = build_org(key, name, kind, n, seed, pool, years)
        plan_development(org, rng, pool, years, end)
        orgs.append(org)
    for org in orgs:
        rng = seeded(seed, "moves", org.key)
        plan_movements(org, rng, pool, orgs, years)
    ret = [o for o in orgs if o.kind == "retired"]
    for org in orgs:
        if org.kind != "retired" and ret and years[0] <= 2022 <= years[1]:
            rng = seeded(seed, "retire", org.key)
            retire_into(
                org, ret[0], rng, workday(rng, 2022 if org.kind == "business" else 2023, rng.choice([3, 4, 9, 10]))
            )
    for org in orgs:
        rng = seeded(seed, "elect", org.key)
        ey = 2021 if years[0] <= 2021 <= years[1] else years[0] + 2
        m = {"business": 6, "service": 9, "retired": 11}[org.kind]
        add_election(org, rng, workday(rng, ey, m, 8, 22))
        if org.kind == "business" and years[1] >= 2024:
            add_election(org, rng, workday(rng, 2024, 6, 8, 22))
    return orgs


# ------------------------------------------------------------------ plan
def halves(years=(2019, 2025), end=END):
    for y in range(years[0], years[1] + 1):
        for h in (1, 2):
            if date(y, 1 if h == 1 else 7, 1) <= end:
                yield y, h


def plan_records(org, seed, years=(2019, 2025), end=END):
    recs = []
    for y, h in halves(years, end):
        recs += plan_half(org, y, h, seed, end)
    dev, anchors = plan_dev_records(org)
    recs += dev
    for e in org.elections:
        anchors.append(("dydh", e, "elect_m", None))
        anchors.append(("zwh", e - timedelta(days=14), "elect_p", None))
    # elections: mark meetings
    elect_anchors = [a for a in anchors if a[2].startswith("elect")]
    anchors = [a for a in anchors if not a[2].startswith("elect")]
    attach_anchors(recs, anchors, org, seed)
    for kind, d, what, _ in elect_anchors:
        if kind == "dydh":
            r = [x for x in recs if x.kind == "dydh" and x.date == d]
            if not r:
                r = [Rec("dydh", d, org, "SH")]
                recs.append(r[0])
            r[0].info["elect"] = True
            r[0].info["anchored"] = True
        else:
            r = [x for x in recs if x.kind == "zwh" and 0 <= (d + timedelta(days=14) - x.date).days <= 30]
            if r:
                r[0].info["elect"] = True
            else:
                nr = Rec("zwh", next_workday(d), org, "SH", {"elect": True, "anchored": True})
                recs.append(nr)
    recs = [r for r in recs if START <= r.date <= end]
    number_meetings(recs)
    return recs


def extra_docs(org, seed, years=(2019, 2025), end=END):
    """ZH/ZZ/XX/LZ documents that are not 'records'."""
    rng = seeded(seed, "extra", org.key)
    out = []
    y0, y1 = years
    k = org.kind

    def add(kind, code, d, title, **info):
        if START <= d <= end or kind in ("sum_y",):
            out.append(Rec(kind, d, org, code, dict(info), title))

    # 花名册
    for y in sorted({y0, (y0 + y1) // 2 + 1, y1}):
        add("hmc", "ZZ", workday(rng, y, 3, 5, 20), f"{org.name}党员花名册（{y}年）")
    # 党费
    fee_years = range(y0, y1)  # every year's 党费收缴情况 is published in December
    for y in fee_years:
        if y0 <= y <= y1:
            add("df", "ZZ", workday(rng, y, 12, 15, 24), f"{org.name}{y}年党费收缴情况")
    # 支委分工 after each term start
    for i, (start, _) in enumerate(org.terms):
        d = workday(rng, start.year, 2, 10, 25) if i == 0 else next_workday(start + timedelta(days=rng.randint(5, 12)))
        add("zwfg", "ZZ", d, f"{org.name}支委分工及职责（{d.year}年）", term=start)
    for e in org.elections:
        add(
            "hj", "ZZ", next_workday(e + timedelta(days=rng.randint(2, 5))), f"关于{org.name}换届选举结果的报告", meet=e
        )
    for tr in org.transfers:
        d, p, way, where = tr
        add("zzgx", "ZZ", d, f"{org.name}党员组织关系转接登记（{p.name}{'转入' if way == 'in' else '转出'}）", tr=tr)
    ty = {"business": 2022, "service": 2023, "retired": 2024}[k]
    if y0 <= ty <= y1:
        add("dntj", "ZZ", workday(rng, ty, 12, 18, 24), f"{org.name}{ty}年度党内统计报表", year=ty)
    # LZ
    for y in (2019, 2023):
        if y0 <= y <= y1:
            add("zrs", "LZ", workday(rng, y, 3, 1, 20), f"{org.name}{y}年党风廉政建设责任书", year=y)
    for y in (2020, 2022, 2024) if k == "retired" else (2020, 2024):
        if y0 <= y <= y1:
            add("cns", "LZ", workday(rng, y, 4, 8, 25), f"{org.name}党员廉洁自律承诺书（{y}年）", year=y)
    zc_years = {"business": (2021, 2025), "service": (2023, 2025), "retired": (2025,)}[k]
    for y in zc_years:
        if y0 <= y <= y1:
            add(
                "zc",
                "LZ",
                workday(rng, y, 5 if y == 2025 else 11, 6, 22),
                f"{org.name}落实中央八项规定精神自查报告（{y}年）",
                year=y,
            )
    # ZH: 制度, 大事记, 述职
    zd = {
        "business": [(2019, "“三会一课”制度")],
        "service": [(2019, "党员学习制度")],
        "retired": [(2019, "党费收缴管理制度"), (2022, "谈心谈话制度")],
    }[k]
    for y, nm in zd:
        if y0 <= y <= y1:
            add("zd", "ZH", workday(rng, y, 3, 5, 25), f"{org.name}{nm}", name=nm, year=y)
    dsj = {"business": (2021, 2024), "service": (2022,), "retired": (2023,)}[k]
    for y in dsj:
        if y0 <= y < y1:
            add(
                "dsj",
                "ZH",
                date(y, 12, 24) if date(y, 12, 24).weekday() < 5 else date(y, 12, 22),
                f"{org.name}{y}年大事记",
                year=y,
            )
    sz = {
        "business": [y for y in range(y0, y1) if y % 2 == 1],
        "service": [y for y in range(y0, y1) if y % 3 == 0],
        "retired": [2021],
    }[k]
    for y in sz:
        if y0 <= y < y1:
            add("szbg", "ZH", workday(rng, y, 12, 14, 22), f"{org.name}书记{y}年度抓基层党建工作述职报告", year=y)
    # XX: 学习计划, 研讨发言
    xj = {
        "business": [y for y in range(y0, y1 + 1) if y % 2 == 1],
        "service": [y for y in range(y0, y1 + 1) if y % 2 == 1],
        "retired": [2021],
    }[k]
    for y in xj:
        if y0 <= y <= y1:
            add(
                "xxjh",
                "XX",
                workday(rng, y, 3 if y in (2021, 2025) else 2, 16, 28) if y != 2025 else workday(rng, 2025, 3, 25, 31),
                f"{org.name}{y}年理论学习计划",
                year=y,
            )
    if k != "retired":
        yt = [
            (2019, 10, "“不忘初心、牢记使命”主题教育"),
            (2021, 5, "党史学习教育"),
            (2023, 10, "主题教育"),
            (2024, 6, "党纪学习教育"),
        ]
        for y, m, topic in yt:
            if y0 <= y <= y1:
                for _ in range(1 if k == "business" or y in (2021, 2024) else 0):
                    d = workday(rng, y, m, 5, 25)
                    add("ytfy", "XX", d, "", topic=topic)
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


def summaries_and_plans(orgs, recs_by_org, seed, years=(2019, 2025), end=END, discrepancies=()):
    """Write ZH plans, H1/annual summaries from the records; return new Recs and the discrepancy rows."""
    out, rows = [], []
    disc = {(d[0], d[1], d[2]): d for d in discrepancies}
    for org in orgs:
        recs = recs_by_org[org.key]
        prev_problems = None
        for y in range(years[0], years[1] + 1):
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
            if date(y, 12, 31) <= end:
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
def compose(rec, rng, recs_of_org):
    o = rec.org
    k = rec.kind
    if rec.blocks is not None:
        return
    if k == "zwh":
        b, a = GM.compose_zwh(o, rec, rng, T.years[rec.date.year]["agenda"])
    elif k == "dydh":
        b, a = GM.compose_dydh(o, rec, rng)
    elif k == "dxzh":
        b, a = GM.compose_dxzh(o, rec, rng)
    elif k == "zzshh":
        b, a = GM.compose_zzshh(o, rec, rng)
    elif k == "mzpy":
        b, a = GM.compose_mzpy(o, rec, rng)
    elif k == "txth":
        b, a = GM.compose_txth(o, rec, rng)
    elif k == "dk":
        b, a = GL.compose_dk(o, rec, rng)
    elif k == "ztdr":
        b, a = GL.compose_ztdr(o, rec, rng)
    elif k == "jzxx":
        b, a = GL.compose_jzxx(o, rec, rng)
    elif k == "xdth":
        b, a = GL.compose_xdth(o, rec, rng)
    elif k == "ytfy":
        b, a = GL.compose_ytfy(o, rec, rng)
    elif k == "xxjh":
        b = GL.compose_xxjh(o, rec.info["year"], rec.date, rng)
        a = (o.committee(rec.date).get("宣传委员") or o.committee(rec.date)["书记"]).name
    elif k == "fz_app":
        b, a = GX.compose_app(o, rec, rng)
    elif k == "fz_rep":
        b, a = GX.compose_report(o, rec, rng)
    elif k == "fz_act":
        b, a = GX.compose_notice(o, rec, rng, "act")
    elif k == "fz_js":
        b, a = GX.compose_notice(o, rec, rng, "in")
    elif k == "fz_zz":
        b, a = GX.compose_notice(o, rec, rng, "full")
    elif k == "fz_kc":
        b, a = GX.compose_kc(o, rec, rng)
    elif k == "fz_zs":
        b, a = GX.compose_zs(o, rec, rng)
    elif k == "jsjy":
        b, a = GX.compose_jsjy(o, rec, rng)
    elif k == "lzth":
        b, a = GX.compose_lzth(o, rec, rng)
    elif k == "zyfw":
        b, a = GX.compose_zyfw(o, rec, rng)
    elif k == "zwwh":
        b, a = GX.compose_zwwh(o, rec, rng)
    elif k == "zrs":
        b, a = GX.compose_zrs(o, rec.info["year"], rec.date, rng)
    elif k == "cns":
        b, a = GX.compose_cns(o, rec.info["year"], rec.date, rng)
    elif k == "zc":
        b, a = GX.compose_zc(o, rec.info["year"], rec.date, rng)
    elif k == "hmc":
        b, a = GX.compose_hmc(o, rec.date, rng)
    elif k == "df":
        b, a = GX.compose_df(o, rec.date.year, rec.date, rng)
    elif k == "zwfg":
        b, a = GX.compose_zwfg(o, rec.date, rng)
    elif k == "hj":
        b, a = GX.compose_hj(o, rec.date, rec.info["meet"], rng)
    elif k == "zzgx":
        b, a = GX.compose_zzgx(o, rec.info["tr"], rng)
    elif k == "dntj":
        b, a = GX.compose_dntj(o, rec.info["year"], rec.date, party_stats(o, rec.info["year"], recs_of_org), rng)
    elif k == "zd":
        b, a = GX.compose_zd(o, rec.info["name"], rec.date, rng)
    elif k == "dsj":
        b, a = GX.compose_dsj(
            o, rec.info["year"], rec.date, [r for r in recs_of_org if r.date.year == rec.info["year"]], rng
        )
    elif k == "szbg":
        b = GS.compose_shuzhi(o, rec.info["year"], rec.date, o.committee(rec.date)["书记"].name, rng)
        a = o.committee(rec.date)["书记"].name
    else:  # pragma: no cover
        raise ValueError(k)
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
TXT_OK = {
    "zwh",
    "dxzh",
    "ztdr",
    "jzxx",
    "xdth",
    "fz_app",
    "fz_rep",
    "zyfw",
    "jsjy",
    "lzth",
    "txth",
    "ytfy",
    "dydh",
    "dk",
}
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


# ------------------------------------------------------------------ scan
def scan_page(org, rec_date, roster, seed):
    """A grey, slightly rotated image of a filled-in 测评表 (no text layer)."""
    import io

    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from .fonts import cjk_font_path

    rng = seeded(seed, "scan")
    W, H = 1240, 1754
    img = Image.new("L", (W, H), 246)
    dr = ImageDraw.Draw(img)
    fp = cjk_font_path()
    f_big = ImageFont.truetype(fp, 44) if fp else ImageFont.load_default()
    f = ImageFont.truetype(fp, 26) if fp else ImageFont.load_default()
    title = f"{org.name}{rec_date.year}年度民主评议党员测评表"
    dr.text((W // 2, 120), title, font=f_big, fill=25, anchor="mm")
    dr.text((120, 200), f"测评时间：{rec_date.year}年{rec_date.month}月{rec_date.day}日", font=f, fill=35)
    cols = ["序号", "姓名", "优秀", "合格", "基本合格", "不合格"]
    xs = [100, 200, 420, 600, 780, 960, 1140]
    y0, rh = 260, 52
    rows = len(roster) + 1
    for i in range(rows + 1):
        dr.line([(xs[0], y0 + i * rh), (xs[-1], y0 + i * rh)], fill=40, width=2)
    for x in xs:
        dr.line([(x, y0), (x, y0 + rows * rh)], fill=40, width=2)
    for j, c in enumerate(cols):
        dr.text(((xs[j] + xs[j + 1]) // 2, y0 + rh // 2), c, font=f, fill=30, anchor="mm")
    for i, p in enumerate(roster, 1):
        yy = y0 + i * rh + rh // 2
        dr.text(((xs[0] + xs[1]) // 2, yy), str(i), font=f, fill=30, anchor="mm")
        dr.text(((xs[1] + xs[2]) // 2, yy), p.name, font=f, fill=30, anchor="mm")
        col = 2 if rng.random() < 0.35 else 3
        cx = (xs[col] + xs[col + 1]) // 2 + rng.randint(-12, 12)
        dr.line([(cx - 14, yy), (cx - 3, yy + 12), (cx + 18, yy - 16)], fill=15, width=4)
    yb = y0 + rows * rh + 70
    dr.text((120, yb), "说明：请在相应等次栏内划“√”，每名党员只能选择一个等次。", font=f, fill=35)
    dr.text((760, yb + 80), "测评人：__________", font=f, fill=35)
    # a red seal
    rgb = img.convert("RGB")
    d2 = ImageDraw.Draw(rgb)
    cx, cy, r = 900, yb + 230, 110
    d2.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(200, 40, 40), width=6)
    d2.text((cx, cy - 10), "★", font=f_big, fill=(200, 40, 40), anchor="mm")
    f_seal = ImageFont.truetype(fp, 20) if fp else f
    d2.text((cx, cy + 52), org.name, font=f_seal, fill=(200, 40, 40), anchor="mm")
    rgb = rgb.rotate(0.7, resample=Image.BICUBIC, fillcolor=(236, 236, 236))
    px = rgb.load()
    for _ in range(9000):
        x, y = rng.randrange(W), rng.randrange(H)
        v = rng.randint(150, 220)
        px[x, y] = (v, v, v)
    rgb = rgb.filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    rgb.save(buf, format="JPEG", quality=72, optimize=True)
    return buf.getvalue()


# ------------------------------------------------------------------ build
def plan_archive(seed=SEED, discrepancies=DISCREPANCIES):
    return plan_orgs(ORG_SPECS, seed, discrepancies)


def plan_orgs(specs, seed, discrepancies=()):
    orgs = make_orgs(seed, specs)
    recs_by_org = {}
    used = {}
    for org in orgs:
        recs = plan_records(org, seed)
        for key, period, ind, how, delta, note in discrepancies:
            if key == org.key and how == "drop" and ind == "支委会":
                y, h = int(period[:4]), int(period[-1])
                free = [
                    r
                    for r in recs
                    if r.kind == "zwh" and r.date.year == y and r.half == h and not r.info.get("anchored")
                ]
                if not free:
                    rng = seeded(seed, "drop", key)
                    recs.append(
                        Rec(
                            "zwh",
                            workday(rng, y, rng.choice([2, 3, 4, 5]) if h == 1 else rng.choice([8, 9, 10])),
                            org,
                            "SH",
                        )
                    )
                    number_meetings(recs)
        recs += extra_docs(org, seed)
        rng = seeded(seed, "titles", org.key)
        for r in sorted(recs, key=lambda r: (r.date, r.kind)):
            if r.kind in ("hmc", "df", "zwfg", "hj", "zzgx", "dntj", "zrs", "cns", "zc", "zd", "dsj", "szbg", "xxjh"):
                continue
            if r.kind == "ytfy":
                finalize_extra(r, rng)
                continue
            set_title_and_topic(r, rng, used)
        recs_by_org[org.key] = recs
    # deliberate discrepancies that are a missing file
    notes = {}
    for key, period, ind, how, delta, note in discrepancies:
        org = next(o for o in orgs if o.key == key)
        recs = recs_by_org[key]
        if how == "drop":
            y, h = int(period[:4]), int(period[-1])
            cands = [
                r
                for r in recs
                if indicator_of(r.title) == ind and r.date.year == y and r.half == h and not r.info.get("anchored")
            ]
            cands.sort(key=lambda r: r.date)
            victim = cands[len(cands) // 2]
            recs.remove(victim)
            notes[(key, period, ind)] = note.format(no=victim.info.get("no", ""))
        elif how == "under":
            y, h = int(period[:4]), (int(period[-1]) if "H" in period else None)
            have = count_period(recs, org, y, h)[ind]
            rng = seeded(seed, "under", key)
            while have < -delta + 2:
                d = workday(rng, y, rng.choice([3, 4, 5, 6]) if h != 2 else rng.choice([8, 9, 10, 11]))
                r = Rec("xdth", d, org, "XX")
                set_title_and_topic(r, rng, used)
                recs.append(r)
                have += 1
    disc = [(k, p, i, h, d, notes.get((k, p, i), n)) for k, p, i, h, d, n in discrepancies]
    zh, rows = summaries_and_plans(orgs, recs_by_org, seed, discrepancies=disc)
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
    page = scan_page(y2, sd, y2.roster(sd), seed)
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
    rng = seeded(seed, "loose")
    roster = lt.roster(date(2019, 1, 2))
    cm = lt.committee(date(2019, 1, 2))
    lines = [
        ("title", "党员大会会议记录（根据手写记录整理）"),
        ("field", "说明：原始记录为手写，字迹部分不清，整理后待扫描归档。"),
        ("field", "时间：2018年12月（具体日期原记录不清）下午"),
        ("field", "地点：老干部活动中心二楼会议室"),
        ("field", f"主持人：{cm['书记'].name}"),
        ("field", f"应到人数：{len(roster)}人　实到人数：{len(roster) - 4}人"),
        ("field", f"记录人：{cm['组织委员'].name}"),
        ("field", "议题：1. 学习改革开放40周年有关精神；2. 通报全年党费收缴情况；3. 布置年度组织生活会准备工作。"),
        ("p", f"{cm['书记'].name}同志传达了庆祝改革开放40周年大会精神，老同志们结合亲身经历谈了改革开放以来的变化。"),
        ("p", f"{cm['组织委员'].name}同志通报了全年党费收缴情况，全体党员均已按时交纳。"),
        ("p", "会议要求各党小组在元旦前完成征求意见工作，为召开组织生活会做好准备。"),
        ("p", "（以下一段原记录字迹不清，略）"),
    ]
    with open(os.path.join(d, "会议记录 扫描前整理.txt"), "wb") as f:
        f.write(render_txt(lines))

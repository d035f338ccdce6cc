"""发展党员材料, 党风廉政, 组织建设 and the remaining 综合类 documents,
plus 志愿服务 and 走访慰问 records."""

from datetime import timedelta

from .ctx import Ctx
from .g_meetings import _absent, header
from .model import cn_date, fmt_date, next_workday
from .pools import pools
from .themes import THEMES as T
from .themes import focus_at
from .xd import reflect, xd_pool

PROSE, NAMES = pools("misc"), pools("names")

PHONE = "0000-0000000"


def _birth(p):
    return f"{p.birth.year}年{p.birth.month}月"


def _app_extra(d):
    y, m = d.year, d.month
    if y == 2019 and m >= 10:
        return "今年是新中国成立70周年，看到国庆阅兵的壮观场面，我为祖国的强大感到骄傲。"
    if y == 2020 and m >= 2:
        return "特别是今年抗击疫情的过程中，我看到身边的党员干部主动请缨、冲锋在前，更加坚定了我向党组织靠拢的决心。"
    if y == 2021:
        return "今年是中国共产党成立100周年，通过学习党的百年奋斗历程，我对党的认识更加深刻了。"
    if y == 2022 and (m, d.day) >= (10, 23):
        return "党的二十大的胜利召开，为新时代新征程指明了方向，我更加坚定了入党的信念。"
    if y == 2022:
        return "今年党的二十大即将召开，我希望以实际行动向党组织靠拢。"
    if y == 2023:
        return "今年以来，我认真学习了党的二十大精神，对党的宗旨和使命有了更深的理解。"
    if y == 2024:
        return "今年我认真学习了新修订的《中国共产党纪律处分条例》，更加明白了党员必须严守纪律规矩。"
    return ""


def compose_app(org, rec, rng):
    p = rec.info["case"].person
    ctx = Ctx(rng)
    blocks = [("title", "入党申请书"), ("field", "敬爱的党组织：")]
    blocks.append(("p", PROSE.app_oath))
    blocks.append(("p", ctx.pick(PROSE.app_party) + ctx.pick(PROSE.app_now)))
    blocks.append(("p", ctx.pick(PROSE.app_understand)))
    blocks.append(("p", ctx.pick(PROSE.app_family)))
    blocks.append(("p", ctx.pick(PROSE.app_why) + _app_extra(rec.date)))
    blocks.append(("p", ctx.pick(PROSE.app_short)))
    blocks.append(("p", ctx.pick(PROSE.app_close)))
    blocks.append(("field", "此致"))
    blocks.append(("field", "敬礼！"))
    blocks.append(("right", f"申请人：{p.name}"))
    blocks.append(("right", fmt_date(rec.date)))
    return blocks, p.name


def compose_report(org, rec, rng):
    c = rec.info["case"]
    y = rec.date.year
    th = T.years[y]
    ctx = Ctx(rng, dict(focus=focus_at(rec.date), theme=th["theme"]))
    ctx.slots["xd"] = ctx.pick(xd_pool(y, rec.date.month, org.kind), community=rng.choice(NAMES.communities))
    blocks = [("title", "思想汇报"), ("field", "敬爱的党组织：")]
    blocks.append(("p", ctx.pick(PROSE.report_open)))
    blocks.append(("p", ctx.pick(PROSE.report_paras["learn"])))
    blocks.append(("p", ctx.pick(PROSE.report_paras["work"])))
    blocks.append(("p", ctx.pick(PROSE.report_life)))
    if rng.random() < 0.6:
        blocks.append(("p", ctx.pick(reflect("W", "insight"))))
    blocks.append(("p", ctx.pick(PROSE.report_paras["short"])))
    blocks.append(("p", ctx.pick(PROSE.report_paras["resolve"])))
    blocks.append(("p", "以上是我近期的思想汇报，恳请党组织批评指正。"))
    blocks.append(("right", f"汇报人：{c.person.name}"))
    blocks.append(("right", fmt_date(rec.date)))
    return blocks, c.person.name


def _person_table(p, org, rows_extra):
    rows = [
        ["姓名", p.name, "性别", p.sex],
        ["出生年月", _birth(p), "民族", p.nation],
        ["学历", p.edu, "工作岗位", p.post],
    ]
    return rows + rows_extra


def _notice_window(d):
    end = d
    n = 0
    while n < 4:
        end += timedelta(days=1)
        end = next_workday(end)
        n += 1
    return end


def _case_slots(c):
    """Slots of a development case's documents: the person, their dates, introducers."""
    p = c.person
    return dict(
        name=p.name,
        sex=p.sex,
        nation=p.nation,
        birth=_birth(p),
        edu=p.edu,
        post=p.post,
        apply=fmt_date(c.apply),
        activist=fmt_date(c.activist),
        candidate=fmt_date(c.candidate),
        i1=c.introducers[0],
        i2=c.introducers[1],
        meeting_in=fmt_date(c.meeting_in),
        due=fmt_date(c.meeting_in + timedelta(days=365)),
    )


def compose_notice(org, rec, rng, what):
    ctx = Ctx(rng, _case_slots(rec.info["case"]))
    text = PROSE.notice[what]
    blocks = [("title", rec.title), ("p", ctx.fill(text["lead"]) + "现将有关情况公示如下：")]
    blocks += [("p", f"{'一二三四'[i]}、{ctx.fill(ln)}") for i, ln in enumerate(text["lines"])]
    contact = org.role(rec.date, "组织委员").name
    end = fmt_date(_notice_window(rec.date))
    blocks += ctx.blocks(
        PROSE.docs["notice_tail"], date=fmt_date(rec.date), end=end, contact=contact, phone=PHONE, org=org.name
    )
    blocks.append(("right", cn_date(rec.date) if rng.random() < 0.5 else fmt_date(rec.date)))
    return blocks, contact


def compose_kc(org, rec, rng):
    c = rec.info["case"]
    table = _person_table(
        c.person, org, [["确定为积极分子时间", fmt_date(c.activist), "培养联系人", "、".join(c.introducers)]]
    )
    blocks = [("title", rec.title), ("table", table)]
    blocks += Ctx(rng, _case_slots(c)).blocks(PROSE.docs["kc"], org=org.name, date=fmt_date(rec.date))
    return blocks, c.introducers[0]


def compose_zs(org, rec, rng):
    ctx = Ctx(rng, _case_slots(rec.info["case"]))
    blocks = ctx.blocks(PROSE.docs["zs"], title=rec.title, org=org.name, date=fmt_date(rec.date))
    return blocks, org.role(rec.date, "组织委员").name


def compose_jsjy(org, rec, rng):
    y = rec.date.year
    ctx = Ctx(rng)
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    sec = cm["书记"]
    lead = cm.get("纪检委员") or cm.get("组织委员") or sec
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 3, big=True)
    blocks = [("title", rec.title)]
    blocks += header(ctx, org, rec, "全体党员", sec, lead, len(roster), len(roster) - len(absent), absent)
    blocks.append(("field", "活动内容："))
    text = PROSE.jsjy_text
    if rec.info.get("film"):
        blocks.append(("p", text["film"].format(film=T.years[y]["film"])))
    else:
        cs = ctx.picks(PROSE.cases, 2)
        blocks.append(("p", text["cases"].format(lead=(cm.get("纪检委员") or sec).name, c1=cs[0], c2=cs[1])))
    if y in text:
        blocks.append(("p", text[y]))
    blocks.append(("p", "交流讨论："))
    present = [p for p in roster if p not in [a for a, _ in absent]]
    for s in rng.sample(present, min(3, len(present))):
        blocks.append(("p", f"{s.name}：{ctx.pick(PROSE.jsjy_lines['all'] + PROSE.jsjy_lines[org.kind])}"))
    blocks.append(("p", text["close"].format(sec=sec.name)))
    return blocks, (cm.get("纪检委员") or sec).name


def compose_lzth(org, rec, rng):
    sec, target = org.committee(rec.date)["书记"], rec.info["target"]
    ctx = Ctx(rng, dict(sec=sec.name, target=target.name))
    slots = dict(title=rec.title, date=fmt_date(rec.date), post=target.post, type=rec.info["type"])
    blocks = ctx.blocks(PROSE.docs["lzth"], **slots)
    pts = PROSE.lzth_points if target in org.committee(rec.date).values() else PROSE.lzth_points[:-1]
    blocks += [("p", f"{i}. {pt}") for i, pt in enumerate(ctx.picks(pts, 3), 1)]
    blocks.append(("p", ctx.pick(PROSE.lzth_reply)))
    blocks.append(("right", f"谈话人签字：{sec.name}　谈话对象签字：{target.name}"))
    return blocks, sec.name


def compose_zrs(org, year, d, rng):
    sec = org.committee(d)["书记"].name
    return Ctx(rng).blocks(PROSE.docs["zrs"], org=org.name, year=year, sec=sec, date=fmt_date(d)), sec


def compose_cns(org, year, d, rng):
    items = list(PROSE.cns_items)
    if org.kind == "retired":
        items[2] = PROSE.cns_item3_retired
    blocks = [("title", f"{org.name}党员廉洁自律承诺书（{year}年）")]
    blocks.append(("p", "作为一名共产党员，为进一步增强廉洁自律意识，本人郑重承诺："))
    blocks += [("p", f"{i}. {it}") for i, it in enumerate(items, 1)]
    blocks.append(("field", "承诺人签名："))
    rows = [["序号", "姓名", "签名", "日期"]]
    rows += [[str(i), p.name, p.name, f"{d.month}月{d.day}日"] for i, p in enumerate(org.roster(d), 1)]
    blocks.append(("table", rows))
    return blocks, org.committee(d)["书记"].name


def compose_zc(org, year, d, rng):
    ctx = Ctx(rng, dict(org=org.name, year=year, date=fmt_date(d)))
    lead = "按照深入贯彻中央八项规定精神学习教育的部署要求，" if year == 2025 else "按照机关党总支的通知要求，"
    blocks = ctx.blocks(PROSE.docs["zc_head"], lead=lead)
    if year == 2025:
        blocks += ctx.blocks(PROSE.docs["zc_2025"])
    blocks += ctx.blocks(PROSE.docs["zc_tail"])
    return blocks, org.committee(d)["书记"].name


def zyfw_topic(org, rec, rng, used):
    y = rec.date.year
    pool = []
    if y in PROSE.zyfw and (y != 2020 or rec.date.month <= 6) and (y != 2022 or rec.date.month <= 11):
        pool = [z for z in PROSE.zyfw[y] if z[0] not in used]
        if y == 2020 and rec.date.month in (2, 3, 4):
            pool = [PROSE.zyfw[2020][0]] if PROSE.zyfw[2020][0][0] not in used else [PROSE.zyfw[2020][1]]
    gen = PROSE.zyfw_retired if org.kind == "retired" else PROSE.zyfw_generic
    gen = [g for g in gen if g[0] not in used] or gen
    if pool and rng.random() < 0.8:
        return rng.choice(pool)
    return rng.choice(gen)


def compose_zyfw(org, rec, rng):
    name, paras = rec.info["topic"], rec.info["paras"]
    ctx = Ctx(rng, dict(community=rec.info["community"]))
    roster = org.roster(rec.date)
    lead = org.committee(rec.date).get("宣传委员") or org.committee(rec.date)["书记"]
    k = min(len(roster), rng.randint(5, 10))
    people = rng.sample(roster, k)
    blocks = [
        ("title", rec.title),
        ("field", f"活动名称：“{name}”志愿服务"),
        ("field", f"活动时间：{fmt_date(rec.date)}"),
    ]
    blocks += [("field", f"活动地点：{rec.info['community']}"), ("field", f"组织人：{lead.name}")]
    blocks += [("field", f"参加人员：{'、'.join(p.name for p in people)}（共{k}人）"), ("field", "活动内容：")]
    blocks += [("p", ctx.fill(p)) for p in paras]
    blocks += [("field", "活动成效："), ("p", ctx.pick(PROSE.zyfw_effect))]
    return blocks, lead.name


def compose_zwwh(org, rec, rng):
    cm = org.committee(rec.date)
    old = sorted(org.roster(rec.date), key=lambda p: p.birth)[: rng.randint(3, 5)]
    ctx, text, occ = Ctx(rng), PROSE.zwwh, rec.info["occasion"]
    visitors = [cm["书记"]] + [p for p in cm.values() if p is not cm["书记"]][:1]
    blocks = [("title", rec.title), ("field", f"走访时间：{fmt_date(rec.date)}")]
    blocks += [("field", f"走访人员：{'、'.join(p.name for p in visitors)}"), ("field", "走访对象：")]
    rows = [["序号", "姓名", "年龄", "情况", "慰问内容"]]
    for i, p in enumerate(old, 1):
        state = ctx.pick(text["state"])
        rows.append([str(i), p.name, str(rec.date.year - p.birth.year), state, ctx.pick(text["gift"])])
    blocks += [("table", rows), ("field", "走访情况：")]
    blocks.append(("p", text["visit"].format(lead=text["lead"][occ], sec=cm["书记"].name)))
    if rec.date.year == 2021 and occ == "“七一”前夕":
        blocks.append(("p", text["medal"]))
    blocks.append(("p", ctx.pick(text["talk"])))
    blocks.append(("p", ctx.pick(text["after"])))
    return blocks, cm["书记"].name


# ---------------------------------------------------------------- 组织建设
def compose_hmc(org, d, rng):
    roster = org.roster(d)
    blocks = [("title", f"{org.name}党员花名册（{d.year}年）"), ("field", f"统计截至：{fmt_date(d)}")]
    rows = [list(PROSE.hmc_header)]
    for i, p in enumerate(roster, 1):
        st = p.status(d)
        full = f"{p.full.year}.{p.full.month:02d}" if st == "正式党员" else ""
        post = (p.note or p.post) if org.kind == "retired" else p.post
        joined = f"{p.join.year}.{p.join.month:02d}"
        rows.append([str(i), p.name, p.sex, p.nation, _birth(p), p.edu, joined, full, st, post, org.groups[p.group]])
    blocks.append(("table", rows))
    blocks.append(("field", f"合计：党员{len(roster)}名。"))
    return blocks, org.role(d, "组织委员").name


def _fee(p, kind, rng):
    if kind == "retired":
        base = rng.choice([3800, 4300, 4900, 5600, 6200, 7100])
        rate = 0.005 if base <= 5000 else 0.01
    else:
        base = rng.choice([3600, 4200, 4800, 5300, 6100, 6900, 7600, 8400])
        rate = 0.005 if base <= 3000 else 0.01 if base <= 5000 else 0.015 if base <= 10000 else 0.02
    return base, rate


def compose_df(org, year, d, rng):
    roster = org.roster(d)
    months = 12 if d.month == 12 else 6
    blocks = [("title", f"{org.name}{year}年党费收缴情况")]
    blocks.append(
        (
            "p",
            f"根据《关于中国共产党党费收缴、使用和管理的规定》，现将本支部{year}年{'全年' if months == 12 else '上半年'}党费收缴情况公布如下：",
        )
    )
    rows = [["序号", "姓名", "缴纳基数（元）", "缴纳比例", "月缴纳额（元）", f"{months}个月合计（元）"]]
    tot = 0.0
    for i, p in enumerate(roster, 1):
        base, rate = _fee(p, org.kind, rng)
        m = round(base * rate, 2)
        tot += m * months
        rows.append([str(i), p.name, str(base), f"{rate * 100:g}%", f"{m:.2f}", f"{m * months:.2f}"])
    rows.append(["", "合计", "", "", "", f"{tot:.2f}"])
    blocks.append(("table", rows))
    blocks.append(("p", "以上党费已按规定全额上缴机关党总支。如有疑问，请与支部组织委员联系。"))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.role(d, "组织委员").name


def compose_zwfg(org, d, rng):
    cm = org.committee(d)
    blocks = [("title", f"{org.name}支委分工及职责")]
    blocks.append(("p", f"经{fmt_date(d)}支部委员会研究，现将支部委员分工明确如下："))
    for role, p in cm.items():
        duty = PROSE.duties[role]
        if org.kind != "business" and role == "组织委员":
            duty += "兼任纪检委员，负责党风廉政建设和纪律检查工作。"
        blocks.append(("p", f"{p.name}：支部{role}。{duty}"))
    blocks.append(("p", "各委员要按照分工各司其职、密切配合，定期向支委会报告分管工作情况。"))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks, cm["书记"].name


def compose_hj(org, d, meet_date, rng):
    cm = org.committee(d)
    voters = [p for p in org.roster(meet_date) if p.status(meet_date) == "正式党员"]
    present = len(voters) - rng.randint(0, 2)
    deputy = f"，{cm['副书记'].name}同志为副书记" if "副书记" in cm else ""
    slots = dict(org=org.name, meet=fmt_date(meet_date), voters=len(voters), present=present, date=fmt_date(d))
    slots.update(elected="、".join(p.name for p in cm.values()), sec=cm["书记"].name, deputy=deputy)
    return Ctx(rng).blocks(PROSE.docs["hj"], **slots), cm["书记"].name


def compose_zzgx(org, tr, rng):
    d, p, way, where = tr
    slots = dict(name=p.name, sex=p.sex, birth=_birth(p), where=where, org=org.name, y=d.year)
    if way == "in":
        status = "中共正式党员" if p.status(d) == "正式党员" else "中共预备党员"
        slots.update(status=status, paid=max(1, d.month - 1), group=org.groups[p.group])
    else:
        slots.update(why="退休" if "离退休" in where else "工作调动", m=d.month)
    blocks = Ctx(rng).blocks(PROSE.docs["zzgx_" + way], **slots)
    blocks.append(("field", f"经办人：{org.role(d, '组织委员').name}"))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.role(d, "组织委员").name


def compose_dntj(org, year, d, stats, rng):
    blocks = [("title", f"{org.name}{year}年度党内统计报表"), ("field", f"统计时点：{year}年12月31日")]
    rows = [["项目", "数量"]] + [[k, str(v)] for k, v in stats]
    blocks.append(("table", rows))
    blocks.append(("field", f"填报人：{org.role(d, '组织委员').name}　审核人：{org.committee(d)['书记'].name}"))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.role(d, "组织委员").name


def compose_zd(org, name, d, rng):
    blocks = [("title", f"{org.name}{name}")]
    for ln in PROSE.rules[name]:
        blocks.append(("p", ln))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.committee(d)["书记"].name


def compose_dsj(org, year, d, recs, rng):
    blocks = [("title", f"{org.name}{year}年大事记")]
    for r in sorted(recs, key=lambda r: r.date):
        if r.kind not in PROSE.dsj_text:
            continue
        if r.kind in ("zwh", "jzxx") and rng.random() < 0.5:
            continue
        kw = dict(
            no=r.info.get("no", ""),
            topic=r.info.get("topic", ""),
            occasion=r.info.get("occasion", ""),
            speaker=r.info["speaker"].name if r.info.get("speaker") else "",
            name=r.info["case"].person.name if r.info.get("case") else "",
        )
        blocks.append(("p", f"{r.date.month}月{r.date.day}日　" + PROSE.dsj_text[r.kind].format(**kw)))
    blocks.append(("right", f"{org.name}　{fmt_date(d)}"))
    return blocks, org.role(d, "组织委员").name

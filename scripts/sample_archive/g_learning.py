"""党课讲稿, 主题党日活动记录, 集中学习记录, 心得体会, 研讨发言, 学习计划."""

from .ctx import Ctx
from .g_meetings import _absent, header
from .model import fmt_date
from .pools import pools
from .themes import THEMES as T
from .themes import focus_at
from .xd import reflect, xd_pool

PROSE, NAMES = pools("learning"), pools("names")


def dk_topic(org, rec, rng):
    y, m = rec.date.year, rec.date.month
    cands = [d for d in T.years[y]["dk"] if m in d[0]]
    gen = PROSE.generic_dk_retired + PROSE.generic_dk[:1] if org.kind == "retired" else PROSE.generic_dk
    if cands and rng.random() < 0.8:
        it = rng.choice(cands)
        return it[1], it[2]
    it = rng.choice(gen)
    return it[0], it[1]


def compose_dk(org, rec, rng):
    topic, sections = rec.info["topic"], rec.info["sections"]
    speaker = rec.info["speaker"]
    ctx = Ctx(rng)
    blocks = [("title", rec.title), ("subtitle", f"{speaker.name}（{org.name}{rec.info['role']}）")]
    blocks.append(("field", ctx.pick(PROSE.dk_open)))
    blocks.append(
        (
            "p",
            f"今天，我和大家一起学习交流的题目是《{topic}》。{ctx.pick(['讲得不对的地方，请大家批评指正。', '主要讲四个方面的内容。', '结合近期的学习，谈几点个人体会。'])}",
        )
    )
    blocks.append(("p", ctx.pick(PROSE.dk_intro)))
    elab = PROSE.dk_elab["A"] + PROSE.dk_elab["R" if org.kind == "retired" else "W"]
    for i, s in enumerate(sections):
        head, body = s.split("。", 1) if "。" in s else (s, "")
        blocks.append(("h1", head + "。"))
        blocks.append(("p", body.strip()))
        if i < len(sections) - 1:
            x = ctx.pick_new(elab)
            if x:
                blocks.append(("p", x))
        if i in (1, 2) and rng.random() < 0.6:
            blocks.append(("p", ctx.pick(PROSE.dk_bridge)))
        if i == 1 and rng.random() < 0.5:
            blocks.append(("p", ctx.pick(elab)))
    blocks.append(("p", ctx.pick(PROSE.dk_close)))
    return blocks, speaker.name


def ztdr_topic(org, rec, rng, used):
    y, m = rec.date.year, rec.date.month
    cands = [z for z in T.years[y]["ztdr"] if m in z[0] and z[1] not in used]
    gen = PROSE.generic_ztdr_retired + PROSE.generic_ztdr[:2] if org.kind == "retired" else PROSE.generic_ztdr
    gen = [g for g in gen if g[0] not in used]
    if cands and (rng.random() < 0.85 or not gen):
        z = rng.choice(cands)
        return z[1], z[2]
    g = rng.choice(gen or PROSE.generic_ztdr)
    return g[0], g[1]


def compose_ztdr(org, rec, rng):
    name, paras = rec.info["topic"], rec.info["paras"]
    ctx = Ctx(rng, dict(community=rng.choice(NAMES.communities), red_site=rng.choice(NAMES.red_sites)))
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    sec = cm["书记"]
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 3, big=True)
    present = len(roster) - len(absent)
    online = rec.date.year == 2020 and rec.date.month in (2, 3)
    blocks = [("title", rec.title), ("field", f"活动主题：{name}")]
    people = "全体党员" + ("、入党积极分子" if org.dev and rng.random() < 0.4 else "")
    blocks += header(ctx, org, rec, people, sec, cm.get("宣传委员") or sec, len(roster), present, absent, online=online)
    blocks.append(("field", "活动内容："))
    steps = PROSE.ztdr_steps_retired if org.kind == "retired" else PROSE.ztdr_steps
    if rng.random() < 0.6:
        blocks.append(("p", ctx.pick(steps, sec=sec.name, focus=focus_at(rec.date))))
    for p in paras:
        blocks.append(("p", ctx.fill(p)))
    if rng.random() < 0.5:
        blocks.append(("p", ctx.pick(steps, sec=sec.name, focus=focus_at(rec.date))))
    if rng.random() < 0.8:
        speakers = rng.sample(roster, min(2, len(roster)))
        for s in speakers:
            x = ctx.pick_new(
                xd_pool(rec.date.year, rec.date.month, org.kind), community=ctx.rng.choice(NAMES.communities)
            )
            if x:
                blocks.append(("p", f"{s.name}：{x}"))
    blocks.append(("p", ctx.pick(PROSE.ztdr_close, sec=sec.name)))
    return blocks, (cm.get("宣传委员") or sec).name


def jzxx_topic(rec, rng, used):
    y, m = rec.date.year, rec.date.month
    cands = [j for j in T.years[y]["jzxx"] if m in j[0] and j[1] not in used]
    if not cands:
        cands = [j for j in T.years[y]["jzxx"] if m in j[0]] or T.years[y]["jzxx"]
    j = rng.choice(cands)
    return j[1], j[2]


def compose_jzxx(org, rec, rng):
    material = rec.info["material"]
    ctx = Ctx(rng)
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    sec = cm["书记"]
    lead = cm.get("宣传委员") or sec
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 3, big=True)
    blocks = [("title", rec.title)]
    online = rec.date.year == 2020 and rec.date.month in (2, 3)
    blocks += header(
        ctx, org, rec, "全体党员", sec, lead, len(roster), len(roster) - len(absent), absent, online=online
    )
    blocks.append(("field", f"学习内容：{material}"))
    blocks.append(("field", "学习情况："))
    blocks.append(("p", ctx.pick(PROSE.jzxx_intro, lead=lead.name, material=material)))
    pts = [
        b.split("。", 1)[1].strip()
        for d in T.years[rec.date.year]["dk"]
        if rec.date.month in d[0]
        for b in d[2]
        if "。" in b
    ]
    if pts:
        k = min(len(pts), 1 + (1 if rng.random() < 0.5 else 0))
        for i, b in enumerate(ctx.picks(pts, k)):
            blocks.append(("p", ("学习要点：" if i == 0 else "") + b))
    blocks.append(("p", "交流发言："))
    present = [p for p in roster if p not in [a for a, _ in absent]]
    pool = xd_pool(rec.date.year, rec.date.month, org.kind)
    for s in rng.sample(present, min(len(present), rng.randint(2, 3))):
        x = ctx.pick_new(pool, community=rng.choice(NAMES.communities))
        if x:
            blocks.append(("p", f"{s.name}：{x}"))
    blocks.append(("p", ctx.pick(PROSE.jzxx_sum, sec=sec.name)))
    return blocks, lead.name


def xdth_topic(rec, rng):
    y, m = rec.date.year, rec.date.month
    cands = [x for x in T.years[y]["xdth"] if m in x[0]]
    if not cands:
        cands = [(None, "学习" + focus_at(rec.date))]
    return rng.choice(cands)[1]


def compose_xdth(org, rec, rng, title_word="心得体会"):
    topic, author = rec.info["topic"], rec.info["author"]
    y = rec.date.year
    who = "R" if org.kind == "retired" else "W"
    ctx = Ctx(
        rng,
        dict(
            topic=topic.replace("“", "‘").replace("”", "’"),
            community=rng.choice(NAMES.communities),
            red_site=rng.choice(NAMES.red_sites),
            work="生活" if who == "R" else "工作",
        ),
    )
    blocks = [("title", rec.title), ("subtitle", f"{org.name}　{author.name}")]
    blocks.append(("p", ctx.pick(PROSE.xd_open)))
    theme = ctx.picks(xd_pool(y, rec.date.month, org.kind), 2)
    kind_lines = PROSE.xd_kind[org.kind]
    if rng.random() < 0.6:
        heads = ctx.pick(PROSE.xd_heads[who])
        blocks.append(("p", heads[0] + theme[0]))
        if len(theme) > 1:
            blocks.append(("p", theme[1]))
        x = ctx.pick_new(reflect(who, "insight"))
        if x:
            blocks.append(("p", x))
        blocks.append(("p", heads[1] + ctx.pick(reflect(who, "gap"))))
        blocks.append(("p", heads[2] + ctx.pick(kind_lines)))
        x = ctx.pick_new(reflect(who, "act"))
        if x:
            blocks.append(("p", x))
    else:
        body = list(theme) + [x for x in [ctx.pick_new(reflect(who, "insight"))] if x]
        body.append(ctx.pick(reflect(who, "gap")))
        body.append(ctx.pick(kind_lines))
        body += [x for x in [ctx.pick_new(reflect(who, "act"))] if x]
        blocks += [("p", b) for b in body]
    blocks.append(("p", ctx.pick(PROSE.xd_close)))
    if rng.random() < 0.5:
        blocks.append(("right", author.name))
        blocks.append(("right", fmt_date(rec.date)))
    return blocks, author.name


def compose_ytfy(org, rec, rng):
    topic, author = rec.info["topic"], rec.info["author"]
    y = rec.date.year
    ctx = Ctx(rng, dict(topic=topic, community=rng.choice(NAMES.communities), red_site=rng.choice(NAMES.red_sites)))
    blocks = [("title", rec.title), ("subtitle", author.name)]
    blocks.append(("p", f"按照支部安排，我围绕{topic}谈几点认识和打算，不妥之处请大家批评指正。"))
    blocks.append(("h1", "一、学习的主要收获"))
    blocks += [("p", b) for b in ctx.picks(xd_pool(y, rec.date.month, org.kind), 2)]
    blocks.append(("h1", "二、查找的差距和不足"))
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "对照学习要求，我在理论学习上还存在碎片化的问题，系统学习不够；在工作中有时满足于按部就班，主动谋划不够。",
                    "对照先进典型，我在担当作为上还有差距，遇到难题有时先想到困难，再想办法；在服务群众上，耐心和细致还需加强。",
                ]
            ),
        )
    )
    blocks.append(("h1", "三、下一步的努力方向"))
    blocks.append(("p", ctx.pick(PROSE.xd_kind[org.kind])))
    blocks.append(("p", ctx.pick(PROSE.xd_close)))
    return blocks, author.name


def compose_xxjh(org, year, d, rng):
    th = T.years[year]
    leads = list(org.committee(d).values())
    rows, used, generic = [["月份", "学习专题", "主要学习材料", "领学人"]], set(), PROSE.xxjh_generic
    for i, m in enumerate(range(1, 13) if year < 2025 else range(1, 7)):
        # a plan can only name what is known when it is written
        c = [j for j in th["jzxx"] if m in j[0] and j[1] not in used and min(j[0]) <= d.month + 1]
        if c:
            topic, material = c[0][1], c[0][2]
        else:
            g = [x for x in generic if x[0] not in used] or generic
            topic, material = g[i % len(g)]
        used.add(topic)
        rows.append([f"{m}月", topic, material, leads[i % len(leads)].name])
    ctx = Ctx(rng, dict(org=org.name, year=year, focus=th["focus"][1], date=fmt_date(d)))
    return ctx.blocks(PROSE.docs["xxjh_head"]) + [("table", rows)] + ctx.blocks(PROSE.docs["xxjh_tail"])

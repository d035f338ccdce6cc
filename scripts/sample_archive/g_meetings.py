"""会议记录: 支委会, 党员大会, 党小组会, 组织生活会; 民主评议党员, 谈心谈话."""

from datetime import timedelta

from .ctx import Ctx
from .model import fmt_date
from .pools import pools
from .themes import THEMES as T
from .themes import focus_at
from .xd import xd_pool

PROSE, NAMES = pools("meetings"), pools("names")


def header(ctx, org, rec, people, chair, recorder, expected, present, absent, extra=None, online=False):
    t = ctx.pick(PROSE.times_am + PROSE.times_pm)
    room = "线上（视频会议）" if online else ctx.pick(NAMES.rooms_retired if org.kind == "retired" else NAMES.rooms)
    lines = [
        ("field", f"时间：{fmt_date(rec.date)} {t}"),
        ("field", f"地点：{room}"),
        ("field", f"主持人：{chair.name}"),
        ("field", f"参加人员：{people}"),
    ]
    if extra:
        lines.append(("field", f"列席人员：{extra}"))
    lines.append(("field", f"应到人数：{expected}人　实到人数：{present}人"))
    if absent:
        lines.append(("field", "缺席人员及原因：" + "；".join(f"{p.name}（{r}）" for p, r in absent)))
    else:
        lines.append(("field", "缺席人员及原因：无"))
    lines.append(("field", f"记录人：{recorder.name}"))
    return lines


def _absent(ctx, org, people, k_max, big=False):
    if big and org.kind == "retired":
        k = ctx.rng.randint(2, max(2, min(8, len(people) // 3)))
    elif big:
        k = ctx.rng.choice([0, 1, 1, 2, 2, 3])
    else:
        k = ctx.rng.choice([0, 0, 1, 1, 2, 3][: k_max + 2])
    k = min(k, max(k_max, k if big else 0), max(0, len(people) - 2))
    out = []
    for p in ctx.rng.sample(people, k):
        out.append((p, ctx.rng.choice(PROSE.absent_reasons[org.kind])))
    return out


def _xd_line(ctx, d, kind):
    return (
        ctx.pick_new(xd_pool(d.year, d.month, kind), community=ctx.rng.choice(NAMES.communities))
        or "我赞同大家的发言，会后还要再认真读一读原文。"
    )


def _role_name(org, d, role):
    return org.role(d, role).name


def compose_zwh(org, rec, rng, theme_agenda):
    y, m = rec.date.year, rec.date.month
    th = T.years[y]
    ctx = Ctx(rng, dict(y=y, focus=focus_at(rec.date), community=rng.choice(NAMES.communities)))
    cm = org.committee(rec.date)
    members = list(cm.values())
    absent = _absent(ctx, org, members[1:], 1)
    present = [p for p in members if p not in [a for a, _ in absent]]
    chair = cm["书记"]
    recorder = cm.get("组织委员") or cm.get("宣传委员")
    items = []
    for what, c in rec.info.get("dev", []):
        slots = dict(name=c.person.name, apply=fmt_date(c.apply), i1=c.introducers[0], i2=c.introducers[1])
        items.append((*PROSE.dev_zwh[what], slots))
    if rec.info.get("elect"):
        t, sp, dec = PROSE.dev_zwh["elect"]
        items.append((t, sp, dec, {}))
    pool = [a for a in theme_agenda if m in a[0]]
    if pool and len(items) < 2 and rng.random() < 0.75:
        a = ctx.pick(pool)
        items.append((a[1], [("书记", a[2])], "会议同意上述安排，由支委按分工抓好落实。", {}))
    gen = [g for g in PROSE.generic_zwh + PROSE.kind_zwh[org.kind] if m in g[0]]
    want = 2 + (rng.random() < 0.4)
    while len(items) < want and len(items) < 5:
        g = ctx.pick(gen)
        items.append((g[1], g[2], g[3], {}))
    online = y == 2020 and m in (2, 3)
    extra = None
    if any(w == "act" for w, _ in rec.info.get("dev", [])) and rng.random() < 0.5:
        extra = "入党申请人所在党小组组长"
    blocks = [("title", rec.title)]
    people = "支部委员" + "、".join(p.name for p in members)
    blocks += header(ctx, org, rec, people, chair, recorder, len(members), len(present), absent, extra, online)
    blocks.append(("field", "议题："))
    for i, it in enumerate(items, 1):
        blocks.append(("field", f"{i}. {ctx.fill(it[0], **it[3])}"))
    blocks.append(("field", "会议内容："))
    if rng.random() < 0.6:
        blocks.append(
            (
                "p",
                f"{chair.name}同志主持会议，首先带领支委学习了{ctx.slots['focus']}的有关内容，随后按议题逐项进行了研究。",
            )
        )
        pts = [b for d in th["dk"] if m in d[0] for b in d[2]]
        if pts and rng.random() < 0.5:
            for b in ctx.picks(pts, 1):
                blocks.append(("p", "学习中指出：" + (b.split("。", 1)[1].strip() if "。" in b else b)))
    for i, it in enumerate(items, 1):
        blocks.append(("p", f"{'一二三四五'[i - 1]}、{ctx.fill(it[0], **it[3])}"))
        spoke = set()
        for role, text in it[1]:
            p = cm.get(role) or chair
            if p not in present:
                p = chair
            spoke.add(p.name)
            blocks.append(("p", f"{p.name}：{ctx.fill(text, **it[3])}"))
        others = [p for p in present if p.name not in spoke]
        x = ctx.pick_new(PROSE.meet_remarks["all"] + PROSE.meet_remarks[org.kind])
        if others and x and rng.random() < 0.45:
            q = others.pop(rng.randrange(len(others)))
            blocks.append(("p", f"{q.name}：{x}"))
    blocks.append(("field", "会议决定："))
    for i, it in enumerate(items, 1):
        blocks.append(("p", f"{i}. {ctx.fill(it[2], **it[3])}"))
    blocks.append(("right", f"记录人：{recorder.name}"))
    return blocks, recorder.name


def compose_dydh(org, rec, rng):
    y, m = rec.date.year, rec.date.month
    ctx = Ctx(rng, dict(y=y, focus=focus_at(rec.date)))
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    chair = cm["书记"]
    recorder = cm.get("组织委员") or cm.get("宣传委员")
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 3, big=True)
    present = [p for p in roster if p not in [a for a, _ in absent]]
    voters = [p for p in roster if p.status(rec.date) == "正式党员"]
    vpresent = [p for p in voters if p in present]
    items = []
    for what, case in rec.info.get("dev", []):
        items.append((what, case))
    if rec.info.get("elect"):
        items.append(("elect", None))
    gen = [g for g in PROSE.generic_dydh if m in g[0]]
    if not items or rng.random() < 0.5:
        items.insert(0, ("gen", ctx.pick(gen)))
    blocks = [("title", rec.title)]
    online = y == 2020 and m in (2, 3)
    blocks += header(ctx, org, rec, "全体党员", chair, recorder, len(roster), len(present), absent, online=online)
    topics = []
    for what, x in items:
        if what == "gen":
            topics.append(ctx.fill(x[1]))
        else:
            nm = x.person.name if x else ""
            topics.append(ctx.fill(PROSE.dev_dydh[what][0], name=nm))
    blocks.append(("field", "议题："))
    for i, t in enumerate(topics, 1):
        blocks.append(("field", f"{i}. {t}"))
    blocks.append(("field", "会议内容："))
    blocks.append(("p", f"{chair.name}同志主持会议，宣布到会人数符合规定，会议有效。"))
    decisions = []
    for (what, x), t in zip(items, topics):
        blocks.append(("p", f"（{'一二三四'[len(decisions)]}）{t}"))
        if what == "gen":
            for role, text in x[2]:
                p = cm.get(role) or chair
                blocks.append(("p", f"{p.name}：{ctx.fill(text)}"))
            others = [p for p in present if p not in cm.values()]
            line = ctx.pick_new(xd_pool(y, m, org.kind), community=rng.choice(NAMES.communities))
            if others and line and rng.random() < 0.6:
                q = others.pop(rng.randrange(len(others)))
                blocks.append(("p", f"{q.name}：{line}"))
            decisions.append(ctx.fill(x[3]))
        else:
            _, lines, dec = PROSE.dev_dydh[what]
            if what == "elect":
                elected = "、".join(p.name for p in org.committee(rec.date + timedelta(days=1)).values())
                kw = dict(voters=len(voters), vpresent=len(vpresent), elected=elected)
            else:
                kw = dict(
                    name=x.person.name,
                    i1=x.introducers[0],
                    i2=x.introducers[1],
                    voters=len(voters),
                    vpresent=len(vpresent),
                )
            for ln in lines:
                blocks.append(("p", ctx.fill(ln, **kw)))
            decisions.append(ctx.fill(dec, **kw))
    blocks.append(("field", "会议决定："))
    for i, dsc in enumerate(decisions, 1):
        blocks.append(("p", f"{i}. {dsc}"))
    if rec.fmt == "docx" and rng.random() < 0.5:
        blocks.append(("field", "附：参会人员签到表"))
        rows = [["序号", "姓名", "签到", "备注"]]
        absent_map = {p.name: r for p, r in absent}
        for i, p in enumerate(roster, 1):
            rows.append([str(i), p.name, "" if p.name in absent_map else p.name, absent_map.get(p.name, "")])
        blocks.append(("table", rows))
    blocks.append(("right", f"记录人：{recorder.name}"))
    return blocks, recorder.name


def compose_dxzh(org, rec, rng):
    y = rec.date.year
    ctx = Ctx(rng, dict(y=y, focus=focus_at(rec.date)))
    g = rec.info["group"]
    members = [p for p in org.roster(rec.date) if p.group == g]
    if len(members) < 3:
        members = org.roster(rec.date)[:6]
    leader = members[0]
    absent = _absent(ctx, org, members[1:], 2)
    present = [p for p in members if p not in [a for a, _ in absent]]
    pool = PROSE.dxzh_retired if org.kind == "retired" else PROSE.dxzh
    items = ctx.picks(pool, min(len(pool), 2))
    blocks = [("title", rec.title)]
    recorder = members[1] if members[1] in present else leader
    blocks += header(ctx, org, rec, f"{org.groups[g]}全体党员", leader, recorder, len(members), len(present), absent)
    blocks.append(("field", "议题：" + "；".join(ctx.fill(t) for t, _ in items)))
    blocks.append(("field", "会议内容："))
    blocks.append(("p", f"党小组组长{leader.name}同志主持会议。"))
    speakers = [p for p in present if p is not leader] or [leader]
    for t, lines in items:
        blocks.append(("p", ctx.fill(t) + "。"))
        for i, ln in enumerate(lines):
            a = speakers[i % len(speakers)].name
            blocks.append(("p", ctx.fill(ln, a=a, b=a, c=a, xd=_xd_line(ctx, rec.date, org.kind))))
    blocks.append(("p", f"{leader.name}：今天大家谈得很实在，意见建议我汇总后报支部委员会。"))
    return blocks, recorder.name


def compose_zzshh(org, rec, rng):
    y = rec.date.year
    ctx = Ctx(rng, dict(y=y))
    roster, cm = org.roster(rec.date), org.committee(rec.date)
    chair, recorder = cm["书记"], cm.get("组织委员") or cm.get("宣传委员")
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 2, big=True)
    present = [p for p in roster if p not in [a for a, _ in absent]]
    extra = "机关党总支委员" + ctx.rng.choice(["", "（督导）"])
    blocks = [("title", rec.title)]
    blocks += header(ctx, org, rec, "全体党员", chair, recorder, len(roster), len(present), absent, extra=extra)
    theme = f"围绕{T.years[y]['theme']}，" if y in (2019, 2021, 2023, 2024) else ""
    blocks += ctx.blocks(PROSE.docs["zzshh_head"], theme=theme, chair=chair.name)
    pool = PROSE.zzshh_self_ret if org.kind == "retired" else PROSE.zzshh_self
    speakers = rng.sample(present, min(len(present), 4))
    crit = PROSE.zzshh_crit["all"] + PROSE.zzshh_crit[org.kind]
    for p in speakers:
        frame = ctx.pick(PROSE.self_frames, name=p.name, x="{x}", y="{y}")
        x = ctx.pick(pool)
        y = ctx.pick(pool) if "{y}" in frame else ""
        blocks.append(("p", frame.format(x=x, y=y)))
        other = rng.choice([q for q in present if q is not p] or [p])
        blocks.append(("p", f"{other.name}（批评意见）：{ctx.pick(crit)}"))
    return blocks + ctx.blocks(PROSE.docs["zzshh_tail"], chair=chair.name, recorder=recorder.name), recorder.name


def compose_mzpy(org, rec, rng):
    roster = org.roster(rec.date)
    n = len(roster)
    ex = max(2, round(n * rng.uniform(0.15, 0.25)))
    ctx = Ctx(rng, dict(y=rec.date.year, org=org.name, month=rec.date.month, n=n, ex=ex, ok=n - ex))
    blocks = ctx.blocks(PROSE.docs["mzpy_head"], title=rec.title)
    exc = set(p.name for p in rng.sample(roster, ex))
    rows = [["序号", "姓名", "评定等次"]] + [
        [str(i), p.name, "优秀" if p.name in exc else "合格"] for i, p in enumerate(roster, 1)
    ]
    if rec.fmt == "docx":
        blocks.append(("table", rows))
    blocks += ctx.blocks(PROSE.docs["mzpy_tail"], date=fmt_date(rec.date))
    return blocks, org.role(rec.date, "组织委员").name


def compose_txth(org, rec, rng):
    cm = org.committee(rec.date)
    roster = [p for p in org.roster(rec.date) if p not in cm.values()]
    ctx = Ctx(rng)
    blocks = [("title", rec.title)]
    blocks.append(
        (
            "p",
            f"为开好{rec.date.year}年度组织生活会，按照机关党总支要求，支部书记与支委、支委与支委、支委与党员之间开展了谈心谈话。现将部分谈话情况记录如下。",
        )
    )
    pairs = []
    sec = cm["书记"]
    for p in cm.values():
        if p is not sec:
            pairs.append((sec, p))
    for p in rng.sample(roster, min(3, len(roster))):
        pairs.append((rng.choice(list(cm.values())), p))
    for a, b in pairs[:4]:
        blocks.append(
            (
                "field",
                f"谈话人：{a.name}　谈话对象：{b.name}　时间：{fmt_date(rec.date - timedelta(days=rng.randint(0, 10)))}",
            )
        )
        blocks.append(("field", f"谈话主要内容：{ctx.pick(PROSE.txth_topics)}"))
        blocks.append(("p", ctx.pick(PROSE.txth_lines) + (ctx.pick(PROSE.txth_lines) if rng.random() < 0.5 else "")))
    blocks.append(("right", f"记录人：{(cm.get('组织委员') or sec).name}"))
    return blocks, sec.name

"""半年/年度党建工作总结, 党建工作计划 and 书记述职报告."""

import random

from .ctx import Ctx, clean, yishi
from .model import cn_date, fmt_date
from .pools import pools
from .themes import THEMES as T

PROSE, NAMES = pools("summary"), pools("names")


def _count_phrase(ctx, n, unit="次"):
    return ctx.num(n, unit)


def _variety(org, year, half):
    return random.Random(f"summary-variety|{org.name}|{year}|{half}")


def _meetings_text(vrng, meetings, nums, written, default):
    """The meetings held, as branches write them: 召开支委会6次、党员大会2次 (``default``) /
    召开了6次支委会、2次党员大会 / 召开支委会、党员大会各2次 (when the counts agree).
    ``written`` are the counts as words (6次, 两次)."""
    r = vrng.random()
    if len(meetings) > 1 and len(set(nums)) == 1 and len(set(written)) == 1 and r < 0.6:
        return default.split("召开")[0] + f"召开{'、'.join(meetings)}各{written[0]}"
    if r < 0.35:
        return default.split("召开")[0] + "召开了" + "、".join(w + m for w, m in zip(written, meetings))
    return default


def _decoy(ctx, vrng, annual, year):
    if vrng.random() < 0.3:
        return None
    pool = (PROSE.decoy_y if annual else PROSE.decoy_h1) + PROSE.decoy_any
    return ctx.fill(
        vrng.choice(pool),
        k=vrng.randint(4, 8),
        k2=vrng.randint(2, 4),
        k3=vrng.randint(10, 40),
        y1=year + 1,
        asof="年底" if annual else "6月底",
    )


# where a promise for the next period goes, by the kind of record it promises
_PROMISE_SECTION = {"jsjy": "clean", "lzth": "clean", "zyfw": "special", "zwwh": "special", "dk": "study"}


class _Summary:
    """A 半年/年度总结 being written, section by section, in the archive's order of
    random draws. ``rng`` is the archive's stream; ``vrng`` picks wording variants from a
    stream of its own, so the claims a summary makes do not depend on them."""

    def __init__(self, org, year, half, counts, claim_set, rng):
        self.org, self.year, self.annual, self.rng = org, year, half is None, rng
        self.counts, self.claims = counts, set(claim_set)
        th = self.th = T.years[year]
        focus = th["focus"][2] if self.annual and th["focus"].get(2) else th["focus"][1]
        slots = dict(org=org.name, P=f"{year}年" if self.annual else f"{year}年上半年")
        slots.update(Pshort="全年" if self.annual else "上半年", focus=focus)
        slots.update(community=rng.choice(NAMES.communities), red_site=rng.choice(NAMES.red_sites))
        self.ctx = Ctx(rng, dict(slots, film=th["film"], y=year, y1=year + 1))
        self.ctx.slots["kindclause"] = self.ctx.pick(PROSE.kindclause[org.kind])
        self.P = "全年" if self.annual else "上半年"
        self.vrng = _variety(org, year, half)

    def opening(self):
        ctx, annual = self.ctx, self.annual
        title = f"{self.org.name}{self.year}年{'度' if annual else '上半年'}党建工作总结"
        opening = ctx.pick(PROSE.open)
        return [("title", title), ("p", opening), ("h1", ctx.fill(ctx.pick(PROSE.sec1_y if annual else PROSE.sec1_h1)))]

    def claim(self, ind, pool, unit="次"):
        """The sentence claiming indicator ind, once; None when it is not claimed."""
        if ind not in self.claims or not self.counts.get(ind):
            return None
        self.claims.discard(ind)
        n = self.ctx.num(self.counts[ind], unit)
        text = self.ctx.pick(pool, n=n, P=self.P)
        if ind in PROSE.variants and self.vrng.random() < 0.4:
            text = self.ctx.fill(self.vrng.choice(PROSE.variants[ind]), n=n, P=self.P)
        return text

    def claims_of(self, *specs):
        return [c for c in (self.claim(*s) for s in specs) if c]

    def section(self, head, dom, items):
        ctx, rng = self.ctx, self.rng
        lead = ctx.pick(PROSE.sum_lead[dom]) if rng.random() < 0.6 else ""
        eff = ctx.pick(PROSE.sum_effect[dom]) if rng.random() < 0.5 else ""
        if self.vrng.random() < 0.25:
            head = head.rstrip("。") + " "  # （一）加强理论武装 一是……: the heading runs on after a space
        return ("p", clean(head + lead + yishi(items) + eff))

    def arrange(self, claimed, fill, lo=3):
        out, fill = [], list(fill)
        if fill and self.rng.random() < 0.45:
            out.append(fill.pop(0))
        out += claimed
        while fill and len(out) < max(lo, 2) and len(out) < 5:
            out.append(fill.pop(0))
        return out

    def study(self):
        ctx, th = self.ctx, self.th
        theme_sent = (th["sum"][2] + th["sum"][1][:1]) if (self.annual and th["sum"][2]) else th["sum"][1]
        parts = ctx.picks(theme_sent, 2 if len(theme_sent) > 1 else 1)
        base = PROSE.study + (PROSE.study_retired if self.org.kind == "retired" else [])
        c = self.claim("集中学习", PROSE.claim_jzxx)
        parts.append(ctx.pick(base) + ("，" + c if c else ""))
        c = self.claim("心得体会", PROSE.claim_xdth, "篇")
        if c:
            parts.append(ctx.pick(base) + "，" + c)
        return self.section(ctx.pick(PROSE.head["study"]), "study", parts)

    def organisation(self):
        ctx, counts, cl = self.ctx, self.counts, []
        items, meetings, written = [], [], []
        for ind in ("支委会", "党员大会", "党小组会"):
            if ind in self.claims and counts.get(ind):
                written.append(ctx.num(counts[ind]))
                items.append(ind + written[-1])
                meetings.append(ind)
                self.claims.discard(ind)
        if items:
            default = ctx.pick(PROSE.claim_zwh_list, items="、".join(items), P=self.P)
            cl.append(_meetings_text(self.vrng, meetings, [counts[m] for m in meetings], written, default))
        dk_unit = self.rng.choice(["次", "人次"])
        cl += self.claims_of(
            ("党课", PROSE.claim_dk, dk_unit), ("主题党日", PROSE.claim_ztdr), ("组织生活会", PROSE.claim_zzshh)
        )
        head = ctx.pick(PROSE.head["org"])  # (before the fill: the order of random draws is the archive's)
        items = self.arrange(cl, ctx.picks(PROSE.org, 3))
        decoy = _decoy(ctx, self.vrng, self.annual, self.year)
        if decoy:
            items.insert(self.vrng.randint(1, len(items)), decoy)
        return self.section(head, "org", items)

    def team(self, roster, when):
        """(三) for a serving branch: development and the members' numbers."""
        ctx = self.ctx
        devs = self.claims_of(
            ("发展预备党员", PROSE.claim_dev, "名"),
            ("转正", PROSE.claim_zz, "名"),
            ("入党积极分子", PROSE.claim_act, "名"),
        )
        cl = [ctx.pick(PROSE.team[:1]) + "，" + "，".join(devs)] if devs else []
        full = sum(1 for p in roster if p.status(when) == "正式党员")
        fill = ctx.picks(PROSE.team[1:], 2)
        pool = PROSE.state_members if full < len(roster) else PROSE.state_members_allfull
        fill.insert(1, ctx.pick(pool, asof="年底" if self.annual else "6月底", m=len(roster), f=full))
        return self.section(ctx.pick(PROSE.head["team"]), "team", self.arrange(cl, fill))

    def special(self, roster):
        ctx, kind = self.ctx, self.org.kind
        cl = self.claims_of(("走访慰问", PROSE.claim_zwwh), ("志愿服务", PROSE.claim_zyfw[kind]))
        fill = ctx.picks(PROSE.special[kind], 3)
        if kind == "retired":
            asof = "年底" if self.annual else "6月底"
            fill.insert(1, ctx.pick(PROSE.state_members_allfull, asof=asof, m=len(roster)))
        head = ctx.pick(PROSE.head["special_" + kind])
        return self.section(head, "special_retired" if kind == "retired" else "special", self.arrange(cl, fill))

    def discipline(self, film):
        ctx = self.ctx
        cl = self.claims_of(
            ("警示教育", PROSE.claim_jsjy_film if film else PROSE.claim_jsjy), ("廉政谈话", PROSE.claim_lzth)
        )
        fill = ctx.picks(PROSE.clean, 3)
        if self.year in (2024, 2025):
            fill.insert(0, ctx.pick(self.th["sum"][1]))
        head = ctx.pick(PROSE.head["clean"])
        if self.org.kind == "retired":
            head = head.replace("（五）", "（四）")
        return self.section(head, "clean", self.arrange(cl, fill))

    def problems(self, problems):
        blocks = [("h1", self.ctx.pick(PROSE.sec2))]
        blocks += [("p", f"{'一二三四'[i]}是{PROSE.problems[fam][v]}") for i, (fam, v) in enumerate(problems)]
        if self.rng.random() < 0.35:
            blocks.append(("p", self.ctx.pick(PROSE.reasons)))
        return blocks

    def promises(self, next_recs):
        """(kind, sentence, kept?) for the next period: what its records will show, and some they will not."""
        ctx, rng, kind = self.ctx, self.rng, self.org.kind
        kinds_next = {r.kind for r in next_recs}
        out = [
            (k, ctx.pick(PROSE.promise[k]), True)
            for k in ("jsjy", "zyfw", "zwwh", "zzshh", "dk", "lzth")
            if k in kinds_next and rng.random() < 0.5
        ]
        for k, slot, p in (("fz_js", "dev_name", 0.8), ("fz_zz", "zz_name", 0.6)):
            dev = [r for r in next_recs if r.kind == k]
            if dev and rng.random() < p:
                out.append((k, ctx.fill(PROSE.promise[k][0], **{slot: dev[0].info["case"].person.name}), True))
        if any(r.kind == "elect" for r in next_recs):
            out.append(("elect", PROSE.promise["elect"][0], True))
        if rng.random() < 0.6:
            out.append(("unkept", ctx.pick(PROSE.unkept), False))
        for k in ("jsjy", "zyfw", "zwwh"):
            if (
                k not in kinds_next
                and rng.random() < 0.25
                and (k != "zwwh" or kind == "retired")
                and (k != "zyfw" or kind == "service")
            ):
                out.append((k, ctx.pick(PROSE.promise[k]), False))
        return out

    def next_steps(self, next_recs, promises_out):
        """三、下一步: the year's theme, two set sentences a section, and the promises (also
        added to promises_out, which the plan keeps with the summary)."""
        ctx, rng = self.ctx, self.rng
        blocks = [("h1", ctx.fill(ctx.pick(PROSE.sec3_y if self.annual else PROSE.sec3_h1)))]
        promises = self.promises(next_recs)
        promises_out.extend(promises)
        by_sec = {"study": [], "org": [], "special": [], "clean": []}
        for k, text, _ in promises:
            unkept = rng.choice(["org", "special"])  # drawn for every promise, as the archive was made
            by_sec[unkept if k == "unkept" else _PROMISE_SECTION.get(k, "org")].append(text)
        nxt_theme = self.th["next"][2 if self.annual else 1]
        for i, sec in enumerate(("study", "org", "special", "clean")):
            head, sents = ctx.pick(PROSE.next["special_" + self.org.kind if sec == "special" else sec])
            head = "（" + "一二三四"[i] + "）" + head.split("）", 1)[1]
            body = list(sents)
            rng.shuffle(body)
            body = ([nxt_theme[0]] if sec == "study" and nxt_theme else []) + body[:2] + by_sec[sec]
            blocks.append(("p", clean(head + "；".join(body) + "。")))
        return blocks


def compose_summary(
    org, year, half, counts, claim_set, next_recs, problems, asof_roster, summary_date, rng, promises_out, facts=None
):
    """Blocks of a 半年/年度总结.

    counts: {indicator: number to claim}; claim_set: indicators to claim.
    next_recs: records of the next period (for commitments).
    problems: list of (family, variant) chosen for this summary.
    """
    s = _Summary(org, year, half, counts, claim_set, rng)
    blocks = s.opening() + [s.study(), s.organisation()]
    if org.kind != "retired":
        blocks.append(s.team(asof_roster, summary_date))
    blocks += [s.special(asof_roster), s.discipline((facts or {}).get("film"))]
    assert not s.claims, f"unplaced claims {s.claims}"
    blocks += s.problems(problems)
    blocks += s.next_steps(next_recs, promises_out)
    close = s.ctx.pick(PROSE.close)
    if close:
        blocks.append(("p", close))
    blocks.append(("right", org.name))
    blocks.append(("right", cn_date(summary_date) if rng.random() < 0.35 else fmt_date(summary_date)))
    return blocks


def choose_claims(rng, counts, forced, kind):
    """5–10 indicators with a positive count (fewer only if fewer exist), always including forced ones."""
    avail = [k for k, v in counts.items() if v > 0]
    prio = PROSE.claim_priority
    chosen = set(k for k in forced if k in counts)
    pool = [k for k in prio if k in avail and k not in chosen]
    want = min(len(pool) + len(chosen), rng.randint(6, 9))
    skipped = []
    for k in pool:
        if len(chosen) >= want:
            break
        if rng.random() < 0.8:
            chosen.add(k)
        else:
            skipped.append(k)
    for k in skipped:
        if len(chosen) >= max(5, want - 1):
            break
        chosen.add(k)
    return chosen


def pick_problems(rng, kind, prev):
    """2–4 problems; carry over one or two from the previous period, reworded."""
    fams = PROSE.problem_families[kind]
    k = rng.randint(2, 4)
    out = []
    if prev:
        carry = [p for p in prev if rng.random() < 0.65][:2]
        for fam, v in carry:
            nv = [i for i in range(len(PROSE.problems[fam])) if i != v]
            out.append((fam, rng.choice(nv)))
    rest = [f for f in fams if f not in {f for f, _ in out} and f not in {f for f, _ in (prev or [])}]
    rng.shuffle(rest)
    while len(out) < k and rest:
        f = rest.pop()
        out.append((f, rng.randrange(len(PROSE.problems[f]))))
    rng.shuffle(out)
    return out


def compose_plan(org, year, plan_date, rng, expected):
    th = T.years[year]
    ctx = Ctx(rng, dict(org=org.name, y=year))
    blocks = [("title", f"{org.name}{year}年党建工作计划"), ("p", ctx.pick(PROSE.plan_open))]
    blocks.append(("h1", "一、指导思想"))
    blocks.append(("p", ctx.pick(th["guide"])))
    blocks.append(("h1", "二、工作目标"))
    g = ctx.pick(
        PROSE.plan_goals, zwh=expected.get("zwh", 6), dydh=expected.get("dydh", 2), jzxx=expected.get("jzxx", 6)
    )
    extra = ctx.pick(PROSE.plan_goals_ret if org.kind == "retired" else PROSE.plan_goals_dev)
    blocks.append(("p", g + extra))
    blocks.append(("h1", "三、主要任务"))
    keys = ["study", "org", "team", "clean", "special_" + org.kind]
    if org.kind == "retired":
        keys.remove("team")
    theme_tasks = ctx.picks(th["plan_task"], 2)
    for i, k in enumerate(keys):
        head, sents = PROSE.plan_task[k]
        head = "（" + "一二三四五六"[i] + "）" + head.split("）", 1)[1]
        body = ctx.picks(sents, min(3, len(sents)))
        if k == "study":
            body = theme_tasks[:1] + body
        if k == "org" and len(theme_tasks) > 1:
            body.append(theme_tasks[1])
        blocks.append(("h2", head))
        blocks.append(("p", "".join(body)))
    blocks.append(("h1", "四、保障措施"))
    for g in ctx.picks(PROSE.plan_guarantee, 3):
        blocks.append(("p", g))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(plan_date)))
    # renumber guarantee paragraphs
    n = 0
    for i, b in enumerate(blocks):
        if b[0] == "p" and b[1][:1] == "（" and b[1][2:3] == "）" and blocks_index_after(blocks, i, "四、保障措施"):
            b2 = "（" + "一二三四"[n] + "）" + b[1][3:]
            blocks[i] = ("p", b2)
            n += 1
    return blocks


def blocks_index_after(blocks, i, heading):
    for j in range(i, -1, -1):
        if blocks[j][0] == "h1":
            return blocks[j][1] == heading
    return False


def compose_shuzhi(org, year, d, secretary, rng):
    th = T.years[year]
    ctx = Ctx(rng, dict(org=org.name, focus=th["focus"][2] or th["focus"][1]))
    if org.kind == "retired":
        blocks = [
            ("title", f"{org.name}书记{year}年度抓基层党建工作述职报告"),
            ("subtitle", f"{org.name}书记 {secretary}"),
        ]
        blocks.append(("p", f"按照机关党总支的安排，现将本人{year}年度履行支部书记职责情况报告如下，请予评议。"))
        blocks.append(("h1", "一、履行职责情况"))
        blocks += [("p", ctx.fill(x)) for x in PROSE.sz_retired["duty"] + PROSE.sz_retired["work"]]
        blocks.append(("p", ctx.pick(th["sum"][2] or th["sum"][1]) + "。"))
        blocks.append(("h1", "二、存在的问题"))
        blocks += [("p", x) for x in PROSE.sz_retired["problem"]]
        blocks.append(("h1", "三、下一步打算"))
        blocks += [("p", x) for x in PROSE.sz_retired["next"]]
        blocks.append(("right", f"述职人：{secretary}"))
        blocks.append(("right", fmt_date(d)))
        return blocks
    blocks = [("title", f"{org.name}书记{year}年度抓基层党建工作述职报告"), ("subtitle", f"{org.name}书记 {secretary}")]
    blocks.append(("p", f"按照机关党总支的安排，现将本人{year}年度履行基层党建工作责任制情况报告如下，请予评议。"))
    blocks.append(("h1", "一、履行抓党建工作责任情况"))
    blocks += [("p", s) for s in ctx.picks(PROSE.sz_parts["duty"], 2)]
    blocks += [("p", ctx.fill(s)) for s in ctx.picks(PROSE.sz_parts["work"], 3)]
    blocks.append(("p", ctx.pick(th["sum"][2] or th["sum"][1]) + "。"))
    blocks.append(("h1", "二、存在的问题及原因"))
    probs = [PROSE.sz_parts["problem"][0]] + ctx.picks(PROSE.sz_parts["problem"][1:], 2)
    probs[1] = "二" + probs[1][1:]
    probs[2] = "三" + probs[2][1:]
    blocks += [("p", s) for s in probs]
    blocks.append(("h1", "三、下一步工作思路"))
    nx = [PROSE.sz_parts["next"][0], PROSE.sz_parts["next"][1], ctx.pick(PROSE.sz_parts["next"][2:])]
    blocks += [("p", s) for s in nx]
    blocks.append(("right", f"述职人：{secretary}"))
    blocks.append(("right", fmt_date(d)))
    return blocks

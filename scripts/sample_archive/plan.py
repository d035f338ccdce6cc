"""Plan the records each branch files, half-year by half-year."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from .model import END, START, next_workday, seeded, workday

CATEGORY = {
    "ZH": "ZH_综合类",
    "ZZ": "ZZ_组织建设类",
    "SH": "SH_组织生活类",
    "XX": "XX_学习教育类",
    "FZ": "FZ_发展党员类",
    "LZ": "LZ_党风廉政类",
}


@dataclass
class Rec:
    kind: str
    date: date
    org: object
    code: str
    info: dict = field(default_factory=dict)
    title: str = ""
    fmt: str = "docx"
    blocks: list = None
    author: str = ""
    order: int = 0

    @property
    def half(self):
        return 1 if self.date.month <= 6 else 2

    @property
    def period(self):
        return f"{self.date.year}H{self.half}"


PROFILE = {
    "business": dict(zwh=(1, 2), dydh=(0, 1), dxzh=(0, 1), dk=(0, 1), ztdr=(1, 1), jzxx=(1, 1), xdth=(0, 1)),
    "service": dict(
        zwh=(1, 2), dydh=(0, 1), dxzh=(0, 1), dk=(0, 1), ztdr=(1, 1), jzxx=(1, 1), xdth=(0, 1), zyfw=(1, 1)
    ),
    "retired": dict(
        zwh=(1, 1), dydh=(0, 1), dxzh=(0, 1), dk=(0, 1), ztdr=(1, 1), jzxx=(1, 1), xdth=(0, 1), zwwh=(1, 1)
    ),
}
# halves in which the year's theme peaked: more study and more 心得体会
PEAK = {(2019, 2), (2020, 1), (2021, 1), (2022, 2), (2023, 2), (2024, 1), (2025, 1)}


def half_months(h):
    return list(range(1, 7)) if h == 1 else list(range(7, 13))


def spread_months(rng, months, k, avoid=()):
    ms = [m for m in months if m not in avoid] or months
    if k <= 0:
        return []
    if k <= len(ms):
        step = len(ms) / k
        return sorted({ms[min(len(ms) - 1, int(i * step + rng.random() * step))] for i in range(k)})
    return sorted(rng.choice(ms) for _ in range(k))


def pick_dates(rng, y, months, k, lo=3, hi=27, used=()):
    out = []
    ms = spread_months(rng, months, k)
    while len(ms) < k:
        ms.append(rng.choice(months))
    for m in ms[:k]:
        for _ in range(20):
            d = workday(rng, y, m, lo, hi)
            if d not in used and d not in out:
                break
        out.append(d)
    return sorted(out)


class _Half:
    """One branch's half-year being planned: its months and its random stream."""

    def __init__(self, org, y, h, seed):
        self.org, self.y, self.h, self.kind = org, y, h, org.kind
        self.rng = seeded(seed, "half", org.key, y, h)
        self.months = half_months(h)
        self.meet = [1, 3, 4, 5, 6] if (y, h) == (2020, 1) else self.months  # no meetings in the lockdown
        if date(y, self.months[-1], 1) > END:
            self.months = [m for m in self.months if date(y, m, 1) <= END]
            self.meet = [m for m in self.meet if m in self.months]
        self.peak = (y, h) in PEAK

    def n(self, k, extra=0):
        lo, hi = PROFILE[self.kind].get(k, (0, 0))
        return self.rng.randint(lo, hi) + extra

    def recs(self, kind, code, months, k, **kw):
        return [Rec(kind, d, self.org, code) for d in pick_dates(self.rng, self.y, months, k, **kw)]

    def meetings(self):
        rng, meet, kind, peak = self.rng, self.meet, self.kind, self.peak
        out = self.recs("zwh", "SH", meet, self.n("zwh")) + self.recs("dydh", "SH", meet, self.n("dydh"))
        for d in pick_dates(rng, self.y, meet, self.n("dxzh")):
            out.append(Rec("dxzh", d, self.org, "SH", {"group": rng.randrange(len(self.org.groups))}))
        out += self.recs("dk", "SH", meet[1:] or meet, self.n("dk", 1 if peak and kind == "business" else 0))
        # 主题党日: a fixed-ish day each month
        out += self.recs("ztdr", "SH", meet, self.n("ztdr", 1 if peak and kind == "business" else 0), lo=5, hi=20)
        out += self.recs("jzxx", "XX", meet, self.n("jzxx", 1 if peak and kind != "retired" else 0))
        return out + self.recs("xdth", "XX", self.months[1:], self.n("xdth", 1 if peak and kind != "retired" else 0))

    def discipline(self):
        """警示教育 and 廉政谈话: how often depends on the kind of branch and the year's campaigns."""
        y, h, kind = self.y, self.h, self.kind
        nj = {"business": h == 1, "service": (y + h) % 2 == 0}.get(kind, h == 1 and y % 2 == 1)
        if (y, h) in ((2024, 1), (2025, 1)) and kind in ("business", "service"):
            nj = nj + 1 if kind == "business" else 1
        jm = [m for m in self.meet if (h == 1 and m >= 2) or h == 2] or self.meet
        out = self.recs("jsjy", "LZ", jm, int(nj))
        nl = {"business": (y + h) % 2 == 0, "service": (y + h) % 3 == 0}.get(kind, False)
        months = [1, 2, 9] if h == 1 or y == 2025 else [9, 11, 12]
        return out + [r for r in self.recs("lzth", "LZ", months, int(nl)) if r.date.month in self.months]

    def service(self):
        """志愿服务, and 走访慰问 (the retired branch's at the festivals)."""
        rng, y, h, kind = self.rng, self.y, self.h, self.kind
        nz = self.n("zyfw")
        nz += (y, h) == (2020, 1) and kind != "retired"
        nz += kind == "business" and rng.random() < 0.15
        nz += kind == "retired" and (y, h) in ((2021, 1), (2023, 2))
        zm = [2, 3, 4] if (y, h) == (2020, 1) else [m for m in self.meet if m not in (1, 2)] or self.meet
        out = self.recs("zyfw", "SH", zm, nz)
        if kind == "retired":
            occ = ["春节前", "“七一”前夕"] if h == 1 else ["重阳节", "年末"]
            k = self.n("zwwh")
            for o in occ[:k] if k < 2 else occ:
                m = {"春节前": 1, "“七一”前夕": 6, "重阳节": 10, "年末": 12}[o]
                if m in self.months:
                    d = workday(rng, y, m, 5, 24)
                    if o == "春节前" and d.month == 1:
                        d = workday(rng, y, 1, 6, 18)
                    out.append(Rec("zwwh", d, self.org, "SH", {"occasion": o}))
        elif h == 1 and 6 in self.months and rng.random() < 0.4:
            out.append(Rec("zwwh", workday(rng, y, 6, 15, 26), self.org, "SH", {"occasion": "“七一”前夕"}))
        return out

    def five_kinds(self, recs):
        """Records of the kinds missing until the half-year has five kinds of counted record."""
        kinds, out = {r.kind for r in recs}, []
        for k in ("dxzh", "xdth", "dk", "dydh", "jzxx"):
            if len(kinds) >= 5:
                break
            if k not in kinds:
                d = pick_dates(self.rng, self.y, self.meet[1:] or self.meet, 1)[0]
                info = {"group": self.rng.randrange(len(self.org.groups))} if k == "dxzh" else {}
                out.append(Rec(k, d, self.org, "XX" if k in ("xdth", "jzxx") else "SH", info))
                kinds.add(k)
        return out

    def year_end(self):
        rng, y, kind = self.rng, self.y, self.kind
        if self.h == 1 or y >= 2025:
            return []
        out = [Rec("zzshh", workday(rng, y, 12, 10, 23), self.org, "SH")]
        out.append(Rec("mzpy", workday(rng, y, 12, 12, 25), self.org, "SH"))
        if {"business": y % 2 == 1, "service": y % 3 == 0}.get(kind, y == 2022):
            out.append(Rec("txth", workday(rng, y, 11, 10, 28), self.org, "SH"))
        return out


def plan_half(org, y, h, seed):
    """All records (not summaries/plans) of one branch in one half-year."""
    half = _Half(org, y, h, seed)
    recs = half.meetings() + half.discipline() + half.service()
    recs += half.five_kinds(recs)
    return recs + half.year_end()


def plan_dev_records(org):
    """FZ documents of each development case, plus anchors for meetings."""
    recs, anchors = [], []
    for c in org.dev:
        if START <= c.apply <= END:
            recs.append(Rec("fz_app", c.apply, org, "FZ", {"case": c}))
        if START <= c.activist <= END:
            recs.append(Rec("fz_act", c.activist, org, "FZ", {"case": c}))
            anchors.append(("zwh", c.activist, "act", c))
        for d in c.reports:
            if START <= d <= END:
                recs.append(Rec("fz_rep", d, org, "FZ", {"case": c}))
        if c.check and START <= c.check <= END:
            recs.append(Rec("fz_kc", c.check, org, "FZ", {"case": c}))
        if START <= c.candidate <= END:
            anchors.append(("zwh", c.candidate, "cand", c))
        if START <= c.review <= END:
            recs.append(Rec("fz_zs", c.review, org, "FZ", {"case": c}))
        if START <= c.notice_in <= END:
            recs.append(Rec("fz_js", c.notice_in, org, "FZ", {"case": c}))
            anchors.append(("zwh", c.notice_in, "pre_in", c))
        if START <= c.meeting_in <= END:
            anchors.append(("dydh", c.meeting_in, "in", c))
        if START <= c.notice_full <= END:
            recs.append(Rec("fz_zz", c.notice_full, org, "FZ", {"case": c}))
            anchors.append(("zwh", c.notice_full, "pre_full", c))
        if START <= c.meeting_full <= END:
            anchors.append(("dydh", c.meeting_full, "full", c))
    return recs, anchors


def attach_anchors(recs, anchors, org, seed):
    """Make sure a 支委会 precedes / a 党员大会 takes each development step."""
    rng = seeded(seed, "anchors", org.key)
    for kind, d, what, case in sorted(anchors, key=lambda a: a[1]):
        if kind == "dydh":
            hit = [r for r in recs if r.kind == "dydh" and r.date == d]
            if not hit:
                same = [
                    r
                    for r in recs
                    if r.kind == "dydh"
                    and r.date.year == d.year
                    and (r.date.month - 1) // 6 == (d.month - 1) // 6
                    and not r.info.get("anchored")
                ]
                if same:
                    same[0].date = d
                    hit = same
                else:
                    hit = [Rec("dydh", d, org, "SH")]
                    recs.append(hit[0])
            hit[0].info.setdefault("dev", []).append((what, case))
            hit[0].info["anchored"] = True
        else:
            lo = d - timedelta(days=18)
            hit = [r for r in recs if r.kind == "zwh" and lo <= r.date < d]
            if not hit:
                free = [
                    r
                    for r in recs
                    if r.kind == "zwh"
                    and not r.info.get("anchored")
                    and r.date.year == d.year
                    and (r.date.month - 1) // 6 == ((d - timedelta(days=5)).month - 1) // 6
                    and abs((r.date - d).days) < 60
                ]
                nd = next_workday(d - timedelta(days=rng.randint(3, 9)), step=-1)
                if free:
                    free[0].date = nd
                    hit = free
                else:
                    hit = [Rec("zwh", nd, org, "SH")]
                    recs.append(hit[0])
            hit[0].info.setdefault("dev", []).append((what, case))
            hit[0].info["anchored"] = True


def number_meetings(recs):
    for k in ("zwh", "dydh"):
        by_year = {}
        for r in sorted((r for r in recs if r.kind == k), key=lambda r: r.date):
            by_year.setdefault(r.date.year, []).append(r)
        for rs in by_year.values():
            for i, r in enumerate(rs, 1):
                r.info["no"] = i

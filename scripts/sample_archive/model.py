"""The seeded data model: branches, their members, the member-development
pipeline and the records each branch files in each half-year.

Everything is planned here first; documents (and the counts that summaries
claim) are written from this plan afterwards.
"""

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .pools import pools

NAMES = pools("names")

START, END = date(2019, 1, 1), date(2025, 6, 30)


def seeded(*parts):
    """A random.Random seeded from a stable hash of the parts."""
    h = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return random.Random(int(h[:16], 16))


CN_DIGITS = "〇一二三四五六七八九"


def cn_num(n):
    """Small integers as Chinese numerals (1–99)."""
    if n < 10:
        return CN_DIGITS[n] if n else "零"
    t, u = divmod(n, 10)
    return ("" if t == 1 else CN_DIGITS[t]) + "十" + (CN_DIGITS[u] if u else "")


def cn_date(d):
    """二〇二三年七月五日"""
    y = "".join(CN_DIGITS[int(c)] for c in str(d.year))
    return f"{y}年{cn_num(d.month)}月{cn_num(d.day)}日"


def fmt_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


# ------------------------------------------------------------------ people
@dataclass
class Person:
    name: str
    sex: str
    birth: date
    edu: str
    post: str
    join: date | None = None  # 入党（预备）
    full: date | None = None  # 转正
    nation: str = "汉族"
    group: int = 0
    since: date = START  # in this branch from
    until: date | None = None  # left the branch (转出 / 去世)
    note: str = ""

    def in_branch(self, d):
        return self.since <= d and (self.until is None or d < self.until) and self.join is not None and self.join <= d

    def status(self, d):
        if self.join is None or self.join > d:
            return "群众"
        if self.full is None or self.full > d:
            return "预备党员"
        return "正式党员"


@dataclass
class DevCase:
    """One person going through 入党申请 → 积极分子 → 发展对象 → 预备党员 → 转正."""

    person: Person
    apply: date
    activist: date
    candidate: date
    review: date  # 政审
    notice_in: date  # 接收预备党员公示
    meeting_in: date  # 党员大会讨论接收
    notice_full: date  # 转正公示
    meeting_full: date
    introducers: tuple = ()
    reports: list = field(default_factory=list)  # dates of 思想汇报 filed
    check: date | None = None  # 培养考察 filed


@dataclass
class Org:
    key: str
    name: str
    kind: str  # business / service / retired
    members: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    terms: list = field(default_factory=list)  # [(from_date, {role: Person})]
    elections: list = field(default_factory=list)
    dev: list = field(default_factory=list)
    transfers: list = field(default_factory=list)  # (date, person, 'in'/'out', where)
    deaths: list = field(default_factory=list)

    def roster(self, d):
        return [p for p in self.members if p.in_branch(d)]

    def committee(self, d):
        cur = self.terms[0][1]
        for start, roles in self.terms:
            if start <= d:
                cur = roles
        return cur

    def role(self, d, role):
        c = self.committee(d)
        return c.get(role) or c.get("书记")

    @property
    def short(self):
        return {"business": "一支部", "service": "二支部", "retired": "离退休支部"}[self.kind]


class NamePool:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def draw(self, gen, sex=None):
        sex = sex or self.rng.choice("男女")
        for _ in range(1000):
            nm = self.rng.choice(NAMES.surnames) + self.rng.choice(NAMES.given[gen][sex])
            if nm not in self.used:
                self.used.add(nm)
                return nm, sex
        raise RuntimeError("name pool exhausted")


def rand_date(rng, a, b):
    return a + timedelta(days=rng.randint(0, max(0, (b - a).days)))


def _gen(age):
    return "young" if age < 36 else ("mid" if age < 58 else "old")


def make_person(rng, pool, kind, ref_year, age, joined=True):
    gen = _gen(age)
    name, sex = pool.draw(gen)
    birth = date(ref_year - age, rng.randint(1, 12), rng.randint(1, 28))
    post = rng.choice(NAMES.posts[kind])
    p = Person(name=name, sex=sex, birth=birth, edu=rng.choice(NAMES.edu[gen]), post=post)
    if joined:
        ja = rng.randint(20, max(21, min(age - 1, 45)))
        j = date(birth.year + ja, rng.randint(1, 12), rng.randint(1, 28))
        if j >= START:
            j = date(2018, rng.randint(1, 6), rng.randint(1, 28))
        p.join = j
        p.full = date(j.year + 1, j.month, j.day)
        if p.full >= START:
            p.full = date(2019, rng.randint(1, 5), rng.randint(1, 28)) if j.year == 2018 else p.full
    if rng.random() < 0.06:
        p.nation = rng.choice(["回族", "满族", "蒙古族", "土家族"])
    return p


# ------------------------------------------------------------ calendar
def _blocked(d):
    md = (d.month, d.day)
    if d.weekday() >= 5:
        return True
    if md <= (1, 3) or (4, 3) <= md <= (4, 6) or (5, 1) <= md <= (5, 5) or (10, 1) <= md <= (10, 8):
        return True
    # spring festival, roughly
    sf = {
        2019: date(2019, 2, 5),
        2020: date(2020, 1, 25),
        2021: date(2021, 2, 12),
        2022: date(2022, 2, 1),
        2023: date(2023, 1, 22),
        2024: date(2024, 2, 10),
        2025: date(2025, 1, 29),
    }.get(d.year)
    if sf and sf - timedelta(days=3) <= d <= sf + timedelta(days=8):
        return True
    # the pandemic lockdown weeks: no physical meetings at all
    if date(2020, 1, 24) <= d <= date(2020, 2, 9):
        return True
    if (12, 26) <= md:
        return True
    return False


def workday(rng, y, m, lo=1, hi=28):
    for _ in range(200):
        d = date(y, m, rng.randint(lo, hi))
        if not _blocked(d):
            return d
    return date(y, m, 15)


def next_workday(d, step=1):
    while _blocked(d):
        d += timedelta(days=step)
    return d


# ------------------------------------------------------------ branches
ORG_SPECS = [
    ("Y1", "机关第一党支部", "business", 20),
    ("Y2", "机关第二党支部", "service", 15),
    ("LT", "离退休干部党支部", "retired", 30),
]


def build_org(key, name, kind, n, seed, pool, years=(2019, 2025)):
    rng = seeded(seed, "org", key)
    org = Org(key=key, name=name, kind=kind, groups=list(NAMES.groups[kind]))
    y0 = years[0]
    for i in range(n):
        if kind == "business":
            age = rng.choice([26, 28, 29, 31, 33, 35, 38, 41, 44, 47, 50, 53, 56]) + rng.randint(-1, 1)
        elif kind == "service":
            age = rng.choice([27, 30, 34, 37, 40, 43, 46, 49, 52, 55]) + rng.randint(-1, 1)
        else:
            age = rng.randint(62, 89)
        p = make_person(rng, pool, kind, y0, age)
        if kind == "retired":
            p.post = "退休干部"
            p.note = rng.choice(
                ["原办公室主任", "原科长", "原副局长", "原科员", "原调研员", "原副科长", "原财务科科长", ""]
            )
        p.group = i % len(org.groups)
        org.members.append(p)
    # committee: experienced members first
    by_age = sorted(org.members, key=lambda p: p.birth)
    roles = NAMES.roles[kind]
    if kind == "retired":
        cands = [p for p in org.members if 63 <= y0 - p.birth.year <= 75]
    else:
        cands = [p for p in by_age if y0 - p.birth.year >= 32]
    rng.shuffle(cands)
    first = dict(zip(roles, cands))
    org.terms.append((date(y0, 1, 1), first))
    return org, rng


def add_election(org, rng, when, pool_members=None):
    """换届: keep some, replace some."""
    old = org.terms[-1][1]
    roles = NAMES.roles[org.kind]
    members = [p for p in org.roster(when) if p.status(when) == "正式党员"]
    if org.kind == "retired":
        members = [p for p in members if when.year - p.birth.year <= 78]
    keep = [r for r in roles if rng.random() < 0.6 and old.get(r) in members]
    new = {r: old[r] for r in keep}
    rest = [p for p in members if p not in new.values()]
    rng.shuffle(rest)
    for r in roles:
        if r not in new:
            new[r] = rest.pop()
    new = {r: new[r] for r in roles}
    org.terms.append((when, new))
    org.elections.append(when)


def plan_development(org, rng, pool, years=(2019, 2025), end=END):
    """Applicants and their path to full membership (dates only)."""
    if org.kind == "retired":
        return
    per_year = {"business": (1, 1), "service": (0, 0)}[org.kind]
    y_first, y_last = years[0] - 1, years[1]
    for y in range(y_first, y_last + 1):
        k = rng.randint(*per_year)
        if org.kind == "business" and y == 2022:
            k = 2
        if org.kind == "service" and y % 2 == 0:
            k = 1
        for _ in range(k):
            age = rng.randint(24, 31)
            p = make_person(rng, pool, org.kind, y, age, joined=False)
            p.group = rng.randrange(len(org.groups))
            apply = workday(rng, y, rng.choice([3, 4, 5, 9, 10, 11]))
            activist = next_workday(apply + timedelta(days=rng.randint(60, 130)))
            candidate = next_workday(activist + timedelta(days=rng.randint(370, 430)))
            review = next_workday(candidate + timedelta(days=rng.randint(15, 30)))
            notice_in = next_workday(review + timedelta(days=rng.randint(20, 40)))
            if notice_in.month in (6, 12) and notice_in.day > 12:
                notice_in = next_workday(date(notice_in.year, notice_in.month, 5))
            meeting_in = next_workday(notice_in + timedelta(days=8))
            notice_full = next_workday(meeting_in + timedelta(days=350))
            if notice_full.month in (6, 12) and notice_full.day > 12:
                notice_full = next_workday(date(notice_full.year, notice_full.month, 5))
            meeting_full = next_workday(notice_full + timedelta(days=8))
            members = [m for m in org.members if m.full and m.full < notice_in]
            intro = tuple(m.name for m in rng.sample(members, 2))
            case = DevCase(
                p, apply, activist, candidate, review, notice_in, meeting_in, notice_full, meeting_full, intro
            )
            # 思想汇报 filed: one or two per case
            q = activist + timedelta(days=rng.randint(80, 120))
            while q < candidate:
                if rng.random() < 0.15 and len(case.reports) < 2:
                    case.reports.append(next_workday(q))
                q += timedelta(days=91)
            if rng.random() < 0.6:
                case.check = next_workday(activist + timedelta(days=rng.randint(170, 200)))
            org.dev.append(case)
            if meeting_in <= end:
                p.join = meeting_in
                p.since = meeting_in
                p.full = meeting_full if meeting_full <= end else None
                if p.full is None:
                    p.full = date(2099, 1, 1)
                org.members.append(p)


def plan_movements(org, rng, pool, other_orgs, years=(2019, 2025)):
    """组织关系转入/转出 and, for the retired branch, deaths."""
    if org.kind == "retired":
        olds = sorted(org.members, key=lambda p: p.birth)[:4]
        for p in olds[:2]:
            d = rand_date(rng, date(years[0], 3, 1), date(years[1] - 1, 11, 30))
            p.until = d
            org.deaths.append((d, p))
        return
    for y in range(years[0], years[1] + 1):
        if rng.random() < 0.3:
            d = workday(rng, y, rng.choice([3, 4, 5, 9, 10, 11]) if y < years[1] else rng.choice([3, 4, 5]))
            p = make_person(rng, pool, org.kind, y, rng.randint(27, 40))
            p.since = d
            p.group = rng.randrange(len(org.groups))
            org.members.append(p)
            org.transfers.append((d, p, "in", rng.choice(NAMES.transfer_from)))
        elif rng.random() < 0.2 and y < years[1]:
            d = workday(rng, y, rng.choice([3, 4, 5, 9, 10, 11]))
            cands = [p for p in org.roster(d) if p.status(d) == "正式党员" and p not in org.committee(d).values()]
            if cands:
                p = rng.choice(cands)
                p.until = d
                org.transfers.append((d, p, "out", rng.choice(NAMES.transfer_to)))


def retire_into(src, dst, rng, when):
    """An old member of src retires and moves to the retired branch."""
    cands = [p for p in src.roster(when) if when.year - p.birth.year >= 56 and p not in src.committee(when).values()]
    if not cands:
        return
    p = max(cands, key=lambda x: when.year - x.birth.year)
    p.until = when
    src.transfers.append((when, p, "out", dst.name))
    q = Person(
        name=p.name,
        sex=p.sex,
        birth=p.birth,
        edu=p.edu,
        post="退休干部",
        join=p.join,
        full=p.full,
        nation=p.nation,
        group=rng.randrange(len(dst.groups)),
        since=when,
        note="原" + p.post.replace("科员", "科科员").replace("科科科员", "科科员"),
    )
    dst.members.append(q)
    dst.transfers.append((when, q, "in", src.name))

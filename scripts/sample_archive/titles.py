"""A record's title, and for the study and activity records the topic it is about.

Most titles are a template (data/titles.yml); the kinds below choose a topic first,
drawing from the plan's random stream in the order the archive was made with."""

from . import g_learning as GL
from . import g_misc as GX
from .pools import pools
from .rules import indicators_in
from .themes import THEMES as T

TITLES, NAMES = pools("titles").titles, pools("names")


def _q(s):
    """Inner quotes inside “…” become ‘…’."""
    return s.replace("“", "‘").replace("”", "’")


def _dk(rec, rng, used, u):
    org, y = rec.org, rec.date.year
    topic, sections = GL.dk_topic(org, rec, rng)
    if topic in u:
        topic, sections = GL.dk_topic(org, rec, rng)
    u.add(topic)
    cm = org.committee(rec.date)
    role = "书记" if rng.random() < 0.7 else rng.choice([r for r in cm if r != "书记"])
    rec.info.update(topic=topic, sections=sections, speaker=cm[role], role=role)
    form = rng.randrange(3)
    if form == 0:
        return f"{org.name}专题党课讲稿（{topic}）"
    if form == 1:
        return f"{org.name}{role}{cm[role].name}党课讲稿：{topic}"
    return f"{org.name}{y}年党课讲稿《{topic}》"


def _ztdr(rec, rng, used, u):
    topic, paras = GL.ztdr_topic(rec.org, rec, rng, u)
    u.add(topic)
    rec.info.update(topic=topic, paras=paras)
    return f"{rec.org.name}“{_q(topic)}”主题党日活动记录"


def _jzxx(rec, rng, used, u):
    topic, material = GL.jzxx_topic(rec, rng, u)
    u.add(topic)
    rec.info.update(topic=topic, material=material)
    return f"{rec.org.name}{rec.date.year}年{rec.date.month}月集中学习记录" + (
        f"（{topic}）" if rng.random() < 0.75 else ""
    )


def _xdth(rec, rng, used, u):
    org, y = rec.org, rec.date.year
    topic = GL.xdth_topic(rec, rng)
    roster = org.roster(rec.date)
    authors = used.setdefault("authors", set())
    a = rng.choice([p for p in roster if (org.key, y, p.name) not in authors] or roster)
    authors.add((org.key, y, a.name))
    rec.info.update(topic=topic, author=a)
    return f"{org.name}{topic}心得体会（{a.name}）"


def _jsjy(rec, rng, used, u):
    o, y, m = rec.org.name, rec.date.year, rec.date.month
    opts = []
    if f"film{y}" not in u and m <= 6:
        opts.append(("film", f"{o}观看{T.years[y]['film']}警示教育活动记录"))
    if y == 2024 and 4 <= m <= 7:
        opts.append(("case", f"{o}党纪学习教育警示教育活动记录"))
    if y == 2025 and m >= 3:
        opts.append(("case", f"{o}深入贯彻中央八项规定精神学习教育警示教育活动记录"))
    when = "节前" if m in (1, 2, 9, 12) else f"{m}月"
    opts += [("case", f"{o}“以案为鉴、以案促改”警示教育活动记录"), ("case", f"{o}{y}年典型案例通报警示教育活动记录")]
    opts.append(("case", f"{o}{y}年{when}警示教育活动记录"))
    opts = [x for x in opts if x[1] not in u]
    what, title = opts[0] if rng.random() < 0.7 else rng.choice(opts)
    u.add(title)
    if what == "film":
        u.add(f"film{y}")
    rec.info["film"] = what == "film"
    return title


def _lzth(rec, rng, used, u):
    org = rec.org
    cm = org.committee(rec.date)
    others = [p for r, p in cm.items() if r != "书记"] + [p for p in org.roster(rec.date) if p not in cm.values()][:5]
    target = rng.choice(others)
    if any(abs((e - rec.date).days) < 120 and e <= rec.date for e in org.elections):
        typ = "新任支委廉政谈话"
    else:
        typ = rng.choice(["节前廉政提醒谈话", "日常廉政提醒谈话", "岗位调整廉政谈话"])
    rec.info.update(target=target, type=typ)
    return f"{org.name}廉政谈话记录（{target.name}）"


def _zyfw(rec, rng, used, u):
    o, y, m = rec.org.name, rec.date.year, rec.date.month
    topic, paras = GX.zyfw_topic(rec.org, rec, rng, u)
    u.add(topic)
    rec.info.update(topic=topic, paras=paras, community=rng.choice(NAMES.communities))
    title = f"{o}“{topic}”志愿服务活动记录"
    if title in u:
        title = f"{o}{y}年{m}月“{topic}”志愿服务活动记录"
    u.add(title)
    return title


_CHOOSE = {"dk": _dk, "ztdr": _ztdr, "jzxx": _jzxx, "xdth": _xdth, "jsjy": _jsjy, "lzth": _lzth, "zyfw": _zyfw}


def set_title_and_topic(rec, rng, used):
    """rec.title (and rec.info's topic); ``used`` remembers topics per branch, year and kind."""
    org, d, i = rec.org, rec.date, rec.info
    u = used.setdefault((org.key, d.year, rec.kind), set())
    if rec.kind in _CHOOSE:
        rec.title = _CHOOSE[rec.kind](rec, rng, used, u)
    else:
        slots = dict(o=org.name, y=d.year, m=d.month, q=(d.month - 1) // 3 + 1, no=i.get("no"))
        if "group" in i:
            slots["group"] = org.groups[i["group"]]
        if "case" in i:
            slots["name"] = i["case"].person.name
        if "author" in i:
            slots["name"] = i["author"].name
        rec.title = TITLES[rec.kind].format(topic=i.get("topic"), occasion=i.get("occasion"), **slots)
    assert rec.title, rec.kind
    assert len(indicators_in(rec.title)) <= 1, rec.title

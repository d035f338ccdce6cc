"""First-person paragraphs (心得体会, 交流发言, 研讨发言; data/xd.yml) by year, with the
months in which they make sense and who can say them: A = anyone, W = serving cadres
(not the retired branch), R = the retired branch only."""

from .pools import pools

XD_PROSE = pools("xd")


def xd_pool(year, month, kind):
    who = "R" if kind == "retired" else "W"
    return [t for ms, k, t in XD_PROSE.xd[year] if month in ms and k in ("A", who)] or [
        t for ms, k, t in XD_PROSE.xd[year] if k in ("A", who)
    ]


def reflect(who, cat):
    return XD_PROSE.reflect["A"][cat] + XD_PROSE.reflect[who][cat]


def reflect_all(who):
    return [x for c in ("insight", "gap", "act") for x in reflect(who, c)]

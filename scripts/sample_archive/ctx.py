"""Per-document composition helpers."""

import re

from .model import cn_num


class Ctx:
    """Picks from pools without repeating inside one document; fills slots."""

    def __init__(self, rng, slots=None):
        self.rng = rng
        self.used = set()
        self.slots = dict(slots or {})

    def fill(self, s, **more):
        if "{" not in s:
            return s
        d = dict(self.slots)
        d.update(more)
        return s.format_map(_Default(d))

    def pick(self, pool, **more):
        cands = [x for x in pool if _key(x) not in self.used] or list(pool)
        x = self.rng.choice(cands)
        self.used.add(_key(x))
        return self.fill(x, **more) if isinstance(x, str) else x

    def pick_new(self, pool, **more):
        """Like pick, but None once every item of the pool has been used here."""
        cands = [x for x in pool if _key(x) not in self.used]
        if not cands:
            return None
        x = self.rng.choice(cands)
        self.used.add(_key(x))
        return self.fill(x, **more) if isinstance(x, str) else x

    def picks(self, pool, k, **more):
        cands = [x for x in pool if _key(x) not in self.used]
        if not cands:
            cands = list(pool)
        xs = self.rng.sample(cands, min(k, len(cands)))
        for x in xs:
            self.used.add(_key(x))
        return [self.fill(x, **more) if isinstance(x, str) else x for x in xs]

    def blocks(self, spec, **more):
        """Blocks from a template of data/: ``{kind: text}`` fills the text's slots,
        ``{kind: [a, b]}`` picks one (a random draw, in the template's order)."""
        out = []
        for item in spec:
            ((kind, x),) = item.items()
            out.append((kind, self.pick(x, **more) if isinstance(x, list) else self.fill(x, **more)))
        return out

    def chance(self, p):
        return self.rng.random() < p

    def num(self, n, unit="次", cn_p=0.15):
        """A count as the genre writes it: mostly Arabic, sometimes Chinese."""
        if n <= 10 and self.rng.random() < cn_p:
            if n == 2 and unit in ("名", "次", "篇"):
                return "两" + unit
            return cn_num(n) + unit
        return f"{n}{unit}"


def _key(x):
    return x if isinstance(x, str) else repr(x)


class _Default(dict):
    def __missing__(self, k):
        raise KeyError(f"unknown slot {{{k}}}")


ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


def yishi(parts):
    """'一是…；二是…；三是…。'"""
    parts = [p.rstrip("。；，") for p in parts if p]
    out = []
    for i, p in enumerate(parts):
        out.append(f"{ORDINALS[i]}是{p}")
    return "；".join(out) + "。"


def clean(s):
    s = re.sub(r"。。+", "。", s)
    s = s.replace("，。", "。").replace("；。", "。")
    return s

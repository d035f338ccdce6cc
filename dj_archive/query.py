"""User query text → a parsed query → an FTS5 MATCH expression that is safe.

Syntax: terms separated by spaces are ANDed; ``OR`` between terms; ``-term``
excludes; ``"quoted phrase"`` keeps spaces; parentheses group. Every term is a
plain substring after folding (see :mod:`dj_archive.normalize`); the user's
text never reaches SQL or FTS5 syntax as-is.

>>> q = parse_query('党费 OR 党课 -"主题 党日"')
>>> q.describe()
'党费 OR (党课 AND NOT 主题 党日)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .data import load_data
from .errors import QuerySyntaxError
from .i18n import N_
from .normalize import fold

__all__ = ["Term", "And", "Or", "Not", "parse_query", "Query", "synonyms_for"]


@dataclass(frozen=True)
class Term:
    text: str  # as typed
    variants: tuple[str, ...] = ()  # folded alternatives, the first is the term itself

    @property
    def folded(self) -> str:
        return self.variants[0]


@dataclass(frozen=True)
class And:
    items: tuple


@dataclass(frozen=True)
class Or:
    items: tuple


@dataclass(frozen=True)
class Not:
    item: object


def _synonym_table(data) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    data = data or {}
    groups: dict[str, tuple[str, ...]] = {}
    for group in data.get("groups") or []:
        folded = tuple(dict.fromkeys(fold(str(t)) for t in group))
        for t in folded:
            groups[t] = folded
    expands = {fold(str(k)): tuple(fold(str(v)) for v in vs) for k, vs in (data.get("expands") or {}).items()}
    return groups, expands


def synonyms_for(folded_term: str, archive=None) -> tuple[str, ...]:
    """The term itself followed by its synonyms and expansions (folded), from
    ``data/synonyms.yml`` (or ``archive``'s own version of it)."""
    groups, expands = load_data("synonyms.yml", archive, _synonym_table)
    out = [folded_term, *groups.get(folded_term, ()), *expands.get(folded_term, ())]
    return tuple(dict.fromkeys(out))


_TOKEN = re.compile(r'\s*(?:(")((?:[^"]|"")*)("?)|([()])|(\S+?)(?=\s|$|[()"]))')


def _lex(text: str):
    pos = 0
    # Only ASCII quotes and parentheses are syntax: “ ” and （ ） are part of Chinese text
    # (“信仰红”, （一）) and are searched for literally.
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QuerySyntaxError(N_("cannot read the query near {text!r}").format(text=text[pos : pos + 10]))
        pos = m.end()
        if m.group(1):
            if not m.group(3):
                raise QuerySyntaxError(N_("unbalanced double quote in the query"))
            yield ("PHRASE", m.group(2).replace('""', '"'))
        elif m.group(4):
            yield (m.group(4), m.group(4))
        else:
            word = m.group(5)
            if word == "OR":
                yield ("OR", word)
            elif word == "-":
                yield ("NOT", "-")
            elif word.startswith("-") and len(word) > 1:
                yield ("NOT", "-")
                yield ("WORD", word[1:])
            else:
                yield ("WORD", word)


class _Parser:
    def __init__(self, tokens, expand: bool, archive=None):
        self.tokens = list(tokens)
        self.i = 0
        self.expand = expand
        self.archive = archive

    def peek(self):
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self):
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expr(self):
        items = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, ")", "OR"):
                raise QuerySyntaxError(N_("OR needs a term on both sides"))
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self):
        items = []
        while self.peek() not in (None, "OR", ")"):
            items.append(self.unary())
        if not items:
            raise QuerySyntaxError(N_("empty query or group"))
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self):
        if self.peek() == "NOT":
            self.take()
            if self.peek() in (None, "OR", ")", "NOT"):
                raise QuerySyntaxError(N_("'-' must be followed by a term"))
            return Not(self.atom())
        return self.atom()

    def atom(self):
        kind, value = self.take()
        if kind == "(":
            if self.peek() is None:
                raise QuerySyntaxError(N_("unbalanced parenthesis in the query"))
            node = self.expr()
            if self.peek() != ")":
                raise QuerySyntaxError(N_("unbalanced parenthesis in the query"))
            self.take()
            return node
        if kind == ")":
            raise QuerySyntaxError(N_("unbalanced parenthesis in the query"))
        folded = fold(value)
        if not folded.strip():
            raise QuerySyntaxError(N_("empty phrase in the query"))
        variants = synonyms_for(folded, self.archive) if self.expand else (folded,)
        return Term(value, variants)


@dataclass
class Query:
    text: str
    root: object
    terms: list[Term] = field(default_factory=list)

    def positive_terms(self) -> list[Term]:
        out: list[Term] = []

        def walk(node, neg=False):
            if isinstance(node, Term):
                if not neg:
                    out.append(node)
            elif isinstance(node, Not):
                walk(node.item, not neg)
            else:
                for it in node.items:
                    walk(it, neg)

        walk(self.root)
        return out

    def describe(self) -> str:
        def show(node, top=False):
            if isinstance(node, Term):
                return node.text
            if isinstance(node, Not):
                return "NOT " + show(node.item)
            sep = " AND " if isinstance(node, And) else " OR "
            s = sep.join(show(i) for i in node.items)
            return s if top else f"({s})"

        return show(self.root, top=True)


#: Limits that keep a hostile query a one-line error instead of a crash.
MAX_TERMS = 64
MAX_DEPTH = 16


def parse_query(text: str, expand_synonyms: bool = True, archive=None) -> Query:
    """Parse query text; raises QuerySyntaxError with a reason on bad input. Synonyms
    come from ``data/synonyms.yml``, or ``archive``'s own version of it."""
    if text is None or not str(text).strip():
        raise QuerySyntaxError(N_("empty query"))
    text = str(text)
    if any("\ud800" <= ch <= "\udfff" for ch in text):  # bytes the terminal could not decode
        raise QuerySyntaxError(N_("the query is not valid text; check the terminal's encoding (UTF-8)"))
    depth = max_depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        max_depth = max(max_depth, depth)
    if max_depth > MAX_DEPTH:
        raise QuerySyntaxError(N_("parentheses nested more than {MAX_DEPTH} deep").format(MAX_DEPTH=MAX_DEPTH))
    p = _Parser(_lex(text), expand_synonyms, archive)
    root = p.expr()
    if p.peek() is not None:
        raise QuerySyntaxError(N_("unbalanced parenthesis in the query"))
    q = Query(text, root)
    q.terms = q.positive_terms()
    if sum(1 for t in p.tokens if t[0] in ("WORD", "PHRASE")) > MAX_TERMS:
        raise QuerySyntaxError(N_("more than {MAX_TERMS} terms in one query").format(MAX_TERMS=MAX_TERMS))
    return q

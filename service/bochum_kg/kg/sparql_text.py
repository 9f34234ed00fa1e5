"""What a query's text asks for, found by tokenizing it: its form, dataset clauses and SERVICE calls.

The store parses and evaluates queries itself (pyoxigraph); this module only answers the
questions the service must settle *before* evaluation:

- which SERVICE endpoints would be called (pyoxigraph's SERVICE really opens an HTTP
  connection, so every one must be allow-listed by the operator, and `SERVICE ?var` never is);
- which graphs FROM / FROM NAMED name (only graphs of this dataset; no store may fetch one);
- whether the query names its own dataset (then the union default graph does not apply);
- whether the text is small and flat enough for the engine to parse at all (`check_size`).

SPARQL's lexical structure makes this exact without a full parser: keywords can only appear
outside strings, IRIs, comments and prefixed names, and pyoxigraph does not unescape \\u
sequences outside strings and IRIs (tested), so a SERVICE keyword cannot be hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

from bochum_kg.kg.store.base import QueryRejected, QueryTooComplex

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<bnode>_:[\w.\-]*)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[^\W\d_][\w.\-]*)?:(?:[\w.\-:%]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<word>[^\W\d][\w]*)
  | (?P<number>[0-9]+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

#: The most brackets ({ }, ( ) and [ ] together) a query may nest, and the most tokens it may have.
#: pyoxigraph 0.5.13 parses, optimizes and evaluates recursively, and a text nested or chained too
#: deep overflows the stack of the thread that runs it: the whole process dies of SIGSEGV, with
#: every request it holds. Measured (tests/kg/test_query_guard_threshold.py pins it) on a query
#: thread's 64 MiB stack (deadline.QUERY_THREAD_STACK_BYTES): ~17,400 nested braces, ~37,000
#: parentheses, ~5,500 nested FILTER(EXISTS{…}); flat chains without any brackets too: ~74,000
#: `!` in a row, ~55,000 operands of `+`, ~20,000 BINDs in one group. The thresholds scale with the
#: stack: on a 2 MiB thread (a Rust default, e.g. granian's) they are 32 times lower (~540 braces,
#: ~2,300 `!`), which is why every query runs on a query thread. Real queries nest fewer than 20
#: levels and have a few hundred tokens; a VALUES block of a few thousand terms still fits.
MAX_NESTING = 256
MAX_TOKENS = 10_000
_OPENING, _CLOSING = frozenset("({["), frozenset(")}]")


@dataclass
class Token:
    kind: str
    text: str
    position: int


@dataclass
class QueryInfo:
    form: str | None  # SELECT | ASK | CONSTRUCT | DESCRIBE, None if not found (a syntax error follows)
    prefixes: dict[str, str] = field(default_factory=dict)
    base: str | None = None
    services: list[str | None] = field(default_factory=list)  # None = SERVICE ?var
    from_graphs: list[str | None] = field(default_factory=list)  # None = not an IRI we can resolve
    from_named_graphs: list[str | None] = field(default_factory=list)

    @property
    def has_dataset_clause(self) -> bool:
        return bool(self.from_graphs or self.from_named_graphs)


def tokens(text: str) -> list[Token]:
    """Significant tokens (no whitespace, no comments)."""
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("ws", "comment"):
            continue
        out.append(Token(kind, match.group(), match.start()))
    return out


def _iri_value(token: Token, info: QueryInfo) -> str | None:
    """The absolute IRI a token stands for; None when it is no IRI (a variable, a typo…)."""
    if token.kind == "iri":
        value = token.text[1:-1]
        if "\\" in value:  # \u escapes in IRIs: refuse rather than guess how the engine reads them
            return None
        return urljoin(info.base, value) if info.base else value
    if token.kind == "pname":
        text = token.text.rstrip(".")
        prefix, _, local = text.partition(":")
        if prefix not in info.prefixes or "\\" in local:
            return None
        return info.prefixes[prefix] + local
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def _too_complex(text: str, offset: int, limit: int, what: str) -> QueryTooComplex:
    line, column = _position(text, offset)
    return QueryTooComplex(f"{what} at line {line}, column {column}: this server parses queries with at most "
                           f"{MAX_NESTING} levels of nested brackets ({{ }}, ( ) and [ ] together) and at most "
                           f"{MAX_TOKENS:,} tokens.", limit=limit, line=line, column=column)


@lru_cache(maxsize=1024)
def check_size(text: str) -> None:
    """QueryTooComplex when `text` nests brackets deeper than MAX_NESTING or has more than MAX_TOKENS tokens.

    Call it before any engine parses the text. Strings, comments and IRIs do not count, except that
    brackets inside what this lexer reads as an IRI (`<` … `>` without spaces) count when they
    open: an engine that reads `?a<((1))>?b` as comparisons sees real parentheses there, and
    closings inside such a token never lower the count, so no text can hide its depth. It stops at
    the first excess, so a long text costs no more than MAX_TOKENS tokens of lexing.
    """
    depth = count = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "ws" or kind == "comment":
            continue
        count += 1
        if count > MAX_TOKENS:
            raise _too_complex(text, match.start(), MAX_TOKENS, f"The query has more than {MAX_TOKENS:,} tokens")
        if kind == "other":
            char = match.group()
            if char in _OPENING:
                depth += 1
                if depth > MAX_NESTING:
                    raise _too_complex(text, match.start(), MAX_NESTING, f"The query nests brackets deeper than {MAX_NESTING} levels")
            elif char in _CLOSING and depth:
                depth -= 1
        elif kind == "iri":
            inner = peak = 0
            for char in match.group():
                if char in "([":
                    inner += 1
                    peak = max(peak, inner)
                elif char in ")]":
                    inner -= 1
            if depth + peak > MAX_NESTING:
                raise _too_complex(text, match.start(), MAX_NESTING, f"The query nests brackets deeper than {MAX_NESTING} levels")
            depth += max(0, inner)


@lru_cache(maxsize=1024)  # the same queries come again and again (pages, API, examples); treat results as read-only
def analyse(text: str, base_iri: str | None = None) -> QueryInfo:
    """Form, prologue, dataset clauses and SERVICE targets of a query text (relative IRIs against `base_iri`).

    QueryTooComplex first when the text is too deep or too long for the engine (`check_size`).
    """
    check_size(text)
    info = QueryInfo(form=None, base=base_iri)
    toks = tokens(text)
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        word = tok.text.upper() if tok.kind == "word" else None
        if word == "PREFIX" and i + 2 < n and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
            iri = _iri_value(toks[i + 2], info)
            if iri is not None:
                info.prefixes[toks[i + 1].text[:-1]] = iri
            i += 3
            continue
        if word == "BASE" and i + 1 < n and toks[i + 1].kind == "iri":
            info.base = _iri_value(toks[i + 1], info)
            i += 2
            continue
        if tok.kind == "iri" and tok.text[1:2] in ("?", "$") and "SERVICE" in tok.text.upper():
            # "?a<?b)SERVICE?x>" is an IRI by the longest-match rule but a comparison to a
            # parser that tries expressions first: never let such a token hide a SERVICE
            info.services.append(None)
        if word in FORMS and info.form is None:
            info.form = word
        elif word == "FROM":
            j = i + 1
            named = j < n and toks[j].kind == "word" and toks[j].text.upper() == "NAMED"
            if named:
                j += 1
            target = _iri_value(toks[j], info) if j < n else None
            # an unresolvable target is kept as None and refused: fail closed
            (info.from_named_graphs if named else info.from_graphs).append(target)
            i = j + 1
            continue
        elif word == "SERVICE":
            j = i + 1
            if j < n and toks[j].kind == "word" and toks[j].text.upper() == "SILENT":
                j += 1
            info.services.append(_iri_value(toks[j], info) if j < n else None)
            i = j + 1
            continue
        i += 1
    return info


def check_query(info: QueryInfo, graphs: list[str] | set[str], allowed_services: tuple[str, ...] | list[str]) -> None:
    """Refuse (QueryRejected) what could make the server open a connection or read outside the dataset."""
    known = set(graphs)
    for target in info.services:
        if target is None:
            raise QueryRejected("SERVICE with a variable or an unresolvable endpoint is not allowed on this server.")
        if target not in allowed_services:
            if allowed_services:
                raise QueryRejected(f"SERVICE <{target}> is not allowed; this server only calls {', '.join(f'<{s}>' for s in allowed_services)}.")
            raise QueryRejected(f"SERVICE <{target}> is not allowed: this server makes no outgoing connections (federated queries are off).")
    clauses = info.from_graphs + info.from_named_graphs
    if None in clauses:
        raise QueryRejected("FROM / FROM NAMED must name a graph by a full IRI or a declared prefix.")
    check_graphs(clauses, known, "FROM")


def check_graphs(iris: list[str], known: set[str], what: str) -> None:
    unknown = [g for g in iris if g not in known]
    if unknown:
        listed = ", ".join(f"<{g}>" for g in sorted(known))
        raise QueryRejected(
            f"{what} names a graph this dataset does not hold: <{unknown[0]}>. "
            f"Graphs are never fetched from the web; the dataset's graphs are {listed}."
        )


def _top_level(text: str) -> list[tuple[str, int, int, str]]:
    """Top-level items: ("word", start, end, WORD) and ("group", open, close, "") for { … } at depth 0."""
    items, depth_brace, depth_paren, open_at = [], 0, 0, None
    for tok in tokens(text):
        if tok.kind == "other" and tok.text in "\"'":
            raise ValueError(f"unterminated string literal starting at offset {tok.position}")
        if tok.text == "(" and tok.kind == "other":
            depth_paren += 1
        elif tok.text == ")" and tok.kind == "other":
            depth_paren -= 1
        elif tok.text == "{" and tok.kind == "other":
            if depth_brace == 0 and depth_paren == 0:
                open_at = tok.position
            depth_brace += 1
        elif tok.text == "}" and tok.kind == "other":
            depth_brace -= 1
            if depth_brace == 0 and open_at is not None:
                items.append(("group", open_at, tok.position, ""))
                open_at = None
        elif tok.kind == "word" and depth_brace == 0 and depth_paren == 0:
            items.append(("word", tok.position, tok.position + len(tok.text), tok.text.upper()))
    return items


@lru_cache(maxsize=1024)  # catalogue texts are fixed: each is lexed once per process
def where_group(text: str) -> tuple[int, int, int | None]:
    """(offset of the outermost WHERE group's '{', offset of its '}', end of CONSTRUCT if short form).

    The first top-level group is the WHERE group, except after CONSTRUCT, where a template comes
    first unless the query is the short form ``CONSTRUCT WHERE { … }``.
    """
    items = _top_level(text)
    groups = [(i, item) for i, item in enumerate(items) if item[0] == "group"]
    construct = next((i for i, item in enumerate(items) if item[0] == "word" and item[3] == "CONSTRUCT"), None)
    if construct is not None:
        after = items[construct + 1:construct + 2]
        short_form = bool(after) and after[0][0] == "word" and after[0][3] == "WHERE"
        later = [item for i, item in groups if i > construct]
        if short_form and later:
            return later[0][1], later[0][2], items[construct][2]
        if len(later) >= 2:
            return later[1][1], later[1][2], None
    elif groups:
        return groups[0][1][1], groups[0][1][2], None
    raise ValueError("the query has no WHERE group to bind parameters into")

"""The one place where values enter query text: parameters as validated RDF terms, then VALUES.

Raw strings from callers (the API, the CLI, examples) become RDF terms by their declared type
(`convert_value`, `bind_parameters`); terms enter a query only as a VALUES block at the start of
the outermost WHERE group (`inline_bindings`), serialised with rdflib's n3() after a check that
they are well-formed, so a value can never end its term early. A list of terms binds one
variable to several rows. Stores call `inline_bindings` for every bound query (kg/store/base.py).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

from bochum_kg.config import Settings
from bochum_kg.kg.named_query import NamedQuery, Parameter
from bochum_kg.kg.sparql_text import where_group

_VARNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# RFC 3987 scheme + the characters SPARQL's IRIREF forbids; enough to keep a term a term.
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*")
_LANGTAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ParameterError(ValueError):
    """A parameter is unknown, missing or cannot be read as its declared type."""

    def __init__(self, parameter_name: str, message: str):
        self.parameter_name = parameter_name
        self.message = message
        super().__init__(f"parameter '{parameter_name}': {message}")


def convert_value(parameter: Parameter, raw: str) -> Node:
    """One raw string as the RDF term its parameter type asks for."""
    name, ptype = parameter.name, parameter.type
    if not isinstance(raw, str):
        raise ParameterError(name, f"expected text, got {type(raw).__name__}")
    if ptype == "iri":
        if not IRI.fullmatch(raw):
            raise ParameterError(name, f"not an absolute IRI: {raw!r}")
        return URIRef(raw)
    if ptype == "string":
        return Literal(raw)
    if ptype == "lang-string":
        text, at, tag = raw.rpartition("@")
        if not at or not _LANGTAG.fullmatch(tag):
            raise ParameterError(name, f"expected text@language (e.g. Wissen@de), got {raw!r}")
        return Literal(text, lang=tag)
    if ptype == "integer":
        if not _INTEGER.fullmatch(raw.strip()):
            raise ParameterError(name, f"not an integer: {raw!r}")
        return Literal(str(int(raw.strip())), datatype=XSD.integer)
    if ptype == "date":
        if not _DATE.fullmatch(raw.strip()):
            raise ParameterError(name, f"expected a date YYYY-MM-DD, got {raw!r}")
        try:
            _dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise ParameterError(name, f"no such date: {raw!r}") from None
        return Literal(raw.strip(), datatype=XSD.date)
    if ptype == "enum":
        if raw not in (parameter.enum or ()):
            raise ParameterError(name, f"must be one of {', '.join(parameter.enum or ())}, got {raw!r}")
        return Literal(raw)
    raise ParameterError(name, f"unknown parameter type {ptype!r}")


def bind_parameters(query: NamedQuery, raw: Mapping[str, str], settings: Settings | None = None) -> dict[str, Node]:
    """Validate caller-supplied strings and convert them to RDF terms, filling in defaults.

    Optional parameters without a value and without a default stay unbound (the query then
    does not restrict on them). ``settings`` is accepted for symmetry with run_named_query.
    """
    declared = {p.name: p for p in query.parameters}
    for key in raw:
        if key not in declared:
            takes = ", ".join(declared) or "no parameters"
            raise ParameterError(key, f"unknown parameter for query '{query.name}' (it takes: {takes})")
    bindings: dict[str, Node] = {}
    for parameter in query.parameters:
        if parameter.name in raw:
            bindings[parameter.name] = convert_value(parameter, raw[parameter.name])
        elif parameter.default is not None:
            bindings[parameter.name] = convert_value(parameter, parameter.default)
        elif parameter.required:
            raise ParameterError(parameter.name, f"missing; query '{query.name}' requires it")
    return bindings



def _sparql_term(name: str, term: Node) -> str:
    if isinstance(term, BNode) or not isinstance(term, (URIRef, Literal)):
        raise ValueError(f"cannot inline a {type(term).__name__} for ?{name}")
    if isinstance(term, URIRef) and not IRI.fullmatch(str(term)):
        raise ValueError(f"?{name}: not an absolute IRI: {str(term)!r}")
    if isinstance(term, Literal):
        if term.language is not None and not _LANGTAG.fullmatch(term.language):
            raise ValueError(f"?{name}: bad language tag {term.language!r}")
        if term.datatype is not None and not IRI.fullmatch(str(term.datatype)):
            raise ValueError(f"?{name}: bad datatype IRI {str(term.datatype)!r}")
    return term.n3()


def inline_bindings(query_text: str, bindings: Mapping[str, Node | list[Node]]) -> str:
    """The query with VALUES blocks as first elements of its outermost WHERE group.

    Single terms go into one row ``VALUES (?a ?b) { (term term) }``; a list of terms binds its
    variable to one row per term (``VALUES ?n { t1 t2 }``). Equivalent to pre-binding as long as
    a parameter is used in the outermost group (not only inside a sub-select or a nested group's
    FILTER), which the queries respect and the tests check.
    """
    if not bindings:
        return query_text
    for name in bindings:
        if not _VARNAME.fullmatch(name):
            raise ValueError(f"not a variable name: {name!r}")
    single = [n for n, v in bindings.items() if not isinstance(v, (list, tuple))]
    blocks = []
    if single:
        values = " ".join(_sparql_term(n, bindings[n]) for n in single)
        blocks.append(f"VALUES ({' '.join('?' + n for n in single)}) {{ ({values}) }}")
    for name, terms in bindings.items():
        if isinstance(terms, (list, tuple)):
            blocks.append(f"VALUES ?{name} {{ {' '.join(_sparql_term(name, t) for t in terms)} }}")
    block = " " + " ".join(blocks) + " "
    open_at, close_at, construct_end = where_group(query_text)
    if construct_end is not None:
        # CONSTRUCT WHERE { T } allows only triples inside: spell it as CONSTRUCT { T } WHERE { VALUES … T }
        template = query_text[open_at + 1:close_at]
        return (query_text[:construct_end] + " {" + template + "} WHERE {" + block + template + "}"
                + query_text[close_at + 1:])
    return query_text[:open_at + 1] + block + query_text[open_at + 1:]

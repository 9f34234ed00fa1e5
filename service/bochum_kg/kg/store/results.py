"""Serialize pyoxigraph query results to the negotiated media type, with an optional row cap.

Both stores end here: the embedded store with live results, the remote store with results it
parsed from the endpoint's answer. Uncapped results are written natively by pyoxigraph. With a
row cap, solutions are read one by one (the deadline checked as they come), written as SPARQL
JSON with an extension member saying the result was cut, and converted natively to XML / CSV /
TSV from there; triples are cut with islice and written natively.
"""

from __future__ import annotations

import json
from itertools import islice
from typing import Iterable, Mapping

import pyoxigraph as ox

from bochum_kg.kg import formats as neg
from bochum_kg.kg.store.base import ASK, CONSTRUCT, SELECT, NotAcceptable
from bochum_kg.kg.store.deadline import Deadline

RESULTS_FORMATS = {
    neg.SPARQL_JSON: ox.QueryResultsFormat.JSON,
    neg.SPARQL_XML: ox.QueryResultsFormat.XML,
    neg.SPARQL_CSV: ox.QueryResultsFormat.CSV,
    neg.SPARQL_TSV: ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    neg.TURTLE: ox.RdfFormat.TURTLE,
    neg.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    neg.JSONLD: ox.RdfFormat.JSON_LD,
    neg.RDFXML: ox.RdfFormat.RDF_XML,
}
#: What a client can get for each form, default first.
OFFERS = {
    SELECT: list(RESULTS_FORMATS),
    ASK: list(RESULTS_FORMATS),
    CONSTRUCT: list(RDF_FORMATS),
}


def form_of(result) -> str:
    if isinstance(result, ox.QuerySolutions):
        return SELECT
    if isinstance(result, ox.QueryBoolean):
        return ASK
    return CONSTRUCT  # QueryTriples, or triples parsed from a remote answer


def offers_for(form: str) -> list[str]:
    return OFFERS[CONSTRUCT if form == "DESCRIBE" else form]


def serialize(result, form: str, media_type: str | None, row_cap: int | None, deadline: Deadline,
              prefixes: Mapping[str, str] | None = None) -> tuple[bytes, bool, int | None]:
    """(body, truncated, rows written) of a result in `media_type`; NotAcceptable when it is None."""
    offered = offers_for(form)
    if media_type not in offered:
        raise NotAcceptable(form, offered)
    if form == ASK:
        return result.serialize(format=RESULTS_FORMATS[media_type]), False, None
    if form == SELECT:
        return _solutions(result, media_type, row_cap, deadline)
    return _triples(result, media_type, row_cap, prefixes)


def _solutions(solutions, media_type: str, row_cap: int | None, deadline: Deadline):
    if row_cap is None:
        body = solutions.serialize(format=RESULTS_FORMATS[media_type])
        return body, False, None
    variables = [v.value for v in solutions.variables]
    bindings = []
    truncated = False
    for index, solution in enumerate(solutions):
        if index == row_cap:
            truncated = True
            break
        if index % 256 == 0:
            deadline.check()
        row = {}
        for name in variables:
            term = solution[name]
            if term is not None:
                row[name] = _json_term(term)
        bindings.append(row)
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    if media_type == neg.SPARQL_JSON:
        if truncated:
            # Extension members, first: clients ignore unknown members, but streaming parsers
            # (pyoxigraph's) refuse anything after the bindings array.
            document = {"truncated": True, "rowCap": row_cap, **document}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode(), truncated, len(bindings)
    as_json = json.dumps(document, separators=(",", ":")).encode()
    reparsed = ox.parse_query_results(as_json, format=ox.QueryResultsFormat.JSON)
    return reparsed.serialize(format=RESULTS_FORMATS[media_type]), truncated, len(bindings)


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def _triples(triples: Iterable, media_type: str, row_cap: int | None, prefixes: Mapping[str, str] | None):
    fmt = RDF_FORMATS[media_type]
    truncated = False
    if row_cap is not None:
        taken = list(islice(iter(triples), row_cap + 1))
        truncated = len(taken) > row_cap
        triples = taken[:row_cap]
    use_prefixes = dict(prefixes) if prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(triples, format=fmt, prefixes=use_prefixes)
    return body, truncated, len(triples) if isinstance(triples, list) else None

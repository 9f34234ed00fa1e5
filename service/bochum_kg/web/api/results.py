"""SELECT results of the query API in its four formats.

- plain JSON (the default): an array of objects, one per row, every result variable a key;
  IRIs and literals as strings, numbers as numbers, booleans as booleans, unbound as null;
- SPARQL 1.1 Query Results JSON;
- SPARQL 1.1 CSV (plain values) and TSV (terms in Turtle syntax), CRLF / LF as the specs say.
"""

from __future__ import annotations

import csv
import io

from rdflib import BNode, URIRef
from rdflib.term import Node

from bochum_kg.kg import formats as neg
from bochum_kg.kg.terms import json_value

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

PLAIN_JSON = neg.JSON
#: What a SELECT answers in, default first.
SELECT_TYPES = [PLAIN_JSON, neg.SPARQL_JSON, neg.SPARQL_CSV, neg.SPARQL_TSV]
#: `format=` names for SELECT results ("json" is the plain array here, not SPARQL JSON).
SELECT_FORMATS = {
    "json": PLAIN_JSON,
    "srj": neg.SPARQL_JSON,
    "sparql-json": neg.SPARQL_JSON,
    "csv": neg.SPARQL_CSV,
    "tsv": neg.SPARQL_TSV,
}

plain_value = json_value  # the API's name for the one conversion (kg/terms.py)


def plain_rows(variables: list[str], rows: list[dict]) -> list[dict]:
    return [{v: plain_value(row.get(v)) for v in variables} for row in rows]


def sparql_json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != XSD + "string":
        out["datatype"] = str(term.datatype)
    return out


def sparql_json(variables: list[str], rows: list[dict]) -> dict:
    return {
        "head": {"vars": list(variables)},
        "results": {"bindings": [{v: sparql_json_term(t) for v, t in row.items() if v in variables} for row in rows]},
    }


def _csv_value(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return "_:" + str(term)
    return str(term)


def to_csv(variables: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(row.get(v)) for v in variables])
    return out.getvalue()


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    quoted = f'"{_escape(str(term))}"'
    if term.language:
        return f"{quoted}@{term.language}"
    if term.datatype is not None and str(term.datatype) not in (XSD + "string", RDF_LANGSTRING):
        return f"{quoted}^^<{term.datatype}>"
    return quoted


def to_tsv(variables: list[str], rows: list[dict]) -> str:
    lines = ["\t".join("?" + v for v in variables)]
    for row in rows:
        lines.append("\t".join(tsv_term(row.get(v)) for v in variables))
    return "\n".join(lines) + "\n"

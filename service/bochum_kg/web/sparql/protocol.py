"""Reading a SPARQL 1.1 Protocol request: its parameters from the query string and the body, the
`format=` and `timeout=` values checked, and the choice of media type once the query form is
known. A malformed request is a ProtocolError with its status (400 or 415); the view in
endpoint.py answers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from flask import request

from bochum_kg.kg import formats as neg
from bochum_kg.kg.store.results import offers_for
from bochum_kg.web.context import kg

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"

RESULT_ALIASES = {"application/json": neg.SPARQL_JSON, "application/xml": neg.SPARQL_XML, "text/xml": neg.SPARQL_XML}
GRAPH_ALIASES = {
    "application/json": neg.JSONLD, "application/x-json+ld": neg.JSONLD, "application/xml": neg.RDFXML,
    "text/xml": neg.RDFXML, "text/plain": neg.NTRIPLES, "application/x-turtle": neg.TURTLE,
    "application/turtle": neg.TURTLE, "text/n3": neg.TURTLE, "text/rdf+n3": neg.TURTLE, "application/n3": neg.TURTLE,
}
#: `format=` values per kind of result (names, and media types for clients that send those).
RESULT_FORMAT_NAMES = {
    "json": neg.SPARQL_JSON, "srj": neg.SPARQL_JSON, "xml": neg.SPARQL_XML, "srx": neg.SPARQL_XML,
    "csv": neg.SPARQL_CSV, "tsv": neg.SPARQL_TSV,
    **{t: t for t in (neg.SPARQL_JSON, neg.SPARQL_XML, neg.SPARQL_CSV, neg.SPARQL_TSV)}, **RESULT_ALIASES,
}
GRAPH_FORMAT_NAMES = {
    "ttl": neg.TURTLE, "turtle": neg.TURTLE, "n3": neg.TURTLE, "nt": neg.NTRIPLES, "ntriples": neg.NTRIPLES,
    "n-triples": neg.NTRIPLES, "jsonld": neg.JSONLD, "json-ld": neg.JSONLD, "json": neg.JSONLD,
    "rdf": neg.RDFXML, "rdfxml": neg.RDFXML, "rdf/xml": neg.RDFXML, "rdf+xml": neg.RDFXML, "xml": neg.RDFXML,
    "owl": neg.RDFXML, **{t: t for t in (neg.TURTLE, neg.NTRIPLES, neg.JSONLD, neg.RDFXML)}, **GRAPH_ALIASES,
}


class ProtocolError(Exception):
    def __init__(self, status: int, error: str, message: str):
        self.status, self.error, self.message = status, error, message
        super().__init__(message)


@dataclass
class ProtocolRequest:
    queries: list[str] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    timeouts: list[str] = field(default_factory=list)

    def add(self, pairs: list[tuple[str, str]]) -> None:
        targets = {
            "query": self.queries, "update": self.updates, "default-graph-uri": self.default_graphs,
            "named-graph-uri": self.named_graphs, "format": self.formats, "timeout": self.timeouts,
        }
        for key, value in pairs:
            target = targets.get(key)
            if target is not None:
                target.append(value)


# --- reading the request ----------------------------------------------------------------------------


def _parse_pairs(raw: bytes, where: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, "Bad Request", f"The {where} is not UTF-8 (percent-encoded UTF-8 is the only encoding accepted).") from None


def _check_charset() -> None:
    charset = request.mimetype_params.get("charset")
    if charset and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ProtocolError(415, "Unsupported Media Type", f"Only UTF-8 is accepted, not charset={charset}.")


def read_protocol_request() -> ProtocolRequest:
    """The protocol operation of this request (400/415 ProtocolError when it is malformed)."""
    params = ProtocolRequest()
    params.add(_parse_pairs(request.query_string, "query string"))
    if request.method != "POST":
        return params
    mimetype = request.mimetype
    if mimetype == FORM_TYPE:
        _check_charset()
        params.add(_parse_pairs(request.get_data(cache=True), "request body"))
    elif mimetype == QUERY_TYPE:
        _check_charset()
        try:
            text = request.get_data(cache=True).decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(400, "Bad Request", "The query in the request body is not UTF-8.") from None
        if params.queries:
            raise ProtocolError(400, "Bad Request", "A direct POST carries its query in the body; the URL must not have a query parameter too.")
        params.queries.append(text)
    elif mimetype == UPDATE_TYPE:
        params.updates.append("(body)")
    elif not mimetype:
        raise ProtocolError(415, "Unsupported Media Type",
                            f"A POST needs Content-Type {FORM_TYPE} (query=… in the body) or {QUERY_TYPE} (the query as the body).")
    else:
        raise ProtocolError(415, "Unsupported Media Type",
                            f"Content-Type {mimetype} is not accepted; use {FORM_TYPE} or {QUERY_TYPE}.")
    return params


@dataclass
class ClientTimeout:
    seconds: float | None  # what the query gets asked for (None: the server's limit)
    raised_from: float | None = None  # what the client asked for, when below the server's floor


def client_timeout(params: ProtocolRequest) -> ClientTimeout:
    if not params.timeouts:
        return ClientTimeout(None)
    try:
        value = float(params.timeouts[-1])
    except ValueError:
        raise ProtocolError(400, "Bad Request", f"timeout must be a number of seconds, not {params.timeouts[-1]!r}.") from None
    if not value > 0:
        raise ProtocolError(400, "Bad Request", "timeout must be a positive number of seconds.")
    floor = kg().settings.min_client_timeout
    if floor and value < floor:  # a tiny timeout on a heavy query would cost a worker (see deadline.py)
        return ClientTimeout(floor, raised_from=value)
    return ClientTimeout(value)  # the store caps it at the server's limit


FORMAT_NAMES_HELP = ", ".join(sorted(k for k in {*RESULT_FORMAT_NAMES, *GRAPH_FORMAT_NAMES} if "/" not in k or k == "rdf/xml"))


def check_formats(values: list[str]) -> list[str]:
    # SPARQLWrapper sends e.g. format=json-ld&format=application/ld+json,application/x-json+ld
    cleaned = [item.split(";")[0].strip().lower() for value in values for item in value.split(",")]
    cleaned = [item for item in cleaned if item]
    for value in cleaned:
        if value not in RESULT_FORMAT_NAMES and value not in GRAPH_FORMAT_NAMES and value != "html":
            raise ProtocolError(400, "Bad Request", f"Unknown format {value!r}; use one of {FORMAT_NAMES_HELP} or a media type.")
    return cleaned


def media_type_chooser(accept: str | None, formats: list[str]):
    """The function the store calls once it knows the query form: a media type or None (406)."""

    def choose(form: str) -> str | None:
        graph = form in ("CONSTRUCT", "DESCRIBE")
        offers = offers_for(form)
        if formats:  # the override: the first value that names a format for this form, else 406
            names = GRAPH_FORMAT_NAMES if graph else RESULT_FORMAT_NAMES
            for value in formats:
                if value in names:
                    return names[value]
            return None
        return neg.choose(accept, offers, GRAPH_ALIASES if graph else RESULT_ALIASES)

    return choose

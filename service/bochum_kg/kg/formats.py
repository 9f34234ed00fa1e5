"""HTTP content negotiation: Accept parsing (q-values, specificity) and the format names we offer.

    choose("text/turtle;q=0.9, application/ld+json", ["text/turtle", "application/ld+json"])
    -> "application/ld+json"

`choose` returns None when nothing offered is acceptable: the caller answers 406, never a
silent substitute. A missing or empty Accept header accepts everything (the first offer wins,
so list the default first).
"""

from __future__ import annotations

from dataclasses import dataclass

# --- media types ------------------------------------------------------------------------------

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
SPARQL_CSV = "text/csv"
SPARQL_TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
TRIG = "application/trig"
NQUADS = "application/n-quads"
HTML = "text/html"
JSON = "application/json"

#: Offers for SELECT / ASK results, default first.
RESULT_TYPES = [SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV]
#: Offers for graphs (CONSTRUCT / DESCRIBE, linked-data pages), default first.
GRAPH_TYPES = [TURTLE, NTRIPLES, JSONLD, RDFXML]

#: Aliases clients send that mean one of our types (old or informal names).
ALIASES = {
    "application/json": SPARQL_JSON,  # for results only; callers decide whether to apply it
    "application/xml": SPARQL_XML,
    "text/xml": SPARQL_XML,
    "application/x-turtle": TURTLE,
    "application/turtle": TURTLE,
    "text/n3": TURTLE,  # Turtle is a subset of N3
    "text/plain": NTRIPLES,  # the historical N-Triples type
    "application/json+ld": JSONLD,
    "application/xml+rdf": RDFXML,
}

#: `format=` parameter values and file suffixes -> media type (the override of Accept).
FORMATS = {
    # SPARQL results
    "json": SPARQL_JSON,
    "srj": SPARQL_JSON,
    "xml": SPARQL_XML,
    "srx": SPARQL_XML,
    "csv": SPARQL_CSV,
    "tsv": SPARQL_TSV,
    # graphs
    "ttl": TURTLE,
    "turtle": TURTLE,
    "nt": NTRIPLES,
    "ntriples": NTRIPLES,
    "n-triples": NTRIPLES,
    "jsonld": JSONLD,
    "json-ld": JSONLD,
    "rdf": RDFXML,
    "rdfxml": RDFXML,
    "rdf/xml": RDFXML,
    "rdf+xml": RDFXML,
    "owl": RDFXML,
    "trig": TRIG,
    "nq": NQUADS,
    "nquads": NQUADS,
    "html": HTML,
}

#: Media type -> the file suffix linked-data pages use (`/project/x.ttl`).
SUFFIXES = {
    TURTLE: "ttl",
    NTRIPLES: "nt",
    JSONLD: "jsonld",
    RDFXML: "rdf",
    TRIG: "trig",
    NQUADS: "nq",
    HTML: "html",
    SPARQL_JSON: "srj",
    SPARQL_XML: "srx",
    SPARQL_CSV: "csv",
    SPARQL_TSV: "tsv",
    JSON: "json",
}

#: W3C format IRIs (https://www.w3.org/ns/formats/) for the service description.
FORMAT_IRIS = {
    SPARQL_JSON: "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    SPARQL_XML: "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    SPARQL_CSV: "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    SPARQL_TSV: "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    TURTLE: "http://www.w3.org/ns/formats/Turtle",
    NTRIPLES: "http://www.w3.org/ns/formats/N-Triples",
    JSONLD: "http://www.w3.org/ns/formats/JSON-LD",
    RDFXML: "http://www.w3.org/ns/formats/RDF_XML",
    TRIG: "http://www.w3.org/ns/formats/TriG",
    NQUADS: "http://www.w3.org/ns/formats/N-Quads",
}


def format_to_mimetype(name: str | None) -> str | None:
    """The media type for a `format=` value or suffix ("ttl", "rdf/xml", or a media type itself)."""
    if not name:
        return None
    key = name.strip().lower()
    if key in FORMATS:
        return FORMATS[key]
    if "/" in key and key not in ("rdf/xml",):
        return ALIASES.get(key, key)
    return None


# --- Accept parsing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MediaRange:
    type: str  # "text" or "*"
    subtype: str  # "turtle" or "*"
    params: tuple[tuple[str, str], ...]
    q: float
    order: int  # position in the header, for stable ties

    @property
    def specificity(self) -> int:
        """*/* < type/* < type/subtype < type/subtype;param=…"""
        if self.type == "*":
            return 0
        if self.subtype == "*":
            return 1
        return 2 + len(self.params)

    def matches(self, mimetype: str) -> bool:
        t, _, s = mimetype.partition("/")
        if self.type != "*" and self.type != t:
            return False
        if self.subtype != "*" and self.subtype != s:
            return False
        return True

    @property
    def mimetype(self) -> str:
        return f"{self.type}/{self.subtype}"


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    """Split on `separator` (',' between ranges, ';' between parameters) outside double quotes."""
    parts, buf, quoted = [], [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == separator and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are dropped, q clamped to [0, 1]."""
    ranges: list[MediaRange] = []
    if not header:
        return ranges
    for order, item in enumerate(_split_outside_quotes(header, ",")):
        pieces = _split_outside_quotes(item, ";")
        mt = pieces[0].strip().lower()
        if not mt:
            continue
        if mt == "*":  # sloppy clients (Java's URLConnection) send "*; q=.2"
            mt = "*/*"
        if mt.count("/") != 1:
            continue
        t, s = (x.strip() for x in mt.split("/"))
        if not t or not s or (t == "*" and s != "*"):
            continue
        q = 1.0
        params: list[tuple[str, str]] = []
        for raw in pieces[1:]:
            key, eq, value = raw.partition("=")
            key = key.strip().lower()
            value = value.strip().strip('"')
            if not key:
                continue
            if key == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
                break  # accept-extensions after q are not media-type parameters
            if key == "charset":  # we always send UTF-8; charset never decides the type
                continue
            params.append((key, value.lower()))
        ranges.append(MediaRange(t, s, tuple(params), q, order))
    return ranges


#: JSON-LD document forms a client may name in application/ld+json;profile="…" (JSON-LD 1.1, §9.1)
#: that our JSON-LD can satisfy: the pages send compacted (and flattened) documents, /sparql
#: expanded (and flattened) ones, or compacted ones when asked (see `jsonld_form`).
JSONLD_PROFILE_NS = "http://www.w3.org/ns/json-ld#"
JSONLD_FORMS = {"expanded", "compacted", "flattened"}


def _requested_forms(r: MediaRange) -> set[str] | None:
    """The JSON-LD forms a range's profile names ({} without one); None if we cannot satisfy it."""
    forms: set[str] = set()
    for key, value in r.params:
        if key != "profile":
            return None
        for uri in value.split():
            form = uri[len(JSONLD_PROFILE_NS):] if uri.startswith(JSONLD_PROFILE_NS) else None
            if form not in JSONLD_FORMS:
                return None  # #context, #frame or another profile: not what we serve
            forms.add(form)
    return None if {"expanded", "compacted"} <= forms else forms


def _params_satisfied(r: MediaRange, mimetype: str) -> bool:
    """Parameters other than charset never match our plain offers, except a JSON-LD profile we serve."""
    if not r.params or r.specificity <= 2:
        return True
    return mimetype == JSONLD and _requested_forms(r) is not None


def jsonld_form(accept_header: str | None) -> str:
    """"compacted" when the preferred JSON-LD range asks for that form, otherwise "expanded"."""
    candidates = [r for r in parse_accept(accept_header) if r.q > 0 and r.matches(JSONLD) and r.specificity >= 2]
    candidates.sort(key=lambda r: (-r.q, -r.specificity, r.order))
    for r in candidates:
        forms = _requested_forms(r)
        if forms is not None:
            return "compacted" if "compacted" in forms else "expanded"
    return "expanded"


def quality(ranges: list[MediaRange], mimetype: str) -> tuple[float, int, int]:
    """(q, specificity, -order) of the most specific range matching `mimetype`; q=0 if none."""
    best: MediaRange | None = None
    for r in ranges:
        if r.matches(mimetype):
            if not _params_satisfied(r, mimetype):
                continue
            if best is None or r.specificity > best.specificity:
                best = r
    if best is None:
        return (0.0, -1, 0)
    return (best.q, best.specificity, -best.order)


def choose(accept_header: str | None, offered_mimetypes: list[str], aliases: dict[str, str] | None = None) -> str | None:
    """The offered media type the client prefers most, or None when none is acceptable.

    - No Accept header (or an empty one) means "anything": the first offer.
    - The most specific matching range decides an offer's q ("text/*;q=0.1, text/turtle" gives
      Turtle q=1); q=0 excludes.
    - Equal q: the more specific range wins ("*/*, text/csv" gives CSV), then the client's
      order, then the order of `offered_mimetypes`.
    - `aliases` maps other names to offered types (e.g. {"application/json": SPARQL_JSON}):
      an exact range for an alias counts as an exact range for its target.
    """
    if not offered_mimetypes:
        return None
    if accept_header is None or not accept_header.strip():
        return offered_mimetypes[0]
    ranges = parse_accept(accept_header)
    if not ranges:
        return offered_mimetypes[0]  # an unparseable header is treated as absent
    if aliases:
        extra = []
        for r in ranges:
            target = aliases.get(r.mimetype)
            if target and target in offered_mimetypes:
                t, _, s = target.partition("/")
                extra.append(MediaRange(t, s, r.params, r.q, r.order))
        # an explicit range for the real type wins over one for its alias
        explicit = {r.mimetype for r in ranges}
        ranges = ranges + [r for r in extra if r.mimetype not in explicit]
    best, best_key = None, None
    for index, offer in enumerate(offered_mimetypes):
        q, spec, neg_order = quality(ranges, offer)
        if q <= 0:
            continue
        key = (q, spec, neg_order, -index)
        if best_key is None or key > best_key:
            best, best_key = offer, key
    return best


def accepts_html(accept_header: str | None) -> bool:
    """True when a browser-like client prefers HTML over every RDF/results type we offer."""
    if not accept_header:
        return False
    ranges = parse_accept(accept_header)
    html_q = quality(ranges, HTML)
    if html_q[0] <= 0 or html_q[1] < 1:  # */* alone does not mean "give me HTML"
        return False
    return choose(accept_header, [HTML, *GRAPH_TYPES, *RESULT_TYPES]) == HTML

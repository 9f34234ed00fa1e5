"""Compressed answers: Brotli or gzip, as the client's Accept-Encoding prefers, for every text
format the service sends (HTML, JSON, SPARQL results, RDF, XML, CSV/TSV, the metrics text).

flask-compress does the work; this module holds the policy:

- `br` before `gzip` at equal preference (Brotli is smaller for text; every browser has it), no
  `deflate` (its two framings are confused by clients) and no `zstd` (not asked for; one variant
  less in every cache).
- Runs after conditional.py: the identity body gets its ETag first, the compressed body then gets
  its own (`"<etag>:br"`, `"<etag>:gzip"`), and `If-None-Match` is evaluated again on it, so a
  client that holds the compressed variant gets its 304. A gzip stream carries a time stamp, so
  two compressions of one body differ in that header only; the variant's ETag names the decoded
  content and its coding, and no byte range of a compressed variant is ever served.
- Every answer says `Vary: Accept-Encoding` (also the uncompressed ones: they are one variant).
- Streamed answers are left alone, so they stay streamed (COMPRESS_STREAMS off), as are answers
  that choose their own encoding: the dumps (gzipped files made once, with byte ranges) and the
  static assets (compressed once per file, see assets.py).
- The response cache (response_cache.py) sits outside Flask and keeps the compressed bodies,
  keyed on Accept-Encoding: a replay sends stored bytes and never compresses again.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask_compress import Compress

from bochum_kg.kg import formats
from bochum_kg.web.http.headers import add_vary

SELF_ENCODED_PATHS = ("/dumps/", "/static/")
ALGORITHMS = ("br", "gzip")
MIMETYPES = (
    formats.HTML, formats.JSON, formats.SPARQL_JSON, formats.SPARQL_XML, formats.SPARQL_CSV, formats.SPARQL_TSV,
    formats.TURTLE, formats.NTRIPLES, formats.JSONLD, formats.RDFXML, formats.TRIG, formats.NQUADS,
    "application/xml", "text/xml", "text/plain", "text/css", "text/javascript", "application/javascript",
    "application/problem+json", "application/vnd.oai.openapi+json", "image/svg+xml",
)
SETTINGS = {
    "COMPRESS_REGISTER": False,  # compress_answer below decides which answers it sees
    "COMPRESS_ALGORITHM": list(ALGORITHMS),
    "COMPRESS_MIMETYPES": list(MIMETYPES),
    "COMPRESS_STREAMS": False,
    "COMPRESS_LEVEL": 6,  # gzip: zlib's default, the usual trade of time for size
    "COMPRESS_BR_LEVEL": 5,  # Brotli 5: 0.7 ms for a 30 kB page (gzip 6: 0.4 ms), 5 % smaller; 6 and up gain <1 %
    "COMPRESS_MIN_SIZE": 500,  # below a packet, compression saves nothing
    "COMPRESS_EVALUATE_CONDITIONAL_REQUEST": True,  # If-None-Match against the variant's own ETag
}

EXTENSION = "bochum_kg.compress"


def init_app(app: Flask) -> None:
    """Configure flask-compress and register `compress_answer`.

    Flask runs after_request functions in reverse order of registration: register this before
    conditional.add_validators, so that the ETag of the identity body exists when it runs.
    """
    for key, value in SETTINGS.items():
        app.config.setdefault(key, value)
    app.extensions[EXTENSION] = Compress(app)
    app.after_request(compress_answer)


def compress_answer(response: Response) -> Response:
    """Compress `response` when the client accepts it and the answer is of a kind compression fits."""
    environ = request.environ
    if environ.get("PATH_INFO", "").startswith(SELF_ENCODED_PATHS):
        return response
    sent = environ.get("HTTP_ACCEPT_ENCODING")
    chosen = preferred_coding(sent or "")
    if chosen is None:
        add_vary(response.headers, "Accept-Encoding")
        return response
    # flask-compress 1.25 takes a coding listed with q=0 for an acceptable one ("gzip;q=0" -> gzip),
    # so it is shown only the coding chosen here; the header is put back for whatever runs next.
    environ["HTTP_ACCEPT_ENCODING"] = chosen
    try:
        return current_app.extensions[EXTENSION].after_request(response)
    finally:
        environ["HTTP_ACCEPT_ENCODING"] = sent


def preferred_coding(accept_encoding: str) -> str | None:
    """The coding of ALGORITHMS the client prefers (RFC 9110 12.5.3), or None for the body as it is.

    A coding counts with its own q, else with the q of "*", else not at all; the first of
    ALGORITHMS wins a tie; an explicit "identity" preferred to every coding means no compression.
    """
    listed: dict[str, float] = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if not name.strip():
            continue
        quality = 1.0
        key, _, value = params.strip().partition("=")
        if key.strip() == "q":
            try:
                quality = min(max(float(value), 0.0), 1.0)
            except ValueError:
                quality = 0.0
        listed[name.strip()] = quality
    wildcard = listed.get("*", 0.0)
    best, best_quality = None, 0.0
    for coding in ALGORITHMS:
        quality = listed.get(coding, wildcard)
        if quality > best_quality:
            best, best_quality = coding, quality
    if best is None or listed.get("identity", 0.0) > best_quality:
        return None
    return best

"""The SPARQL 1.1 Protocol at /sparql: query by GET, POST form and POST direct; read-only.

- exactly one `query`; `default-graph-uri` / `named-graph-uri` override FROM / FROM NAMED;
- UTF-8 only (a charset other than UTF-8 is a 415, undecodable bytes a 400);
- every update request (`update=` or application/sparql-update) is refused with a 403;
- results in the negotiated format (Accept with q-values; `format=` overrides it); nothing
  acceptable is a 406, never a substitute;
- results within the server's limits (rows, bytes), a cut one marked as such (X-Result-Truncated);
  a large result is sent in pieces as it is read from its spool or written (kg/store/result_body.py);
- a query text nested too deep or too long for the engine is a 400 before the engine sees it;
- `timeout=` can shorten the server's time limit, but not below `min_client_timeout` (raised, and
  said so in X-Timeout-Raised);
- a GET without a query returns the service description (RDF) or, to a browser, a query form.
"""

from __future__ import annotations

import re

from flask import Response, current_app, render_template, request, url_for

from bochum_kg.kg.store import deadline
from bochum_kg.kg.store.base import (
    NotAcceptable,
    QueryRejected,
    QueryRequest,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooComplex,
    StoreUnavailable,
)
from bochum_kg.kg.store.results import offers_for
from bochum_kg.kg import formats as neg
from bochum_kg.kg import rdf_documents
from bochum_kg.web.sparql import service_description
from bochum_kg.web.sparql.protocol import (
    GRAPH_ALIASES,
    GRAPH_FORMAT_NAMES,
    ClientTimeout,
    ProtocolError,
    ProtocolRequest,
    check_formats,
    client_timeout,
    media_type_chooser,
    read_protocol_request,
)
from bochum_kg.web.context import kg
from bochum_kg.web.errors import error_response
from bochum_kg.web.http.headers import add_vary
from bochum_kg.web.http.response_cache import mark_replayable


_POSITION = re.compile(r"error at (\d+):(\d+)")


# --- the view -----------------------------------------------------------------------------------------


def endpoint():
    try:
        params = read_protocol_request()
        if params.updates:
            return error_response(403, "Read-Only Endpoint",
                                  "This endpoint is read-only: SPARQL Update requests are refused and change nothing.")
        if len(params.queries) > 1:
            return error_response(400, "Bad Request", f"Exactly one query parameter is allowed; this request has {len(params.queries)}.")
        formats = check_formats(params.formats)
        timeout = client_timeout(params)
    except ProtocolError as err:
        return error_response(err.status, err.error, err.message)
    if not params.queries:
        if request.method == "POST":
            return error_response(400, "Bad Request", "The request has no query parameter.")
        return _describe_service(formats)
    return _run_query(params, formats, timeout)


def _run_query(params: ProtocolRequest, formats: list[str], client_timeout: ClientTimeout) -> Response:
    response = _answer_query(params, formats, client_timeout.seconds)
    if client_timeout.raised_from is not None:
        applied = deadline.effective_timeout(client_timeout.seconds, kg().settings.query_timeout)
        response.headers["X-Timeout-Raised"] = f"{applied:g}"
        response.headers.add("Warning", f'199 bochum-kg "timeout={client_timeout.raised_from:g} raised to {applied:g} s, '
                                        f'the least this server accepts"')
    return response


def _answer_query(params: ProtocolRequest, formats: list[str], timeout: float | None) -> Response:
    graph = kg()
    query = params.queries[0]
    protocol_dataset = bool(params.default_graphs or params.named_graphs)
    store_request = QueryRequest(
        query=query,
        choose_media_type=media_type_chooser(request.headers.get("Accept"), formats),
        default_graphs=list(params.default_graphs) if protocol_dataset else None,
        named_graphs=list(params.named_graphs) if protocol_dataset else None,
        timeout=timeout,
        base_iri=_endpoint_url(),
    )
    try:
        result = graph.store.execute(store_request)
    except QuerySyntaxError as err:
        message = str(err)
        position = _POSITION.search(message)
        return error_response(400, "Query Syntax Error", message,
                              line=int(position.group(1)) if position else None,
                              column=int(position.group(2)) if position else None)
    except QueryTooComplex as err:
        return error_response(400, "Query Too Complex", str(err), limit=err.limit, line=err.line, column=err.column)
    except QueryRejected as err:
        return error_response(400, "Query Refused", str(err))
    except NotAcceptable as err:
        return _vary(error_response(406, "Not Acceptable", str(err), offered=err.offered))
    except QueryTimeout as err:
        return _timeout_response(err, query, "query")
    except StoreUnavailable as err:
        current_app.logger.error("store unavailable: %s", err)
        return error_response(502, "Bad Gateway", "The SPARQL store behind this service did not answer.")
    content_type = _content_type(result.media_type)
    compact = result.media_type == neg.JSONLD and not formats and neg.jsonld_form(request.headers.get("Accept")) == "compacted"
    if result.body is None:
        if compact:
            result.stream.close()
            return _vary(error_response(406, "Not Acceptable",
                                        "Compacted JSON-LD is made for results held in memory (up to a few MB); this one is larger. "
                                        f"Ask for {neg.JSONLD} without the compacted profile, or for another format.",
                                        offered=offers_for(result.form)))
        response = Response(result.stream, status=200, content_type=content_type, direct_passthrough=True)
        response.call_on_close(result.stream.close)
        if result.stream.length is not None:
            response.content_length = result.stream.length
    else:
        body = result.body
        if compact:
            try:
                body = _compacted(body, timeout)
            except QueryTimeout as err:
                return _timeout_response(err, query, "JSON-LD compaction", during="compacting the JSON-LD result")
            content_type = f'{neg.JSONLD}; profile="{neg.JSONLD_PROFILE_NS}compacted"'
        response = Response(body, status=200, content_type=content_type)
        mark_replayable(request.environ)  # a streamed answer is not: the cache would hold all of it
    _vary(response)
    response.headers.add("Server-Timing", f'query;dur={result.elapsed * 1000:.2f};desc="evaluate and serialize"')
    if result.truncated:
        _mark_truncated(response, result)
    return response


def _mark_truncated(response: Response, result) -> None:
    response.headers["X-Result-Truncated"] = "true"
    if result.cut_by == "rows":
        response.headers["X-Row-Cap"] = str(result.row_cap)
        warning = f"result truncated to {result.row_cap} rows by the server's row cap"
    else:
        response.headers["X-Max-Result-Bytes"] = str(result.max_result_bytes)
        warning = f"result truncated to {result.rows} rows by the server's limit of {result.max_result_bytes} bytes"
    response.headers.add("Warning", f'199 bochum-kg "{warning}"')
    response.headers["Link"] = f'<{_endpoint_url()}>; rel="describedby"; type="text/turtle"'


def _timeout_response(err: QueryTimeout, query: str, work: str, during: str | None = None) -> Response:
    """The 503 for work that overran its time limit (the query itself, or what follows it)."""
    current_app.logger.warning("%s stopped after %s s: %.200r", work, err.timeout, query)
    message = f"{err} ({during})" if during else str(err)
    return error_response(503, "Query Timeout", message, headers={"Retry-After": "5"}, timeout=err.timeout)


def _compacted(document: bytes, timeout: float | None) -> bytes:
    """The result compacted with our JSON-LD context, under the same time limit as a query: rdflib
    takes seconds for a large graph, and that work must stop like a query's."""
    settings = kg().settings
    context = kg().jsonld_context
    return deadline.run_with_deadline(lambda: rdf_documents.compact_jsonld(document, settings.base_iri, context),
                                      deadline.effective_timeout(timeout, settings.query_timeout), description="JSON-LD compaction")


def _content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def _vary(response: Response) -> Response:
    add_vary(response.headers, "Accept")
    return response


_URL_KEYS = ("wsgi.url_scheme", "HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "SCRIPT_NAME")
ENDPOINT_URLS = "bochum_kg.endpoint_urls"


def _endpoint_url() -> str:
    """The endpoint's own URL (the base IRI of every query): url_for costs ~9 µs, so it is kept per
    scheme, host and mount point, at most 64 of them (the Host header is the client's to choose)."""
    public = kg().settings.public_url
    if public:
        return public.rstrip("/") + "/sparql"
    environ = request.environ
    key = tuple(environ.get(name) for name in _URL_KEYS)
    known = current_app.extensions.setdefault(ENDPOINT_URLS, {})
    url = known.get(key)
    if url is None:
        if len(known) >= 64:
            known.clear()
        url = known[key] = url_for("sparql.endpoint", _external=True)
    return url


# --- GET without a query: service description or query form ------------------------------------------


def _describe_service(formats: list[str]) -> Response:
    accept = request.headers.get("Accept")
    if formats:
        media_type = GRAPH_FORMAT_NAMES.get(formats[0]) if formats[0] != "html" else neg.HTML
    elif neg.accepts_html(accept):
        media_type = neg.HTML
    else:
        media_type = neg.choose(accept, neg.GRAPH_TYPES, GRAPH_ALIASES)
    if media_type is None:
        offered = [neg.HTML, *neg.GRAPH_TYPES]
        return _vary(error_response(406, "Not Acceptable",
                                    f"The service description is available as {', '.join(offered)}; the request accepts none of them.",
                                    offered=offered))
    if media_type == neg.HTML:
        response = Response(render_template("sparql/form.html", endpoint=_endpoint_url(), settings=kg().settings), mimetype="text/html")
        return _vary(response)
    body = service_description.serialize(_endpoint_url(), kg().store, kg().settings, media_type)
    return _vary(Response(body, content_type=_content_type(media_type)))

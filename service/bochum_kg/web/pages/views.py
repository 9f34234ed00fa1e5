"""The linked-data pages that are not one thing's documents (those are in documents.py).

    /                          home: the strategy at a glance, entry points per audience
    /search?q=                 search (HTML; JSON by ?format=json or Accept: application/json)
    /.well-known/void          VoID (200 with Vary: Accept)
    /context.jsonld            the JSON-LD @context every JSON-LD document refers to
    /dumps/, /dumps/{file}     whole-dataset dumps (Turtle, N-Triples, JSON-LD, TriG, N-Quads; .gz)
    /sources                   every source URL the data cites, by host
    /sitemap.xml, /robots.txt  every HTML page, for crawlers (past 50,000 an index of /sitemap-{n}.xml)

web/routes.py maps the paths to these views.
"""

from __future__ import annotations

import json

from flask import Response, current_app, render_template, render_template_string, request
from werkzeug.wsgi import wrap_file

from bochum_kg.kg import formats as neg
from bochum_kg.web import iris
from bochum_kg.web.context import kg
from bochum_kg.web.errors import respond
from bochum_kg.web.http.conditional import with_ranges
from bochum_kg.web.i18n import request_language, url_with_lang
from bochum_kg.web.layout import LICENSE, html_response
from bochum_kg.web.pages.documents import dataset_document
from bochum_kg.web.pages.responses import charset, not_acceptable, rdf_response

MAX_QUERY_CHARS = 200
#: URLs per sitemap file: the limit of the sitemaps.org protocol (at 5M generated triples one
#: file was 57 MB, bench/README.md); past it /sitemap.xml is an index of /sitemap-{n}.xml files.
SITEMAP_URLS = 50_000
# A list of pages (urlset of url) or of sitemap files (sitemapindex of sitemap). Inline
# (autoescaped like every Flask string template) so that packaging needs no .xml template.
SITEMAP_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<{{ root }} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for url in urls %}
  <{{ item }}><loc>{{ url }}</loc></{{ item }}>
{%- endfor %}
</{{ root }}>
"""


def home():
    from bochum_kg.web.pages.dataset import schema_org_dataset
    from bochum_kg.web.pages.home import home_page

    lang = request_language()
    html = render_template("home.html", page=home_page(lang), dataset_jsonld=schema_org_dataset())
    return html_response(html)


def search():
    from bochum_kg.web.context import label

    query = request.args.get("q", "").strip()
    fmt = request.args.get("format")
    if fmt is not None and fmt not in ("html", "json"):
        return respond(400, "Bad Request", "format must be html or json")
    mimetype = neg.HTML if fmt == "html" else neg.JSON if fmt == "json" else neg.choose(request.headers.get("Accept"), [neg.HTML, neg.JSON])
    if mimetype is None:
        return not_acceptable(None, [neg.HTML, neg.JSON])
    if len(query) > MAX_QUERY_CHARS:
        return respond(400, "Bad Request", f"The query is longer than {MAX_QUERY_CHARS} characters.")
    lang = request_language()
    ns = kg().settings.ontology_namespace
    chosen = request.args.get("class", "").strip()
    classes = {chosen if ":" in chosen else ns + chosen} if chosen else None
    hits = kg().search.search(query, lang, classes=classes) if query else []
    facets = [{"iri": cls, "label": label(cls, lang), "count": n, "name": cls[len(ns):] if cls.startswith(ns) else cls}
              for cls, n in sorted(kg().search.facets(query, lang).items(), key=lambda kv: (-kv[1], kv[0]))
              if cls.startswith(ns)] if query else []
    if mimetype == neg.JSON:
        if not query:
            return respond(400, "Bad Request", "Parameter q is required.")
        body = {
            "query": query,
            "language": lang,
            "count": len(hits),
            "facets": [{k: f[k] for k in ("iri", "label", "count")} for f in facets],
            "results": [
                {"iri": h.iri, "label": h.label, "language": h.label_lang, "match": h.match, "score": h.score,
                 "types": [{"iri": t, "label": label(t, lang)} for t in h.types],
                 "page": iris.server_url(iris.document_href(h.iri, "html")[len(request.script_root):]) if iris.local_part(h.iri) else None}
                for h in hits
            ],
        }
        response = current_app.response_class(json.dumps(body, ensure_ascii=False, indent=1) + "\n", mimetype="application/json")
        response.headers["Vary"] = "Accept, Accept-Language"
        return response
    html = render_template("search.html", query=query, hits=hits, type_label=lambda iri: label(iri, lang),
                           facets=facets, chosen_class=chosen,
                           json_href=url_with_lang(request.script_root + "/search", q=query, format="json"))
    response = html_response(html)
    response.headers["Vary"] = "Accept, Accept-Language"
    return response


def jsonld_context():
    body = json.dumps({"@context": kg().jsonld_context}, ensure_ascii=False, indent=2) + "\n"
    return rdf_response(body.encode("utf-8"), neg.JSONLD)


def well_known_void():
    """VoID (RFC 5785 well-known URI): 200 with Vary: Accept, Content-Location the chosen document."""
    dataset = kg().settings.base_iri + "dataset"
    offered = [*iris.RDF_TYPES, neg.HTML]
    mimetype = iris.choose_type(offered)
    if mimetype is None:
        return not_acceptable(dataset, offered)
    response = dataset_document(dataset, iris.SUFFIX_FOR[mimetype])
    response.headers["Vary"] = "Accept, Accept-Language" if mimetype == neg.HTML else "Accept"
    response.headers["Content-Location"] = iris.document_href(dataset, iris.SUFFIX_FOR[mimetype])
    return response


def sitemap():
    """Every page in one file, or, past SITEMAP_URLS pages, an index of files of that many each."""
    pages = _sitemap_pages()
    if len(pages) <= SITEMAP_URLS:
        return _urlset(pages.pages())
    parts = [iris.server_url(f"/sitemap-{n}.xml") for n in range(1, -(-len(pages) // SITEMAP_URLS) + 1)]
    xml = render_template_string(SITEMAP_TEMPLATE, root="sitemapindex", item="sitemap", urls=parts)
    return Response(xml, mimetype="application/xml")


def sitemap_part(part: int):
    """`/sitemap-{part}.xml`: one file of the sitemap index (only when there is an index)."""
    pages = _sitemap_pages()
    count = -(-len(pages) // SITEMAP_URLS)
    if count < 2 or not 1 <= part <= count:
        return respond(404, "Not Found", "No such sitemap file; /sitemap.xml lists them.")
    return _urlset(pages.pages((part - 1) * SITEMAP_URLS, part * SITEMAP_URLS))


def _urlset(pages: list[str]) -> Response:
    xml = render_template_string(SITEMAP_TEMPLATE, root="urlset", item="url", urls=[iris.server_url(p) for p in pages])
    return Response(xml, mimetype="application/xml")


def _sitemap_pages():
    """The sitemap's pages in order, made when the app started (web/pages/sitemap_pages.py)."""
    return current_app.extensions["bochum_kg.sitemap"]


def robots():
    """Everything may be crawled; the sitemap lists the pages."""
    body = f"User-agent: *\nAllow: /\nSitemap: {iris.server_url('/sitemap.xml')}\n"
    return Response(body, mimetype="text/plain")


def sources():
    from bochum_kg.web.pages.dataset import sources_by_host

    return html_response(render_template("sources.html", hosts=sources_by_host()))


def dumps_index():
    from bochum_kg.kg.dumps import FORMATS

    dumps = kg().dumps()
    return html_response(render_template("dumps.html", dumps=dumps, formats=FORMATS, stats=kg().statistics))


def dump_file(filename: str):

    dumps = kg().dumps()
    dump = dumps.files.get(filename)
    if dump is None:
        return respond(404, "Not Found", f"No dump named {filename!r}; see /dumps/.")
    encode = not dump.gzipped and request.accept_encodings["gzip"] > 0
    sent = dumps.files[filename + ".gz"] if encode else dump
    if sent.content is None:  # on disk (a prebuilt directory): streamed from the file
        file = open(sent.path, "rb")
        response = Response(wrap_file(request.environ, file), content_type=charset(dump.mimetype), direct_passthrough=True)
        response.call_on_close(file.close)
        response.content_length = sent.size
    else:
        response = Response(sent.content, content_type=charset(dump.mimetype))
    if encode:
        response.headers["Content-Encoding"] = "gzip"
    response.set_etag(sent.etag)  # conditional.py answers If-None-Match and Range with it
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Link"] = f'<{LICENSE}>; rel="license"'
    if response.is_streamed:  # conditional.add_validators leaves streamed answers alone
        return with_ranges(response, sent.size)
    return response

"""What every HTML page shares, whichever face draws it: the layout's template context, the HTML
response (language headers, alternates) and the HTML error page.

create_app installs `layout_context` as the app's context processor and `render_error_page` as
the HTML renderer of web/errors.py, so no face needs another for its look.
"""

from __future__ import annotations

from flask import Response, render_template, request

from bochum_kg.web import i18n, iris
from bochum_kg.web.context import kg
from bochum_kg.web.http import assets
from bochum_kg.web import formatting

LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def layout_context() -> dict:
    """What base.html and the views' templates need on every page (`vt` is `t` under its old name)."""
    lang = i18n.request_language()
    return {
        "ui_lang": lang,
        "page_lang": lang,
        "t": i18n.t,
        "vt": i18n.t,
        "lang_switch_url": i18n.lang_switch_url,
        "url_with_lang": i18n.url_with_lang,
        "iri_href": iri_href,
        "kg_base": kg().settings.base_iri,
        "asset_url": assets.asset_url,
        "number": lambda value: formatting.number(value, lang),  # counts and sizes: 12.345 / 12,345
    }


def iri_href(iri: str) -> str:
    """Where a link to `iri` goes: its page here (keeping ?lang=) for our IRIs, else the IRI itself."""
    local = iris.local_href(iri)
    return i18n.url_with_lang(local) if local else iri


def html_response(html: str, status: int = 200, alternates_of: str | None = None) -> Response:
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Content-Language"] = i18n.request_language()
    if alternates_of:
        response.headers["Link"] = iris.link_header(alternates_of) + f', <{LICENSE}>; rel="license"'
    return response


def render_error_page(status: int, error: str, message: str) -> Response:
    """The HTML error page of the whole service (installed with errors.set_html_renderer).

    A 404 suggests resources whose names resemble the last segment of the path.
    """
    suggestions = []
    if status == 404:
        from bochum_kg.kg.search import suggestions_for_path

        suggestions = suggestions_for_path(kg().search, request.path.strip("/"), i18n.request_language())
    html = render_template("error.html", status=status, error=error, message=message, suggestions=suggestions)
    return html_response(html, status)

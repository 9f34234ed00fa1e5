"""Which language a request gets, what the answer says about it, and links that keep it.

The page language is ?lang=de|en when given, else the language cookie (set by the last HTML page
asked for with ?lang=, so the choice holds on every link, also on links that do not carry ?lang=;
not read by the REST API), else the better match of Accept-Language, else German (the strategy's
own language). An answer whose language was not fixed by ?lang= says `Vary: Accept-Language` (and
`Cookie` where it was read); HTML says `Content-Language` (`language_headers`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, g, request

from bochum_kg.web.http.headers import add_vary, header_value

LANGUAGES = ("de", "en")  # the order of the texts in every STRINGS entry
DEFAULT_LANGUAGE = "de"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
# The REST API answers the same to every client: programs keep no cookies, and a script's call must
# not change with the pages its browser showed before (the response cache replays /api answers).
# Its two pages for people (the catalogue's HTML at /api/ and /api/docs) do follow the cookie.
COOKIE_BLIND_PREFIX = "/api/"
API_PAGES = ("/api/", "/api/docs")
_UNREAD = object()  # g holds no ?lang= reading yet (None is a reading: no valid ?lang=)


def request_language() -> str:
    """The language of this request's page: ?lang= wins, then the cookie, then Accept-Language, then
    German. Worked out once per request (a page asks for it some 30 times, 11 µs each)."""
    chosen = g.get("language")
    if chosen is None:
        chosen = g.language = _chosen_language()
    return chosen


def _chosen_language() -> str:
    asked = explicit_language()
    if asked:
        return asked
    g.language_negotiated = True  # language_headers adds the Vary this calls for
    if not request.path.startswith(COOKIE_BLIND_PREFIX) or request.path in API_PAGES:
        g.language_cookie_read = True
        remembered = request.cookies.get(COOKIE)
        if remembered in LANGUAGES:
            return remembered
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


def language_headers(response: Response) -> Response:
    """After each request: remember an explicit ?lang= in the cookie (HTML pages only: an API call
    with ?lang= is not a choice of the reader), and say what the answer's language depended on."""
    negotiated = g.get("language_negotiated")
    if negotiated:
        add_vary(response.headers, "Accept-Language")
    if g.get("language_cookie_read"):
        add_vary(response.headers, "Cookie")
    if response.mimetype != "text/html":
        return response  # before reading ?lang=, which would parse a SPARQL GET's query string a second time
    asked = explicit_language()
    if asked and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_MAX_AGE, path=(request.script_root or "") + "/",
                            secure=request.is_secure, httponly=True, samesite="Lax")
    if (asked or negotiated) and header_value(response.headers, "Content-Language") is None:
        response.headers["Content-Language"] = request_language()
    return response


def explicit_language() -> str | None:
    """The language the URL itself asks for (?lang=), which internal links carry on. Read once per
    request: every link of a page asks, and a MultiDict.get of an absent key raises and catches
    a KeyError each time."""
    asked = g.get("explicit_language", _UNREAD)
    if asked is _UNREAD:
        asked = request.args.get("lang")
        asked = g.explicit_language = asked if asked in LANGUAGES else None
    return asked


def url_with_lang(path: str, lang: str | None = None, **params) -> str:
    """A local URL with the request's explicit ?lang= (or `lang`) and further parameters."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    chosen = lang or explicit_language()
    if chosen:
        query["lang"] = chosen
    fragment = ""
    if "#" in path:
        path, fragment = path.split("#", 1)
        fragment = "#" + fragment
    if not query:
        return path + fragment
    return path + ("&" if "?" in path else "?") + urlencode(query) + fragment


def lang_switch_url(code: str) -> str:
    """This page in the other language (keeps the other query parameters)."""
    params = {k: v for k, v in request.args.items() if k != "lang"}
    params["lang"] = code
    return request.script_root + request.path + "?" + urlencode(params)

"""The chosen language holds on every link (web/i18n/language.py: a cookie set by ?lang=), answers say what
their language depended on, and the response cache keeps languages apart."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from bochum_kg.web.http.response_cache import ResponseCache, mark_replayable

GERMAN_BROWSER = {"Accept": "text/html", "Accept-Language": "de-DE,de;q=0.9"}


def without_lang(href: str) -> str:
    """The link as a bookmark, a shared URL or a script would have it: without ?lang=."""
    parts = urlsplit(href)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "lang"])
    return urlunsplit(("", "", parts.path, query, ""))


def first_link(html: str, prefix: str) -> str:
    match = re.search(r'<a href="(%s[^"#]+)"' % re.escape(prefix), html)
    assert match, prefix
    return match.group(1).replace("&amp;", "&")


def page_language(response) -> str:
    html = response.get_data(as_text=True)
    return re.search(r'<html lang="(\w+)"', html).group(1)


def test_three_clicks_keep_english(app):
    client = app.test_client()
    start = client.get("/?lang=en", headers=GERMAN_BROWSER)
    assert page_language(start) == "en"
    cookie = start.headers["Set-Cookie"]
    assert cookie.startswith("lang=en;") and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Max-Age=31536000" in cookie
    html = start.get_data(as_text=True)
    clicks = []
    for prefix in ("/project/", "/project/", "/competence/"):
        href = without_lang(first_link(html, prefix))
        clicks.append(href)
        response = client.get(href, headers=GERMAN_BROWSER, follow_redirects=True)  # an IRI answers 303
        assert response.status_code == 200, href
        assert page_language(response) == "en" and response.headers["Content-Language"] == "en", href
        assert "Set-Cookie" not in response.headers  # read, not written again
        html = response.get_data(as_text=True)
    assert clicks[0] == "/project/" and clicks[1].startswith("/project/") and clicks[2].startswith("/competence/")
    # the same links without the cookie: the browser's German
    fresh = app.test_client()
    assert [page_language(fresh.get(href, headers=GERMAN_BROWSER, follow_redirects=True)) for href in clicks] == ["de", "de", "de"]


def test_the_other_language_replaces_the_cookie(app):
    client = app.test_client()
    client.get("/?lang=en")
    switched = client.get("/project/?lang=de", headers={"Accept-Language": "en"})
    assert switched.headers["Set-Cookie"].startswith("lang=de;")
    assert page_language(client.get("/project/", headers={"Accept-Language": "en"})) == "de"
    assert "Set-Cookie" not in client.get("/project/?lang=de").headers  # already chosen


def test_an_api_call_with_lang_is_not_a_choice(app):
    client = app.test_client()
    response = client.get("/search?q=wissen&format=json&lang=en")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", ["/", "/project/haus-des-wissens.html", "/project/", "/explore", "/gaps", "/workbench",
                                  "/search?q=wissen", "/project/no-such-thing.html"])
def test_vary_and_content_language(client, path):
    negotiated = client.get(path, headers={"Accept": "text/html", "Accept-Language": "en"})
    vary = {v.strip() for v in negotiated.headers["Vary"].split(",")}
    assert {"Cookie", "Accept-Language"} <= vary, path
    assert negotiated.headers["Content-Language"] == "en"
    client.set_cookie("lang", "en")
    by_cookie = client.get(path, headers={"Accept": "text/html", "Accept-Language": "de"})
    assert by_cookie.headers["Content-Language"] == "en"
    separator = "&" if "?" in path else "?"
    fixed = client.get(path + separator + "lang=de", headers={"Accept": "text/html"})
    assert fixed.headers["Content-Language"] == "de"
    assert "Cookie" not in fixed.headers.get("Vary", "")  # the URL decides: no other request header does


def test_answers_that_do_not_speak_a_language_do_not_vary_on_it(client):
    client.set_cookie("lang", "en")
    response = client.get("/project/haus-des-wissens.ttl")
    assert "Cookie" not in response.headers["Vary"] and "Content-Language" not in response.headers


def test_the_rest_api_does_not_follow_the_cookie(app):
    client = app.test_client()
    client.get("/gaps?lang=en")  # the reader chose English on a page
    assert client.get_cookie("lang").value == "en"
    rows = client.get("/api/gaps/projects", headers={"Accept-Language": "de"}).get_json()
    assert rows == app.test_client().get("/api/gaps/projects", headers={"Accept-Language": "de"}).get_json()
    response = client.get("/api/gaps/projects")
    assert "Cookie" not in response.headers["Vary"] and "Accept-Language" in response.headers["Vary"]
    assert "Cookie" in client.get("/api/docs").headers["Vary"]  # the API's page for people does follow it
    assert page_language(client.get("/api/docs", headers={"Accept-Language": "de"})) == "en"


def test_the_response_cache_never_replays_an_answer_that_follows_the_cookie(client):
    """An answer with Vary: Cookie is not kept; what is kept (/sparql, /api) ignores the cookie."""
    calls = []

    def app(environ, start_response):
        calls.append(1)
        mark_replayable(environ)
        body = b"Projects" if "lang=en" in environ.get("HTTP_COOKIE", "") else b"Projekte"
        start_response("200 OK", [("Content-Type", "text/plain"), ("Vary", "Cookie, Accept-Language")])
        return [body]

    cache = ResponseCache(app, 1 << 20)

    def get(cookie: str | None):
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/api/x", "QUERY_STRING": "", "wsgi.url_scheme": "http",
                   "HTTP_HOST": "localhost", **({"HTTP_COOKIE": cookie} if cookie else {})}
        seen = {}
        body = b"".join(cache(environ, lambda status, headers, exc_info=None: seen.update(headers=dict(headers))))
        return body, seen["headers"].get("X-Cache")

    assert [get("lang=en"), get("lang=de"), get("lang=en")] == [(b"Projects", None), (b"Projekte", None), (b"Projects", None)]
    assert len(calls) == 3
    # the real thing: a reader's cookie neither splits nor blocks a replayed API answer
    path = "/api/goals?competence=https://w3id.org/bochum-strategie/competence/shootingstar-der-wissensarbeit&limit=7"
    client.set_cookie("lang", "en")
    first = client.get(path)
    client.set_cookie("lang", "de")
    second = client.get(path)
    client.delete_cookie("lang")
    third = client.get(path)
    assert [r.headers["X-Cache"] for r in (first, second, third)] in (["miss", "hit", "hit"], ["hit", "hit", "hit"])
    assert first.get_data() == second.get_data() == third.get_data()

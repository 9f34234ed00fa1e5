"""The response cache (web/response_cache.py): what is replayed, to whom, and what never is."""

from __future__ import annotations

import itertools
import re
import threading
from urllib.parse import quote

import pytest

from bochum_kg.config import Settings
from bochum_kg.web.app import create_app, response_cache_applies
from bochum_kg.web.http.response_cache import ResponseCache, mark_replayable
from sparql_fixtures import EX, assert_error_shape, make_client

_unique = itertools.count()

JSON = "application/sparql-results+json"
CSV = "text/csv"


def fresh_query(text: str = f"SELECT ?p ?o WHERE {{ <{EX}alpha-doc> ?p ?o }} ORDER BY ?p ?o") -> str:
    """The query with a comment no other request carries: the first answer is evaluated."""
    return f"{text} # {next(_unique)}"


def get(client, query: str, accept: str = JSON, **headers):
    return client.get("/sparql?query=" + quote(query), headers={"Accept": accept, **headers})


def without_cache_headers(response) -> dict:
    return {k: v for k, v in response.headers.items() if k not in ("Server-Timing", "X-Cache", "Date")}


@pytest.fixture(scope="module")
def client():
    return make_client()


def test_a_repeated_get_is_replayed_with_the_same_status_headers_and_body(client):
    query = fresh_query()
    first, second = get(client, query), get(client, query)
    assert first.headers["X-Cache"] == "miss" and second.headers["X-Cache"] == "hit"
    assert first.status_code == second.status_code == 200
    assert second.get_data() == first.get_data()
    assert without_cache_headers(second) == without_cache_headers(first)
    assert first.headers["Server-Timing"].startswith("query;dur=")
    assert second.headers["Server-Timing"].startswith('cache;desc="hit"')
    assert re.fullmatch(r'"[0-9a-f]{24,40}"', first.headers["ETag"])  # strong, a hash of the body
    assert "ETag" in first.headers["Access-Control-Expose-Headers"]


def test_the_answer_is_the_one_evaluation_gives(client):
    query = fresh_query()
    responses = [get(client, query) for _ in range(3)]
    uncached = make_client(response_cache_bytes=0)
    evaluated = get(uncached, query)
    assert "X-Cache" not in evaluated.headers
    assert [r.get_json() for r in responses] == [evaluated.get_json()] * 3
    assert {r.headers["ETag"] for r in responses} == {evaluated.headers["ETag"]}  # the same validator either way
    assert len(evaluated.get_json()["results"]["bindings"]) == 5  # a, two labels, ex:q, ex:n (data/alpha.ttl)


def test_each_accept_gets_its_own_entry(client):
    query = fresh_query()
    as_json, as_csv = get(client, query, JSON), get(client, query, CSV)
    assert as_json.headers["X-Cache"] == as_csv.headers["X-Cache"] == "miss"
    again_json, again_csv = get(client, query, JSON), get(client, query, CSV)
    assert again_json.headers["X-Cache"] == again_csv.headers["X-Cache"] == "hit"
    assert again_json.mimetype == JSON and again_csv.mimetype == CSV
    assert again_csv.get_data(as_text=True).splitlines()[0] == "p,o"
    assert again_json.headers["ETag"] != again_csv.headers["ETag"]


def test_the_host_is_part_of_the_request(client):
    # a relative IRI resolves against the endpoint URL, which comes from the Host header
    query = fresh_query("SELECT ?iri WHERE { BIND(<thing> AS ?iri) }")

    def iri(host: str) -> str:
        response = client.get("/sparql?query=" + quote(query), headers={"Accept": JSON, "Host": host})
        return response.headers["X-Cache"], response.get_json()["results"]["bindings"][0]["iri"]["value"]

    assert iri("a.example") == ("miss", "http://a.example/thing")
    assert iri("b.example") == ("miss", "http://b.example/thing")
    assert iri("a.example") == ("hit", "http://a.example/thing")


def test_if_none_match_gets_304_from_the_cache(client):
    query = fresh_query()
    etag = get(client, query).headers["ETag"]
    not_modified = get(client, query, If_None_Match=etag)
    assert not_modified.status_code == 304 and not_modified.get_data() == b""
    assert not_modified.headers["ETag"] == etag and not_modified.headers["Vary"] == "Accept, Accept-Encoding"
    assert "Content-Length" not in not_modified.headers or not_modified.headers["Content-Length"] == "0"
    assert get(client, query, If_None_Match='"other", ' + etag).status_code == 304
    assert get(client, query, If_None_Match='"other"').status_code == 200


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?s ?p }", "SELECT * WHERE { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }"])
def test_errors_are_not_kept(client, query):
    for _ in range(2):
        response = get(client, query)
        assert_error_shape(response, 400)
        assert "X-Cache" not in response.headers


def test_not_acceptable_is_not_kept(client):
    query = fresh_query()
    for _ in range(2):
        response = get(client, query, accept="image/png")
        assert response.status_code == 406 and "X-Cache" not in response.headers


def test_post_is_always_evaluated(client):
    query = fresh_query()
    for _ in range(2):
        response = client.post("/sparql", data={"query": query}, headers={"Accept": JSON})
        assert response.status_code == 200 and "X-Cache" not in response.headers


def test_named_queries_of_the_api_are_replayed_too(real_api_client):
    path = "/api/goals?competence=" + quote("https://w3id.org/bochum-strategie/competence/shootingstar-der-wissensarbeit")
    first, second = (real_api_client.get(path, headers={"Accept": "application/json"}) for _ in range(2))
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit")
    assert second.get_json() == first.get_json() and len(first.get_json()) == 13
    assert second.headers["Link"] == first.headers["Link"] and second.headers["X-Total-Count"] == "13"
    missing = real_api_client.get("/api/no-such-query")
    assert missing.status_code == 404 and "X-Cache" not in missing.headers
    bad = [real_api_client.get("/api/goals?competence=not-an-iri") for _ in range(2)]
    assert [r.status_code for r in bad] == [400, 400] and "X-Cache" not in bad[1].headers


@pytest.fixture(scope="module")
def real_api_client():
    app = create_app(Settings(validate_on_start=False))
    return app.test_client()


def test_the_cache_is_off_where_answers_can_change():
    assert response_cache_applies(Settings(), FakeStore("embedded"))
    assert not response_cache_applies(Settings(response_cache_bytes=0), FakeStore("embedded"))
    assert not response_cache_applies(Settings(), FakeStore("remote"))
    assert not response_cache_applies(Settings(allowed_service_endpoints=("https://query.wikidata.org/sparql",)), FakeStore("embedded"))


class FakeStore:
    def __init__(self, kind: str):
        self.kind = kind


def test_answers_are_right_under_concurrent_requests(client):
    queries = [fresh_query(f"SELECT ?o WHERE {{ <{EX}alpha-doc> ?p ?o }} ORDER BY ?o LIMIT {n}") for n in range(1, 5)]
    expected = {q: get(make_client(response_cache_bytes=0), q).get_data() for q in queries}
    failures = []

    def hammer(offset: int) -> None:
        for i in range(60):
            query = queries[(i + offset) % len(queries)]
            body = get(client, query).get_data()
            if body != expected[query]:
                failures.append((query, body))

    hits_before = client.application.wsgi_app.stats()["hits"]  # the client is module-scoped: hits add up
    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert client.application.wsgi_app.stats()["hits"] - hits_before >= 8 * 60 - len(queries) * 8


# --- the middleware on its own -------------------------------------------------------------------------


def tiny_app(body_for, headers_for=lambda path: [], status="200 OK", replayable=True):
    """A WSGI app answering body_for(path); counts its calls."""
    calls = []

    def app(environ, start_response):
        path = environ["PATH_INFO"]
        calls.append(path)
        if replayable:
            mark_replayable(environ)
        body = body_for(path)
        start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body))), *headers_for(path)])
        return [body]

    app.calls = calls
    return app


def call(app, path: str, **environ):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)
        return lambda data: None

    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "wsgi.url_scheme": "http",
                         "HTTP_HOST": "localhost", **environ}, start_response))
    return seen["status"], seen["headers"], body


def test_least_recently_used_entries_go_first_within_the_budget():
    app = tiny_app(lambda path: path.encode() * 100)  # ~600 bytes per entry with its overhead
    cache = ResponseCache(app, max_bytes=2000)
    for path in ["/a1", "/b1", "/c1"]:
        call(cache, path)
    call(cache, "/a1")  # a1 is now the most recently used
    call(cache, "/d1")  # over budget: b1, the least recently used, goes
    assert cache.stats()["bytes"] <= 2000
    app.calls.clear()
    for path in ["/a1", "/c1", "/d1", "/b1"]:
        call(cache, path)
    assert app.calls == ["/b1"]


def test_an_entry_larger_than_the_limit_is_not_kept():
    app = tiny_app(lambda path: b"x" * 5000)
    cache = ResponseCache(app, max_bytes=100_000, max_entry_bytes=4000)
    for _ in range(3):
        status, headers, body = call(cache, "/big")
        assert status == "200 OK" and body == b"x" * 5000
    assert len(app.calls) == 3 and cache.stats()["entries"] == 0


@pytest.mark.parametrize("headers", [[("Vary", "Origin")], [("Vary", "*")], [("Set-Cookie", "a=b")],
                                     [("Cache-Control", "no-store")], [("Cache-Control", "private, max-age=5")]])
def test_responses_that_depend_on_more_or_must_not_be_stored_are_not_kept(headers):
    app = tiny_app(lambda path: b"answer", headers_for=lambda path: headers)
    cache = ResponseCache(app, max_bytes=100_000)
    for _ in range(2):
        status, sent, body = call(cache, "/x")
        assert body == b"answer" and "X-Cache" not in sent
    assert len(app.calls) == 2


def test_unmarked_and_unsuccessful_responses_are_not_kept():
    for app in (tiny_app(lambda path: b"page", replayable=False), tiny_app(lambda path: b"gone", status="404 NOT FOUND")):
        cache = ResponseCache(app, max_bytes=100_000)
        call(cache, "/x")
        call(cache, "/x")
        assert len(app.calls) == 2


def test_vary_accept_language_is_keyed():
    app = tiny_app(lambda path: b"hallo", headers_for=lambda path: [("Vary", "Accept, Accept-Language")])
    cache = ResponseCache(app, max_bytes=100_000)
    call(cache, "/x", HTTP_ACCEPT_LANGUAGE="de")
    call(cache, "/x", HTTP_ACCEPT_LANGUAGE="en")
    _, headers, _ = call(cache, "/x", HTTP_ACCEPT_LANGUAGE="de")
    assert len(app.calls) == 2 and headers["X-Cache"] == "hit"


def test_a_replay_does_not_repeat_the_first_answers_date():
    app = tiny_app(lambda path: b"x", headers_for=lambda path: [("Date", "Thu, 01 Jan 2026 00:00:00 GMT")])
    cache = ResponseCache(app, max_bytes=100_000)
    _, first, _ = call(cache, "/x")
    _, replay, _ = call(cache, "/x")
    assert first["Date"] == "Thu, 01 Jan 2026 00:00:00 GMT"
    assert replay["X-Cache"] == "hit" and "Date" not in replay  # the HTTP server adds the current one

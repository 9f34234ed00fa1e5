"""What every answer gets on its way out (web/http/finishing.py, cors.py, headers.py): the CORS
headers once, the total time after the view's own Server-Timing entry, one access log line; and
the cheap header edits that replace Werkzeug's, compared with Werkzeug's own results."""

from __future__ import annotations

import logging

import pytest
from werkzeug.wrappers import Response

from bochum_kg.web.http import cors
from bochum_kg.web.http.finishing import FinishEveryAnswer
from bochum_kg.web.http.headers import add_vary, header_value

ORIGIN = {"Origin": "https://example.org"}


@pytest.mark.parametrize("path", ["/", "/sparql?query=ASK%7B%7D%20%23finishing", "/sparql?query=ASK%7B", "/no/such/page",
                                  "/api/competences?limit=2", "/healthz"])
def test_every_answer_has_each_cors_header_once_and_one_total(client, path):
    response = client.get(path, headers=ORIGIN)
    for name, value in cors.ANSWER_HEADERS:
        assert response.headers.getlist(name) == [value], (path, name)
    timings = response.headers.getlist("Server-Timing")
    assert len(timings) == 1 and timings[0].count("total;dur=") == 1, (path, timings)
    assert timings[0].split(", ")[-1].startswith("total;dur="), timings  # after the view's own entries


def test_a_preflight_without_a_view_of_its_own_is_a_204_with_the_methods(client):
    response = client.options("/api/competences", headers={**ORIGIN, "Access-Control-Request-Method": "GET"})
    assert response.status_code == 204
    assert response.data == b"" and "Content-Length" not in response.headers
    assert response.headers["Access-Control-Allow-Methods"] == cors.ALLOWED_METHODS
    assert response.headers["Access-Control-Allow-Headers"] == cors.DEFAULT_ALLOWED_HEADERS
    assert response.headers["Access-Control-Max-Age"] == cors.MAX_AGE


def test_a_plain_options_request_is_no_preflight(client):
    response = client.options("/api/competences")
    assert response.status_code == 200
    assert "Access-Control-Allow-Methods" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_cors_headers_an_app_set_itself_are_replaced_not_repeated():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain"), ("access-control-allow-origin", "https://one.example"),
                                  ("Access-Control-Expose-Headers", "X-Total-Count")])
        return [b"x"]

    seen = {}
    FinishEveryAnswer(app)({"REQUEST_METHOD": "GET", "PATH_INFO": "/"}, lambda status, headers, exc_info=None: seen.update(headers=headers))
    names = [name.lower() for name, _ in seen["headers"]]
    assert names.count("access-control-allow-origin") == names.count("access-control-expose-headers") == 1
    assert dict(seen["headers"])["Access-Control-Expose-Headers"] == cors.EXPOSED_HEADERS


def test_one_access_line_per_answer_with_status_and_length(client, caplog):
    with caplog.at_level(logging.INFO, logger="bochum_kg.access"):
        response = client.get("/sparql?query=ASK%7B%7D%20%23access-line", headers=ORIGIN)
    lines = [r.getMessage() for r in caplog.records if r.name == "bochum_kg.access"]
    assert len(lines) == 1, lines
    assert '"GET /sparql?query=ASK%7B%7D%20%23access-line" 200 ' + str(len(response.data)) in lines[0]


@pytest.mark.parametrize("start", [None, "Accept", "Accept, Cookie", "accept-encoding", "*"])
@pytest.mark.parametrize("added", [("Accept-Encoding",), ("accept", "Cookie"), ("Accept-Language", "Accept-Language")])
def test_add_vary_gives_what_werkzeug_gives(start, added):
    theirs, ours = Response("x"), Response("x")
    if start is not None:
        theirs.headers["Vary"] = ours.headers["Vary"] = start
    for name in added:
        theirs.vary.add(name)
        add_vary(ours.headers, name)
    assert ours.headers.getlist("Vary") == theirs.headers.getlist("Vary")


def test_header_value_is_werkzeugs_get():
    response = Response("x", headers={"ETag": '"a"', "X-Two": "1"})
    response.headers.add("X-Two", "2")
    for name in ("etag", "ETag", "x-two", "Cache-Control", "Content-Length"):
        assert header_value(response.headers, name) == response.headers.get(name), name

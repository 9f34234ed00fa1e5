"""Error answers (one JSON shape) and limit/offset paging with Link headers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from fixture_data.small_strategy_iris import SHOOTINGSTAR


def assert_error(response, status: int, parameter: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str) and body["message"]
    if parameter is not None:
        assert body["parameter"] == parameter
        assert parameter in body["message"]
    return body


def test_unknown_query_is_404(small_strategy_client):
    body = assert_error(small_strategy_client.get("/api/no-such-query"), 404)
    assert "no-such-query" in body["message"]


@pytest.mark.parametrize("url, parameter", [
    ("/api/actor-projects", "actor"),                                  # required, missing
    ("/api/actor-projects?actor=not%20an%20iri", "actor"),             # not an IRI
    ("/api/goals?lang=fr", "lang"),                                    # not in the enum
    ("/api/timeline?since=2017-13-01", "since"),                       # no such date
    ("/api/timeline?until=yesterday", "until"),                        # not a date
    ("/api/goals?colour=blue", "colour"),                              # unknown parameter
    ("/api/goals?limit=0", "limit"),
    ("/api/goals?limit=ten", "limit"),
    ("/api/goals?limit=100000", "limit"),
    ("/api/goals?offset=-1", "offset"),
    ("/api/neighbourhood", "resource"),
    ("/api/neighbourhood?resource=nope", "resource"),
    ("/api/neighbourhood?resource=https://w3id.org/bochum-strategie/project/werk-x&lang=fr", "lang"),
    ("/api/paths?from=https://w3id.org/bochum-strategie/project/werk-x", "to"),
    ("/api/paths?from=https://w3id.org/bochum-strategie/project/werk-x&to=https://w3id.org/bochum-strategie/goal/x&max_length=9", "max_length"),
    ("/api/lookup", "q"),
    ("/api/gaps/goals?competence=shootingstar", "competence"),
])
def test_bad_parameters_are_400_naming_the_parameter(small_strategy_client, url, parameter):
    assert_error(small_strategy_client.get(url), 400, parameter)


@pytest.mark.parametrize("url, headers", [
    ("/api/goals?format=xml", {}),
    ("/api/goals?format=ttl", {}),
    ("/api/goals", {"Accept": "application/sparql-results+xml"}),
    ("/api/goals", {"Accept": "text/turtle, image/png;q=0.5"}),
    ("/api/?format=csv", {}),
    ("/api/gaps/goals?format=xlsx", {}),
])
def test_unsupported_format_is_406(small_strategy_client, url, headers):
    assert_error(small_strategy_client.get(url, headers=headers), 406)


def test_unknown_resources_are_404(small_strategy_client):
    assert_error(small_strategy_client.get("/api/neighbourhood?resource=https://example.org/nothing"), 404)
    assert_error(small_strategy_client.get("/api/gaps/nothing"), 404)
    assert_error(small_strategy_client.get(
        "/api/paths?from=https://example.org/a&to=https://w3id.org/bochum-strategie/project/werk-x"), 404)


def _links(response) -> dict[str, str]:
    header = response.headers.get("Link", "")
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="([a-z]+)"', header)}


def test_paging_with_link_headers(small_strategy_client):
    everything = small_strategy_client.get("/api/goals", query_string={"competence": SHOOTINGSTAR}).get_json()
    assert len(everything) == 5

    first = small_strategy_client.get("/api/goals", query_string={"competence": SHOOTINGSTAR, "limit": 2})
    assert first.headers["X-Total-Count"] == "5"
    links = _links(first)
    assert set(links) == {"first", "next", "last"}
    assert "offset=2" in links["next"] and "limit=2" in links["next"]
    assert "offset=4" in links["last"]
    assert "competence=" in links["next"]

    middle = small_strategy_client.get("/api/goals", query_string={"competence": SHOOTINGSTAR, "limit": 2, "offset": 2})
    assert set(_links(middle)) == {"first", "prev", "next", "last"}
    assert "offset=0" in _links(middle)["prev"]

    last = small_strategy_client.get("/api/goals", query_string={"competence": SHOOTINGSTAR, "limit": 2, "offset": 4})
    assert set(_links(last)) == {"first", "prev", "last"}
    assert len(last.get_json()) == 1

    # following rel=next from the first page visits every row once, in order
    collected, response = [], first
    while True:
        collected += response.get_json()
        nxt = _links(response).get("next")
        if nxt is None:
            break
        parts = urlsplit(nxt)
        response = small_strategy_client.get(parts.path + "?" + parts.query)
    assert collected == everything


def test_paging_keeps_the_format(small_strategy_client):
    response = small_strategy_client.get("/api/goals?format=csv&limit=2")
    assert "format=csv" in _links(response)["next"]
    assert response.get_data(as_text=True).count("\r\n") == 3  # header + 2 rows


def test_offset_past_the_end_is_an_empty_page(small_strategy_client):
    response = small_strategy_client.get("/api/goals?offset=500")
    assert response.status_code == 200
    assert response.get_json() == []
    assert "prev" in _links(response)


def test_api_allows_cross_origin_reading(small_strategy_client):
    response = small_strategy_client.get("/api/goals?limit=1")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Link" in response.headers["Access-Control-Expose-Headers"]

"""CORS: one handler (web/http/cors.py) for every path, and it exposes every header a browser
client of the API must read: X-Total-Count and Link for paging, X-Row-Cap-Reached for a cut result."""

from __future__ import annotations

from bochum_kg.kg import catalog

ORIGIN = {"Origin": "https://example.org"}


def exposed(response) -> set[str]:
    values = response.headers.getlist("Access-Control-Expose-Headers")
    assert len(values) == 1, values
    return {name.strip().lower() for name in values[0].split(",")}


def test_paging_headers_of_a_named_query_are_readable(client):
    response = client.get("/api/competences?limit=2&offset=1", headers=ORIGIN)
    assert response.status_code == 200
    assert response.headers["X-Total-Count"] and response.headers["Link"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert {"x-total-count", "link"} <= exposed(response)


def test_the_row_cap_signal_is_readable(client, monkeypatch):
    run = catalog.run_named_query

    def cut(*args, **kwargs):
        result = run(*args, **kwargs)
        result.truncated = True
        return result

    monkeypatch.setattr(catalog, "run_named_query", cut)
    response = client.get("/api/competences?limit=3&offset=2", headers=ORIGIN)
    assert response.headers["X-Row-Cap-Reached"] == "true"
    assert "x-row-cap-reached" in exposed(response)


def test_the_relationship_views_json_gets_the_same_cors_headers(client):
    api = client.get("/api/lookup?q=bochum", headers=ORIGIN)
    page = client.get("/", headers=ORIGIN)
    assert api.status_code == page.status_code == 200
    assert exposed(api) == exposed(page)
    assert api.headers["Access-Control-Allow-Origin"] == page.headers["Access-Control-Allow-Origin"] == "*"

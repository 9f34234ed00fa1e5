"""/api/gaps/{table} is paged like the named queries' lists (web/api/paging.py): limit/offset,
X-Total-Count, Link; the pages together are the table, and the real data's tables fit the
default page, so their answers are what they were before paging."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from bochum_kg.kg.analysis.gaps import TABLES
from bochum_kg.web.api import paging
from fixture_data.small_strategy_iris import SHOOTINGSTAR


def links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="([a-z]+)"', response.headers["Link"])}


def follow(client, response) -> list:
    """The answers from `response` on, following rel=next to the last page."""
    pages = [response]
    while "next" in links(pages[-1]):
        url = urlsplit(links(pages[-1])["next"])
        pages.append(client.get(url.path + "?" + url.query))
        assert pages[-1].status_code == 200
    return pages


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("competence", [None, SHOOTINGSTAR])
def test_the_pages_together_are_the_table(client, table, competence):
    asked = {"lang": "en"} | ({"competence": competence} if competence else {})
    whole = client.get(f"/api/gaps/{table}", query_string=asked)
    rows = whole.get_json()
    assert whole.headers["X-Total-Count"] == str(len(rows)) and len(rows) >= (1 if competence and table == "competences" else 2)
    assert set(links(whole)) == {"first", "last"}  # one page: the real data fits the default page
    pages = follow(client, client.get(f"/api/gaps/{table}", query_string=asked | {"limit": 2}))
    assert len(pages) == (len(rows) + 1) // 2
    assert [row for page in pages for row in page.get_json()] == rows
    assert all(page.headers["X-Total-Count"] == str(len(rows)) for page in pages)
    next_page = parse_qs(urlsplit(links(pages[0]).get("next", links(pages[0])["last"])).query)
    assert next_page["lang"] == ["en"] and next_page.get("competence") == ([competence] if competence else None)


@pytest.mark.parametrize("table", TABLES)
def test_csv_pages_together_are_the_csv(client, table):
    whole = client.get(f"/api/gaps/{table}", query_string={"format": "csv"}).get_data(as_text=True)
    header, *rows = whole.splitlines(keepends=True)
    pages = follow(client, client.get(f"/api/gaps/{table}", query_string={"format": "csv", "limit": 3}))
    parts = [page.get_data(as_text=True).splitlines(keepends=True) for page in pages]
    assert all(part[0] == header and len(part) <= 4 for part in parts)
    assert [line for part in parts for line in part[1:]] == rows
    assert all(page.headers["Content-Type"] == "text/csv; charset=utf-8" for page in pages)
    assert len(list(csv.reader(io.StringIO(whole)))) - 1 == int(pages[0].headers["X-Total-Count"])


def test_a_page_in_the_middle_and_past_the_end(client):
    everything = client.get("/api/gaps/shared").get_json()
    middle = client.get("/api/gaps/shared", query_string={"limit": 10, "offset": 20})
    assert middle.get_json() == everything[20:30]
    assert set(links(middle)) == {"first", "prev", "next", "last"}
    assert "offset=10" in links(middle)["prev"] and "offset=30" in links(middle)["next"]
    last = (len(everything) - 1) // 10 * 10
    assert f"offset={last}" in links(middle)["last"] and "limit=10" in links(middle)["last"]
    beyond = client.get("/api/gaps/shared", query_string={"offset": len(everything) + 5})
    assert beyond.status_code == 200 and beyond.get_json() == [] and "prev" in links(beyond)


def test_without_limit_a_table_longer_than_the_default_is_cut_there(client, monkeypatch):
    everything = client.get("/api/gaps/actors").get_json()
    monkeypatch.setattr(paging, "DEFAULT_LIMIT", 7)
    first = client.get("/api/gaps/actors")
    assert first.get_json() == everything[:7] and first.headers["X-Total-Count"] == str(len(everything))
    assert "limit=7" in links(first)["next"] and "offset=7" in links(first)["next"]


@pytest.mark.parametrize("asked, parameter", [
    ({"limit": "0"}, "limit"), ({"limit": "ten"}, "limit"), ({"limit": "²"}, "limit"),
    ({"limit": str(paging.MAX_LIMIT + 1)}, "limit"), ({"offset": "-1"}, "offset"), ({"offset": "x"}, "offset"),
])
def test_a_wrong_limit_or_offset_is_a_400_naming_it(client, asked, parameter):
    response = client.get("/api/gaps/goals", query_string=asked)
    assert response.status_code == 400 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["parameter"] == parameter and parameter in body["message"] and body["status"] == 400


def test_the_largest_limit_is_allowed(client):
    response = client.get("/api/gaps/goals", query_string={"limit": paging.MAX_LIMIT, "offset": 0})
    assert response.status_code == 200 and response.get_json() == client.get("/api/gaps/goals").get_json()


def test_the_document_lists_the_paging(small_strategy_client):
    operation = small_strategy_client.get("/api/openapi.json").get_json()["paths"]["/api/gaps/{table}"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": paging.MAX_LIMIT,
                                             "default": paging.DEFAULT_LIMIT}
    assert parameters["offset"]["schema"] == {"type": "integer", "minimum": 0, "default": 0}
    assert set(operation["responses"]["200"]["headers"]) == {"Link", "X-Total-Count"}
    assert str(paging.DEFAULT_LIMIT) in operation["responses"]["200"]["description"]
    assert "400" in operation["responses"]

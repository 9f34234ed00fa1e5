"""/gaps shows at most GAPS_ROWS_SHOWN rows per table and says so; the CSV of /api/gaps/{table}
keeps every row (issue 13: no HTML page grows with the data without bound)."""

from __future__ import annotations

import csv
import io

import html5lib

from bochum_kg.web.workbench import planner

NS = {"h": "http://www.w3.org/1999/xhtml"}


def _table_rows(client, role: str) -> tuple[int, bool]:
    page = html5lib.parse(client.get("/gaps?lang=de").get_data(as_text=True))
    section = page.find(f".//h:section[@data-role='{role}']", NS)
    rows = section.findall(".//h:tbody/h:tr", NS)
    notice = section.find(".//h:p[@data-role='rows-shown']", NS)
    return len(rows), notice is not None


def _csv_rows(client, table: str) -> int:
    text = client.get(f"/api/gaps/{table}?format=csv").get_data(as_text=True)
    return len(list(csv.reader(io.StringIO(text)))) - 1


def test_the_real_data_fits_and_says_nothing(client):
    for role, table in (("projects", "projects"), ("actors", "actors"), ("shared", "shared")):
        shown, notice = _table_rows(client, role)
        assert shown == _csv_rows(client, table) > 0 and not notice, role


def test_beyond_the_limit_the_first_rows_are_shown_with_a_notice(client, monkeypatch):
    monkeypatch.setattr(planner, "GAPS_ROWS_SHOWN", 3)
    for role, table in (("projects", "projects"), ("actors", "actors"), ("shared", "shared")):
        shown, notice = _table_rows(client, role)
        assert shown == 3 and notice, role
        assert _csv_rows(client, table) > 3, table


def test_the_list_of_unpublished_goals_stops_at_the_limit_too(client, monkeypatch):
    page = html5lib.parse(client.get("/gaps?lang=de").get_data(as_text=True))
    everything = len(page.findall(".//h:section[@data-role='goals-unpublished']//h:li", NS))
    monkeypatch.setattr(planner, "GAPS_ROWS_SHOWN", 1)
    page = html5lib.parse(client.get("/gaps?lang=de").get_data(as_text=True))
    section = page.find(".//h:section[@data-role='goals-unpublished']", NS)
    assert (len(section.findall(".//h:li", NS)), section.find(".//h:p[@data-role='rows-shown']", NS) is not None) == (1, True)
    assert everything > 1

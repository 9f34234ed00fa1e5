"""Index pages on the real data: every page of an index together lists exactly the typed members
of its namespace, in the order of their names, with each member's column values.

The index pages read members, names and cells from different places (the type table, the label
table, one query for the shown page): these tests hold them to what the data says, page by page.
"""

from __future__ import annotations

import html as html_lib
import re

import pytest

BASE = "https://w3id.org/bochum-strategie/"
BS = BASE + "ontology#"
ROW = re.compile(r"<tr>\s*<td>(.*?)</td>(.*?)</tr>", re.S)
LINK = re.compile(r'<a [^>]*href="([^"?]+)[^"]*"[^>]*>(.*?)</a>', re.S)
CELL = re.compile(r'<td data-label="[^"]*">(.*?)</td>', re.S)

# segment -> the bs: properties of its columns (web/pages/indexes.py, INDEXES)
COLUMNS = {
    "figure": ("value", "unit", "measure"),
    "participation": ("agent", "role"),
    "project": ("status", "primaryCompetence", "site"),
    "goal": ("inGoalArea",),
    "actor": ("subOrganisationOf", "locatedAt"),
}


def _all_pages(client, segment: str, lang: str) -> list[tuple[str, str, list[str]]]:
    """(href, link text, cells) of every row, following the pager to the last page."""
    rows, page = [], 1
    while True:
        response = client.get(f"/{segment}/?lang={lang}&page={page}")
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        for first, rest in ROW.findall(text):
            href, name = LINK.search(first).groups()
            rows.append((href, html_lib.unescape(re.sub(r"<[^>]+>", "", name)).strip(), CELL.findall(rest)[1:]))
        if f"page={page + 1}" not in text:
            return rows
        page += 1


def _members(real_store, segment: str) -> set[str]:
    ns = BASE + segment + "/"
    rows = real_store.select_plain(f"SELECT DISTINCT ?s WHERE {{ ?s a ?t FILTER(isIRI(?s) && STRSTARTS(STR(?s), \"{ns}\")) }}")
    return {s for (s,) in rows}


def _having(real_store, segment: str, prop: str) -> set[str]:
    ns = BASE + segment + "/"
    rows = real_store.select_plain(
        f"SELECT DISTINCT ?s WHERE {{ ?s a ?t ; <{BS}{prop}> ?o FILTER(STRSTARTS(STR(?s), \"{ns}\")) }}")
    return {s for (s,) in rows}


@pytest.mark.parametrize("segment", sorted(COLUMNS))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_pages_of_an_index_list_each_member_once_in_name_order(client, real_store, segment, lang):
    rows = _all_pages(client, segment, lang)
    hrefs = [href for href, _, _ in rows]
    assert len(hrefs) == len(set(hrefs))
    assert {BASE + h.lstrip("/") for h in hrefs} == _members(real_store, segment)
    names = [name.casefold() for _, name, _ in rows]
    assert names == sorted(names)


@pytest.mark.parametrize("segment", sorted(COLUMNS))
def test_each_listed_member_shows_the_values_its_data_has(client, real_store, segment):
    rows = _all_pages(client, segment, "de")
    for index, prop in enumerate(COLUMNS[segment]):
        filled = {BASE + href.lstrip("/") for href, _, cells in rows if cells[index].strip()}
        assert filled == _having(real_store, segment, prop), prop

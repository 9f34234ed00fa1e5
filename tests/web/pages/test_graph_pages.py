"""`/graph/{name}` as HTML: the graph's subjects a page at a time, in the order of their names."""

from __future__ import annotations

import re

import pytest
from rdflib import URIRef

from bochum_kg.web.pages import documents

GRAPH = "https://w3id.org/bochum-strategie/graph/projects"
TITLES = re.compile(r'<li><a href="[^"]*"[^>]* title="([^"]+)"')


def subjects_on(html: str) -> list[str]:
    listing = html.split("<h2>", 1)[1].split("</ul>", 1)[0]
    return TITLES.findall(listing)


def expected_order(app, lang: str) -> list[str]:
    """Every IRI subject of the graph, sorted as the page's values sort (values.term_value)."""
    from bochum_kg.web.pages.values import term_value

    with app.test_request_context(f"/graph/projects?lang={lang}"):
        graph = documents.kg().select("graph-content", {"g": URIRef(GRAPH)}).rows
        subjects = {row["s"] for row in graph if isinstance(row["s"], URIRef)}
        return [v.iri for v in sorted((term_value(s, lang) for s in subjects), key=lambda v: v.sort_key)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_pages_together_list_every_subject_once_in_name_order(app, client, monkeypatch, lang):
    monkeypatch.setattr(documents, "GRAPH_PAGE_SIZE", 7)
    expected = expected_order(app, lang)
    assert len(expected) > 14  # at least three pages
    seen, page = [], 1
    while True:
        html = client.get(f"/graph/projects.html?lang={lang}&page={page}").get_data(as_text=True)
        assert f"({len(expected)})" in html
        shown = subjects_on(html)
        assert 0 < len(shown) <= 7
        seen += shown
        if 'rel="next"' not in html:
            break
        assert f"page={page + 1}" in html
        page += 1
    assert page == -(-len(expected) // 7)
    assert seen == expected


def test_a_page_past_the_end_shows_the_last_and_a_bad_page_is_400(client, monkeypatch):
    monkeypatch.setattr(documents, "GRAPH_PAGE_SIZE", 7)
    last = client.get("/graph/projects.html?page=1000")
    assert last.status_code == 200 and 'rel="prev"' in last.get_data(as_text=True)
    assert 'rel="next"' not in last.get_data(as_text=True)
    for bad in ("x", "²", ""):
        assert client.get(f"/graph/projects.html?page={bad}").status_code == 400

"""Search: folding (case, accents, ß, umlauts both ways), ranking, HTML and JSON."""

from __future__ import annotations

import pytest

from bochum_kg.kg.folding import fold_variants

BASE = "https://w3id.org/bochum-strategie/"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Großstadt", {"grossstadt"}),
        ("GROSSSTADT", {"grossstadt"}),
        ("Lebensgefühl", {"lebensgefuhl", "lebensgefuehl"}),
        ("Köln", {"koln", "koeln"}),
        ("Ärzte", {"arzte", "aerzte"}),
        ("Café", {"cafe"}),
        ("MARK 51°7", {"mark 51°7"}),
        ("Haus-des-Wissens", {"haus des wissens"}),
        ("  viel   Raum ", {"viel raum"}),
    ],
)
def test_fold_variants(text, expected):
    assert fold_variants(text) == expected


def _search(client, q, **params):
    response = client.get("/search", query_string={"q": q, "format": "json", **params})
    assert response.status_code == 200
    return response.get_json()


@pytest.mark.parametrize("query", ["grossstadt", "Gross", "Groß", "GROSSSTADT MIT", "großstadt mit lebensgefuehl",
                                   "lebensgefuhl", "Lebensgefühl"])
def test_folded_queries_find_the_competence(each_kind_client, query):
    iris = [r["iri"] for r in _search(each_kind_client, query)["results"]]
    assert iris[0] == BASE + "competence/grossstadt-mit-lebensgefuehl"


def test_ranking_exact_then_prefix_then_contains_then_description(each_kind_client):
    # "Haus des Wissens" is an exact label; "wissen" starts no label but is inside labels
    # (Haus des Wissens, Shootingstar der Wissensarbeit, Wissenstransfer …) and only in a description elsewhere.
    exact = _search(each_kind_client, "haus des wissens")["results"]
    assert exact[0]["iri"] == BASE + "project/haus-des-wissens"
    assert exact[0]["match"] == "exact"
    prefix = _search(each_kind_client, "wissenstransfer")["results"]
    assert prefix[0] == {**prefix[0], "iri": BASE + "goal/wissenstransfer-organisieren", "match": "prefix"}
    results = _search(each_kind_client, "wissen")["results"]
    matches = [r["match"] for r in results]
    assert matches == sorted(matches, key=["exact", "prefix", "label", "description"].index)
    assert {"prefix", "label"} <= set(matches)
    described = _search(each_kind_client, "zukunftslabor")["results"]
    assert [(r["iri"], r["match"]) for r in described] == [(BASE + "competence/shootingstar-der-wissensarbeit", "description")]


def test_alt_labels_count_as_labels(each_kind_client):
    results = _search(each_kind_client, "hdw")["results"]
    assert results[0]["iri"] == BASE + "project/haus-des-wissens"
    assert results[0]["match"] == "exact"


def test_english_labels_are_searched_and_shown_in_the_page_language(each_kind_client):
    results = _search(each_kind_client, "house of knowledge", lang="en")["results"]
    assert results[0]["iri"] == BASE + "project/haus-des-wissens"
    assert results[0]["label"] == "House of Knowledge"
    assert results[0]["language"] == "en"
    german = _search(each_kind_client, "house of knowledge", lang="de")["results"]
    assert german[0]["label"] == "Haus des Wissens"


def test_json_results_link_to_pages(each_kind_client):
    body = _search(each_kind_client, "Telekom")
    assert body["query"] == "Telekom"
    assert body["count"] == len(body["results"]) == 1
    assert body["results"][0]["page"] == "http://localhost/site/telekom-block.html"
    assert body["results"][0]["types"] == [{"iri": BASE + "ontology#Site", "label": "Standort"}]


def test_json_by_accept_header(each_kind_client):
    response = each_kind_client.get("/search?q=campus", headers={"Accept": "application/json"})
    assert response.mimetype == "application/json"
    assert response.get_json()["results"][0]["iri"] == BASE + "site/campus"


def test_html_results(each_kind_client):
    html = each_kind_client.get("/search?q=gross").get_data(as_text=True)
    assert '<a href="/competence/grossstadt-mit-lebensgefuehl">Großstadt mit Lebensgefühl</a> <span class="types">– Kompetenz</span>' in html


def test_no_results_and_empty_query(each_kind_client):
    assert _search(each_kind_client, "xylophon")["results"] == []
    assert each_kind_client.get("/search?q=").status_code == 200
    response = each_kind_client.get("/search?q=&format=json")
    assert response.status_code == 400
    assert response.get_json()["status"] == 400
    assert each_kind_client.get("/search", query_string={"q": "x" * 201}).status_code == 400
    assert each_kind_client.get("/search?q=a&format=xml").status_code == 400


def test_real_data_grossstadt(client):
    """The five competences are documented facts (shared sources); one of them is "Großstadt mit Lebensgefühl"."""
    results = client.get("/search?q=grossstadt&format=json").get_json()["results"]
    assert results[0]["iri"] == BASE + "competence/grossstadt-mit-lebensgefuehl"
    assert results[0]["match"] == "prefix"

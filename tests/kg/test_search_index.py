"""The search index (kg/search.py) against its definition (tests/search_reference.py), hit for hit."""

from __future__ import annotations

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.graph import KnowledgeGraph
from bochum_kg.kg.folding import fold_joined, fold_variants
from search_reference import entries_of, reference_search

QUERIES = [
    # single words: label prefix, inside labels, descriptions, notes, nothing
    "wissen", "Wissen", "univers", "bochum", "polis", "Brownfield", "Eigenanteil", "zzzz", "a", "e", "51",
    # umlauts and ß both ways, accents, case
    "Großstadt", "grossstadt", "GROSSSTADT", "lebensgefuehl", "Lebensgefühl", "Köln", "koeln", "Cafe",
    # punctuation and spacing: squeezed forms, hyphens as spaces
    "mark51", "MARK 51°7", "mark-51", "haus-des-wissens", "  haus   des  wissens ", "°",
    # several words: all in one label, across texts of a tier, with a token that folds to nothing
    "haus wissen", "ruhr universität", "wissen - haus", "bochum 2030", "stadt bochum fonds",
    # one typo away from a label word
    "universitet", "spatenstch", "univesität bochum", "wissenschaftt",
]


@pytest.fixture(scope="module")
def real_graph():
    return KnowledgeGraph.build(Settings(validate_on_start=False))


@pytest.fixture(scope="module")
def reference(real_graph):
    rows = real_graph.queries.select_plain(real_graph.store, "all-literals")
    return entries_of(rows)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_index_gives_the_hits_of_the_definition(real_graph, reference, query, lang):
    index = real_graph.search
    expected = reference_search(reference, index.labels, index.types, index.minor_types, query, lang)
    hits = index.search(query, lang, limit=len(index) + 1)
    assert [(h.iri, h.score, h.match, h.label) for h in hits] == expected
    first = index.search(query, lang, limit=7)  # the cut keeps the order of the whole list
    assert [(h.iri, h.score, h.match, h.label) for h in first] == expected[:7]


def test_the_index_covers_every_resource_with_a_text(real_graph, reference):
    assert sorted(real_graph.search.resources) == sorted(reference)


@pytest.mark.parametrize("texts", [
    ["Großstadt", "Köln – Bochum", "  viel   Raum ", "MARK 51°7", "-", "e\u0301tude", "\u0301Anfang", "ﬁne"],
    ["Haus-des-Wissens", "a\u00a0b\u2003c", "ÄÖÜ äöü ß", "x\0y", "İstanbul", "\u3000full\u3000width\u3000"],
    ["only one"],
])
def test_folding_all_texts_at_once_equals_folding_each(texts):
    plain, expanded = fold_joined(texts)
    each = [fold_variants(t.replace("\0", " ")) for t in texts]
    assert [{p, e} for p, e in zip(plain.split("\0"), expanded.split("\0"))] == each


def test_folding_all_literals_of_the_real_data_at_once(real_graph):
    texts = [v for _, _, v in real_graph.queries.select_plain(real_graph.store, "all-literals") if v.strip()]
    plain, expanded = fold_joined(texts)
    assert [{p, e} for p, e in zip(plain.split("\0"), expanded.split("\0"))] == [fold_variants(t) for t in texts]


def test_a_nul_in_the_query_is_a_space_not_a_separator(real_graph):
    index = real_graph.search
    assert index.search("\0", "de") == []
    assert [h.iri for h in index.search("haus\0des wissens", "de")] == [h.iri for h in index.search("haus des wissens", "de")]

"""The search index (kg/search.py) against its definition (tests/search_reference.py), hit for hit."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.graph import KnowledgeGraph
from bochum_kg.kg.folding import fold_joined, fold_variants
from bochum_kg.kg.haystack import Tier, may_need_umlauts
from bochum_kg.kg.search import LABEL_PREDICATES, Query
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


@pytest.fixture(scope="module")
def repeated_graph(tmp_path_factory):
    """The real data three times under new IRIs (bench/generate.py): every text is there thrice, as
    in the generated datasets of bench/, and the index keeps each distinct text once."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    root = tmp_path_factory.mktemp("repeated")
    generate(root, 0, copies=3)
    return KnowledgeGraph.build(Settings(project_root=root, validate_on_start=False))


@pytest.mark.parametrize("query", ["wissen", "bochum", "mark51", "lebensgefuehl", "Köln", "haus wissen", "universitet", "e"])
def test_repeated_texts_give_the_hits_of_the_definition(repeated_graph, query):
    index = repeated_graph.search
    rows = repeated_graph.queries.select_plain(repeated_graph.store, "all-literals")
    expected = reference_search(entries_of(rows), index.labels, index.types, index.minor_types, query, "de")
    assert len(index.tiers["label"]) * 2 < sum(1 for _, p, v in rows if p in LABEL_PREDICATES and v.strip())
    assert [(h.iri, h.score, h.match, h.label) for h in index.search(query, "de", limit=len(index) + 1)] == expected
    assert [(h.iri, h.score, h.match, h.label) for h in index.search(query, "de", limit=7)] == expected[:7]


def test_facets_count_every_hit_of_each_class(repeated_graph):
    index = repeated_graph.search
    hits = index.search("bochum", "en", limit=len(index) + 1)
    assert index.facets("bochum", "en") == Counter(cls for h in hits for cls in h.types)
    only = {repeated_graph.settings.ontology_namespace + "Project"}
    assert {h.iri for h in index.search("bochum", "en", limit=len(index) + 1, classes=only)} == {
        h.iri for h in hits if only.intersection(h.types)}


def test_a_tier_gives_the_resources_of_each_text_once():
    texts = ["Groß", "Köln", "Groß", "Koeln", "Groß", "Köln"]
    tier = Tier(texts, [4, 1, 2, 1, 4, 3])
    assert len(tier) == 3
    found, prefix, equal = tier.matches(Query.of("gross"))
    assert (found, prefix, equal) == ({0}, set(), {0})
    assert np.flatnonzero(tier.resources(found, 6)).tolist() == [2, 4]
    assert np.flatnonzero(tier.resources(tier.matches(Query.of("koeln"))[0], 6)).tolist() == [1, 3]
    assert tier.resources(set(), 6).tolist() == [False] * 6


def test_a_needle_may_skip_the_expanded_forms_only_where_the_plain_forms_hold_it():
    """may_need_umlauts: a needle it clears is in an expanded text (at its start, filling it) only
    where it is in the plain text (likewise). Tried with every piece of every folded literal."""
    texts = ["Größe", "Übung macht müde", "Äquator", "Öl und Ähre", "Grüße aus Köln", "Bauer", "Poet", "Quelle"]
    checked = 0
    for text in texts:
        (plain,), (expanded,) = ([f] for f in fold_joined([text]))
        for start in range(len(expanded)):
            for end in range(start + 1, len(expanded) + 1):
                needle = expanded[start:end]
                if may_need_umlauts(needle):
                    continue
                checked += 1
                assert needle in plain, (text, needle)
                assert not expanded.startswith(needle) or plain.startswith(needle), (text, needle)
                assert expanded != needle or plain == needle, (text, needle)
    assert checked > 100

"""Search over every literal of the real data: the examples researchers and planners tried (issue 10)."""

from __future__ import annotations

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.graph import KnowledgeGraph
from bochum_kg.kg.search import Folded, Query, one_edit_apart

BASE = "https://w3id.org/bochum-strategie/"


@pytest.fixture(scope="module")
def index():
    return KnowledgeGraph.build(Settings(validate_on_start=False)).search


def found(index, query: str, n: int = 5) -> list[tuple[str, str]]:
    return [(hit.iri.removeprefix(BASE), hit.match) for hit in index.search(query, "de")[:n]]


@pytest.mark.parametrize("query, expected", [
    ("Brownfield", ("event/2022-05-19-brownfield-award-mark-51-7", "prefix")),
    ("polis", ("event/2019-05-15-polis-award-mark-51-7", "prefix")),
    ("Spatenstich", ("event/2024-10-21-spatenstich-neubau-mpi-sp", "prefix")),
    ("spatenstich", ("event/2024-10-21-spatenstich-neubau-mpi-sp", "prefix")),
    ("Eigenanteil", ("project/bochum-fonds", "note")),  # only in a note of the project
    ("universitet", ("actor/ruhr-universitaet-bochum", "similar")),  # one typo
    ("mark51", ("site/mark-51-7", "prefix")),  # missing space and punctuation
])
def test_examples_find_what_the_sources_say(index, query, expected):
    assert expected in found(index, query)


def test_univers_ranks_the_universities_before_participations_and_figures(index):
    hits = index.search("univers", "de")
    ranks = {hit.iri.removeprefix(BASE): i for i, hit in enumerate(hits)}
    assert ranks["actor/ruhr-universitaet-bochum"] < 5
    minor = [i for i, hit in enumerate(hits) if any(t.endswith(("#Participation", "#Figure")) for t in hit.types)]
    assert minor and min(minor) > ranks["actor/ruhr-universitaet-bochum"]


def test_tiers_label_before_description_before_note(index):
    scores = [hit.score for hit in index.search("polis", "de")]
    assert scores == sorted(scores, reverse=True)
    assert [hit.match for hit in index.search("polis", "de")][-2:] == ["description", "note"]


def test_class_facets_and_filter(index):
    ns = BASE + "ontology#"
    facets = index.facets("univers", "de")
    assert facets[ns + "HigherEducationInstitution"] >= 2
    only = index.search("univers", "de", classes={ns + "HigherEducationInstitution"})
    assert only and all(ns + "HigherEducationInstitution" in hit.types for hit in only)
    assert len(only) == facets[ns + "HigherEducationInstitution"]


def test_accents_case_and_umlauts_both_ways(index):
    for query in ("Großstadt", "grossstadt", "GROSSSTADT"):
        assert ("competence/grossstadt-mit-lebensgefuehl", "prefix") in found(index, query)


def test_folding_and_typo_rules():
    assert Folded.of("MARK 51°7").compact >= {"mark517"}
    assert Query.of("Universität").forms == {"universitat", "universitaet"}
    assert one_edit_apart("universitet", "universitat") and one_edit_apart("spatenstch", "spatenstich")
    assert not one_edit_apart("unversitt", "universitat")  # two edits are too many

"""Search over every literal of the real data: the examples researchers and planners tried (issue 10)."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.graph import KnowledgeGraph
from bochum_kg.kg.folding import Folded, strip_marks
from bochum_kg.kg.search import Query, one_edit_apart

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


def _strip_marks_reference(text: str) -> str:
    """The definition the fast table of kg/search.py must keep: NFKD, then every combining character dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def test_strip_marks_keeps_its_definition_for_every_code_point():
    # every code point (surrogates cannot be in a str that is normalized), in chunks so a
    # difference names its code point; then the same text again: the table is filled by now
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    for _ in range(2):
        for start in range(0, len(chars), 4096):
            chunk = "".join(chars[start:start + 4096])
            if strip_marks(chunk) != _strip_marks_reference(chunk):
                different = [c for c in chunk if strip_marks(c) != _strip_marks_reference(c)]
                raise AssertionError(f"strip_marks differs for {[hex(ord(c)) for c in different[:10]]}")
    for text in ("Köln", "Groß", "Ångström", "e\u0301", "ﬁ", "MARK 51°7", "", "plain ascii"):
        assert strip_marks(text) == _strip_marks_reference(text)


@pytest.mark.parametrize("query", ["univers", "Bochum", "polis", "universitet", "Groß stadt", "zzzz"])
def test_facets_count_the_classes_of_every_hit(index, query):
    """facets() counts the matches itself (no names, no sorting): the same counts as over all hits of search()."""
    expected = Counter()
    for hit in index.search(query, "de", limit=len(index)):
        expected.update(hit.types)
    assert index.facets(query, "de") == expected
    assert index.facets(query, "en") == expected

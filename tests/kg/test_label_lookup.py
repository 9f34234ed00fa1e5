"""The label lookup of the resource fields (kg/label_lookup.py) against its definition in SPARQL.

The definition is the query the lookup ran before it had an index (label-lookup-reference.rq:
rdfs:labels that contain the text, lower-cased, outside participations, figures and ontology
terms), ranked as before: exact label, then prefix, then anywhere; then by the label a page
shows; typed resources only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from bochum_kg.config import Settings
from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg.graph import KnowledgeGraph

REFERENCE = (Path(__file__).parent / "label-lookup-reference.rq").read_text(encoding="utf-8")

TEXTS = [
    "wissen", "Wissen", "WISSEN", "univers", "Ruhr-Universität Bochum", "ruhr-universität bochum",
    "bochum", "stadt bochum", "mark", "MARK 51°7", "51", "a", "e", " ", "haus des wissens", "zzzz",
    "Hochschule", "hochschule bochum", "ü", "-", "(", "strategie", "Kompetenz",
]


@pytest.fixture(scope="module")
def real_graph():
    return KnowledgeGraph.build(Settings(validate_on_start=False))


def reference_lookup(graph, text: str, lang: str, limit: int) -> list[str]:
    text = text.strip()
    if not text:
        return []
    query = REFERENCE.replace("?text", Literal(text.lower()).n3())
    ranks: dict[str, int] = {}
    for row in graph.store.select(query).rows:
        label = str(row["label"]).lower()
        rank = 0 if label == text.lower() else 1 if label.startswith(text.lower()) else 2
        iri = str(row["s"])
        ranks[iri] = min(rank, ranks.get(iri, 3))
    infos = gd.node_infos(graph, list(ranks))
    found = sorted((ranks[i], infos[i].label(lang).lower(), i) for i in ranks if infos[i].is_resource)
    return [iri for _, _, iri in found[:limit]]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_lookup_finds_what_the_definition_finds_in_its_order(real_graph, text, lang):
    everything = reference_lookup(real_graph, text, lang, 10_000)
    assert real_graph.label_lookup.find(text, lang, 10_000) == everything
    assert real_graph.label_lookup.find(text, lang, 20) == everything[:20]
    assert real_graph.label_lookup.find(text, lang, 3) == everything[:3]


def test_the_definition_finds_something_for_most_texts(real_graph):
    """The comparison above is not between two empty lists."""
    found = [t for t in TEXTS if reference_lookup(real_graph, t, "de", 20)]
    assert len(found) >= len(TEXTS) - 3

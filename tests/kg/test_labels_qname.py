"""kg/labels.qname against its definition: the prefix of the longest namespace the IRI starts with
(the first of equal length in `prefixes`), the IRI itself when none fits or the rest holds / or #."""

from __future__ import annotations

import pytest

from bochum_kg.kg.labels import prefixes, qname


def defined_qname(iri: str, base: str) -> str:
    best = None
    for prefix, ns in prefixes(base).items():
        if iri.startswith(ns) and len(iri) > len(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    if best is None:
        return iri
    local = iri[len(best[1]):]
    return iri if "/" in local or "#" in local else f"{best[0]}:{local}"


# the last base nests the instance namespaces inside schema's: there the longest namespace decides
@pytest.mark.parametrize("base", ["https://w3id.org/bochum-strategie/", "http://localhost:5000/", "https://schema.org/"])
def test_qname_of_every_iri_of_the_data_and_the_edge_cases(real_store, base):
    iris = {term for row in real_store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows
            for term in (str(row["s"]), str(row["p"]), str(row["o"])) if term.startswith(("http://", "https://"))}
    if base != "https://w3id.org/bochum-strategie/":
        iris = {iri.replace("https://w3id.org/bochum-strategie/", base) for iri in iris}
    for ns in prefixes(base).values():
        iris |= {ns, ns + "x", ns + "x/y", ns + "x#y", ns[:-1], ns + "ontology#Project"}
    assert len(iris) > 1500
    assert {iri: qname(iri, base) for iri in iris} == {iri: defined_qname(iri, base) for iri in iris}
    assert qname(base + "ontology#Project", base) == "bs:Project"
    assert qname(base + "actor/stadt-bochum", base) == "actor:stadt-bochum"

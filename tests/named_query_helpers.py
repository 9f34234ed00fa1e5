"""Helpers shared by the named-query tests (imported by name: tests/ is on sys.path)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Literal
from rdflib.term import Node

from fixture_data import make_project  # noqa: F401 (the tests import it from here)

CHECKOUT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent / "queries"  # competency_questions.yaml, fixtures/
BASE = "https://w3id.org/bochum-strategie/"


def cell(term: Node | None):
    """A result cell as plain Python: IRI → str, number → int/float, other literal → lexical form."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return value
        if isinstance(value, Decimal):
            return float(value)
        return str(term)
    return str(term)


def rows_as_tuples(result, variables: list[str] | None = None) -> list[tuple]:
    variables = variables or result.variables
    return [tuple(cell(row.get(v)) for v in variables) for row in result.rows]


def iri(curie: str) -> str:
    """'competence:x' → full IRI under the canonical base; 'bs:X' → ontology term."""
    prefix, _, local = curie.partition(":")
    if prefix == "bs":
        return BASE + "ontology#" + local
    namespaces = {"goalarea": "goal-area"}
    return BASE + namespaces.get(prefix, prefix) + "/" + local

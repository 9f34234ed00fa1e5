"""Helpers shared by the named-query tests (imported by name; tests/queries is on sys.path)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from rdflib import Literal
from rdflib.term import Node

from bochum_kg.config import Settings

CHECKOUT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BASE = "https://w3id.org/bochum-strategie/"


def make_project(root: Path, data_files: dict[str, str]) -> Settings:
    """A checkout with the real ontology, concept schemes and queries plus the given data files."""
    shutil.copytree(CHECKOUT / "ontology", root / "ontology")
    shutil.copytree(CHECKOUT / "queries", root / "queries")
    (root / "data").mkdir()
    shutil.copy(CHECKOUT / "data" / "concepts.ttl", root / "data" / "concepts.ttl")
    for name, text in data_files.items():
        (root / "data" / name).write_text(text, encoding="utf-8")
    return Settings(project_root=root, validate_on_start=False)


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

"""The strategy at a glance: competences with their counts, the strategy, counts per main class.

Read once when the knowledge graph is built; the home page (web/pages/home.py) shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib.term import Node


@dataclass
class CompetenceFigures:
    iri: str
    order: int
    descriptions: list[Node] = field(default_factory=list)
    goal_areas: int = 0
    goals: int = 0
    projects: int = 0


@dataclass
class Overview:
    competences: list[CompetenceFigures]  # in the strategy's order
    strategy: Node | None
    strategy_descriptions: list[Node]
    counts: dict[str, int]  # local name of a bs: class -> members (subclasses included)

    @classmethod
    def read(cls, store, queries, ontology_namespace: str) -> "Overview":
        competences: dict[str, CompetenceFigures] = {}
        for row in queries.select(store, "overview-competences").rows:
            iri = str(row["c"])
            entry = competences.setdefault(iri, CompetenceFigures(iri, _int(row.get("order"))))
            entry.order = min(entry.order, _int(row.get("order")))
            entry.goal_areas, entry.goals = _int(row.get("areas"), 0), _int(row.get("goals"), 0)
            if "d" in row and row["d"] not in entry.descriptions:
                entry.descriptions.append(row["d"])
        for row in queries.select(store, "overview-competence-projects").rows:
            if str(row["e"]) in competences:
                competences[str(row["e"])].projects = _int(row["n"], 0)
        strategy_rows = queries.select(store, "overview-strategy").rows
        strategy = strategy_rows[0]["s"] if strategy_rows else None
        descriptions = [r["d"] for r in strategy_rows if r["s"] == strategy and "d" in r]
        counts = {str(r["cls"])[len(ontology_namespace):]: _int(r.get("n"), 0)
                  for r in queries.select(store, "overview-class-counts").rows}
        for entry in competences.values():
            entry.descriptions.sort(key=_literal_order)
        ordered = sorted(competences.values(), key=lambda c: (c.order, c.iri))
        return cls(ordered, strategy, sorted(descriptions, key=_literal_order), counts)


def _int(term, default: int = 10**6) -> int:
    try:
        return int(str(term))
    except (TypeError, ValueError):
        return default


def _literal_order(literal) -> tuple[str, str]:
    """Language, then text: the same order whatever order the store gives the rows in."""
    return getattr(literal, "language", None) or "", str(literal)

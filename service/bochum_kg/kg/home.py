"""The home page: the strategy at a glance and the entry points for each audience."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from bochum_kg.web.context import kg
from bochum_kg.kg.describe import PROJECT_OF_ELEMENT_PATTERN, Value, best_literal, term_value
from bochum_kg.kg.labels import sparql_prefixes

_COMPETENCES = "SELECT ?c ?order ?d WHERE { ?c a bs:Competence . OPTIONAL { ?c bs:order ?order } OPTIONAL { ?c dcterms:description ?d } }"

# One row per competence with its counts; the competence is not bound, so no projection rule applies.
_COUNTS = """
SELECT ?e (COUNT(DISTINCT ?area) AS ?areas) (COUNT(DISTINCT ?goal) AS ?goals) WHERE {
  ?e a bs:Competence .
  OPTIONAL { ?area bs:inCompetence ?e . ?area a bs:GoalArea . OPTIONAL { ?goal bs:inGoalArea ?area } }
} GROUP BY ?e
"""
_PROJECT_COUNTS = "SELECT ?e (COUNT(DISTINCT ?project) AS ?n) WHERE { ?e a bs:Competence . " + PROJECT_OF_ELEMENT_PATTERN + "} GROUP BY ?e"

_COUNT_MEMBERS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?t . ?t rdfs:subClassOf* bs:{cls} }}"


@dataclass
class CompetenceCard:
    competence: Value
    description: Value | None
    goal_areas: int
    goals: int
    projects: int
    projects_href: str


@dataclass
class HomePage:
    strategy: Value | None
    strategy_description: Value | None
    competences: list[CompetenceCard]
    counts: dict[str, int]


def _int(term) -> int:
    try:
        return int(str(term))
    except (TypeError, ValueError):
        return 10**6


def home_page(lang: str) -> HomePage:
    from flask import request

    from bochum_kg.web.i18n import url_with_lang

    store = kg().store
    base = kg().settings.base_iri
    prefixes = sparql_prefixes()
    competences: dict[str, dict] = {}
    for row in store.select(prefixes + _COMPETENCES).rows:
        entry = competences.setdefault(str(row["c"]), {"order": 10**6, "descriptions": []})
        if "order" in row:
            entry["order"] = min(entry["order"], _int(row["order"]))
        if "d" in row and row["d"] not in entry["descriptions"]:
            entry["descriptions"].append(row["d"])
    counts_rows = {str(r["e"]): r for r in store.select(prefixes + _COUNTS).rows}
    project_counts = {str(r["e"]): int(str(r["n"])) for r in store.select(prefixes + _PROJECT_COUNTS).rows}

    cards = []
    for iri, entry in sorted(competences.items(), key=lambda kv: (kv[1]["order"], kv[0])):
        desc = best_literal(entry["descriptions"], lang)
        slug = iri[len(base + "competence/"):] if iri.startswith(base + "competence/") else None
        row = counts_rows.get(iri, {})
        cards.append(CompetenceCard(
            competence=term_value(URIRef(iri), lang),
            description=term_value(desc, lang) if desc is not None else None,
            goal_areas=int(str(row.get("areas", 0))),
            goals=int(str(row.get("goals", 0))),
            projects=project_counts.get(iri, 0),
            projects_href=url_with_lang(request.script_root + "/project/", competence=slug),
        ))

    strategy = strategy_description = None
    strategy_rows = store.select(prefixes + "SELECT ?s ?d WHERE { ?s a bs:Strategy OPTIONAL { ?s dcterms:description ?d } } ORDER BY ?s").rows
    if strategy_rows:
        first = strategy_rows[0]["s"]
        strategy = term_value(first, lang)
        desc = best_literal([r["d"] for r in strategy_rows if r["s"] == first and "d" in r], lang)
        strategy_description = term_value(desc, lang) if desc is not None else None

    counts = {}
    for name, cls in (("projects", "Project"), ("core_activities", "CoreActivity"), ("actors", "Actor"),
                      ("sites", "Site"), ("goals", "Goal"), ("goal_areas", "GoalArea")):
        rows = store.select(prefixes + _COUNT_MEMBERS.format(cls=cls)).rows
        counts[name] = int(str(rows[0]["n"])) if rows and "n" in rows[0] else 0
    return HomePage(strategy, strategy_description, cards, counts)

"""The home page: the strategy at a glance and the entry points for each audience."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request
from rdflib import URIRef

from bochum_kg.web.capped import AllLink, all_link
from bochum_kg.web.context import kg
from bochum_kg.web.pages.values import Value, best_literal, term_value
from bochum_kg.web.i18n import url_with_lang

#: Competence cards shown; past them a link to the competence index (paged) names how many there
#: are. The strategy has five; at 5M generated triples all 3,500 made the page 2.5 MB.
COMPETENCES_SHOWN = 20


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
    all_competences: AllLink | None  # when not every competence has a card


COUNTED_CLASSES = {"projects": "Project", "core_activities": "CoreActivity", "actors": "Actor",
                   "sites": "Site", "goals": "Goal", "goal_areas": "GoalArea"}


def home_page(lang: str) -> HomePage:
    """The view of the overview the knowledge graph read at start (kg/overview.py)."""
    overview = kg().overview
    base = kg().settings.base_iri
    cards = []
    for figures in overview.competences[:COMPETENCES_SHOWN]:
        desc = best_literal(figures.descriptions, lang)
        slug = figures.iri[len(base + "competence/"):] if figures.iri.startswith(base + "competence/") else None
        cards.append(CompetenceCard(
            competence=term_value(URIRef(figures.iri), lang),
            description=term_value(desc, lang) if desc is not None else None,
            goal_areas=figures.goal_areas,
            goals=figures.goals,
            projects=figures.projects,
            projects_href=url_with_lang(request.script_root + "/project/", competence=slug),
        ))
    strategy = term_value(overview.strategy, lang) if overview.strategy is not None else None
    desc = best_literal(overview.strategy_descriptions, lang)
    strategy_description = term_value(desc, lang) if desc is not None else None
    counts = {name: overview.counts.get(cls, 0) for name, cls in COUNTED_CLASSES.items()}
    all_competences = all_link("common.all_competences", len(overview.competences), COMPETENCES_SHOWN,
                               url_with_lang(request.script_root + "/competence/"))
    return HomePage(strategy, strategy_description, cards, counts, all_competences)

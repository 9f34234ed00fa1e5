"""The gap tables, their order found once at start (kg/analysis/gap_order.py) and their rows made
when read (gaps.Rows), equal the tables as every request once named and sorted them in full
(gaps_reference.py): on the real data, and on facts whose names tie (the generated data repeats
each name 70 times at 500k triples), where the order of the facts decides."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from bochum_kg.kg.analysis import gaps
from bochum_kg.kg.analysis.gap_order import GapOrder
from gaps_reference import plain, reference

READ = ("goals", "goals_without_projects", "goals_with_projects", "projects", "competences", "actors", "shared",
        "unpublished", "competences_available")


def assert_like_reference(knowledge, competences):
    for lang in ("de", "en"):
        for competence in [None] + competences:
            analysis = gaps.analyse(knowledge, knowledge.settings, lang, competence)
            expected = reference(knowledge, lang, competence)
            for name in READ:
                rows = getattr(analysis, name)
                assert len(rows) == len(expected[name]), (lang, competence, name)
                assert plain(list(rows)) == expected[name], (lang, competence, name)
                # a slice makes the rows of that slice alone, the same rows
                assert plain(rows[2:5]) == expected[name][2:5] and plain(rows[-1:]) == expected[name][-1:]


def test_the_real_data_as_before(app):
    graph = app.extensions["bochum_kg"]
    facts = graph.gap_facts
    competences = sorted({c for c, _ in facts.competence_projects} | {row[2] for row in facts.goals}
                         | {c for c, _ in facts.unpublished})
    assert len(competences) >= 5
    assert_like_reference(graph, competences + ["https://example.org/no-such-competence"])


class TiedLabels:
    """Names from a small pool: many IRIs share one (also differing in case only), per language."""

    def __init__(self, seed: int):
        self.pick = random.Random(seed)
        self.names: dict[tuple[str, str], str] = {}

    def label(self, iri: str, lang: str) -> str:
        key = (iri, lang)
        if key not in self.names:
            self.names[key] = self.pick.choice(["Alpha", "alpha", "Beta", "Gamma", "gamma", "Delta"]) + lang
        return self.names[key]


def tied_facts(seed: int):
    pick = random.Random(seed)
    base = "https://example.org/"
    comps = [f"{base}competence/{i}" for i in range(5)]
    areas = [(f"{base}area/{i}", pick.choice(comps), str(pick.randint(1, 3))) for i in range(8)]
    projects = [f"{base}project/{i}" for i in range(30)]
    actors = [f"{base}actor/{i}" for i in range(25)]
    goals = []
    for i in range(40):
        area, comp, area_order = pick.choice(areas)
        for _ in range(pick.randint(1, 3)):
            goals.append((f"{base}goal/{i}", area, comp, pick.choice(["1", "2", "2.0E0", None]), area_order,
                          pick.choice(projects + [None] * 20), pick.choice(projects + [None] * 10)))
    pick.shuffle(goals)
    participations = [(pick.choice(projects), pick.choice(actors), pick.choice([base + "role/lead", base + "role/partner"]))
                      for _ in range(120)]
    competence_projects = [(pick.choice(comps), pick.choice(projects)) for _ in range(50)] + [(comps[4], None)]
    return gaps.GapFacts(
        goals=goals, serves=[(pick.choice(projects), pick.choice(areas)[0]) for _ in range(30)],
        competence_projects=competence_projects,
        competence_goals=[(pick.choice(comps), f"{base}goal/{pick.randrange(40)}") for _ in range(40)] + [(comps[3], None)],
        served=frozenset(f"{base}goal/{i}" for i in range(0, 40, 3)),
        unpublished=[(pick.choice(comps), f"{base}unknown/{i}") for i in range(12)],
        taking=gaps._participations(participations, base + "role/lead"))


@pytest.mark.parametrize("seed", range(6))
def test_facts_whose_names_tie_as_before(seed):
    facts, labels = tied_facts(seed), TiedLabels(seed)
    knowledge = SimpleNamespace(gap_facts=facts, labels=labels, settings=None, gap_order=GapOrder.build(facts, labels))
    assert len({labels.label(iri, "de").lower() for iri in knowledge.gap_order.ranks["de"]}) <= 4  # names tie
    assert_like_reference(knowledge, sorted({c for c, _ in facts.competence_projects}))

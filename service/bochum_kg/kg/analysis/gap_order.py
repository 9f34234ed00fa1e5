"""The order of the gap tables' rows in each page language, made once at start (KnowledgeGraph.build).

A request then names and fills only the rows it shows or pages through (kg/analysis/gaps.py): at
5M generated triples naming and sorting every row of every table took /gaps 2 s and each
/api/gaps/{table} 2–3 s. The orders are those the tables had when sorted per request: names compared
as label.lower() (`ranks`: equal names share a rank), ties in the order the facts list the rows.
Tables under a competence filter: goals, projects and unpublished goals are kept per competence
here; actors and shared projects are counted per request (`actors_of`, `shared_of`), over the
competence's projects only. Positions are kept as arrays of int (4 bytes each, and no objects
whose reference counts a forked worker's reads would copy).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from bochum_kg.kg.analysis import graph_data as gd

LANGUAGES = gd.LANGUAGES


@dataclass
class Goal:
    """One goal of the goals table: its first row's area, competence and order, and every project."""

    goal: str
    area: str
    competence: str
    order: tuple[int, int]
    projects: set[str]
    area_projects: set[str]


def goal_order(value: str | None) -> int:
    """An order's lexical form as a number (rdflib's toPython then int: "2", "2.5" and "2.0E0" give 2)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return 10_000


def _goals(rows) -> list[Goal]:
    found: dict[str, Goal] = {}
    for goal, area, competence, order, area_order, project, area_project in rows:
        entry = found.get(goal)
        if entry is None:
            entry = found[goal] = Goal(goal, area, competence, (goal_order(area_order), goal_order(order)), set(), set())
        if project is not None:
            entry.projects.add(project)
        if area_project is not None:
            entry.area_projects.add(area_project)
    return list(found.values())


@dataclass
class GoalTable:
    """The goals (all, or one competence's), and per language their positions: all, without projects, with."""

    goals: list[Goal]
    keys: dict[str, tuple[array, array, array]]


@dataclass
class GapOrder:
    ranks: dict[str, dict[str, int]]  # language -> IRI -> rank of its name
    goals: GoalTable  # every goal
    goals_of: dict[str, GoalTable]  # competence -> its goals (its rows alone, as the filter read them)
    serves: dict[str, set[str]]  # project -> the goals and goal areas it serves
    project_pairs: list[tuple[str, str]]  # (competence, project), sorted
    project_keys: dict[str, array]  # language -> positions in project_pairs, table order
    project_keys_of: dict[str, dict[str, array]]  # language -> competence -> its positions, table order
    competences: list[str]  # every competence with a row in gaps-competence-projects, sorted
    competence_counts: list[tuple[int, int, int, int]]  # projects, actors, goals, goals without projects
    competence_keys: dict[str, array]  # language -> positions in competences, table order
    competences_by_name: dict[str, list[str]]  # language -> the competences in the order of their names
    projects_of_competence: dict[str, set[str]]
    actors: list[str]  # every actor that takes part, in the facts' order
    actor_position: dict[str, int]
    actor_keys: dict[str, array]  # language -> positions in actors, table order
    shared_pairs: list[tuple[str, str]]  # (project, project) sharing actors, IRIs in order, in the order first seen
    shared_counts: array
    shared_keys: dict[str, array]  # language -> positions in shared_pairs, table order
    unpublished_keys: dict[str, array]  # language -> positions in the facts' unpublished rows, table order

    @classmethod
    def build(cls, facts, labels) -> "GapOrder":
        """From the GapFacts and the label table."""
        taking = facts.taking
        ranks = {lang: _ranks(labels, lang, _named(facts)) for lang in LANGUAGES}
        comps = sorted({comp for comp, _ in facts.competence_projects})
        goals_of = {}
        for goal in facts.goals:
            goals_of.setdefault(goal[2], []).append(goal)
        serves: dict[str, set[str]] = {}
        for project, target in facts.serves:
            serves.setdefault(project, set()).add(target)
        pairs = sorted({(comp, project) for comp, project in facts.competence_projects if project is not None})
        projects_of_competence: dict[str, set[str]] = {}
        for comp, project in facts.competence_projects:
            if project is not None:
                projects_of_competence.setdefault(comp, set()).add(project)
        counts = _competence_counts(facts, comps, projects_of_competence)
        actors = list(taking.projects_of)
        shared = shared_pairs(taking.projects_of.items())
        shared_counts = _packed(len(taking.actors_of[a] & taking.actors_of[b]) for a, b in shared)
        project_keys = {lang: _packed(sorted(range(len(pairs)), key=lambda i: (r[pairs[i][0]], r[pairs[i][1]])))
                        for lang, r in ranks.items()}
        return cls(
            ranks=ranks, goals=_goal_table(_goals(facts.goals), ranks),
            goals_of={comp: _goal_table(_goals(rows), ranks) for comp, rows in goals_of.items()},
            serves=serves, project_pairs=pairs, project_keys=project_keys,
            project_keys_of={lang: _by_competence(keys, lambda i: pairs[i][0]) for lang, keys in project_keys.items()},
            competences=comps, competence_counts=counts,
            competence_keys={lang: _packed(sorted(range(len(comps)), key=lambda i: (-counts[i][0], -counts[i][1], r[comps[i]])))
                             for lang, r in ranks.items()},
            competences_by_name={lang: sorted(comps, key=r.__getitem__) for lang, r in ranks.items()},
            projects_of_competence=projects_of_competence,
            actors=actors, actor_position={actor: i for i, actor in enumerate(actors)},
            actor_keys={lang: _packed(actor_order(actors, taking.projects_of, taking.led_by_actor, r))
                        for lang, r in ranks.items()},
            shared_pairs=shared, shared_counts=shared_counts,
            shared_keys={lang: _packed(shared_order(shared, shared_counts, r)) for lang, r in ranks.items()},
            unpublished_keys={lang: _packed(sorted(range(len(facts.unpublished)), key=lambda i: r[facts.unpublished[i][0]]))
                              for lang, r in ranks.items()},
        )

    def first_of_pair(self, pair: tuple[str, str], lang: str) -> tuple[str, str]:
        """The pair in the order of the names (the first IRI where they are equal)."""
        first, second = pair
        rank = self.ranks[lang]
        return (second, first) if rank[second] < rank[first] else (first, second)


def _named(facts) -> set[str]:
    """Every IRI a gap table names."""
    named = {iri for row in facts.goals for iri in (row[0], row[1], row[2], row[5], row[6])}
    named.update(iri for row in facts.serves for iri in row)
    named.update(iri for row in facts.competence_projects for iri in row)
    named.update(iri for row in facts.unpublished for iri in row)
    named.update(facts.taking.projects_of)
    named.update(facts.taking.actors_of)
    named.discard(None)
    return named


def _ranks(labels, lang: str, iris) -> dict[str, int]:
    names = {iri: labels.label(iri, lang).lower() for iri in iris}
    place = {name: i for i, name in enumerate(sorted(set(names.values())))}
    return {iri: place[name] for iri, name in names.items()}


def _goal_table(goals: list[Goal], ranks: dict[str, dict[str, int]]) -> GoalTable:
    keys = {}
    for lang, r in ranks.items():
        order = sorted(range(len(goals)), key=lambda i: (r[goals[i].competence], goals[i].order, r[goals[i].area],
                                                         r[goals[i].goal]))
        keys[lang] = (_packed(order), _packed(i for i in order if not goals[i].projects),
                      _packed(i for i in order if goals[i].projects))
    return GoalTable(goals, keys)


def _by_competence(keys, competence_of) -> dict[str, array]:
    found: dict[str, array] = {}
    for key in keys:
        found.setdefault(competence_of(key), array("i")).append(key)
    return found


def _packed(positions) -> array:
    return array("i", positions)


def _competence_counts(facts, comps: list[str], projects_of_competence) -> list[tuple[int, int, int, int]]:
    goals_of: dict[str, set[str]] = {}
    for comp, goal in facts.competence_goals:
        if goal is not None:
            goals_of.setdefault(comp, set()).add(goal)
    actors_of = facts.taking.actors_of
    counts = []
    for comp in comps:
        projects = projects_of_competence.get(comp, set())
        actors = set().union(*(actors_of.get(p, set()) for p in projects))
        goals = goals_of.get(comp, set())
        counts.append((len(projects), len(actors), len(goals), len(goals - facts.served)))
    return counts


def actor_order(actors: list[str], projects_of, led_by_actor, rank: dict[str, int]) -> list[int]:
    """Positions in `actors` by projects, then leads (both most first), then name."""
    return sorted(range(len(actors)), key=lambda i: (-len(projects_of[actors[i]]), -len(led_by_actor.get(actors[i], ())),
                                                     rank[actors[i]]))


def shared_pairs(projects_of_items) -> list[tuple[str, str]]:
    """Every pair of projects some actor takes part in both of, in the order first seen."""
    pairs: dict[tuple[str, str], None] = {}
    for _, projects in projects_of_items:
        ordered = sorted(projects)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                pairs[(first, second)] = None
    return list(pairs)


def shared_order(pairs: list[tuple[str, str]], counts: list[int], rank: dict[str, int]) -> list[int]:
    """Positions in `pairs` by shared actors (most first), then the names of the pair, named in order."""
    def key(i):
        first, second = (rank[p] for p in pairs[i])
        return (-counts[i], min(first, second), max(first, second))
    return sorted(range(len(pairs)), key=key)

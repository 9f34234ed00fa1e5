"""Gap and overlap analysis for planners: which goals have no projects, who carries how much.

    analyse(knowledge, settings, lang, competence=None) -> GapAnalysis

The facts the tables are made of (`GapFacts`: the rows of seven SELECT queries, participations
already grouped) are read once at start (kg/graph.py; a prebuilt directory holds them), and so is
the order of each table's rows in each language (kg/analysis/gap_order.py): at 5M triples reading
them took 7–10 s per request, naming and sorting every row 2–3 s. A request names and fills only
the rows it reads (`Rows`: the first rows of each table on /gaps, one page of one table in the API).
Five tables:

- goals: every goal with its competence, goal area, the projects that serve it and their leads
  (goals without projects are the gaps);
- projects: the projects of each competence, the goals or goal areas they serve, their leads;
- competences: projects and actors per competence (a project counts for a competence through
  bs:competence, bs:primaryCompetence, or a goal or goal area it serves);
- actors: projects per actor, and how many of them the actor leads;
- shared: pairs of projects that share actors (overlaps).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg.analysis.gap_order import LANGUAGES, GapOrder, GoalTable, actor_order, shared_order, shared_pairs

TABLES = ("goals", "projects", "competences", "actors", "shared")


@dataclass
class Ref:
    """A resource as a table cell: IRI, label in the page language, local page path."""

    iri: str
    label: str
    page: str | None

    def as_json(self) -> dict:
        return {"iri": self.iri, "label": self.label}


@dataclass
class GapAnalysis:
    """The tables (`Rows`, or [] where not asked for); a row is a dict of Refs and counts."""

    lang: str
    competence: Ref | None
    competences_available: Sequence[Ref]
    goals: Sequence[dict] = field(default_factory=list)
    goals_without_projects: Sequence[dict] = field(default_factory=list)
    goals_with_projects: Sequence[dict] = field(default_factory=list)
    projects: Sequence[dict] = field(default_factory=list)
    competences: Sequence[dict] = field(default_factory=list)
    actors: Sequence[dict] = field(default_factory=list)
    shared: Sequence[dict] = field(default_factory=list)
    # competences whose goal areas and goals the sources do not publish (known unknowns): their
    # goals are not "without project", they are not known at all
    unpublished: Sequence[dict] = field(default_factory=list)


class _Labeller:
    """One Ref per IRI, named from the knowledge graph's label table (no query per request)."""

    def __init__(self, knowledge, lang, page_href):
        self.knowledge, self.lang = knowledge, lang
        self.page_href = page_href or (lambda iri: None)
        self.cache: dict[str, Ref] = {}

    def ref(self, iri: str) -> Ref:
        found = self.cache.get(iri)
        if found is None:
            found = self.cache[iri] = Ref(iri, self.knowledge.labels.label(iri, self.lang), self.page_href(iri))
        return found


def _sorted_refs(labels: _Labeller, iris) -> list[Ref]:
    return sorted((labels.ref(i) for i in iris), key=lambda r: r.label.lower())


@dataclass
class _Participations:
    """Who takes part where, and who leads (by project and by actor)."""

    actors_of: dict[str, set[str]]
    leads_of: dict[str, set[str]]
    projects_of: dict[str, set[str]]
    led_by_actor: dict[str, set[str]]


def _participations(rows, lead_role: str) -> _Participations:
    found = _Participations(defaultdict(set), defaultdict(set), defaultdict(set), defaultdict(set))
    for project, actor, role in rows:
        found.actors_of[project].add(actor)
        found.projects_of[actor].add(project)
        if role == lead_role:
            found.leads_of[project].add(actor)
            found.led_by_actor[actor].add(project)
    return _Participations(*(dict(table) for table in (found.actors_of, found.leads_of, found.projects_of, found.led_by_actor)))


Row = tuple  # of str or None: one row of a query as plain values


@dataclass
class GapFacts:
    """The rows the gap tables are made of, read once (the dataset does not change while served)."""

    goals: list[Row]  # gaps-goals: goal, area, competence, goalOrder, areaOrder, project, areaProject
    serves: list[Row]  # project, target
    competence_projects: list[Row]  # competence, project (None: a competence without projects)
    competence_goals: list[Row]  # competence, goal (None: a competence without goals)
    served: frozenset[str]  # goals a project serves
    unpublished: list[Row]  # competence, known unknown
    taking: _Participations

    @classmethod
    def read(cls, store, queries, lead_role: str) -> "GapFacts":
        def rows(name: str) -> list[Row]:
            return queries.select_plain(store, name)

        return cls(goals=rows("gaps-goals"), serves=rows("gaps-serves"), competence_projects=rows("gaps-competence-projects"),
                   competence_goals=rows("gaps-competence-goals"), served=frozenset(r[0] for r in rows("served-goals")),
                   unpublished=rows("unpublished-goals"), taking=_participations(rows("gaps-participations"), lead_role))



class Rows(Sequence):
    """A table's rows in order, each made (named, its lists sorted) when asked for: a page shows
    and an API page holds a few of many (at 5M triples `shared` has 100,000)."""

    def __init__(self, keys: list, make: Callable[[object], dict]):
        self.keys, self.make = keys, make

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.make(key) for key in self.keys[index]]
        return self.make(self.keys[index])

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (list, Rows)) else NotImplemented


def _goal_rows(goals: GoalTable, lang: str, labels: _Labeller, taking: _Participations) -> tuple[Rows, Rows, Rows]:
    """Every goal (all, without projects, with projects) with its area, competence, projects and their leads."""
    def make(i: int) -> dict:
        goal = goals.goals[i]
        return {
            "goal": labels.ref(goal.goal), "area": labels.ref(goal.area), "competence": labels.ref(goal.competence),
            "order": goal.order,
            "projects": [{"project": p, "leads": _sorted_refs(labels, taking.leads_of.get(p.iri, ()))}
                         for p in _sorted_refs(labels, goal.projects)],
            "area_projects": _sorted_refs(labels, goal.area_projects),
        }
    return tuple(Rows(keys, make) for keys in goals.keys[lang])  # type: ignore[return-value]


def _project_rows(order: GapOrder, lang: str, labels: _Labeller, taking: _Participations, competence: str | None) -> Rows:
    """The projects of each competence (or the chosen one): what they serve and who leads them."""
    keys = order.project_keys[lang] if competence is None else order.project_keys_of[lang].get(competence, [])

    def make(i: int) -> dict:
        comp, project = order.project_pairs[i]
        return {"competence": labels.ref(comp), "project": labels.ref(project),
                "serves": _sorted_refs(labels, order.serves.get(project, ())),
                "leads": _sorted_refs(labels, taking.leads_of.get(project, ()))}
    return Rows(keys, make)


def _competence_rows(order: GapOrder, lang: str, labels: _Labeller, competence: str | None) -> Rows:
    """Per competence: projects, actors, goals and goals without projects."""
    keys = order.competence_keys[lang]
    if competence:  # every table follows the competence filter
        keys = [i for i in keys if order.competences[i] == competence]

    def make(i: int) -> dict:
        projects, actors, goals, open_goals = order.competence_counts[i]
        return {"competence": labels.ref(order.competences[i]), "projects": projects, "actors": actors,
                "goals": goals, "goals_without_projects": open_goals}
    return Rows(keys, make)


def _actor_rows(order: GapOrder, lang: str, labels: _Labeller, taking: _Participations, competence: str | None) -> Rows:
    """Projects per actor (of the chosen competence's projects), and how many of them the actor leads."""
    actors, projects_of, led_by_actor = order.actors, taking.projects_of, taking.led_by_actor
    keys = order.actor_keys[lang]
    if competence:
        chosen, actors = _taking_part(order, taking, competence)
        projects_of = {a: projects_of[a] & chosen for a in actors}
        led_by_actor = {a: led_by_actor.get(a, set()) & chosen for a in actors}
        keys = actor_order(actors, projects_of, led_by_actor, order.ranks[lang])
    return Rows(keys, lambda i: {"actor": labels.ref(actors[i]), "projects": len(projects_of[actors[i]]),
                                 "leads": len(led_by_actor.get(actors[i], ()))})


def _shared_rows(order: GapOrder, lang: str, labels: _Labeller, taking: _Participations, competence: str | None) -> Rows:
    """Pairs of projects (of the chosen competence) that share actors, with the actors they share."""
    pairs, counts, keys = order.shared_pairs, order.shared_counts, order.shared_keys[lang]
    if competence:
        chosen, actors = _taking_part(order, taking, competence)
        pairs = shared_pairs((a, taking.projects_of[a] & chosen) for a in actors)
        counts = [len(taking.actors_of[a] & taking.actors_of[b]) for a, b in pairs]
        keys = shared_order(pairs, counts, order.ranks[lang])

    def make(i: int) -> dict:
        first, second = order.first_of_pair(pairs[i], lang)
        # a set filled in the order the actors take part, as the per-request tables filled it: actors of
        # the same name come out of the stable sort below in that set's order, as they did
        shared = set(sorted(taking.actors_of[first] & taking.actors_of[second], key=order.actor_position.__getitem__))
        return {"project": labels.ref(first), "other_project": labels.ref(second), "count": counts[i],
                "actors": _sorted_refs(labels, shared)}
    return Rows(keys, make)


def _taking_part(order: GapOrder, taking: _Participations, competence: str) -> tuple[set[str], list[str]]:
    """The competence's projects, and the actors taking part in them in the facts' order."""
    chosen = order.projects_of_competence.get(competence, set())
    positions = sorted({order.actor_position[a] for p in chosen for a in taking.actors_of.get(p, ())})
    return chosen, [order.actors[i] for i in positions]


def _unpublished_rows(order: GapOrder, facts: GapFacts, lang: str, labels: _Labeller, competence: str | None) -> Rows:
    keys = order.unpublished_keys[lang]
    if competence is not None:
        keys = [i for i in keys if facts.unpublished[i][0] == competence]
    rows = facts.unpublished
    return Rows(keys, lambda i: {"competence": labels.ref(rows[i][0]), "unknown": labels.ref(rows[i][1])})


def analyse(knowledge, settings, lang: str = "de", competence: str | None = None, page_href=None,
            tables: tuple[str, ...] = TABLES) -> GapAnalysis:
    """The gap tables in `lang` (de or en); `page_href(iri)` gives the local page of a resource (None: no links).

    Only the `tables` asked for are made (the others stay empty), and their rows only when read
    (`Rows`): their order was found at start (kg/analysis/gap_order.py)."""
    labels = _Labeller(knowledge, lang, page_href)
    facts: GapFacts = knowledge.gap_facts
    order: GapOrder = knowledge.gap_order
    taking = facts.taking
    found = GapAnalysis(lang=lang, competence=labels.ref(competence) if competence else None,
                        competences_available=Rows(order.competences_by_name[lang], labels.ref),
                        unpublished=_unpublished_rows(order, facts, lang, labels, competence))
    if "goals" in tables:
        chosen = competence if competence and gd.is_safe_iri(competence) else None
        goals = order.goals if chosen is None else order.goals_of.get(chosen, EMPTY_GOALS)
        found.goals, found.goals_without_projects, found.goals_with_projects = _goal_rows(goals, lang, labels, taking)
    if "projects" in tables:
        found.projects = _project_rows(order, lang, labels, taking, competence)
    if "competences" in tables:
        found.competences = _competence_rows(order, lang, labels, competence)
    if "actors" in tables:
        found.actors = _actor_rows(order, lang, labels, taking, competence)
    if "shared" in tables:
        found.shared = _shared_rows(order, lang, labels, taking, competence)
    return found


EMPTY_GOALS = GoalTable([], {lang: ([], [], []) for lang in LANGUAGES})

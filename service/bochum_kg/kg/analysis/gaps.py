"""Gap and overlap analysis for planners: which goals have no projects, who carries how much.

    analyse(knowledge, settings, lang, competence=None) -> GapAnalysis

The facts the tables are made of (`GapFacts`: the rows of seven SELECT queries, participations
already grouped) are read once at start (kg/graph.py; a prebuilt directory holds them): at 5M
triples reading them took 7–10 s per request. A request only filters, names and sorts them.
Four tables:

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
from dataclasses import dataclass, field

from bochum_kg.kg.analysis import graph_data as gd

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
    lang: str
    competence: Ref | None
    competences_available: list[Ref]
    goals: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    competences: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    shared: list[dict] = field(default_factory=list)
    # competences whose goal areas and goals the sources do not publish (known unknowns): their
    # goals are not "without project", they are not known at all
    unpublished: list[dict] = field(default_factory=list)

    @property
    def goals_without_projects(self) -> list[dict]:
        return [g for g in self.goals if not g["projects"]]

    @property
    def goals_with_projects(self) -> list[dict]:
        return [g for g in self.goals if g["projects"]]


def _order(value: str | None) -> int:
    """An order's lexical form as a number (rdflib's toPython then int: "2", "2.5" and "2.0E0" give 2)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return 10_000


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


def _goal_table(facts: GapFacts, labels: _Labeller, taking: _Participations, competence: str | None) -> list[dict]:
    """Every goal (of the chosen competence) with its area, competence, projects and their leads."""
    chosen = competence if competence and gd.is_safe_iri(competence) else None
    goals: dict[str, dict] = {}
    for goal, area, goal_competence, goal_order, area_order, project, area_project in facts.goals:
        if chosen is not None and goal_competence != chosen:
            continue
        entry = goals.setdefault(goal, {
            "goal": goal, "area": area, "competence": goal_competence,
            "order": (_order(area_order), _order(goal_order)),
            "projects": set(), "area_projects": set(),
        })
        if project is not None:
            entry["projects"].add(project)
        if area_project is not None:
            entry["area_projects"].add(area_project)
    rows = [{
        "goal": labels.ref(entry["goal"]),
        "area": labels.ref(entry["area"]),
        "competence": labels.ref(entry["competence"]),
        "order": entry["order"],
        "projects": [{"project": p, "leads": _sorted_refs(labels, taking.leads_of.get(p.iri, ()))}
                     for p in _sorted_refs(labels, entry["projects"])],
        "area_projects": _sorted_refs(labels, entry["area_projects"]),
    } for entry in goals.values()]
    rows.sort(key=lambda g: (g["competence"].label.lower(), g["order"], g["area"].label.lower(), g["goal"].label.lower()))
    return rows


def _project_table(facts: GapFacts, labels: _Labeller, taking: _Participations, competence: str | None) -> list[dict]:
    """The projects of each competence (or the chosen one): what they serve and who leads them."""
    serves: dict[str, set[str]] = defaultdict(set)
    for project, target in facts.serves:
        serves[project].add(target)
    pairs = sorted({(comp, project) for comp, project in facts.competence_projects if project is not None
                    and (competence is None or comp == competence)})
    rows = [{
        "competence": labels.ref(comp),
        "project": labels.ref(project),
        "serves": _sorted_refs(labels, serves.get(project, ())),
        "leads": _sorted_refs(labels, taking.leads_of.get(project, ())),
    } for comp, project in pairs]
    rows.sort(key=lambda r: (r["competence"].label.lower(), r["project"].label.lower()))
    return rows


def _competence_table(facts: GapFacts, labels: _Labeller, taking: _Participations, competences: list[str],
                      projects_by_comp: dict[str, set[str]]) -> list[dict]:
    """Per competence: projects, actors, goals and goals without projects."""
    goals_by_comp: dict[str, set[str]] = defaultdict(set)
    for comp, goal in facts.competence_goals:
        if goal is not None:
            goals_by_comp[comp].add(goal)
    served = facts.served
    rows = []
    for comp in competences:
        projects = projects_by_comp.get(comp, set())
        actors = set().union(*(taking.actors_of.get(p, set()) for p in projects)) if projects else set()
        comp_goals = goals_by_comp.get(comp, set())
        rows.append({"competence": labels.ref(comp), "projects": len(projects), "actors": len(actors),
                     "goals": len(comp_goals), "goals_without_projects": len(comp_goals - served)})
    rows.sort(key=lambda r: (-r["projects"], -r["actors"], r["competence"].label.lower()))
    return rows


def _actor_table(labels: _Labeller, projects_of, led_by_actor, actors_of) -> list[dict]:
    """Projects per actor, and how many of them the actor leads."""
    rows = [{"actor": labels.ref(a), "projects": len(ps), "leads": len(led_by_actor.get(a, ()))}
            for a, ps in projects_of.items()]
    rows.sort(key=lambda r: (-r["projects"], -r["leads"], r["actor"].label.lower()))
    return rows


def _shared_table(labels: _Labeller, projects_of) -> list[dict]:
    """Pairs of projects that share actors, with the actors they share."""
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for actor, projects in projects_of.items():
        ordered = sorted(projects)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                pairs[(first, second)].add(actor)
    rows = []
    for (first, second), actors in pairs.items():
        a, b = sorted((labels.ref(first), labels.ref(second)), key=lambda r: r.label.lower())
        rows.append({"project": a, "other_project": b, "count": len(actors), "actors": _sorted_refs(labels, actors)})
    rows.sort(key=lambda r: (-r["count"], r["project"].label.lower(), r["other_project"].label.lower()))
    return rows


def analyse(knowledge, settings, lang: str = "de", competence: str | None = None, page_href=None,
            tables: tuple[str, ...] = TABLES) -> GapAnalysis:
    """The gap tables; `page_href(iri)` gives the local page of a resource (None: no links).

    Only the `tables` asked for are made (the others stay empty): one table's CSV or JSON needs
    one, and at 5M triples the pairs of projects sharing actors alone are 100,000 rows."""
    labels = _Labeller(knowledge, lang, page_href)
    facts: GapFacts = knowledge.gap_facts
    all_competences = sorted({comp for comp, _ in facts.competence_projects})
    taking = facts.taking
    projects_by_comp: dict[str, set[str]] = defaultdict(set)
    for comp, project in facts.competence_projects:
        if project is not None:
            projects_by_comp[comp].add(project)

    goal_rows = _goal_table(facts, labels, taking, competence) if "goals" in tables else []
    project_rows = _project_table(facts, labels, taking, competence) if "projects" in tables else []
    comp_rows = _competence_table(facts, labels, taking, all_competences, projects_by_comp) if "competences" in tables else []
    projects_of, led_by_actor = taking.projects_of, taking.led_by_actor
    if competence:  # every table follows the competence filter
        comp_rows = [r for r in comp_rows if r["competence"].iri == competence]
        chosen_projects = projects_by_comp.get(competence, set())
        projects_of = {a: ps & chosen_projects for a, ps in projects_of.items() if ps & chosen_projects}
        led_by_actor = {a: ps & chosen_projects for a, ps in led_by_actor.items()}
    unpublished = sorted(({"competence": labels.ref(comp), "unknown": labels.ref(unknown)}
                          for comp, unknown in facts.unpublished if competence is None or comp == competence),
                         key=lambda r: r["competence"].label.lower())
    return GapAnalysis(
        lang=lang,
        competence=labels.ref(competence) if competence else None,
        competences_available=_sorted_refs(labels, all_competences),
        goals=goal_rows,
        projects=project_rows,
        competences=comp_rows,
        actors=_actor_table(labels, projects_of, led_by_actor, taking.actors_of) if "actors" in tables else [],
        shared=_shared_table(labels, projects_of) if "shared" in tables else [],
        unpublished=unpublished,
    )


# --- flat tables for CSV and JSON ------------------------------------------------------------


def _names(refs) -> str:
    return "; ".join(r.label for r in refs)


def _iris(refs) -> str:
    return " ".join(r.iri for r in refs)


def flat_table(analysis: GapAnalysis, table: str) -> tuple[list[str], list[dict]]:
    """(columns, rows of plain values) of one table, for CSV downloads and the JSON API."""
    if table == "goals":
        columns = ["competence", "competence_label", "goal_area", "goal_area_label", "goal", "goal_label",
                   "project_count", "projects", "project_labels", "leads", "lead_labels", "goal_area_projects"]
        rows = []
        for g in analysis.goals:
            projects = [p["project"] for p in g["projects"]]
            leads = {lead.iri: lead for p in g["projects"] for lead in p["leads"]}
            lead_refs = sorted(leads.values(), key=lambda r: r.label.lower())
            rows.append({
                "competence": g["competence"].iri, "competence_label": g["competence"].label,
                "goal_area": g["area"].iri, "goal_area_label": g["area"].label,
                "goal": g["goal"].iri, "goal_label": g["goal"].label,
                "project_count": len(projects), "projects": _iris(projects), "project_labels": _names(projects),
                "leads": _iris(lead_refs), "lead_labels": _names(lead_refs),
                "goal_area_projects": _names(g["area_projects"]),
            })
        return columns, rows
    if table == "projects":
        columns = ["competence", "competence_label", "project", "project_label", "serves", "serves_labels",
                   "leads", "lead_labels"]
        return columns, [{
            "competence": r["competence"].iri, "competence_label": r["competence"].label,
            "project": r["project"].iri, "project_label": r["project"].label,
            "serves": _iris(r["serves"]), "serves_labels": _names(r["serves"]),
            "leads": _iris(r["leads"]), "lead_labels": _names(r["leads"]),
        } for r in analysis.projects]
    if table == "competences":
        columns = ["competence", "competence_label", "projects", "actors", "goals", "goals_without_projects"]
        return columns, [{
            "competence": r["competence"].iri, "competence_label": r["competence"].label,
            "projects": r["projects"], "actors": r["actors"], "goals": r["goals"],
            "goals_without_projects": r["goals_without_projects"],
        } for r in analysis.competences]
    if table == "actors":
        columns = ["actor", "actor_label", "projects", "leads"]
        return columns, [{
            "actor": r["actor"].iri, "actor_label": r["actor"].label, "projects": r["projects"], "leads": r["leads"],
        } for r in analysis.actors]
    if table == "shared":
        columns = ["project", "project_label", "other_project", "other_project_label", "shared_actors",
                   "shared_actor_labels", "count"]
        return columns, [{
            "project": r["project"].iri, "project_label": r["project"].label,
            "other_project": r["other_project"].iri, "other_project_label": r["other_project"].label,
            "shared_actors": _iris(r["actors"]), "shared_actor_labels": _names(r["actors"]), "count": r["count"],
        } for r in analysis.shared]
    raise KeyError(table)

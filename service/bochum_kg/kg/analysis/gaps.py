"""Gap and overlap analysis for planners: which goals have no projects, who carries how much.

    analyse(knowledge, settings, lang, competence=None) -> GapAnalysis

Four tables, each computed from a few SELECT queries and aggregated here:

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

from rdflib import URIRef

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


def _order(value) -> int:
    try:
        return int(value.toPython() if hasattr(value, "toPython") else value)
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


def _participations(knowledge, lead_role: str) -> _Participations:
    found = _Participations(defaultdict(set), defaultdict(set), defaultdict(set), defaultdict(set))
    for project, actor, role in knowledge.queries.select_plain(knowledge.store, "gaps-participations"):
        found.actors_of[project].add(actor)
        found.projects_of[actor].add(project)
        if role == lead_role:
            found.leads_of[project].add(actor)
            found.led_by_actor[actor].add(project)
    return found


def _goal_table(knowledge, labels: _Labeller, taking: _Participations, competence: str | None) -> list[dict]:
    """Every goal (of the chosen competence) with its area, competence, projects and their leads."""
    chosen = {"competence": URIRef(competence)} if competence and gd.is_safe_iri(competence) else None
    goals: dict[str, dict] = {}
    for row in knowledge.select("gaps-goals", chosen).rows:
        goal = str(row["goal"])
        entry = goals.setdefault(goal, {
            "goal": goal, "area": str(row["area"]), "competence": str(row["competence"]),
            "order": (_order(row.get("areaOrder")), _order(row.get("goalOrder"))),
            "projects": set(), "area_projects": set(),
        })
        if "project" in row:
            entry["projects"].add(str(row["project"]))
        if "areaProject" in row:
            entry["area_projects"].add(str(row["areaProject"]))
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


def _project_table(knowledge, labels: _Labeller, taking: _Participations, competence_rows, competence: str | None) -> list[dict]:
    """The projects of each competence (or the chosen one): what they serve and who leads them."""
    serves: dict[str, set[str]] = defaultdict(set)
    for row in knowledge.select("gaps-serves").rows:
        serves[str(row["project"])].add(str(row["target"]))
    pairs = sorted({(str(r["competence"]), str(r["project"])) for r in competence_rows if "project" in r
                    and (competence is None or str(r["competence"]) == competence)})
    rows = [{
        "competence": labels.ref(comp),
        "project": labels.ref(project),
        "serves": _sorted_refs(labels, serves.get(project, ())),
        "leads": _sorted_refs(labels, taking.leads_of.get(project, ())),
    } for comp, project in pairs]
    rows.sort(key=lambda r: (r["competence"].label.lower(), r["project"].label.lower()))
    return rows


def _competence_table(knowledge, labels: _Labeller, taking: _Participations, competences: list[str],
                      projects_by_comp: dict[str, set[str]]) -> list[dict]:
    """Per competence: projects, actors, goals and goals without projects."""
    goals_by_comp: dict[str, set[str]] = defaultdict(set)
    for row in knowledge.select("gaps-competence-goals").rows:
        if "goal" in row:
            goals_by_comp[str(row["competence"])].add(str(row["goal"]))
    served = {str(r["goal"]) for r in knowledge.select("served-goals").rows}
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


def analyse(knowledge, settings, lang: str = "de", competence: str | None = None, page_href=None) -> GapAnalysis:
    """The gap tables; `page_href(iri)` gives the local page of a resource (None: no links)."""
    labels = _Labeller(knowledge, lang, page_href)
    competence_rows = knowledge.select("gaps-competence-projects").rows
    all_competences = sorted({str(r["competence"]) for r in competence_rows})
    taking = _participations(knowledge, settings.base_iri + "role/lead")
    projects_by_comp: dict[str, set[str]] = defaultdict(set)
    for row in competence_rows:
        if "project" in row:
            projects_by_comp[str(row["competence"])].add(str(row["project"]))

    goal_rows = _goal_table(knowledge, labels, taking, competence)
    project_rows = _project_table(knowledge, labels, taking, competence_rows, competence)
    comp_rows = _competence_table(knowledge, labels, taking, all_competences, projects_by_comp)
    projects_of, led_by_actor = taking.projects_of, taking.led_by_actor
    if competence:  # every table follows the competence filter
        comp_rows = [r for r in comp_rows if r["competence"].iri == competence]
        chosen_projects = projects_by_comp.get(competence, set())
        projects_of = {a: ps & chosen_projects for a, ps in projects_of.items() if ps & chosen_projects}
        led_by_actor = {a: ps & chosen_projects for a, ps in led_by_actor.items()}
    unpublished = sorted(({"competence": labels.ref(str(row["competence"])), "unknown": labels.ref(str(row["unknown"]))}
                          for row in knowledge.select("unpublished-goals").rows
                          if competence is None or str(row["competence"]) == competence),
                         key=lambda r: r["competence"].label.lower())
    return GapAnalysis(
        lang=lang,
        competence=labels.ref(competence) if competence else None,
        competences_available=_sorted_refs(labels, all_competences),
        goals=goal_rows,
        projects=project_rows,
        competences=comp_rows,
        actors=_actor_table(labels, projects_of, led_by_actor, taking.actors_of),
        shared=_shared_table(labels, projects_of),
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

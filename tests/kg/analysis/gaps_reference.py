"""The gap tables as they were made before their order was found at start: every row named and
sorted per request (name = label.lower(), stable sorts over the facts' order). The tests compare
kg/analysis/gaps.py with this, on the real data and on facts whose names tie."""

from __future__ import annotations

from bochum_kg.kg.analysis.gap_order import goal_order


def reference(knowledge, lang: str, competence: str | None) -> dict[str, list]:
    """table (and "goals_without_projects", "goals_with_projects", "unpublished", "competences_available")
    -> its rows, as dicts of (IRI, name) pairs and counts."""
    facts, taking = knowledge.gap_facts, knowledge.gap_facts.taking

    def ref(iri):
        return (iri, knowledge.labels.label(iri, lang))

    def refs(iris):
        return sorted((ref(i) for i in iris), key=lambda r: r[1].lower())

    chosen = competence or None
    goals: dict[str, dict] = {}
    for goal, area, comp, order, area_order, project, area_project in facts.goals:
        if chosen is not None and comp != chosen:
            continue
        entry = goals.setdefault(goal, {"goal": goal, "area": area, "competence": comp, "projects": set(),
                                        "area_projects": set(), "order": (goal_order(area_order), goal_order(order))})
        if project is not None:
            entry["projects"].add(project)
        if area_project is not None:
            entry["area_projects"].add(area_project)
    goal_rows = [{"goal": ref(e["goal"]), "area": ref(e["area"]), "competence": ref(e["competence"]), "order": e["order"],
                  "projects": [(p, refs(taking.leads_of.get(p[0], ()))) for p in refs(e["projects"])],
                  "area_projects": refs(e["area_projects"])} for e in goals.values()]
    goal_rows.sort(key=lambda g: (g["competence"][1].lower(), g["order"], g["area"][1].lower(), g["goal"][1].lower()))

    serves: dict[str, set[str]] = {}
    for project, target in facts.serves:
        serves.setdefault(project, set()).add(target)
    pairs = sorted({(c, p) for c, p in facts.competence_projects if p is not None and (competence is None or c == competence)})
    project_rows = [{"competence": ref(c), "project": ref(p), "serves": refs(serves.get(p, ())),
                     "leads": refs(taking.leads_of.get(p, ()))} for c, p in pairs]
    project_rows.sort(key=lambda r: (r["competence"][1].lower(), r["project"][1].lower()))

    comps = sorted({c for c, _ in facts.competence_projects})
    projects_by_comp: dict[str, set[str]] = {}
    for c, p in facts.competence_projects:
        if p is not None:
            projects_by_comp.setdefault(c, set()).add(p)
    goals_by_comp: dict[str, set[str]] = {}
    for c, g in facts.competence_goals:
        if g is not None:
            goals_by_comp.setdefault(c, set()).add(g)
    comp_rows = []
    for c in comps:
        projects = projects_by_comp.get(c, set())
        actors = set().union(*(taking.actors_of.get(p, set()) for p in projects))
        comp_goals = goals_by_comp.get(c, set())
        comp_rows.append({"competence": ref(c), "projects": len(projects), "actors": len(actors), "goals": len(comp_goals),
                          "goals_without_projects": len(comp_goals - facts.served)})
    comp_rows.sort(key=lambda r: (-r["projects"], -r["actors"], r["competence"][1].lower()))

    projects_of, led_by_actor = taking.projects_of, taking.led_by_actor
    if competence:
        comp_rows = [r for r in comp_rows if r["competence"][0] == competence]
        mine = projects_by_comp.get(competence, set())
        projects_of = {a: ps & mine for a, ps in projects_of.items() if ps & mine}
        led_by_actor = {a: ps & mine for a, ps in led_by_actor.items()}
    actor_rows = [{"actor": ref(a), "projects": len(ps), "leads": len(led_by_actor.get(a, ()))} for a, ps in projects_of.items()]
    actor_rows.sort(key=lambda r: (-r["projects"], -r["leads"], r["actor"][1].lower()))

    shared: dict[tuple[str, str], set[str]] = {}
    for actor, projects in projects_of.items():
        ordered = sorted(projects)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                shared.setdefault((first, second), set()).add(actor)
    shared_rows = []
    for (first, second), actors in shared.items():
        a, b = sorted((ref(first), ref(second)), key=lambda r: r[1].lower())
        shared_rows.append({"project": a, "other_project": b, "count": len(actors), "actors": refs(actors)})
    shared_rows.sort(key=lambda r: (-r["count"], r["project"][1].lower(), r["other_project"][1].lower()))

    unpublished = sorted(({"competence": ref(c), "unknown": ref(u)} for c, u in facts.unpublished
                          if competence is None or c == competence), key=lambda r: r["competence"][1].lower())
    return {"goals": goal_rows, "goals_without_projects": [g for g in goal_rows if not g["projects"]],
            "goals_with_projects": [g for g in goal_rows if g["projects"]], "projects": project_rows,
            "competences": comp_rows, "actors": actor_rows, "shared": shared_rows, "unpublished": unpublished,
            "competences_available": refs(comps)}


def plain(value):
    """A row of kg/analysis/gaps.py with each Ref as (IRI, name), comparable with the reference's."""
    if hasattr(value, "iri"):
        return (value.iri, value.label)
    if isinstance(value, dict):
        if set(value) == {"project", "leads"}:
            return (plain(value["project"]), plain(value["leads"]))
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value

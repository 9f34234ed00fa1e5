"""The gap tables as flat rows of plain values, for the CSV and JSON of /api/gaps/{table}.

    flat_table(analysis, table, start, stop) -> (columns, rows start..stop of the table)

Only the rows asked for are made (kg/analysis/gaps.py `Rows`): a page of the API costs its rows.
"""

from __future__ import annotations

COLUMNS = {
    "goals": ["competence", "competence_label", "goal_area", "goal_area_label", "goal", "goal_label",
              "project_count", "projects", "project_labels", "leads", "lead_labels", "goal_area_projects"],
    "projects": ["competence", "competence_label", "project", "project_label", "serves", "serves_labels",
                 "leads", "lead_labels"],
    "competences": ["competence", "competence_label", "projects", "actors", "goals", "goals_without_projects"],
    "actors": ["actor", "actor_label", "projects", "leads"],
    "shared": ["project", "project_label", "other_project", "other_project_label", "shared_actors",
               "shared_actor_labels", "count"],
}


def _names(refs) -> str:
    return "; ".join(r.label for r in refs)


def _iris(refs) -> str:
    return " ".join(r.iri for r in refs)


def _goal(g: dict) -> dict:
    projects = [p["project"] for p in g["projects"]]
    leads = {lead.iri: lead for p in g["projects"] for lead in p["leads"]}
    lead_refs = sorted(leads.values(), key=lambda r: r.label.lower())
    return {
        "competence": g["competence"].iri, "competence_label": g["competence"].label,
        "goal_area": g["area"].iri, "goal_area_label": g["area"].label,
        "goal": g["goal"].iri, "goal_label": g["goal"].label,
        "project_count": len(projects), "projects": _iris(projects), "project_labels": _names(projects),
        "leads": _iris(lead_refs), "lead_labels": _names(lead_refs),
        "goal_area_projects": _names(g["area_projects"]),
    }


def _project(r: dict) -> dict:
    return {
        "competence": r["competence"].iri, "competence_label": r["competence"].label,
        "project": r["project"].iri, "project_label": r["project"].label,
        "serves": _iris(r["serves"]), "serves_labels": _names(r["serves"]),
        "leads": _iris(r["leads"]), "lead_labels": _names(r["leads"]),
    }


def _competence(r: dict) -> dict:
    return {
        "competence": r["competence"].iri, "competence_label": r["competence"].label,
        "projects": r["projects"], "actors": r["actors"], "goals": r["goals"],
        "goals_without_projects": r["goals_without_projects"],
    }


def _actor(r: dict) -> dict:
    return {"actor": r["actor"].iri, "actor_label": r["actor"].label, "projects": r["projects"], "leads": r["leads"]}


def _shared(r: dict) -> dict:
    return {
        "project": r["project"].iri, "project_label": r["project"].label,
        "other_project": r["other_project"].iri, "other_project_label": r["other_project"].label,
        "shared_actors": _iris(r["actors"]), "shared_actor_labels": _names(r["actors"]), "count": r["count"],
    }


FLAT = {"goals": _goal, "projects": _project, "competences": _competence, "actors": _actor, "shared": _shared}


def flat_table(analysis, table: str, start: int = 0, stop: int | None = None) -> tuple[list[str], list[dict]]:
    """(columns, rows start..stop of one table as plain values); a KeyError for no such table."""
    flat = FLAT[table]
    return COLUMNS[table], [flat(row) for row in getattr(analysis, table)[start:stop]]

"""The key facts at the top of a resource's page, chosen by kind of resource, and who takes part in
which role (the actors of a project, the projects of an actor)."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Node

from bochum_kg.kg.labels import FOAF
from bochum_kg.web.context import kg, label_with_lang
from bochum_kg.web.pages.resource_hierarchy import ancestors
from bochum_kg.web.pages.resource_statements import PropertyGroup
from bochum_kg.web.pages.values import Value, bs, in_page_language, inbound, term_value

NOT_STATED = {"de": "keine Angabe in den Quellen", "en": "not stated in the sources"}
PRIMARY_NOTE = {"de": "(Hauptkompetenz)", "en": "(primary competence)"}


def summary_predicates(kinds: set[str]) -> list[tuple[str, bool]]:
    """(predicate, inverse) rows of the key-facts box for a resource of these classes."""
    rows: list[tuple[str, bool]] = []
    if bs("Project") in kinds:  # bs:competence is shown with bs:primaryCompetence (key_facts)
        rows += [(bs("status"), False), (bs("competence"), False),
                 (bs("servesGoal"), False), (bs("servesGoalArea"), False), (bs("site"), False),
                 (bs("startDate"), False), (bs("endDate"), False), (bs("tranche"), False),
                 (bs("partOfProject"), False), (bs("mergedInto"), False)]
    if bs("Actor") in kinds:
        rows += [(bs("subOrganisationOf"), False), (bs("postIn"), False), (bs("memberOf"), False),
                 (bs("locatedAt"), False), (bs("foundingDate"), False), (FOAF + "homepage", False)]
    if bs("Site") in kinds:
        rows += [(bs("withinSite"), False), (bs("district"), False), (bs("developer"), False), (bs("formerUse"), False)]
    if bs("Participation") in kinds:
        rows += [(bs("participation"), True), (bs("agent"), False), (bs("role"), False),
                 (bs("startDate"), False), (bs("endDate"), False)]
    if bs("Figure") in kinds:
        rows += [(bs("figure"), True), (bs("value"), False), (bs("unit"), False), (bs("approximate"), False),
                 (bs("measure"), False), (bs("referenceDate"), False)]
    if bs("StrategyEvent") in kinds:
        rows += [(bs("date"), False), (bs("decidedBy"), False), (bs("concerns"), False)]
    if bs("Tranche") in kinds:
        rows += [(bs("plannedCount"), False)]
    if bs("Strategy") in kinds:
        rows += [(bs("horizon"), False), (bs("formula"), False), (FOAF + "homepage", False)]
    if bs("Goal") in kinds:
        rows += [(bs("inGoalArea"), False)]
    if bs("GoalArea") in kinds or bs("StrategicAim") in kinds:
        rows += [(bs("inCompetence"), False)]
    if bs("Competence") in kinds:
        rows += [(bs("tagline"), False), (bs("expressesFormulaTerm"), False), (bs("developsInto"), False)]
    seen, unique = set(), []
    for row in rows:
        if row not in seen:
            seen.add(row)
            unique.append(row)
    return unique


def _always_shown() -> tuple[str, ...]:
    return (bs("status"), bs("competence"), bs("servesGoal"), bs("servesGoalArea"), bs("site"))


def key_facts(iri: str, out: dict[str, list[Node]], kinds: set[str], lang: str, unit: str | None) -> list[PropertyGroup]:
    """The rows of the key-facts box: a project's primary competence first, the goals it serves with
    where they stand, and "not stated" where a project's source says nothing."""
    summary = []
    is_project = bs("Project") in kinds
    for predicate, inverse in summary_predicates(kinds):
        if inverse:
            terms = [x for x, p in inbound(iri) if str(p) == predicate]
        else:
            terms = out.get(predicate, [])
        primary: set[str] = set()
        if is_project and predicate == bs("competence"):
            primary = {str(t) for t in out.get(bs("primaryCompetence"), [])}
            terms = list(out.get(bs("primaryCompetence"), [])) + [t for t in terms if str(t) not in primary]
        if not terms:
            if is_project and predicate in _always_shown():
                text, text_lang = label_with_lang(predicate, lang)
                summary.append(PropertyGroup(predicate, text, text_lang, [Value(text=NOT_STATED[lang])], count=0))
            continue
        terms = in_page_language(terms, lang)
        values = sorted((term_value(t, lang, unit if predicate == bs("value") else None) for t in terms),
                        key=lambda v: (v.iri not in primary, v.sort_key))
        for v in values:
            if v.iri in primary:
                v.note = PRIMARY_NOTE[lang]
        for v in values:
            if v.iri and predicate in (bs("servesGoal"), bs("servesGoalArea")):
                chain = ancestors(v.iri, lang)
                v.note = " › ".join(a.text for a in chain if a.iri != v.iri) or None
        text, text_lang = label_with_lang(predicate, lang)
        if inverse:
            names = {bs("participation"): ("Projekt", "Project"), bs("figure"): ("Gegenstand", "Subject")}
            text, text_lang = (names[predicate][0] if lang == "de" else names[predicate][1]), lang
        summary.append(PropertyGroup(predicate, text, text_lang, values, inverse=inverse, count=len(values)))
    return summary


def participations(iri: str, kinds: set[str], lang: str) -> tuple[list[dict], str | None]:
    """Who takes part in which role: actors of a project, or projects of an actor."""
    if bs("Project") in kinds:
        rows = kg().select("project-participations", {"project": URIRef(iri)}).rows
        mode = "project"
    elif bs("Actor") in kinds:
        rows = kg().select("actor-participations", {"agent": URIRef(iri)}).rows
        mode = "actor"
    else:
        return [], None
    items = []
    for row in rows:
        items.append({
            "participation": term_value(row["part"], lang),
            "agent": term_value(row["agent"], lang) if "agent" in row else None,
            "project": term_value(row["project"], lang) if "project" in row else None,
            "role": term_value(row["role"], lang) if "role" in row else None,
        })
    other = "agent" if mode == "project" else "project"
    items.sort(key=lambda i: ((i[other].text.casefold() if i[other] else ""), (i["role"].text if i["role"] else ""), i["participation"].iri))
    return items, mode

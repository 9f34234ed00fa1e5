"""Which index page (`/{kind}/`, web/pages/indexes.py) lists the members of an ontology class.

Shared by the faces that link to the indexes: the ontology page, the API documentation's forms
and the explorer's "all …" links.
"""

from __future__ import annotations

from flask import request

from bochum_kg.web.context import kg

CLASS_SEGMENTS = {
    "Strategy": "strategy", "StrategyEvent": "event", "CouncilDecision": "event", "Tranche": "tranche",
    "FormulaTerm": "formula", "Competence": "competence", "CrossCuttingTheme": "theme", "GoalArea": "goal-area",
    "Goal": "goal", "StrategicAim": "aim", "Project": "project", "CoreActivity": "project",
    "RelatedInitiative": "project", "Participation": "participation", "Actor": "actor", "Organisation": "actor",
    "Municipality": "actor", "CityUnit": "actor", "MunicipalCompany": "actor", "HigherEducationInstitution": "actor",
    "ResearchInstitute": "actor", "Company": "actor", "Association": "actor", "Network": "actor",
    "PublicAuthority": "actor", "PublicOffice": "actor", "Site": "site", "DevelopmentPole": "site", "Figure": "figure",
}
#: the indexes with a class filter, and the class every member of each has (its link needs no filter)
BASE_CLASS_OF_SEGMENT = {"event": "StrategyEvent", "project": "Project", "actor": "Actor", "site": "Site"}


def index_href_for_class(class_iri: str) -> str | None:
    """The index page listing members of an ontology class (None for classes without one)."""
    ns = kg().settings.ontology_namespace
    if not class_iri.startswith(ns):
        return None
    local = class_iri[len(ns):]
    segment = CLASS_SEGMENTS.get(local)
    if segment is None:
        return None
    href = request.script_root + "/" + segment + "/"
    if segment in BASE_CLASS_OF_SEGMENT and local not in BASE_CLASS_OF_SEGMENT.values():  # an index with a class filter
        href += "?class=" + local
    return href

"""The names of the kinds of resource in German and English, and the order of their sheets.

A kind is the first path segment of our IRIs (`project/…`). Kinds not listed here (added to
the data later) still get a sheet, named after their most frequent class, after the listed ones.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindNames:
    sheet_de: str
    sheet_en: str
    one_de: str
    one_en: str
    unknown_de: str  # "keine bekannte Kompetenz": German needs the article's gender

    def unknown(self, lang: str) -> str:
        return self.unknown_de if lang == "de" else f"not a known {self.one_en}"


#: In sheet order: what planners maintain most first, then the vocabularies.
KNOWN_KINDS = {
    "competence": KindNames("Kompetenzen", "Competences", "Kompetenz", "competence", "keine bekannte Kompetenz"),
    "aim": KindNames("Strategische Ziele", "Strategic aims", "strategisches Ziel", "strategic aim", "kein bekanntes strategisches Ziel"),
    "goal-area": KindNames("Schwerpunkte", "Goal areas", "Schwerpunkt", "goal area", "kein bekannter Schwerpunkt"),
    "goal": KindNames("Ziele", "Goals", "Ziel", "goal", "kein bekanntes Ziel"),
    "project": KindNames("Projekte", "Projects", "Projekt", "project", "kein bekanntes Projekt"),
    "participation": KindNames("Beteiligungen", "Participations", "Beteiligung", "participation", "keine bekannte Beteiligung"),
    "actor": KindNames("Akteure", "Actors", "Akteur", "actor", "kein bekannter Akteur"),
    "site": KindNames("Standorte", "Sites", "Standort", "site", "kein bekannter Standort"),
    "event": KindNames("Ereignisse", "Events", "Ereignis", "event", "kein bekanntes Ereignis"),
    "figure": KindNames("Kennzahlen", "Figures", "Kennzahl", "figure", "keine bekannte Kennzahl"),
    "strategy": KindNames("Strategie", "Strategy", "Strategie", "strategy", "keine bekannte Strategie"),
    "tranche": KindNames("Tranchen", "Tranches", "Tranche", "tranche", "keine bekannte Tranche"),
    "theme": KindNames("Querschnittsthemen", "Cross-cutting themes", "Querschnittsthema", "cross-cutting theme", "kein bekanntes Querschnittsthema"),
    "status": KindNames("Status", "Statuses", "Status", "status", "kein bekannter Status"),
    "role": KindNames("Rollen", "Roles", "Rolle", "role", "keine bekannte Rolle"),
    "measure": KindNames("Messgrößen", "Measures", "Messgröße", "measure", "keine bekannte Messgröße"),
    "formula": KindNames("Formelbegriffe", "Formula terms", "Formelbegriff", "formula term", "kein bekannter Formelbegriff"),
    "scheme": KindNames("Begriffsschemata", "Concept schemes", "Begriffsschema", "concept scheme", "kein bekanntes Begriffsschema"),
}

#: Kinds whose resources are always a closed list (besides every SKOS vocabulary).
CLOSED_KINDS = frozenset({"competence", "goal-area"})

EXPLANATION_SHEET = {"de": "Erläuterung", "en": "Explanation"}
OTHER_SHEET = {"de": "Weitere Aussagen", "en": "Other statements"}
LISTS_SHEET = {"de": "Listen", "en": "Lists"}
MAX_SHEET_NAME = 31  # Excel's limit


def sort_kinds(kinds) -> list[str]:
    """Known kinds in their order, then new kinds alphabetically."""
    known = [k for k in KNOWN_KINDS if k in kinds]
    return known + sorted(k for k in kinds if k not in KNOWN_KINDS)

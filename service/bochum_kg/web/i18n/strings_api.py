"""The words of the API page (/api/, /api/docs). Part of the one table in web/i18n/__init__.py."""

from __future__ import annotations

# key -> (German, English)
STRINGS: dict[str, tuple[str, str]] = {
    "api.title": ("Abfrage-API", "Query API"),
    "api.lead": (
        "Jede benannte Abfrage ist eine Adresse: GET /api/NAME?parameter=… liefert die Ergebnisse als JSON-Liste, "
        "auf Wunsch als SPARQL-JSON, CSV oder TSV (Accept-Header oder ?format=). CONSTRUCT-Abfragen liefern RDF.",
        "Every named query is a URL: GET /api/NAME?parameter=… answers a JSON array, or SPARQL JSON, CSV or TSV on "
        "request (Accept header or ?format=). CONSTRUCT queries answer RDF.",
    ),
    "api.openapi": ("OpenAPI-3.1-Beschreibung", "OpenAPI 3.1 description"),
    "api.catalogue_json": ("Katalog als JSON", "Catalogue as JSON"),
    "api.paging": (
        "Seitenweise: ?limit= (Standard {default}, höchstens {max}) und ?offset=; die Antwort nennt im Link-Header "
        "die erste, vorige, nächste und letzte Seite und in X-Total-Count die Gesamtzahl.",
        "Paging: ?limit= (default {default}, at most {max}) and ?offset=; the Link header names the first, previous, "
        "next and last page and X-Total-Count the total.",
    ),
    "api.errors": (
        "Fehler kommen als JSON: {\"status\", \"error\", \"message\"} – ein fehlender oder falscher Parameter ergibt 400 "
        "und wird in \"parameter\" genannt, eine unbekannte Abfrage 404, ein nicht angebotenes Format 406.",
        "Errors come as JSON: {\"status\", \"error\", \"message\"} – a missing or wrong parameter gives 400 and is named "
        "in \"parameter\", an unknown query 404, a format not offered 406.",
    ),
    "api.queries": ("Abfragen", "Queries"),
    "api.form": ("Abfrageform", "Query form"),
    "api.tags": ("Schlagwörter", "Tags"),
    "api.parameters": ("Parameter", "Parameters"),
    "api.no_parameters": ("keine", "none"),
    "api.name": ("Name", "Name"),
    "api.type": ("Typ", "Type"),
    "api.required": ("Pflicht", "Required"),
    "api.default": ("Standard", "Default"),
    "api.description": ("Beschreibung", "Description"),
    "api.yes": ("ja", "yes"),
    "api.no": ("nein", "no"),
    "api.variables": ("Ergebnisspalten", "Result columns"),
    "api.examples": ("Beispiele", "Examples"),
    "api.try": ("Ausprobieren", "Try it"),
    "api.format": ("Format", "Format"),
    "api.run": ("Abfrage ausführen", "Run query"),
    "api.any": ("(beliebig)", "(any)"),
    "api.too_many_choices": ("{count} mögliche Werte, zu viele für eine Auswahlliste: bitte eine IRI eingeben.",
                             "{count} possible values, too many for a list: please enter an IRI."),
    "api.in_workbench": ("in der Werkbank öffnen", "open in the workbench"),
    "api.views": ("Daten der Beziehungsansichten", "Data of the relationship views"),
    "api.none": ("Es sind keine benannten Abfragen vorhanden.", "There are no named queries."),
}

"""The interface's own words in German and English, and which of the two a request gets.

The page language is ?lang=de|en when given, else the better match of Accept-Language, else
German (the strategy's own language). Data labels fall back to the other language (labels.py).
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import request

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def request_language() -> str:
    """The language of this request's page: ?lang= wins, then Accept-Language, then German."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


def explicit_language() -> str | None:
    """The language the URL itself asks for (?lang=), which internal links carry on."""
    asked = request.args.get("lang")
    return asked if asked in LANGUAGES else None


def url_with_lang(path: str, lang: str | None = None, **params) -> str:
    """A local URL with the request's explicit ?lang= (or `lang`) and further parameters."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    chosen = lang or explicit_language()
    if chosen:
        query["lang"] = chosen
    fragment = ""
    if "#" in path:
        path, fragment = path.split("#", 1)
        fragment = "#" + fragment
    if not query:
        return path + fragment
    return path + ("&" if "?" in path else "?") + urlencode(query) + fragment


def lang_switch_url(code: str) -> str:
    """This page in the other language (keeps the other query parameters)."""
    params = {k: v for k, v in request.args.items() if k != "lang"}
    params["lang"] = code
    return request.script_root + request.path + "?" + urlencode(params)


STRINGS: dict[str, dict[str, str]] = {
    "site.name": {"de": "Bochum Strategie 2030 – Linked Open Data", "en": "Bochum Strategy 2030 – Linked Open Data"},
    "nav.skip": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "nav.label": {"de": "Hauptnavigation", "en": "Main navigation"},
    "nav.competences": {"de": "Kompetenzen", "en": "Competences"},
    "nav.projects": {"de": "Projekte", "en": "Projects"},
    "nav.actors": {"de": "Akteure", "en": "Actors"},
    "nav.sites": {"de": "Standorte", "en": "Sites"},
    "nav.ontology": {"de": "Ontologie", "en": "Ontology"},
    "nav.workbench": {"de": "Abfrage-Werkbank", "en": "Query workbench"},
    "nav.explore": {"de": "Netz-Explorer", "en": "Explorer"},
    "nav.paths": {"de": "Verbindungen", "en": "Connections"},
    "nav.gaps": {"de": "Lücken", "en": "Gaps"},
    "nav.api": {"de": "API", "en": "API"},
    "nav.dumps": {"de": "Downloads", "en": "Downloads"},
    "search.title": {"de": "Suche", "en": "Search"},
    "search.label": {"de": "Suche in Bezeichnungen und Beschreibungen", "en": "Search labels and descriptions"},
    "search.placeholder": {"de": "z. B. Haus des Wissens", "en": "e.g. Haus des Wissens"},
    "search.button": {"de": "Suchen", "en": "Search"},
    "search.results_for": {"de": "Suchergebnisse für", "en": "Search results for"},
    "search.no_results": {"de": "Keine Treffer.", "en": "No results."},
    "search.empty": {"de": "Bitte einen Suchbegriff eingeben.", "en": "Please enter a search term."},
    "search.count": {"de": "Treffer", "en": "results"},
    "search.match.exact": {"de": "Bezeichnung stimmt überein", "en": "label matches"},
    "search.match.prefix": {"de": "Bezeichnung beginnt so", "en": "label starts with it"},
    "search.match.label": {"de": "in der Bezeichnung", "en": "in the label"},
    "search.match.description": {"de": "in der Beschreibung", "en": "in the description"},
    "search.json": {"de": "Als JSON", "en": "As JSON"},
    "common.home": {"de": "Start", "en": "Home"},
    "common.breadcrumb": {"de": "Brotkrumennavigation", "en": "Breadcrumb"},
    "common.iri": {"de": "IRI", "en": "IRI"},
    "common.formats": {"de": "Diese Seite als Daten", "en": "This page as data"},
    "common.none": {"de": "keine", "en": "none"},
    "common.count": {"de": "Anzahl", "en": "Count"},
    "common.name": {"de": "Name", "en": "Name"},
    "common.type": {"de": "Typ", "en": "Type"},
    "common.previous": {"de": "Vorherige Seite", "en": "Previous page"},
    "common.next": {"de": "Nächste Seite", "en": "Next page"},
    "common.page_of": {"de": "Seite {page} von {pages}", "en": "Page {page} of {pages}"},
    "resource.summary": {"de": "Auf einen Blick", "en": "At a glance"},
    "resource.alt_labels": {"de": "Auch genannt", "en": "Also called"},
    "resource.participations_project": {"de": "Beteiligte Akteure und ihre Rollen", "en": "Actors and their roles"},
    "resource.participations_actor": {"de": "Projekte und Rollen", "en": "Projects and roles"},
    "resource.no_participations": {"de": "Die Quellen nennen keine beteiligten Akteure.", "en": "The sources name no actors taking part."},
    "resource.actor": {"de": "Akteur", "en": "Actor"},
    "resource.project": {"de": "Projekt", "en": "Project"},
    "resource.role": {"de": "Rolle", "en": "Role"},
    "resource.participation": {"de": "Beteiligung", "en": "Participation"},
    "resource.related_projects": {"de": "Projekte (direkt oder über Ziele zugeordnet)", "en": "Projects (assigned directly or through goals)"},
    "resource.hierarchy": {"de": "Darunter", "en": "Below"},
    "resource.properties": {"de": "Alle Angaben", "en": "All statements"},
    "resource.property": {"de": "Eigenschaft", "en": "Property"},
    "resource.value": {"de": "Wert", "en": "Value"},
    "resource.inbound": {"de": "Verweise auf diese Ressource", "en": "Links to this resource"},
    "resource.show_all": {"de": "alle {count} anzeigen", "en": "show all {count}"},
    "resource.back": {"de": "zurück zur Ressource", "en": "back to the resource"},
    "resource.explore": {"de": "Verbindungen im Netz erkunden", "en": "Explore its connections"},
    "resource.paths": {"de": "Wie hängt das mit etwas anderem zusammen?", "en": "How is it connected to something else?"},
    "resource.sources": {"de": "Quellen", "en": "Sources"},
    "home.lead_fallback": {"de": "Die Strategie der Stadt Bochum als offener, verlinkter Wissensgraph.", "en": "The City of Bochum's strategy as an open, linked knowledge graph."},
    "home.competences": {"de": "Die fünf Kompetenzen", "en": "The five competences"},
    "home.goal_areas": {"de": "Schwerpunkte", "en": "goal areas"},
    "home.goals": {"de": "Ziele", "en": "goals"},
    "home.projects": {"de": "Projekte", "en": "projects"},
    "home.in_numbers": {"de": "In Zahlen", "en": "In numbers"},
    "home.audiences": {"de": "Einstiege", "en": "Where to start"},
    "home.planners": {"de": "Für Planerinnen und Planer", "en": "For planners"},
    "home.researchers": {"de": "Für Forschende", "en": "For researchers"},
    "home.developers": {"de": "Für Entwicklerinnen und Entwickler", "en": "For developers"},
    "home.browse_projects": {"de": "Alle Projekte mit Filtern nach Status und Kompetenz", "en": "All projects, filtered by status and competence"},
    "home.browse_actors": {"de": "Akteure nach Art", "en": "Actors by kind"},
    "home.browse_sites": {"de": "Standorte", "en": "Sites"},
    "home.browse_goals": {"de": "Schwerpunkte und Ziele", "en": "Goal areas and goals"},
    "home.search": {"de": "Suche in Namen und Beschreibungen", "en": "Search names and descriptions"},
    "home.workbench": {"de": "Abfrage-Werkbank mit Beispielabfragen", "en": "Query workbench with example queries"},
    "home.sparql": {"de": "SPARQL-1.1-Endpunkt", "en": "SPARQL 1.1 endpoint"},
    "home.ontology": {"de": "Ontologie: Klassen und Eigenschaften", "en": "Ontology: classes and properties"},
    "home.api": {"de": "REST-API der benannten Abfragen (OpenAPI)", "en": "REST API of the named queries (OpenAPI)"},
    "home.dumps": {"de": "Downloads des ganzen Datensatzes", "en": "Downloads of the whole dataset"},
    "home.void": {"de": "Datensatzbeschreibung (VoID)", "en": "Dataset description (VoID)"},
    "home.catalog": {"de": "DCAT-AP.de-Katalogeintrag", "en": "DCAT-AP.de catalogue record"},
    "home.graphs": {"de": "Benannte Graphen", "en": "Named graphs"},
    "home.iris": {"de": "Jede IRI unter {base} ist hier abrufbar, als HTML oder als RDF (Turtle, JSON-LD, RDF/XML, N-Triples).", "en": "Every IRI under {base} can be looked up here, as HTML or as RDF (Turtle, JSON-LD, RDF/XML, N-Triples)."},
    "count.projects": {"de": "Projekte", "en": "projects"},
    "count.core_activities": {"de": "davon Kernaktivitäten", "en": "of which core activities"},
    "count.actors": {"de": "Akteure", "en": "actors"},
    "count.sites": {"de": "Standorte", "en": "sites"},
    "count.goal_areas": {"de": "Schwerpunkte", "en": "goal areas"},
    "count.goals": {"de": "Ziele", "en": "goals"},
    "index.filter": {"de": "Filtern", "en": "Filter"},
    "index.all": {"de": "alle", "en": "all"},
    "index.count": {"de": "{count} Einträge", "en": "{count} entries"},
    "index.empty": {"de": "Keine Einträge.", "en": "No entries."},
    "ontology.classes": {"de": "Klassen", "en": "Classes"},
    "ontology.properties": {"de": "Eigenschaften", "en": "Properties"},
    "ontology.label": {"de": "Bezeichnung", "en": "Label"},
    "ontology.definition": {"de": "Definition", "en": "Definition"},
    "ontology.kind": {"de": "Art", "en": "Kind"},
    "ontology.supers_class": {"de": "Oberklassen", "en": "Superclasses"},
    "ontology.subs_class": {"de": "Unterklassen", "en": "Subclasses"},
    "ontology.supers_property": {"de": "Obereigenschaften", "en": "Superproperties"},
    "ontology.subs_property": {"de": "Untereigenschaften", "en": "Subproperties"},
    "ontology.domain": {"de": "Definitionsbereich", "en": "Domain"},
    "ontology.range": {"de": "Wertebereich", "en": "Range"},
    "ontology.aligned": {"de": "Ausgerichtet an (externe Begriffe)", "en": "Aligned with (external terms)"},
    "ontology.properties_of_class": {"de": "Eigenschaften mit diesem Definitionsbereich", "en": "Properties with this domain"},
    "ontology.members": {"de": "Mitglieder auflisten", "en": "List members"},
    "ontology.notes": {"de": "Hinweise", "en": "Notes"},
    "ontology.source": {"de": "Turtle-Quelltext", "en": "Turtle source"},
    "error.suggestions": {"de": "Meinten Sie?", "en": "Did you mean?"},
    "error.search": {"de": "Oder suchen Sie:", "en": "Or search:"},
    "dumps.title": {"de": "Downloads", "en": "Downloads"},
    "dumps.lead": {"de": "Der ganze Datensatz (Ontologie und Daten) in fünf RDF-Formaten; TriG und N-Quads enthalten die benannten Graphen, eine je Datei.", "en": "The whole dataset (ontology and data) in five RDF formats; TriG and N-Quads keep the named graphs, one per file."},
    "dumps.format": {"de": "Format", "en": "Format"},
    "dumps.file": {"de": "Datei", "en": "File"},
    "dumps.size": {"de": "Größe (Bytes)", "en": "Size (bytes)"},
    "dumps.compressed": {"de": "gzip", "en": "gzip"},
    "dumps.triples": {"de": "{triples} Tripel, {quads} Quads in {graphs} benannten Graphen", "en": "{triples} triples, {quads} quads in {graphs} named graphs"},
    "dumps.cli": {"de": "Dieselben Dateien schreibt der Befehl", "en": "The same files are written by"},
    "sources.title": {"de": "Quellen", "en": "Sources"},
    "sources.lead": {"de": "Jede Ressource nennt die Seiten, aus denen ihre Angaben stammen. Hier alle zitierten Seiten nach Website, mit der Zahl der Ressourcen, die sie zitieren.", "en": "Every resource names the pages its statements come from. Here are all cited pages by website, with the number of resources citing each."},
    "sources.cited_by": {"de": "zitiert von", "en": "cited by"},
    "dataset.title": {"de": "Datensatzbeschreibung (VoID)", "en": "Dataset description (VoID)"},
    "dataset.triples": {"de": "Tripel", "en": "Triples"},
    "dataset.subjects": {"de": "verschiedene Subjekte", "en": "distinct subjects"},
    "dataset.objects": {"de": "verschiedene Objekte", "en": "distinct objects"},
    "dataset.entities": {"de": "Ressourcen unter der Basis-IRI", "en": "resources under the base IRI"},
    "dataset.classes": {"de": "Klassen", "en": "Classes"},
    "dataset.properties": {"de": "Eigenschaften", "en": "Properties"},
    "dataset.graphs": {"de": "Benannte Graphen", "en": "Named graphs"},
    "dataset.rdf": {"de": "Als RDF", "en": "As RDF"},
    "catalog.title": {"de": "DCAT-AP.de-Katalog", "en": "DCAT-AP.de catalogue"},
    "catalog.lead": {"de": "Der Katalogeintrag für Datenportale wie GovData: Datensatz, Distributionen (Downloads) und der SPARQL-Dienst, mit Lizenz CC BY 4.0.", "en": "The catalogue record for data portals such as GovData: dataset, distributions (downloads) and the SPARQL service, licensed CC BY 4.0."},
    "graph.title": {"de": "Benannter Graph", "en": "Named graph"},
    "graph.subjects": {"de": "Ressourcen in diesem Graphen", "en": "Resources in this graph"},
    "graph.triples": {"de": "{count} Tripel", "en": "{count} triples"},
    "footer.licence_prefix": {"de": "Daten und Ontologie stehen unter der Lizenz", "en": "Data and ontology are licensed under"},
    "footer.credit": {
        "de": "Die Fakten stammen aus öffentlichen Seiten der Stadt Bochum (bochum.de) und weiteren Quellen, die jede Ressource nennt:",
        "en": "The facts come from public pages of the City of Bochum (bochum.de) and further sources named by each resource:",
    },
    "footer.sources": {"de": "Quellenverzeichnis", "en": "list of sources"},
    "footer.void": {"de": "Datensatzbeschreibung (VoID)", "en": "Dataset description (VoID)"},
    "footer.catalog": {"de": "DCAT-AP.de-Katalog", "en": "DCAT-AP.de catalogue"},
    "footer.sitemap": {"de": "Sitemap", "en": "Sitemap"},
}


def t(key: str, lang: str | None = None) -> str:
    """The UI string `key` in `lang` (default: the request's language); the key itself if unknown."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang or request_language()) or entry.get(DEFAULT_LANGUAGE) or key

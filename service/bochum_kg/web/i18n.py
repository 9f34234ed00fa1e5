"""The interface's own words in German and English, and which of the two a request gets.

One table for every face: `STRINGS` maps a key to its (German, English) text, and `t(key)`
looks it up in the request's language. The page language is ?lang=de|en when given, else the
language cookie (set by the last HTML page asked for with ?lang=, so the choice holds on every
link, also on links that do not carry ?lang=; not read by the REST API), else the better match of
Accept-Language, else German (the strategy's own language). An answer whose language was not
fixed by ?lang= says `Vary: Accept-Language` (and `Cookie` where it was read); HTML says
`Content-Language` (`language_headers`). Data labels
fall back to the other language (kg/labels.py). Templates call `t("key")`; the templates of the
workbench, API page and relationship views call the same function as `vt` (web/layout.py).

The module is long because the table is: its functions are the first hundred lines.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, g, request

LANGUAGES = ("de", "en")  # the order of the texts in every STRINGS entry
DEFAULT_LANGUAGE = "de"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
# The REST API answers the same to every client: programs keep no cookies, and a script's call must
# not change with the pages its browser showed before (the response cache replays /api answers).
# Its two pages for people (the catalogue's HTML at /api/ and /api/docs) do follow the cookie.
COOKIE_BLIND_PREFIX = "/api/"
API_PAGES = ("/api/", "/api/docs")


def request_language() -> str:
    """The language of this request's page: ?lang= wins, then the cookie, then Accept-Language, then German."""
    asked = explicit_language()
    if asked:
        return asked
    g.language_negotiated = True  # language_headers adds the Vary this calls for
    if not request.path.startswith(COOKIE_BLIND_PREFIX) or request.path in API_PAGES:
        g.language_cookie_read = True
        remembered = request.cookies.get(COOKIE)
        if remembered in LANGUAGES:
            return remembered
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


def language_headers(response: Response) -> Response:
    """After each request: remember an explicit ?lang= in the cookie (HTML pages only: an API call
    with ?lang= is not a choice of the reader), and say what the answer's language depended on."""
    asked = explicit_language()
    if asked and response.mimetype == "text/html" and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_MAX_AGE, path=(request.script_root or "") + "/",
                            secure=request.is_secure, httponly=True, samesite="Lax")
    if g.get("language_negotiated"):
        response.vary.add("Accept-Language")
    if g.get("language_cookie_read"):
        response.vary.add("Cookie")
    if response.mimetype == "text/html" and "Content-Language" not in response.headers and (asked or g.get("language_negotiated")):
        response.headers["Content-Language"] = request_language()
    return response


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


def t(key: str, lang: str | None = None) -> str:
    """The string `key` in `lang` (default: the request's language); the key itself if unknown."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    chosen = lang or request_language()
    return entry[LANGUAGES.index(chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE)] or entry[0] or key


# key -> (German, English). Keys are grouped by the page that shows them: site, nav, search,
# common, resource, home, count, index, ontology, error, dumps, sources, dataset, catalog,
# graph, footer, month, value (the linked-data pages and the shared layout); views, explore, paths, gaps,
# workbench, api (the workbench, the API page and the relationship views).
STRINGS: dict[str, tuple[str, str]] = {
    "site.name": ("Bochum Strategie 2030 – Linked Open Data", "Bochum Strategy 2030 – Linked Open Data"),
    "nav.skip": ("Zum Inhalt springen", "Skip to content"),
    "nav.label": ("Hauptnavigation", "Main navigation"),
    "nav.competences": ("Kompetenzen", "Competences"),
    "nav.projects": ("Projekte", "Projects"),
    "nav.actors": ("Akteure", "Actors"),
    "nav.sites": ("Standorte", "Sites"),
    "nav.ontology": ("Ontologie", "Ontology"),
    "nav.workbench": ("Abfrage-Werkbank", "Query workbench"),
    "nav.explore": ("Netz-Explorer", "Explorer"),
    "nav.paths": ("Verbindungen", "Connections"),
    "nav.gaps": ("Lücken", "Gaps"),
    "nav.api": ("API", "API"),
    "nav.dumps": ("Downloads", "Downloads"),
    "search.title": ("Suche", "Search"),
    "search.facets": ("Nach Klasse", "By class"),
    "search.all_classes": ("alle Klassen", "all classes"),
    "search.label": ("Suche in Bezeichnungen, Beschreibungen und Notizen", "Search labels, descriptions and notes"),
    "search.placeholder": ("z. B. Haus des Wissens", "e.g. Haus des Wissens"),
    "search.button": ("Suchen", "Search"),
    "search.results_for": ("Suchergebnisse für", "Search results for"),
    "search.no_results": ("Keine Treffer.", "No results."),
    "search.empty": ("Bitte einen Suchbegriff eingeben.", "Please enter a search term."),
    "search.count": ("Treffer", "results"),
    "search.match.exact": ("Bezeichnung stimmt überein", "label matches"),
    "search.match.prefix": ("Bezeichnung beginnt so", "label starts with it"),
    "search.match.label": ("in der Bezeichnung", "in the label"),
    "search.match.description": ("in der Beschreibung", "in the description"),
    "search.match.similar": ("Bezeichnung ähnlich (ein Tippfehler)", "label similar (one typo)"),
    "search.match.note": ("in einer Notiz oder einem anderen Text", "in a note or another text"),
    "search.json": ("Als JSON", "As JSON"),
    "common.home": ("Start", "Home"),
    "common.breadcrumb": ("Brotkrumennavigation", "Breadcrumb"),
    "common.iri": ("IRI", "IRI"),
    "common.formats": ("Diese Seite als Daten", "This page as data"),
    "common.none": ("keine", "none"),
    "common.count": ("Anzahl", "Count"),
    "common.name": ("Name", "Name"),
    "common.type": ("Typ", "Type"),
    "common.previous": ("Vorherige Seite", "Previous page"),
    "common.next": ("Nächste Seite", "Next page"),
    "common.page_of": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "resource.summary": ("Auf einen Blick", "At a glance"),
    "resource.alt_labels": ("Auch genannt", "Also called"),
    "resource.participations_project": ("Beteiligte Akteure und ihre Rollen", "Actors and their roles"),
    "resource.participations_actor": ("Projekte und Rollen", "Projects and roles"),
    "resource.no_participations": ("Die Quellen nennen keine beteiligten Akteure.", "The sources name no actors taking part."),
    "resource.actor": ("Akteur", "Actor"),
    "resource.project": ("Projekt", "Project"),
    "resource.role": ("Rolle", "Role"),
    "resource.participation": ("Beteiligung", "Participation"),
    "resource.related_projects": ("Projekte (direkt oder über Ziele zugeordnet)", "Projects (assigned directly or through goals)"),
    "resource.hierarchy": ("Darunter", "Below"),
    "resource.properties": ("Alle Angaben", "All statements"),
    "resource.property": ("Eigenschaft", "Property"),
    "resource.value": ("Wert", "Value"),
    "resource.inbound": ("Verweise auf diese Ressource", "Links to this resource"),
    "resource.show_all": ("alle {count} anzeigen", "show all {count}"),
    "resource.back": ("zurück zur Ressource", "back to the resource"),
    "resource.explore": ("Verbindungen im Netz erkunden", "Explore its connections"),
    "resource.paths": ("Wie hängt das mit etwas anderem zusammen?", "How is it connected to something else?"),
    "resource.sources": ("Quellen", "Sources"),
    "resource.source": ("Quelle", "Source"),
    "month.1": ("Januar", "January"),
    "month.2": ("Februar", "February"),
    "month.3": ("März", "March"),
    "month.4": ("April", "April"),
    "month.5": ("Mai", "May"),
    "month.6": ("Juni", "June"),
    "month.7": ("Juli", "July"),
    "month.8": ("August", "August"),
    "month.9": ("September", "September"),
    "month.10": ("Oktober", "October"),
    "month.11": ("November", "November"),
    "month.12": ("Dezember", "December"),
    "value.true": ("ja", "yes"),
    "value.false": ("nein", "no"),
    "home.lead_fallback": ("Die Strategie der Stadt Bochum als offener, verlinkter Wissensgraph.", "The City of Bochum's strategy as an open, linked knowledge graph."),
    "home.competences": ("Die fünf Kompetenzen", "The five competences"),
    "home.goal_areas": ("Schwerpunkte", "goal areas"),
    "home.goals": ("Ziele", "goals"),
    "home.projects": ("Projekte", "projects"),
    "home.in_numbers": ("In Zahlen", "In numbers"),
    "home.audiences": ("Einstiege", "Where to start"),
    "home.planners": ("Für Planerinnen und Planer", "For planners"),
    "home.researchers": ("Für Forschende", "For researchers"),
    "home.developers": ("Für Entwicklerinnen und Entwickler", "For developers"),
    "home.browse_projects": ("Alle Projekte mit Filtern nach Status und Kompetenz", "All projects, filtered by status and competence"),
    "home.browse_actors": ("Akteure nach Art", "Actors by kind"),
    "home.browse_sites": ("Standorte", "Sites"),
    "home.browse_goals": ("Schwerpunkte und Ziele", "Goal areas and goals"),
    "home.search": ("Suche in Namen und Beschreibungen", "Search names and descriptions"),
    "home.curate": ("Daten in einer Tabelle pflegen: Arbeitsmappe herunterladen, Änderungen prüfen",
                    "Keep the data up to date in a spreadsheet: download the workbook, check changes"),
    "home.workbench": ("Abfrage-Werkbank mit Beispielabfragen", "Query workbench with example queries"),
    "home.sparql": ("SPARQL-1.1-Endpunkt", "SPARQL 1.1 endpoint"),
    "home.ontology": ("Ontologie: Klassen und Eigenschaften", "Ontology: classes and properties"),
    "home.api": ("REST-API der benannten Abfragen (OpenAPI)", "REST API of the named queries (OpenAPI)"),
    "home.dumps": ("Downloads des ganzen Datensatzes", "Downloads of the whole dataset"),
    "home.void": ("Datensatzbeschreibung (VoID)", "Dataset description (VoID)"),
    "home.catalog": ("DCAT-AP.de-Katalogeintrag", "DCAT-AP.de catalogue record"),
    "home.graphs": ("Benannte Graphen", "Named graphs"),
    "home.iris": ("Jede IRI unter {base} ist hier abrufbar, als HTML oder als RDF (Turtle, JSON-LD, RDF/XML, N-Triples).", "Every IRI under {base} can be looked up here, as HTML or as RDF (Turtle, JSON-LD, RDF/XML, N-Triples)."),
    "count.projects": ("Projekte", "projects"),
    "count.core_activities": ("davon Kernaktivitäten", "of which core activities"),
    "count.actors": ("Akteure", "actors"),
    "count.sites": ("Standorte", "sites"),
    "count.goal_areas": ("Schwerpunkte", "goal areas"),
    "count.goals": ("Ziele", "goals"),
    "index.filter": ("Filtern", "Filter"),
    "index.all": ("alle", "all"),
    "index.count": ("{count} Einträge", "{count} entries"),
    "index.empty": ("Keine Einträge.", "No entries."),
    "ontology.classes": ("Klassen", "Classes"),
    "ontology.properties": ("Eigenschaften", "Properties"),
    "ontology.label": ("Bezeichnung", "Label"),
    "ontology.definition": ("Definition", "Definition"),
    "ontology.kind": ("Art", "Kind"),
    "ontology.supers_class": ("Oberklassen", "Superclasses"),
    "ontology.subs_class": ("Unterklassen", "Subclasses"),
    "ontology.supers_property": ("Obereigenschaften", "Superproperties"),
    "ontology.subs_property": ("Untereigenschaften", "Subproperties"),
    "ontology.domain": ("Definitionsbereich", "Domain"),
    "ontology.range": ("Wertebereich", "Range"),
    "ontology.aligned": ("Ausgerichtet an (externe Begriffe)", "Aligned with (external terms)"),
    "ontology.properties_of_class": ("Eigenschaften mit diesem Definitionsbereich", "Properties with this domain"),
    "ontology.members": ("Mitglieder auflisten", "List members"),
    "ontology.notes": ("Hinweise", "Notes"),
    "ontology.source": ("Turtle-Quelltext", "Turtle source"),
    "error.suggestions": ("Meinten Sie?", "Did you mean?"),
    "error.search": ("Oder suchen Sie:", "Or search:"),
    "dumps.title": ("Downloads", "Downloads"),
    "dumps.lead": ("Der ganze Datensatz (Ontologie und Daten) in fünf RDF-Formaten; TriG und N-Quads enthalten die benannten Graphen, eine je Datei.", "The whole dataset (ontology and data) in five RDF formats; TriG and N-Quads keep the named graphs, one per file."),
    "dumps.format": ("Format", "Format"),
    "dumps.file": ("Datei", "File"),
    "dumps.size": ("Größe (Bytes)", "Size (bytes)"),
    "dumps.compressed": ("gzip", "gzip"),
    "dumps.triples": ("{triples} Tripel, {quads} Quads in {graphs} benannten Graphen", "{triples} triples, {quads} quads in {graphs} named graphs"),
    "dumps.cli": ("Dieselben Dateien schreibt der Befehl", "The same files are written by"),
    "sources.title": ("Quellen", "Sources"),
    "sources.lead": ("Jede Ressource nennt die Seiten, aus denen ihre Angaben stammen. Hier alle zitierten Seiten nach Website, mit der Zahl der Ressourcen, die sie zitieren.", "Every resource names the pages its statements come from. Here are all cited pages by website, with the number of resources citing each."),
    "sources.cited_by": ("zitiert von", "cited by"),
    "dataset.title": ("Datensatzbeschreibung (VoID)", "Dataset description (VoID)"),
    "dataset.triples": ("Tripel", "Triples"),
    "dataset.subjects": ("verschiedene Subjekte", "distinct subjects"),
    "dataset.objects": ("verschiedene Objekte", "distinct objects"),
    "dataset.entities": ("Ressourcen unter der Basis-IRI", "resources under the base IRI"),
    "dataset.classes": ("Klassen", "Classes"),
    "dataset.properties": ("Eigenschaften", "Properties"),
    "dataset.graphs": ("Benannte Graphen", "Named graphs"),
    "dataset.rdf": ("Als RDF", "As RDF"),
    "catalog.title": ("DCAT-AP.de-Katalog", "DCAT-AP.de catalogue"),
    "catalog.lead": ("Der Katalogeintrag für Datenportale wie GovData: Datensatz, Distributionen (Downloads) und der SPARQL-Dienst, mit Lizenz CC BY 4.0.", "The catalogue record for data portals such as GovData: dataset, distributions (downloads) and the SPARQL service, licensed CC BY 4.0."),
    "graph.title": ("Benannter Graph", "Named graph"),
    "graph.subjects": ("Ressourcen in diesem Graphen", "Resources in this graph"),
    "graph.triples": ("{count} Tripel", "{count} triples"),
    "footer.licence_prefix": ("Daten und Ontologie stehen unter der Lizenz", "Data and ontology are licensed under"),
    "footer.credit": (
        "Die Fakten stammen aus öffentlichen Seiten der Stadt Bochum (bochum.de) und weiteren Quellen, die jede Ressource nennt:",
        "The facts come from public pages of the City of Bochum (bochum.de) and further sources named by each resource:",
    ),
    "footer.sources": ("Quellenverzeichnis", "list of sources"),
    "footer.void": ("Datensatzbeschreibung (VoID)", "Dataset description (VoID)"),
    "footer.catalog": ("DCAT-AP.de-Katalog", "DCAT-AP.de catalogue"),
    "footer.sitemap": ("Sitemap", "Sitemap"),
    # the views (workbench, API page, relationship views): shared
    "views.nav.label": ("Beziehungsansichten", "Relationship views"),
    "views.explore": ("Explorer", "Explorer"),
    "views.paths": ("Verbindungen", "Connections"),
    "views.gaps": ("Lücken und Überschneidungen", "Gaps and overlaps"),
    "views.workbench": ("Abfrage-Werkbank", "Query workbench"),
    "views.api": ("API", "API"),
    "views.language": ("Sprache der Bezeichnungen", "Language of the labels"),
    "views.show": ("Anzeigen", "Show"),
    "views.error": ("Fehler", "Error"),
    "views.loading": ("Wird geladen …", "Loading …"),
    "views.download_png": ("Grafik als PNG herunterladen", "Download graph as PNG"),
    "views.download_csv": ("Als CSV herunterladen", "Download as CSV"),
    "views.download_json": ("Als JSON", "As JSON"),
    "views.permalink": ("Link zu dieser Ansicht", "Link to this view"),
    "views.page": ("Seite", "page"),
    "views.resource_hint": (
        "Bezeichnung, Kurzname (z. B. actor:ruhr-universitaet-bochum) oder IRI",
        "Label, short name (e.g. actor:ruhr-universitaet-bochum) or IRI",
    ),
    "views.not_found": ("Keine Ressource gefunden für", "No resource found for"),
    "views.choose": ("Mehrere Ressourcen passen. Bitte eine wählen:", "Several resources match. Please choose one:"),
    "views.graph_label": ("Netzwerkgrafik", "Network graph"),
    "views.graph_alt": (
        "Die Grafik zeigt dieselben Knoten und Kanten wie die Tabellen darunter. Tastatur: Pfeiltasten "
        "verschieben, + und − zoomen, 0 zeigt alles.",
        "The graph shows the same nodes and edges as the tables below it. Keyboard: arrow keys move, "
        "+ and − zoom, 0 shows everything.",
    ),
    "views.nodes": ("Knoten", "Nodes"),
    "views.edges": ("Kanten", "Edges"),
    "views.node": ("Knoten", "Node"),
    "views.class": ("Klasse", "Class"),
    "views.from": ("Von", "From"),
    "views.to": ("Nach", "To"),
    "views.relation": ("Beziehung", "Relation"),
    "views.no_js": (
        "Die interaktive Grafik braucht JavaScript; die Tabellen enthalten dieselben Angaben.",
        "The interactive graph needs JavaScript; the tables hold the same information.",
    ),
    # explorer
    "explore.title": ("Explorer: Beziehungen einer Ressource", "Explorer: the relationships of a resource"),
    "explore.lead": (
        "Wählen Sie eine Ressource, etwa ein Projekt, einen Akteur oder ein Ziel. Der Explorer zeigt, womit sie "
        "verbunden ist. Knoten lassen sich erweitern (Klick, oder Eingabetaste in der Tabelle), nach Klasse "
        "filtern und als Bild speichern.",
        "Choose a resource such as a project, an actor or a goal. The explorer shows what it is connected to. "
        "Nodes can be expanded (click, or Enter in the table), filtered by class and saved as an image.",
    ),
    "explore.start": ("Ausgangsressource", "Start from"),
    "explore.expand": ("Erweitern", "Expand"),
    "explore.expanded": ("erweitert", "expanded"),
    "explore.centre": ("Auswählen", "Select"),
    "explore.open_page": ("Seite öffnen", "Open page"),
    "explore.filter": ("Nach Klasse filtern", "Filter by class"),
    "explore.truncated": (
        "Es gibt mehr Verbindungen, als hier gezeigt werden; angezeigt sind die ersten",
        "There are more connections than shown here; shown are the first",
    ),
    "explore.no_links": ("Diese Ressource hat keine Verbindungen zu anderen Ressourcen.",
                         "This resource has no links to other resources."),
    "explore.examples": ("Beispiele", "Examples"),
    "explore.status": ("Im Graphen: {nodes} Knoten, {edges} Kanten.", "In the graph: {nodes} nodes, {edges} edges."),
    "explore.reset": ("Zurücksetzen", "Reset"),
    # paths
    "paths.title": ("Wie hängen A und B zusammen?", "How are A and B connected?"),
    "paths.lead": (
        "Die kürzesten Verbindungen zwischen zwei Ressourcen, in beiden Richtungen. Typ- und Schemaangaben, "
        "Quellen, Status, Rollenbegriffe und die Strategie selbst zählen nicht als Verbindung, weil sie alles "
        "mit allem verbinden würden.",
        "The shortest connections between two resources, in either direction. Types and schema, sources, "
        "statuses, role concepts and the strategy itself do not count as connections, because they would "
        "connect everything with everything.",
    ),
    "paths.max_length": ("Höchstens Schritte", "At most steps"),
    "paths.find": ("Verbindungen suchen", "Find connections"),
    "paths.found": ("Kürzeste Verbindungen", "Shortest connections"),
    "paths.steps": ("Schritte", "steps"),
    "paths.none": ("Keine Verbindung mit höchstens", "No connection with at most"),
    "paths.none_tail": ("Schritten gefunden.", "steps found."),
    "paths.same": ("Start und Ziel sind dieselbe Ressource.", "Start and end are the same resource."),
    "paths.truncated": ("Es gibt weitere gleich kurze Verbindungen; gezeigt sind die ersten",
                        "There are more connections of the same length; shown are the first"),
    "paths.path": ("Verbindung", "Connection"),
    "paths.examples": ("Beispiel", "Example"),
    # gaps
    "gaps.title": ("Lücken und Überschneidungen", "Gaps and overlaps"),
    "gaps.lead": (
        "Welche Ziele haben noch keine Projekte, welche Projekte dienen welchen Zielen und wer leitet sie, "
        "welche Kompetenzen und Akteure tragen wie viele Projekte, und wo überschneiden sich Projekte?",
        "Which goals have no projects yet, which projects serve which goals and who leads them, how many "
        "projects do competences and actors carry, and where do projects overlap?",
    ),
    "gaps.competence": ("Kompetenz", "Competence"),
    "gaps.all_competences": ("Alle Kompetenzen", "All competences"),
    "gaps.goals_without": ("Ziele ohne Projekte", "Goals without projects"),
    "gaps.goals_without_none": ("Jedes Ziel hat mindestens ein Projekt.", "Every goal has at least one project."),
    "gaps.goals_with": ("Projekte zu den Zielen und ihre Leitung", "Projects serving the goals and who leads them"),
    "gaps.goals_with_none": ("Keinem Ziel ist bisher ein Projekt zugeordnet.", "No goal has a project yet."),
    "gaps.goal": ("Ziel", "Goal"),
    "gaps.goal_area": ("Schwerpunkt", "Goal area"),
    "gaps.project": ("Projekt", "Project"),
    "gaps.lead_by": ("Projektleitung", "Lead"),
    "gaps.no_lead": ("keine Leitung erfasst", "no lead recorded"),
    "gaps.area_projects": ("Projekte zum ganzen Schwerpunkt", "Projects serving the whole goal area"),
    "gaps.projects_title": ("Projekte der Kompetenz: was sie verfolgen und wer sie leitet",
                            "Projects of the competence: what they serve and who leads them"),
    "gaps.projects_none": ("Dieser Kompetenz ist noch kein Projekt zugeordnet.", "No project is linked to this competence yet."),
    "gaps.serves": ("dient Ziel oder Schwerpunkt", "serves goal or goal area"),
    "gaps.serves_none": ("kein Ziel erfasst", "no goal recorded"),
    "gaps.competences": ("Kompetenzen nach Projekten und Akteuren", "Competences by projects and actors"),
    "gaps.projects": ("Projekte", "Projects"),
    "gaps.actors": ("Akteure", "Actors"),
    "gaps.goals": ("Ziele", "Goals"),
    "gaps.goals_open": ("davon ohne Projekt", "of which without project"),
    "gaps.actors_title": ("Akteure nach Zahl der Projekte", "Actors by number of projects"),
    "gaps.actor": ("Akteur", "Actor"),
    "gaps.leads": ("davon geleitet", "of which led"),
    "gaps.shared": ("Projekte mit gemeinsamen Akteuren", "Projects that share actors"),
    "gaps.shared_none": ("Keine zwei Projekte haben gemeinsame Akteure.", "No two projects share an actor."),
    "gaps.other_project": ("anderes Projekt", "other project"),
    "gaps.shared_actors": ("gemeinsame Akteure", "shared actors"),
    "gaps.count": ("Anzahl", "Count"),
    "gaps.chart": ("Balkendiagramm", "Bar chart"),
    "gaps.chart_note": ("Die Tabelle daneben enthält dieselben Zahlen.", "The table beside it holds the same numbers."),
    "gaps.explore": ("im Explorer", "in the explorer"),
    "gaps.empty": ("Keine Einträge.", "No entries."),
    "gaps.goals_unknown": ("Die Ziele dieser Auswahl sind aus den Quellen nicht bekannt – keine Aussage über Lücken möglich.",
                           "The goals of this selection are not known from the sources – nothing can be said about gaps."),
    "gaps.unpublished_title": ("Ziele nicht veröffentlicht", "Goals not published"),
    "gaps.unpublished_intro": ("Für diese Kompetenzen nennen die ausgewerteten Quellen keine Schwerpunkte und Ziele. Das heißt nicht, dass es keine gibt.",
                               "For these competences the sources searched give no goal areas and goals. That does not mean there are none."),
    # workbench
    "workbench.title": ("Abfrage-Werkbank (SPARQL)", "Query workbench (SPARQL)"),
    "workbench.lead": (
        "SPARQL-Abfragen an den Wissensgraphen schreiben und ausführen. Die Präfixe des Graphen sind vorbelegt, "
        "Strg+Leertaste ergänzt Klassen und Eigenschaften der Ontologie. Ergebnisse als Tabelle, Diagramm oder "
        "Netz (für CONSTRUCT), zum Herunterladen und als Link zum Teilen.",
        "Write and run SPARQL queries against the knowledge graph. The graph's prefixes are preloaded, Ctrl+Space "
        "completes classes and properties of the ontology. Results as a table, a chart or a network (for "
        "CONSTRUCT), for download and as a link to share.",
    ),
    "workbench.examples": ("Beispielabfragen", "Example queries"),
    "workbench.examples_lead": (
        "Die benannten Abfragen der API; „In den Editor laden“ übernimmt sie mit ihren Beispielparametern.",
        "The named queries of the API; \u201cLoad into editor\u201d takes them over with their example parameters.",
    ),
    "workbench.load": ("In den Editor laden", "Load into editor"),
    "workbench.run_api": ("Über die API", "Via the API"),
    "workbench.permalink": ("Permalink zur Abfrage", "Permalink to the query"),
    "workbench.permalink_copied": ("Link in die Adresszeile übernommen.", "Link put into the address bar."),
    "workbench.no_examples": ("Keine benannten Abfragen vorhanden.", "No named queries available."),
    "workbench.endpoint": ("SPARQL-Endpunkt", "SPARQL endpoint"),
    "workbench.no_js": (
        "Die Werkbank braucht JavaScript. Ohne JavaScript: Abfragen per Formular an den SPARQL-Endpunkt senden.",
        "The workbench needs JavaScript. Without JavaScript, send queries to the SPARQL endpoint with a form.",
    ),
    "workbench.chart": ("Diagramm", "Chart"),
    "workbench.graph": ("Netz", "Network"),
    "workbench.chart_none": (
        "Für ein Diagramm braucht das Ergebnis eine Spalte mit Zahlen (etwa COUNT) und eine Spalte mit Namen.",
        "A chart needs a result column with numbers (such as COUNT) and a column with names.",
    ),
    "workbench.graph_none": (
        "Das Netz zeigt Ergebnisse von CONSTRUCT- oder DESCRIBE-Abfragen.",
        "The network shows the results of CONSTRUCT or DESCRIBE queries.",
    ),
    "workbench.failed": ("Die Abfrage ist fehlgeschlagen", "The query failed"),
    "workbench.empty": ("Die Abfrage hat keine Ergebnisse geliefert.", "The query returned no results."),
    "workbench.parameters": ("Parameter", "Parameters"),
    # curate: the spreadsheet round trip in the browser (web/curate/)
    "curate.title": ("Daten in einer Tabelle pflegen", "Keep the data up to date in a spreadsheet"),
    "curate.lead": (
        "Laden Sie die Daten als Excel-Arbeitsmappe herunter, bearbeiten Sie sie und laden Sie sie wieder hoch: "
        "Die Seite prüft jede Zelle und die Regeln der Ontologie und zeigt, was sich ändern würde. Sie ändert "
        "selbst nichts.",
        "Download the data as an Excel workbook, edit it and upload it again: the page checks every cell and "
        "the rules of the ontology and shows what would change. It changes nothing itself.",
    ),
    "curate.download_title": ("1. Arbeitsmappe herunterladen", "1. Download the workbook"),
    "curate.download_lead": (
        "Ein Blatt je Art von Ressource, eine Zeile je Ressource; das erste Blatt „Erläuterung“ erklärt jede Spalte.",
        "One sheet per kind of resource, one row per resource; the first sheet explains every column.",
    ),
    "curate.download": ("Arbeitsmappe herunterladen (.xlsx)", "Download the workbook (.xlsx)"),
    "curate.download_other": ("englische Fassung", "German version"),
    "curate.upload_title": ("2. Bearbeitete Arbeitsmappe prüfen", "2. Check the edited workbook"),
    "curate.upload_lead": (
        "Die Datei wird nur für diese Prüfung gelesen und nicht gespeichert (höchstens {mb} MB).",
        "The file is read for this check only and not stored (at most {mb} MB).",
    ),
    "curate.file": ("Arbeitsmappe (.xlsx)", "Workbook (.xlsx)"),
    "curate.file_hint": ("Excel-Arbeitsmappe, höchstens {mb} MB", "Excel workbook, at most {mb} MB"),
    "curate.check": ("Prüfen", "Check"),
    "curate.apply_title": ("3. Änderungen übernehmen", "3. Apply the changes"),
    "curate.apply_lead": (
        "Übernommen werden Änderungen nur mit dem Befehl „bochum-kg sheet import“ im Projektverzeichnis, "
        "durch jemanden, der die Daten ändern darf; er prüft die Arbeitsmappe genauso und schreibt dann data/:",
        "Changes are applied only with the command “bochum-kg sheet import” in the project folder, by someone "
        "who may change the data; it checks the workbook the same way and then writes data/:",
    ),
    "curate.read_only": (
        "Dieser Dienst liest nur: Er schreibt nichts in seine Daten und behält keine hochgeladene Datei.",
        "This service only reads: it writes nothing to its data and keeps no uploaded file.",
    ),
    "curate.report_title": ("Prüfbericht", "Report"),
    "curate.unreadable": ("Die Datei kann nicht gelesen werden.", "The file cannot be read."),
    "curate.invalid": (
        "{count} Problem(e): So übernommen würde die Arbeitsmappe nichts ändern. Bitte die Zellen korrigieren "
        "und erneut prüfen.",
        "{count} problem(s): as it is, importing the workbook would change nothing. Please correct the cells "
        "and check again.",
    ),
    "curate.unchanged": ("Die Arbeitsmappe ist gültig und enthält keine Änderung.",
                         "The workbook is valid and holds no change."),
    "curate.valid": (
        "Die Arbeitsmappe ist gültig. Änderungen: {count} Ressourcen ({added} neu, {removed} entfernt, {changed} geändert).",
        "The workbook is valid. Changes: {count} resources ({added} added, {removed} removed, {changed} changed).",
    ),
    "curate.problems": ("Probleme", "Problems"),
    "curate.notes": ("Hinweise (verhindern die Übernahme nicht)", "Notes (do not prevent an import)"),
    "curate.sheet": ("Blatt", "Sheet"),
    "curate.row": ("Zeile", "Row"),
    "curate.resource": ("Ressource", "Resource"),
    "curate.column": ("Spalte", "Column"),
    "curate.value": ("Wert", "Value"),
    "curate.problem": ("Problem", "Problem"),
    "curate.preview_title": ("Vorschau der Änderungen", "Preview of the changes"),
    "curate.added": ("Neue Ressourcen", "Resources added"),
    "curate.removed": ("Entfernte Ressourcen", "Resources removed"),
    "curate.changed": ("Geänderte Ressourcen", "Resources changed"),
    "curate.property": ("Eigenschaft", "Property"),
    "curate.old": ("bisher", "old"),
    "curate.new": ("neu", "new"),
    "curate.diff_title": ("Turtle-Diff", "Turtle diff"),
    "curate.diff_lead": (
        "Die Zeilen der Dateien in data/, die der Import ändern würde (wie „git diff“ sie zeigt).",
        "The lines of the files in data/ that the import would change (as “git diff” shows them).",
    ),
    "curate.diff_download": ("Diff herunterladen (.diff)", "Download the diff (.diff)"),
    "curate.diff_too_long": (
        "Der Diff ist zu lang für einen Download-Link; Skripte erhalten ihn mit POST /curate?format=diff.",
        "The diff is too long for a download link; scripts get it with POST /curate?format=diff.",
    ),
    "curate.diff_show": ("Diff anzeigen", "Show the diff"),
    "curate.diff_refused": (
        "Die Arbeitsmappe hat {count} Problem(e); ein Diff gibt es nur für gültige Daten.",
        "The workbook has {count} problem(s); there is a diff for valid data only.",
    ),
    "curate.no_file": ("Bitte eine Arbeitsmappe (.xlsx) auswählen.", "Please choose a workbook (.xlsx)."),
    "curate.empty_file": ("Die hochgeladene Datei ist leer.", "The uploaded file is empty."),
    "curate.too_large": (
        "Die Datei ist größer als {mb} MB und wurde nicht gelesen. Die Arbeitsmappe der Daten ist viel kleiner: "
        "Enthält die Datei Bilder oder sehr viele leere Zeilen?",
        "The file is larger than {mb} MB and was not read. The data's workbook is much smaller: does the file "
        "hold images or very many empty rows?",
    ),
    "curate.no_data": (
        "Dieser Server hat keinen lesbaren Ordner data/; die Tabellenpflege ist hier nicht verfügbar.",
        "This server has no readable data/ folder; the spreadsheet round trip is not available here.",
    ),
    # API page
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
    "api.in_workbench": ("in der Werkbank öffnen", "open in the workbench"),
    "api.views": ("Daten der Beziehungsansichten", "Data of the relationship views"),
    "api.none": ("Es sind keine benannten Abfragen vorhanden.", "There are no named queries."),
}

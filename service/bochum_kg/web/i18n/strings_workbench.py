"""The words of the workbench face (web/workbench/): the explorer, connections (paths), gaps and the
query workbench, and `views.*`, which the API page shares with them. Part of the one table in
web/i18n/__init__.py."""

from __future__ import annotations

# key -> (German, English)
STRINGS: dict[str, tuple[str, str]] = {
    # shared by the views, the workbench and the API page
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
    "explore.all_universities": ("Alle {count} Hochschulen", "All {count} universities"),
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
    "gaps.rows_shown": ("Gezeigt sind die ersten Zeilen, alle stehen in der CSV- und JSON-Datei oben:",
                        "Only the first rows are shown; all of them are in the CSV and JSON files above:"),
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
}

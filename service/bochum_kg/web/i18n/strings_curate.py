"""The words of /curate, the spreadsheet round trip in the browser (web/curate/). Part of the one
table in web/i18n/__init__.py."""

from __future__ import annotations

# key -> (German, English)
STRINGS: dict[str, tuple[str, str]] = {
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
}

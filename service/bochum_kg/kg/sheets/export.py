"""The graph as sheets: an explanation, one sheet per kind, and "Weitere Aussagen" for the rest.

Every triple of the data lands in exactly one cell: in its resource's row and property's
column when that column's cell text reads back to the very same term (cells.fits), otherwise
as a row (subject, property, value in Turtle notation) of the sheet "Weitere Aussagen".
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from .cells import VALUE_SEPARATOR, fits, format_value
from .kinds import EXPLANATION_SHEET, LISTS_SHEET, OTHER_SHEET
from .model import IDENTIFIER, Column, Sheet, SheetModel, resources_by_kind, value_form
from .tables import Table, write_csv_folder, write_xlsx
from .vocabulary import compact, kind_of, slug_of, turtle_iri, turtle_term

OTHER_HEADER = {"de": ["Subjekt", "Eigenschaft", "Wert (Turtle)"], "en": ["subject", "property", "value (Turtle)"]}
EXPLANATION_HEADER = {
    "de": ["Blatt", "Spalte", "Eigenschaft", "Werte", "Values", "Bedeutung", "Meaning"],
    "en": ["sheet", "column", "property", "Werte", "values", "Bedeutung", "meaning"],
}
FORMS = {  # how the values of a column are written, in German and English
    "identifier": ("Kennung der Ressource: art/name (nie ändern)", "identifier of the resource: kind/name (never change it)"),
    "class": ("Klasse aus der Liste", "class from the list"),
    "closed": ("Kennung aus der Liste, z. B. {example}", "identifier from the list, e.g. {example}"),
    "link": ("Kennung einer Ressource (art/name) oder URL mit https://", "identifier of a resource (kind/name) or URL with https://"),
    "text": ("Text in Sprache ‚{language}‘", "text in language ‘{language}’"),
    "plain": ("Text", "text"),
    "date": ("Datum: JJJJ-MM-TT, JJJJ-MM oder JJJJ", "date: YYYY-MM-DD, YYYY-MM or YYYY"),
    "number": ("Zahl mit Dezimalpunkt, ohne Tausendertrennzeichen (1234.5)", "number with a decimal point, no thousands separator (1234.5)"),
    "boolean": ("true oder false", "true or false"),
    "typed": ("Wert vom Typ {datatype}", "value of type {datatype}"),
}
GENERAL_NOTES = [
    ("Mehrere Werte in einer Zelle: ein Wert je Zeile (Alt+Eingabe in Excel, Strg+Eingabe in LibreOffice).",
     "Several values in one cell: one value per line (Alt+Enter in Excel, Ctrl+Enter in LibreOffice)."),
    ("Eine Zeile je Ressource; eine neue Ressource ist eine neue Zeile mit neuer Kennung.",
     "One row per resource; a new resource is a new row with a new identifier."),
    ("Verweise auf andere Ressourcen stehen als Kennung (art/name), Quellen als vollständige URL.",
     "Links to other resources are identifiers (kind/name), sources full URLs."),
    ("„Weitere Aussagen“ hält, was in keine Spalte passt, in Turtle-Schreibweise.",
     "“Other statements” holds what fits no column, in Turtle notation."),
]


def workbook_tables(graph: Graph, model: SheetModel, lang: str) -> tuple[list[Table], dict[str, list[str]]]:
    """The tables of the workbook in `lang`, and the closed lists their drop-downs offer."""
    by_kind = resources_by_kind(graph)
    lists = _closed_lists(model, by_kind)
    placed: set = set()
    tables = [_explanation(model, lists, lang)]
    for sheet in model.sheets:
        tables.append(_sheet_table(graph, model, sheet, by_kind.get(sheet.kind, []), lang, placed))
    tables.append(_other_table(graph, model, placed, lang))
    return tables, lists


def export_xlsx(graph: Graph, model: SheetModel, lang: str) -> bytes:
    tables, lists = workbook_tables(graph, model, lang)
    return write_xlsx(tables, lists, LISTS_SHEET[lang])


def export_csv(graph: Graph, model: SheetModel, lang: str, folder: Path) -> list[Path]:
    tables, _ = workbook_tables(graph, model, lang)
    return write_csv_folder(tables, folder)


def list_name(sheet: Sheet, column: Column) -> str:
    return f"class:{sheet.kind}" if column.form == "class" else "+".join(column.targets)


def _closed_lists(model: SheetModel, by_kind) -> dict[str, list[str]]:
    lists = {}
    for sheet in model.sheets:
        for column in sheet.columns:
            if column.closed:
                name = list_name(sheet, column)
                if column.form == "class":
                    lists[name] = [compact(c, model.prefixes) or str(c) for c in sheet.classes]
                else:
                    lists[name] = sorted(slug_of(r) for k in column.targets for r in by_kind.get(k, []))
    return lists


def _sheet_table(graph: Graph, model: SheetModel, sheet: Sheet, subjects, lang: str, placed: set) -> Table:
    by_key = {(c.predicate, c.form, c.language, c.datatype): c for c in sheet.columns}
    index = {c: i for i, c in enumerate(sheet.columns, start=1)}
    rows = []
    for subject in subjects:
        cells = [[] for _ in sheet.columns]
        for predicate, obj in graph.predicate_objects(subject):
            form = ("class", None, None) if predicate == RDF.type else value_form(obj)
            column = by_key.get((predicate, *form))
            if column is not None and fits(obj, column, model.prefixes):
                cells[index[column] - 1].append(format_value(obj, column, model.prefixes))
                placed.add((subject, predicate, obj))
        rows.append([slug_of(subject)] + [VALUE_SEPARATOR.join(sorted(values)) for values in cells])
    header = [IDENTIFIER[lang]] + [c.header(lang) for c in sheet.columns]
    dropdowns = {index[c]: list_name(sheet, c) for c in sheet.columns if c.closed}
    widths = {0: 40, **{index[c]: 60 if c.form == "text" else 30 for c in sheet.columns}}
    return Table(sheet.name(lang), header, rows, dropdowns, widths=widths)


def _other_table(graph: Graph, model: SheetModel, placed: set, lang: str) -> Table:
    rows = []
    for subject, predicate, obj in graph:
        if (subject, predicate, obj) in placed:
            continue
        subject_text = slug_of(subject) if kind_of(subject) else turtle_term(subject, model.prefixes)
        rows.append([subject_text, turtle_iri(predicate, model.prefixes), turtle_term(obj, model.prefixes)])
    return Table(OTHER_SHEET[lang], OTHER_HEADER[lang], sorted(rows), widths={0: 40, 1: 30, 2: 80})


def _explanation(model: SheetModel, lists: dict[str, list[str]], lang: str) -> Table:
    rows = [["", "", "", de, en, "", ""] for de, en in GENERAL_NOTES]
    for sheet in model.sheets:
        name = sheet.name(lang)
        de, en = FORMS["identifier"]
        rows.append([name, IDENTIFIER[lang], "", de, en, "", ""])
        for column in sheet.columns:
            de, en = _form_text(sheet, column, model, lists)
            definition = {d.language: str(d) for d in model.ontology.objects(column.predicate, SKOS.definition)}
            rows.append([name, column.header(lang), compact(column.predicate, model.prefixes) or str(column.predicate),
                         de, en, definition.get("de", ""), definition.get("en", "")])
    return Table(EXPLANATION_SHEET[lang], EXPLANATION_HEADER[lang], rows,
                 widths={0: 20, 1: 30, 2: 25, 3: 45, 4: 45, 5: 60, 6: 60})


def _form_text(sheet: Sheet, column: Column, model: SheetModel, lists) -> tuple[str, str]:
    if column.closed and column.form != "class":
        de, en = FORMS["closed"]
        example = (lists.get(list_name(sheet, column)) or ["…"])[0]
        return de.format(example=example), en.format(example=example)
    de, en = FORMS[column.form]
    datatype = compact(column.datatype, model.prefixes) if column.datatype else ""
    return (de.format(language=column.language, datatype=datatype),
            en.format(language=column.language, datatype=datatype))

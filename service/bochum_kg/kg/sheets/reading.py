"""Sheets back to RDF: every cell read, every problem located (sheet, row, column, value).

The language (de/en) is detected from the sheet names. Reading checks what the sheets alone
can tell (structure, identifiers, the form of each value, links to resources that exist);
the SHACL shapes check the rest (shacl_problems.py).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from .cells import CellError, parse_value, split_values
from .graphs import new_graph
from .kinds import EXPLANATION_SHEET, KNOWN_KINDS, LISTS_SHEET, OTHER_SHEET
from .model import IDENTIFIER, Column, Sheet, SheetModel
from .other_statements import read_statement
from .problems import Problem, did_you_mean, message
from .tables import MAX_ROWS, Formula, ReadSheet, UnreadableInput, read_csv_folder, read_xlsx
from .vocabulary import compact, iri_of_slug, kind_of, slug_of


@dataclass
class Reading:
    """What a workbook says: the graph, what is wrong, and where each resource and statement stands."""

    graph: Graph
    problems: list[Problem]
    lang: str = "de"
    rows: dict = field(default_factory=dict)  # IRI -> (sheet name, row)
    statements: dict = field(default_factory=dict)  # triple -> (sheet name, row) for "Weitere Aussagen"
    columns: dict = field(default_factory=dict)  # (kind, predicate, language) -> header


def read_workbook(content: bytes, model: SheetModel, lang: str = "de") -> Reading:
    """Read an .xlsx workbook given as bytes; `lang`: the language of the messages when the file
    itself cannot tell (not a workbook, no sheet we know)."""
    try:
        return read_sheets(read_xlsx(content), model, lang)
    except UnreadableInput as err:
        return _unreadable(err, lang)


def read_folder(folder: Path, model: SheetModel, lang: str = "de") -> Reading:
    """Read a folder of CSV files (one per sheet)."""
    try:
        return read_sheets(read_csv_folder(folder), model, lang)
    except UnreadableInput as err:
        return _unreadable(err, lang)


def _unreadable(err: UnreadableInput, lang: str) -> Reading:
    text = message(err.code, lang, **err.args_)
    return Reading(new_graph(), [Problem(err.where, None, None, None, text, lang, structural=True)], lang)


def detect_language(names: list[str], model: SheetModel) -> str | None:
    scores = {lang: sum(1 for n in names if n in _sheet_names(model, lang)) for lang in ("de", "en")}
    best = max(scores, key=lambda lang: (scores[lang], lang == "de"))
    return best if scores[best] else None


def _sheet_names(model: SheetModel, lang: str) -> set[str]:
    return {s.name(lang) for s in model.sheets} | {EXPLANATION_SHEET[lang], OTHER_SHEET[lang], LISTS_SHEET[lang]}


def read_sheets(read: list[ReadSheet], model: SheetModel, fallback_lang: str = "de") -> Reading:
    lang = detect_language([s.name for s in read], model)
    if lang is None:
        lang = fallback_lang
        example = model.sheets[0].name(lang) if model.sheets else "Projekte"
        text = message("no_known_sheets", lang, example=example)
        return Reading(new_graph(), [Problem("", None, None, None, text, lang, structural=True)], lang)
    reader = _Reader(model, lang)
    reader.read(read)
    return Reading(reader.graph, reader.problems, lang, reader.rows, reader.statements, reader.column_headers)


class _Reader:
    def __init__(self, model: SheetModel, lang: str):
        self.model, self.lang = model, lang
        self.graph = new_graph()
        self.problems: list[Problem] = []
        self.rows: dict = {}
        self.statements: dict = {}
        self.column_headers: dict = {}
        self.pending_links: list[tuple] = []

    def problem(self, sheet, row, column, value, code, structural=False, **args) -> None:
        text = message(code, self.lang, value=value, **args)
        self.problems.append(Problem(sheet, row, column, value, text, self.lang, structural))

    def read(self, read: list[ReadSheet]) -> None:
        by_name = {s.name: s for s in read}
        sheets = {s.name(self.lang): s for s in self.model.sheets}
        ignored = {EXPLANATION_SHEET[self.lang], LISTS_SHEET[self.lang]}
        expected = list(sheets) + [OTHER_SHEET[self.lang]]
        for name in by_name:
            if name not in expected and name not in ignored:
                hint = did_you_mean(difflib.get_close_matches(name, expected, n=2), self.lang)
                self.problem(name, None, None, None, "unknown_sheet", True, hint=hint)
        for name in expected:
            if name not in by_name:
                self.problem(name, None, None, None, "missing_sheet", True)
            elif by_name[name].too_many_rows:
                self.problem(name, None, None, None, "too_many_rows", True, limit=MAX_ROWS)
        layouts = {name: self._layout(by_name[name], sheet) for name, sheet in sheets.items() if name in by_name}
        if any(p.structural for p in self.problems):
            return
        for name, sheet in sheets.items():
            self._identifiers(by_name[name], sheet)
        for name, sheet in sheets.items():
            self._cells(by_name[name], sheet, layouts[name])
        self._other(by_name[OTHER_SHEET[self.lang]])
        self._report_links()
        order = {name: index for index, name in enumerate(expected)}
        self.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))

    def _layout(self, read: ReadSheet, sheet: Sheet) -> dict[int, Column]:
        """Column index -> Column, from the header row; missing and unknown columns are problems."""
        by_header = {c.header(self.lang): c for c in sheet.columns}
        for column in sheet.columns:
            self.column_headers[(sheet.kind, column.predicate, column.language)] = column.header(self.lang)
        if not read.header or read.header[0] != IDENTIFIER[self.lang]:
            self.problem(read.name, 1, IDENTIFIER[self.lang], None, "missing_column", True)
        layout = {}
        for index, header in enumerate(read.header[1:], start=1):
            if header in by_header:
                layout[index] = by_header.pop(header)
            elif header:
                hint = did_you_mean(difflib.get_close_matches(header, list(by_header), n=2), self.lang)
                self.problem(read.name, 1, header, None, "unknown_column", True, hint=hint)
        for header in by_header:
            self.problem(read.name, 1, header, None, "missing_column", True)
        return layout

    def _identifiers(self, read: ReadSheet, sheet: Sheet) -> None:
        column = IDENTIFIER[self.lang]
        for number, cells in read.rows:
            value = cells[0] if cells else ""
            if isinstance(value, Formula):
                self.problem(read.name, number, column, value.text, "formula")
                continue
            value = value.strip()
            iri = iri_of_slug(value) if value else None
            if not value:
                self.problem(read.name, number, column, None, "missing_identifier")
            elif iri is None:
                self.problem(read.name, number, column, value, "bad_identifier", kind=sheet.kind)
            elif kind_of(iri) != sheet.kind:
                self.problem(read.name, number, column, value, "wrong_kind", kind=sheet.kind)
            elif iri in self.rows:
                first = self.rows[iri]
                self.problem(read.name, number, column, value, "duplicate_identifier", first=self._where(*first))
            else:
                self.rows[iri] = (read.name, number)

    def _where(self, sheet: str, row: int) -> str:
        return f"{sheet}, {'Zeile' if self.lang == 'de' else 'row'} {row}"

    def _cells(self, read: ReadSheet, sheet: Sheet, layout: dict[int, Column]) -> None:
        for number, cells in read.rows:
            iri = iri_of_slug(cells[0].strip()) if cells and isinstance(cells[0], str) else None
            if iri is None or self.rows.get(iri) != (read.name, number):
                continue  # the identifier's problem is reported already
            for index, column in layout.items():
                cell = cells[index] if index < len(cells) else ""
                header = column.header(self.lang)
                if isinstance(cell, Formula):
                    self.problem(read.name, number, header, cell.text, "formula")
                    continue
                for text in split_values(cell):
                    self._value(read.name, number, sheet, column, iri, text)

    def _value(self, sheet_name, number, sheet: Sheet, column: Column, subject: URIRef, text: str) -> None:
        header = column.header(self.lang)
        try:
            term = parse_value(text, column, self.model.prefixes, known=lambda i: i in self.rows)
        except CellError as err:
            if err.code == "unknown_resource":
                self.pending_links.append((sheet_name, number, header, text, column.targets))
            elif err.code == "unknown_class":
                self._unknown_class(sheet_name, number, header, text, sheet)
            else:
                self.problem(sheet_name, number, header, text, err.code, **err.args_)
            return
        if column.form == "class" and term not in sheet.classes:
            self._unknown_class(sheet_name, number, header, text, sheet)
            return
        self.graph.add((subject, column.predicate, term))

    def _unknown_class(self, sheet_name, number, header, text, sheet: Sheet) -> None:
        allowed = ", ".join(compact(c, self.model.prefixes) or str(c) for c in sheet.classes)
        self.problem(sheet_name, number, header, text, "unknown_class", sheet_name=sheet.name(self.lang), allowed=allowed)

    def _other(self, read: ReadSheet) -> None:
        for number, cells in read.rows:
            texts = [(c.text if isinstance(c, Formula) else c.strip()) for c in (list(cells) + ["", "", ""])[:3]]
            try:
                triple = read_statement(*texts, self.model.prefixes)
            except ValueError as err:
                self.problem(read.name, number, None, " ".join(texts), "bad_statement", reason=str(err))
                continue
            self.graph.add(triple)
            self.statements[triple] = (read.name, number)
            if kind_of(triple[0]) and triple[0] not in self.rows:
                self.rows[triple[0]] = (read.name, number)

    def _report_links(self) -> None:
        """Links to unknown resources, with suggestions from the identifiers and names read."""
        for sheet_name, number, header, text, targets in self.pending_links:
            kinds = [k for k in targets if k != "url"]
            names = KNOWN_KINDS.get(kinds[0]) if len(kinds) == 1 else None
            what = names.unknown(self.lang) if names else (
                "keine bekannte Ressource" if self.lang == "de" else "not a known resource")
            hint = did_you_mean(self._suggestions(text, kinds), self.lang)
            self.problem(sheet_name, number, header, text, "unknown_resource", what=what, hint=hint)

    def _suggestions(self, text: str, kinds: list[str]) -> list[str]:
        candidates = {}  # lower-case name -> slug
        for iri in self.rows:
            if kinds and kind_of(iri) not in kinds:
                continue
            slug = slug_of(iri)
            candidates[slug.lower()] = slug
            candidates[slug.split("/", 1)[1]] = slug
            for label in self.graph.objects(iri, RDFS.label):
                if isinstance(label, Literal):
                    candidates[str(label).lower()] = slug
        wanted = text.lower()
        found = [slug for name, slug in sorted(candidates.items()) if wanted in name]
        found += [candidates[n] for n in difflib.get_close_matches(wanted, list(candidates), n=3, cutoff=0.6)]
        return list(dict.fromkeys(found))[:3]


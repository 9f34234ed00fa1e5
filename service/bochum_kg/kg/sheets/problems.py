"""What is wrong with a workbook, where, in the language of its sheets.

A Problem names sheet, row, column and value; `structural` problems (not a workbook, wrong
encoding, missing sheet or column, too many rows) make the whole file unreadable (exit 2), the
others make the data invalid (exit 1).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

MESSAGES = {
    "not_workbook": ("keine Excel-Arbeitsmappe (.xlsx) und kein Ordner mit CSV-Dateien: {reason}",
                     "not an Excel workbook (.xlsx) nor a folder of CSV files: {reason}"),
    "too_large": ("die Arbeitsmappe entpackt sich zu mehr als {limit} MB; so große Dateien werden nicht gelesen",
                  "the workbook unpacks to more than {limit} MB; files that large are not read"),
    "not_utf8": ("die Datei ist nicht UTF-8-kodiert (Byte {position}); bitte als „CSV UTF-8“ speichern",
                 "the file is not UTF-8 encoded (byte {position}); please save as “CSV UTF-8”"),
    "bad_csv": ("die CSV-Datei ist nicht lesbar: {reason}", "the CSV file cannot be read: {reason}"),
    "no_known_sheets": ("keine Blätter der Arbeitsmappe von bochum-kg gefunden (erwartet z. B. ‚{example}‘)",
                        "no sheets of a bochum-kg workbook found (expected e.g. ‘{example}’)"),
    "missing_sheet": ("das Blatt fehlt; ohne es gingen alle seine Ressourcen verloren",
                      "the sheet is missing; without it all its resources would be lost"),
    "unknown_sheet": ("unbekanntes Blatt{hint}", "unknown sheet{hint}"),
    "missing_column": ("die Spalte fehlt; ohne sie gingen alle ihre Werte verloren",
                       "the column is missing; without it all its values would be lost"),
    "unknown_column": ("unbekannte Spalte{hint}", "unknown column{hint}"),
    "too_many_rows": ("mehr als {limit} Zeilen; so große Blätter werden nicht gelesen (leere Zeilen am Ende löschen?)",
                      "more than {limit} rows; sheets that large are not read (delete empty rows at the end?)"),
    "formula": ("‚{value}‘ ist eine Formel; bitte nur Werte eintragen (Einfügen → Nur Werte)",
                "‘{value}’ is a formula; please enter values only (Paste special → Values)"),
    "missing_identifier": ("die Kennung fehlt", "the identifier is missing"),
    "bad_identifier": ("‚{value}‘ ist keine Kennung der Form ‚{kind}/name-in-kleinbuchstaben‘",
                       "‘{value}’ is not an identifier of the form ‘{kind}/name-in-lower-case’"),
    "duplicate_identifier": ("‚{value}‘ kommt mehrfach vor (zuerst: {first})",
                             "‘{value}’ occurs more than once (first: {first})"),
    "wrong_kind": ("‚{value}‘ gehört nicht auf dieses Blatt: die Kennungen hier beginnen mit ‚{kind}/‘ "
                   "(die Art einer Ressource ändert sich nie)",
                   "‘{value}’ does not belong on this sheet: identifiers here start with ‘{kind}/’ "
                   "(the kind of a resource never changes)"),
    "unknown_class": ("‚{value}‘ ist keine Klasse für {sheet_name} (erlaubt: {allowed})",
                      "‘{value}’ is not a class for {sheet_name} (allowed: {allowed})"),
    "unknown_resource": ("‚{value}‘ ist {what}{hint}", "‘{value}’ is {what}{hint}"),
    "url_without_scheme": ("‚{value}‘ ist eine URL ohne Schema (meinten Sie ‚{fixed}‘?)",
                           "‘{value}’ is a URL without a scheme (did you mean ‘{fixed}’?)"),
    "bad_url": ("‚{value}‘ ist keine gültige URL", "‘{value}’ is not a valid URL"),
    "bad_date": ("‚{value}‘ ist kein gültiges Datum (JJJJ-MM-TT, JJJJ-MM, JJJJ oder TT.MM.JJJJ)",
                 "‘{value}’ is not a valid date (YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY)"),
    "decimal_comma": ("‚{value}‘ hat ein Dezimalkomma; bitte mit Punkt schreiben: ‚{fixed}‘",
                      "‘{value}’ has a decimal comma; please write a decimal point: ‘{fixed}’"),
    "thousands": ("‚{value}‘ sieht nach Tausenderpunkten aus; bitte ohne Trennzeichen schreiben: ‚{fixed}‘",
                  "‘{value}’ looks like thousands separators; please write it without: ‘{fixed}’"),
    "bad_number": ("‚{value}‘ ist keine Zahl", "‘{value}’ is not a number"),
    "bad_boolean": ("‚{value}‘: erwartet wird true oder false", "‘{value}’: expected true or false"),
    "bad_typed": ("‚{value}‘ ist kein gültiger Wert vom Typ {datatype}", "‘{value}’ is not a valid {datatype} value"),
    "bad_statement": ("keine lesbare Aussage (Subjekt, Eigenschaft, Wert in Turtle-Schreibweise): {reason}",
                      "not a readable statement (subject, property, value in Turtle notation): {reason}"),
    "did_you_mean": (" (meinten Sie {options}?)", " (did you mean {options}?)"),
    "shacl": ("{rule}{value_part}: {message}", "{rule}{value_part}: {message}"),
}
WHERE = {"de": ("Zeile", "Spalte"), "en": ("row", "column")}
QUOTES = {"de": ("‚", "‘"), "en": ("‘", "’")}


def message(code: str, lang: str, **args) -> str:
    template = MESSAGES[code][0 if lang == "de" else 1]
    return template.format(**args)


def quoted(text: str, lang: str) -> str:
    left, right = QUOTES[lang]
    return f"{left}{text}{right}"


def did_you_mean(options: list[str], lang: str) -> str:
    if not options:
        return ""
    joiner = " oder " if lang == "de" else " or "
    return message("did_you_mean", lang, options=joiner.join(quoted(o, lang) for o in options))


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as known (row: the spreadsheet's row number)."""

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    text: str
    lang: str = "de"
    structural: bool = False

    def __str__(self) -> str:
        row_word, column_word = WHERE[self.lang]
        where = [self.sheet] if self.sheet else []
        if self.row is not None:
            where.append(f"{row_word} {self.row}")
        if self.column:
            where.append(f"{column_word} {self.column}")
        return f"{', '.join(where)}: {self.text}" if where else self.text

    def as_dict(self) -> dict:
        return asdict(self)


"""Bad workbooks: one clear message naming where, the right exit code, never a traceback or a write."""

from __future__ import annotations

import csv

import pytest
from openpyxl import Workbook
from sheet_helpers import append_row, column_of, edit_workbook, row_of, set_cell


@pytest.fixture()
def exported(exported_workbook, tmp_path):
    """The copy's data as an .xlsx workbook (German), to edit."""
    path = tmp_path / "daten.xlsx"
    path.write_bytes(exported_workbook)
    return path


def _import(project, cli, source):
    """Import, and check the promise every failure keeps: data/ stays exactly as it was."""
    before = project.texts()
    outcome = cli(project, "sheet", "import", str(source))
    assert project.texts() == before
    assert "Traceback" not in outcome.stderr
    return outcome


def _problems(outcome) -> list[str]:
    """The problems reported (warnings of the real data, printed as "note: …", do not block an import)."""
    return [line for line in outcome.stderr.splitlines()
            if not line.endswith("data/ left unchanged") and not line.startswith("note: ")]


def _edited(exported, edit):
    exported.write_bytes(edit_workbook(exported.read_bytes(), edit))
    return exported


def test_not_a_workbook(project, cli, tmp_path):
    source = tmp_path / "daten.xlsx"
    source.write_text("Kennung;Klasse\nproject/x;bs:CoreActivity\n", encoding="utf-8")
    outcome = _import(project, cli, source)
    assert outcome.exit_code == 2
    assert _problems(outcome)[0].startswith("keine Excel-Arbeitsmappe (.xlsx) und kein Ordner mit CSV-Dateien: ")


def test_csv_in_the_wrong_encoding(project, cli, tmp_path):
    folder = tmp_path / "csv"
    assert cli(project, "sheet", "export", str(folder), "--format", "csv").exit_code == 0
    text = (folder / "Projekte.csv").read_text(encoding="utf-8-sig")
    (folder / "Projekte.csv").write_bytes(text.encode("cp1252", errors="replace"))
    outcome = _import(project, cli, folder)
    assert outcome.exit_code == 2
    assert len(_problems(outcome)) == 1
    assert _problems(outcome)[0].startswith("Projekte: die Datei ist nicht UTF-8-kodiert (Byte ")
    assert _problems(outcome)[0].endswith("); bitte als „CSV UTF-8“ speichern")


def test_missing_sheet(project, cli, exported):
    outcome = _import(project, cli, _edited(exported, lambda wb: wb.remove(wb["Beteiligungen"])))
    assert outcome.exit_code == 2
    assert _problems(outcome) == ["Beteiligungen: das Blatt fehlt; ohne es gingen alle seine Ressourcen verloren"]


def test_missing_column(project, cli, exported):
    outcome = _import(project, cli, _edited(exported, lambda wb: wb["Projekte"].delete_cols(column_of(wb["Projekte"], "Status"))))
    assert outcome.exit_code == 2
    assert _problems(outcome) == ["Projekte, Zeile 1, Spalte Status: die Spalte fehlt; ohne sie gingen alle ihre Werte verloren"]


def test_duplicated_identifier(project, cli, exported):
    rows = {}

    def duplicate(wb):
        sheet = wb["Standorte"]
        rows["first"] = row_of(sheet, "site/mark-51-7")
        rows["second"] = append_row(sheet, {"Kennung": "site/mark-51-7", "Klasse": "bs:Site", "Name (de)": "MARK 51°7"})

    outcome = _import(project, cli, _edited(exported, duplicate))
    assert outcome.exit_code == 1
    assert _problems(outcome) == [
        f"Standorte, Zeile {rows['second']}, Spalte Kennung: ‚site/mark-51-7‘ kommt mehrfach vor "
        f"(zuerst: Standorte, Zeile {rows['first']})"]


def test_identifier_that_changes_the_kind(project, cli, exported):
    rows = {}

    def move(wb):
        rows["row"] = set_cell(wb["Standorte"], "site/mark-51-7", "Kennung", "actor/mark-51-7")

    outcome = _import(project, cli, _edited(exported, move))
    assert outcome.exit_code == 1
    # The links to the site it was become links to an unknown site: those are reported too.
    assert (f"Standorte, Zeile {rows['row']}, Spalte Kennung: ‚actor/mark-51-7‘ gehört nicht auf dieses Blatt: die "
            "Kennungen hier beginnen mit ‚site/‘ (die Art einer Ressource ändert sich nie)") in _problems(outcome)


def test_class_of_another_kind(project, cli, exported):
    rows = {}

    def reclassify(wb):
        rows["row"] = set_cell(wb["Projekte"], "project/haus-des-wissens", "Klasse", "bs:Organisation")

    outcome = _import(project, cli, _edited(exported, reclassify))
    assert outcome.exit_code == 1
    assert _problems(outcome) == [
        f"Projekte, Zeile {rows['row']}, Spalte Klasse: ‚bs:Organisation‘ ist keine Klasse für Projekte "
        "(erlaubt: bs:CoreActivity, bs:RelatedInitiative)"]


@pytest.mark.parametrize(("header", "value", "message"), [
    ("Beginn", "31.02.2024", "‚31.02.2024‘ ist kein gültiges Datum (JJJJ-MM-TT, JJJJ-MM, JJJJ oder TT.MM.JJJJ)"),
    ("Quellen", "www.bochum.de/haus-des-wissens",
     "‚www.bochum.de/haus-des-wissens‘ ist eine URL ohne Schema (meinten Sie ‚https://www.bochum.de/haus-des-wissens‘?)"),
    ("Hauptkompetenz", "Talentschmiede",
     "‚Talentschmiede‘ ist keine bekannte Kompetenz (meinten Sie ‚competence/talentschmiede-im-ruhrgebiet‘?)"),
    ("Status", "=B2", "‚=B2‘ ist eine Formel; bitte nur Werte eintragen (Einfügen → Nur Werte)"),
])
def test_bad_value_in_a_project(project, cli, exported, header, value, message):
    rows = {}

    def spoil(wb):
        rows["row"] = set_cell(wb["Projekte"], "project/haus-des-wissens", header, value)

    outcome = _import(project, cli, _edited(exported, spoil))
    assert outcome.exit_code == 1
    assert _problems(outcome) == [f"Projekte, Zeile {rows['row']}, Spalte {header}: {message}"]


def test_number_with_a_decimal_comma(project, cli, exported):
    rows = {}

    def spoil(wb):
        rows["row"] = set_cell(wb["Kennzahlen"], "figure/stadt-bochum--inhabitants", "Wert", "365587,5")

    outcome = _import(project, cli, _edited(exported, spoil))
    assert outcome.exit_code == 1
    assert _problems(outcome) == [
        f"Kennzahlen, Zeile {rows['row']}, Spalte Wert: ‚365587,5‘ hat ein Dezimalkomma; bitte mit Punkt schreiben: ‚365587.5‘"]


def test_a_sheet_of_100000_rows(project, cli, tmp_path):
    folder = tmp_path / "csv"
    assert cli(project, "sheet", "export", str(folder), "--format", "csv").exit_code == 0
    with (folder / "Kennzahlen.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([f"figure/x--{n}", "bs:Figure"] for n in range(100_000))
    outcome = _import(project, cli, folder)
    assert outcome.exit_code == 2
    assert _problems(outcome) == [
        "Kennzahlen: mehr als 10000 Zeilen; so große Blätter werden nicht gelesen (leere Zeilen am Ende löschen?)"]


def test_a_workbook_of_unknown_sheets(project, cli, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Tabelle1"
    source = tmp_path / "fremd.xlsx"
    workbook.save(source)
    outcome = _import(project, cli, source)
    assert outcome.exit_code == 2
    assert _problems(outcome) == [
        "keine Blätter der Arbeitsmappe von bochum-kg gefunden (erwartet z. B. ‚Kompetenzen‘)"]


def test_shacl_violation_is_located_in_sheet_row_and_column(project, cli, exported):
    rows = {}

    def spoil(wb):
        rows["row"] = set_cell(wb["Projekte"], "project/mein-bochum", "Status", "competence/talentschmiede-im-ruhrgebiet")

    outcome = _import(project, cli, _edited(exported, spoil))
    assert outcome.exit_code == 1
    assert _problems(outcome) == [
        f"Projekte, Zeile {rows['row']}, Spalte Status: Wert nicht erlaubt (‚competence/talentschmiede-im-ruhrgebiet‘): "
        "A project has at most one status, one of status:planned, status:in-progress, status:implemented, "
        "status:stopped, status:merged."]


def test_problems_of_an_english_workbook_are_in_english(project, cli, tmp_path):
    source = tmp_path / "data.xlsx"
    assert cli(project, "sheet", "export", str(source), "--lang", "en").exit_code == 0
    rows = {}

    def spoil(wb):
        rows["row"] = set_cell(wb["Projects"], "project/haus-des-wissens", "start date", "2024-13")

    outcome = _import(project, cli, _edited(source, spoil))
    assert outcome.exit_code == 1
    assert _problems(outcome) == [
        f"Projects, row {rows['row']}, column start date: ‘2024-13’ is not a valid date (YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY)"]


def test_import_of_a_missing_file_is_a_usage_error(project, cli, tmp_path):
    outcome = _import(project, cli, tmp_path / "gibt-es-nicht.xlsx")
    assert outcome.exit_code == 2
    assert outcome.stderr.strip().endswith("gibt-es-nicht.xlsx: no such file or folder")


def _rezipped(path, change) -> None:
    """Rewrite the workbook's zip with `change(name, data) -> data` applied to every part."""
    import io
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(path.read_bytes())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize("part, cut", [("xl/worksheets/sheet2.xml", True), ("xl/workbook.xml", False)])
def test_a_zip_with_a_broken_part_is_not_a_workbook(project, cli, exported, part, cut):
    _rezipped(exported, lambda name, data: (data[:len(data) // 2] if cut else b"<nonsense") if name == part else data)
    outcome = _import(project, cli, exported)
    assert outcome.exit_code == 2
    (problem,) = _problems(outcome)
    assert problem.startswith("keine Excel-Arbeitsmappe (.xlsx) und kein Ordner mit CSV-Dateien: ")


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_parsed(project, cli, exported, monkeypatch):
    from bochum_kg.kg.sheets import tables

    monkeypatch.setattr(tables, "MAX_UNPACKED_BYTES", 1024 * 1024)  # the real workbook unpacks to 1.2 MB
    monkeypatch.setattr(tables, "load_workbook", lambda *a, **k: pytest.fail("parsed after all"))
    outcome = _import(project, cli, exported)
    assert outcome.exit_code == 2
    assert _problems(outcome) == ["die Arbeitsmappe entpackt sich zu mehr als 1 MB; so große Dateien werden nicht gelesen"]


def test_a_file_that_cannot_tell_its_language_gets_messages_in_the_callers(project):
    from bochum_kg.kg.sheets import load_current, read_workbook

    model = load_current(project.settings).model
    (problem,) = read_workbook(b"not a workbook", model, "en").problems
    assert str(problem) == "not an Excel workbook (.xlsx) nor a folder of CSV files: File is not a zip file"
    (problem,) = read_workbook(b"not a workbook", model).problems
    assert str(problem).startswith("keine Excel-Arbeitsmappe")

"""Export then import: the real data comes back byte for byte; a planner's edits as exactly the lines they add."""

from __future__ import annotations

import difflib
from collections import Counter

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from bochum_kg.kg.sheets import export_xlsx, load_current, read_workbook
from bochum_kg.kg.sheets.comments import read_comments
from bochum_kg.kg.sheets.data_folder import parse_texts, read_texts
from bochum_kg.kg.sheets.model import build_model
from bochum_kg.kg.sheets.turtle_writer import turtle_files

from sheet_helpers import BASE, CHECKOUT, append_row, edit_workbook, set_cell


def test_the_checkouts_data_is_in_canonical_form():
    texts = read_texts(CHECKOUT / "data")
    assert turtle_files(parse_texts(texts), read_comments(texts)) == texts


def test_normalising_keeps_every_triple_and_every_comment_line(project, cli):
    before_graph = parse_texts(read_texts(project.data))
    before_comments = sorted(line.strip() for text in read_texts(project.data).values()
                             for line in text.splitlines() if line.strip().startswith("#"))
    assert cli(project, "sheet", "normalise").exit_code == 0
    after = read_texts(project.data)
    assert isomorphic(parse_texts(after), before_graph)
    assert sorted(line.strip() for text in after.values() for line in text.splitlines()
                  if line.strip().startswith("#")) == before_comments


def test_xlsx_export_then_import_rewrites_data_byte_for_byte(project, cli, tmp_path):
    before = project.texts()
    workbook = tmp_path / "daten.xlsx"
    assert cli(project, "sheet", "export", str(workbook)).exit_code == 0
    outcome = cli(project, "sheet", "import", str(workbook))
    assert (outcome.exit_code, outcome.stdout) == (0, "")
    assert project.texts() == before


def test_csv_export_in_english_then_import_rewrites_data_byte_for_byte(project, cli, tmp_path):
    before = project.texts()
    folder = tmp_path / "csv"
    assert cli(project, "sheet", "export", str(folder), "--format", "csv", "--lang", "en").exit_code == 0
    assert (folder / "Projects.csv").read_bytes().startswith("\ufeffidentifier,class,".encode("utf-8"))
    assert cli(project, "sheet", "import", str(folder)).exit_code == 0
    assert project.texts() == before


def test_a_value_no_column_can_hold_goes_to_other_statements_and_comes_back(project):
    current = load_current(project.settings)
    graph = Graph()
    graph += current.data
    project_iri = URIRef(BASE + "project/haus-des-wissens")
    odd = [
        (project_iri, URIRef(BASE + "ontology#startDate"), Literal("2018-06-29T10:00:00", datatype=XSD.dateTime)),
        (project_iri, URIRef("http://www.w3.org/2004/02/skos/core#scopeNote"), Literal("zwei\nZeilen", lang="de")),
        (URIRef("https://example.org/outside"), RDF.type, URIRef(BASE + "ontology#Site")),
    ]
    for triple in odd:
        graph.add(triple)
    model = build_model(current.ontology, graph)
    reading = read_workbook(export_xlsx(graph, model, "de"), model)
    assert reading.problems == []
    assert set(reading.graph) == set(graph)
    assert {t for t, where in reading.statements.items() if where[0] == "Weitere Aussagen"} == set(odd)


def _planner_edits(workbook) -> None:
    projects, participations = workbook["Projekte"], workbook["Beteiligungen"]
    append_row(projects, {
        "Kennung": "project/quartiersbuero-wattenscheid",
        "Klasse": "bs:CoreActivity",
        "Name (de)": "Quartiersbüro Wattenscheid",
        "Status": "status/planned",
        "dient dem Ziel": "goal/wissenstransfer-organisieren\ngoal/innovationsklima-entwickeln",
        "Beteiligung": "participation/quartiersbuero-wattenscheid--stadt-bochum--lead",
        "Quellen": "https://www.bochum.de/quartiersbuero-wattenscheid",
    })
    set_cell(projects, "project/haus-des-wissens", "Status", "status/implemented")
    append_row(participations, {
        "Kennung": "participation/quartiersbuero-wattenscheid--stadt-bochum--lead",
        "Klasse": "bs:Participation",
        "Name (de)": "Quartiersbüro Wattenscheid – Stadt Bochum (Projektleitung)",
        "Akteur": "actor/stadt-bochum",
        "Rolle": "role/lead",
        "Quellen": "https://www.bochum.de/quartiersbuero-wattenscheid",
    })


EXPECTED_NEW_LINES = [
    "@prefix goal: <https://w3id.org/bochum-strategie/goal/> .",  # projects.ttl had no link to a goal yet
    "project:quartiersbuero-wattenscheid",
    "    a bs:CoreActivity ;",
    '    rdfs:label "Quartiersbüro Wattenscheid"@de ;',
    "    bs:participation participation:quartiersbuero-wattenscheid--stadt-bochum--lead ;",
    "    bs:servesGoal goal:innovationsklima-entwickeln ;",
    "    bs:servesGoal goal:wissenstransfer-organisieren ;",
    "    bs:status status:planned ;",
    "    dcterms:source <https://www.bochum.de/quartiersbuero-wattenscheid> ;",
    "    .",
    "",
    "participation:quartiersbuero-wattenscheid--stadt-bochum--lead",
    "    a bs:Participation ;",
    '    rdfs:label "Quartiersbüro Wattenscheid – Stadt Bochum (Projektleitung)"@de ;',
    "    bs:agent actor:stadt-bochum ;",
    "    bs:role role:lead ;",
    "    dcterms:source <https://www.bochum.de/quartiersbuero-wattenscheid> ;",
    "    .",
    "",
    "    bs:status status:implemented ;",
]


def test_a_planners_edits_become_exactly_the_expected_turtle_lines(canonical_project, cli, tmp_path):
    project = canonical_project
    before = read_texts(project.data)
    workbook = tmp_path / "daten.xlsx"
    assert cli(project, "sheet", "export", str(workbook)).exit_code == 0
    workbook.write_bytes(edit_workbook(workbook.read_bytes(), _planner_edits))

    outcome = cli(project, "sheet", "import", str(workbook))

    assert outcome.exit_code == 0, outcome.stderr
    after = read_texts(project.data)
    assert {n for n in after if after[n] != before[n]} == {"projects.ttl"}
    added, removed = _changed_lines(before["projects.ttl"], after["projects.ttl"])
    assert added == Counter(EXPECTED_NEW_LINES)
    assert removed == Counter(["    bs:status status:in-progress ;"])
    expected = parse_texts(before)
    expected.remove((URIRef(BASE + "project/haus-des-wissens"), URIRef(BASE + "ontology#status"), None))
    expected.parse(data=_expected_turtle(), format="turtle")
    assert isomorphic(parse_texts(after), expected)
    assert "Haus des Wissens" in outcome.stdout and "in Umsetzung → umgesetzt" in outcome.stdout


def _expected_turtle() -> str:
    prefixes = "".join(f"@prefix {p}: <{BASE}{k}/> .\n" for p, k in
                       [("project", "project"), ("participation", "participation"), ("goal", "goal"),
                        ("status", "status"), ("actor", "actor"), ("role", "role")])
    prefixes += (f"@prefix bs: <{BASE}ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                 "@prefix dcterms: <http://purl.org/dc/terms/> .\n")
    return prefixes + "\n".join(EXPECTED_NEW_LINES[1:-1]) + "\nproject:haus-des-wissens bs:status status:implemented .\n"


def _changed_lines(old: str, new: str) -> tuple[Counter, Counter]:
    diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0))
    body = [line for line in diff if not line.startswith(("---", "+++", "@@"))]
    return (Counter(line[1:] for line in body if line.startswith("+")),
            Counter(line[1:] for line in body if line.startswith("-")))


def test_dry_run_reports_the_changes_and_writes_nothing(canonical_project, cli, tmp_path):
    project = canonical_project
    before = project.texts()
    workbook = tmp_path / "daten.xlsx"
    cli(project, "sheet", "export", str(workbook))
    workbook.write_bytes(edit_workbook(workbook.read_bytes(), _planner_edits))
    outcome = cli(project, "sheet", "import", str(workbook), "--dry-run")
    assert outcome.exit_code == 0
    assert "neu: Projekt project/quartiersbuero-wattenscheid" in outcome.stdout
    assert project.texts() == before

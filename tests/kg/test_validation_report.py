"""ValidationResult and ReportRow: the report as data, as readable text and as Turtle."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

from bochum_kg.config import Settings
from bochum_kg.kg.load import LoadedDataset, load_files
from bochum_kg.kg.files import SourceFile, ontology_files
from bochum_kg.kg.validate import (
    ReportRow,
    ShapesError,
    ValidationResult,
    prefixes_for,
    render_path,
    report_rows,
    shapes_graph,
    validate,
)

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://w3id.org/bochum-strategie/"
OTHER = "http://localhost:8080/kg/"
BS = BASE + "ontology#"


def row(focus, path=None, value=None, shape="bsh:X", component=SH.MinCountConstraintComponent, severity=SH.Violation, message="m"):
    return ReportRow(
        focus_node=URIRef(focus),
        result_path=path,
        value=value,
        message=message,
        source_shape=URIRef(BASE + "shapes#" + shape.split(":")[1]),
        constraint_component=component,
        severity=severity,
    )


def result(rows, base=BASE) -> ValidationResult:
    return ValidationResult(
        conforms=not any(r.severity == SH.Violation for r in rows),
        report_graph=Graph(),
        results=rows,
        triple_count=1234,
        seconds=0.25,
        prefixes=prefixes_for(base),
    )


ROWS = [
    row(BASE + "project/b", f"<{BS}status>", URIRef(BASE + "status/done"), "bsh:status-values", SH.InConstraintComponent, message="bad status"),
    row(BASE + "project/a", f"<{BS}status>", None, "bsh:status-values", SH.MaxCountConstraintComponent, message="two"),
    row(BASE + "figure/x--area", None, URIRef(BASE + "figure/x--area"), "bsh:FigureNameShape", SH.SPARQLConstraintComponent, SH.Warning, "name"),
    row(BASE + "actor/a", "<http://www.w3.org/2000/01/rdf-schema#label>", Literal("A ", lang="de"), "bsh:label-trimmed", SH.PatternConstraintComponent, message="trim"),
]


def test_text_has_one_block_per_result_sorted_by_severity_then_resource():
    text = result(ROWS).text()
    blocks = text.strip().split("\n\n")
    assert [b.splitlines()[0] for b in blocks[:-1]] == [
        "Violation: actor:a",
        "Violation: project:a",
        "Violation: project:b",
        "Warning: figure:x--area",
    ]
    assert blocks[0] == (
        "Violation: actor:a\n"
        "  path:    rdfs:label\n"
        '  value:   "A "@de\n'
        "  message: trim\n"
        "  shape:   bsh:label-trimmed (sh:PatternConstraintComponent)"
    )
    assert blocks[1] == "Violation: project:a\n  path:    bs:status\n  message: two\n  shape:   bsh:status-values (sh:MaxCountConstraintComponent)"
    assert blocks[-1] == "does not conform: 4 results (3 violations, 1 warning); 1,234 triples validated in 0.25 s"


def test_text_does_not_depend_on_the_order_of_the_results():
    shuffled = ROWS[:]
    random.Random(7).shuffle(shuffled)
    assert result(shuffled).text() == result(ROWS).text()


def test_warnings_alone_conform():
    assert result([ROWS[2]]).conforms
    assert result([ROWS[2]]).summary().startswith("conforms: 1 result (0 violations, 1 warning); ")


def test_text_compacts_iris_with_the_configured_base():
    other = [row(OTHER + "project/a", f"<{OTHER}ontology#status>", URIRef(OTHER + "status/x"), "bsh:status-values")]
    other[0] = ReportRow(**{**other[0].__dict__, "source_shape": URIRef(OTHER + "shapes#status-values")})
    text = result(other, OTHER).text()
    assert "Violation: project:a\n  path:    bs:status\n  value:   status:x\n" in text
    assert "shape:   bsh:status-values" in text


def test_text_keeps_iris_that_do_not_compact():
    text = result([row("https://example.org/x/y", None, Literal("2020", datatype=XSD.gYear))]).text()
    assert "Violation: <https://example.org/x/y>\n" in text
    assert '  value:   "2020"^^xsd:gYear\n' in text


def test_key_treats_xsd_string_as_plain_literal_and_ignores_the_message():
    plain = row(BASE + "a", value=Literal("x"), message="one")
    report = Graph()
    node, res = BNode(), BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.result, res))
    for p, o in [
        (RDF.type, SH.ValidationResult),
        (SH.focusNode, URIRef(BASE + "a")),
        (SH.value, Literal("x", datatype=XSD.string)),
        (SH.sourceShape, plain.source_shape),
        (SH.sourceConstraintComponent, plain.constraint_component),
        (SH.resultSeverity, SH.Violation),
        (SH.resultMessage, Literal("other")),
    ]:
        report.add((res, p, o))
    [parsed] = report_rows(report)
    assert parsed.key() == plain.key()
    assert parsed.value == Literal("x")


def test_report_rows_ignore_nested_details():
    report = Graph()
    node, res, detail = BNode(), BNode(), BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.result, res))
    for r in (res, detail):
        report.add((r, RDF.type, SH.ValidationResult))
        report.add((r, SH.focusNode, URIRef(BASE + "a")))
        report.add((r, SH.sourceShape, URIRef(BASE + "shapes#S")))
        report.add((r, SH.sourceConstraintComponent, SH.NodeConstraintComponent))
        report.add((r, SH.resultSeverity, SH.Violation))
    report.add((res, SH.detail, detail))
    assert len(report_rows(report)) == 1


def test_render_path():
    g = Graph()
    p, q = URIRef("http://e/p"), URIRef("http://e/q")
    inverse = BNode()
    g.add((inverse, SH.inversePath, p))
    seq = BNode()
    Collection(g, seq, [p, inverse])
    alt_list, alt = BNode(), BNode()
    Collection(g, alt_list, [p, q])
    g.add((alt, SH.alternativePath, alt_list))
    star = BNode()
    g.add((star, SH.zeroOrMorePath, alt))
    assert render_path(g, p) == "<http://e/p>"
    assert render_path(g, inverse) == "^<http://e/p>"
    assert render_path(g, seq) == "<http://e/p>/^<http://e/p>"
    assert render_path(g, alt) == "(<http://e/p>|<http://e/q>)"
    assert render_path(g, star) == "(<http://e/p>|<http://e/q>)*"


def tiny_dataset(tmp_path: Path, data: str, settings: Settings, with_ontology: bool = True) -> LoadedDataset:
    path = tmp_path / "tiny.ttl"
    path.write_text(data, encoding="utf-8")
    files = ontology_files(settings) if with_ontology else []
    return load_files(files + [SourceFile(path, "data", BASE + "graph/tiny")], settings)


def test_turtle_is_the_report_graph_with_the_projects_prefixes(tmp_path):
    settings = Settings(project_root=ROOT)
    data = tiny_dataset(
        tmp_path,
        f'<{BASE}project/ohne-alles> a <{BS}CoreActivity> .',
        settings,
    )
    res = validate(data, None, settings)
    assert not res.conforms
    text = res.turtle()
    assert "@prefix bsh: <https://w3id.org/bochum-strategie/shapes#> ." in text
    graph = Graph().parse(data=text, format="turtle")
    [report] = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == Literal(False)
    assert len(list(graph.objects(report, SH.result))) == len(res.results)
    assert {(str(r.source_shape).split("#")[1], str(r.constraint_component).split("#")[1]) for r in res.results} == {
        ("GermanLabelShape", "QualifiedMinCountConstraintComponent"),
        ("SourceShape", "MinCountConstraintComponent"),
    }
    assert res.triple_count == len(data.store) > 1


def test_no_shapes_is_an_error(tmp_path):
    settings = Settings(project_root=tmp_path)
    empty = tiny_dataset(tmp_path, "", settings, with_ontology=False)
    with pytest.raises(ShapesError, match="no SHACL shapes found"):
        shapes_graph(empty)
    with pytest.raises(ShapesError):
        validate(empty, None, settings)

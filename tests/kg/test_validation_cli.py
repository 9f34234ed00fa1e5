"""`bochum-kg validate` on a temporary checkout: exit codes 0 / 1 / 2, text and Turtle output."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SH

from bochum_kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
VALID_DATA = (ROOT / "tests" / "shapes" / "base.ttl").read_text(encoding="utf-8")
VIOLATION = """
@prefix bs: <https://w3id.org/bochum-strategie/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/bochum-strategie/project/ohne-quelle> a bs:CoreActivity ; rdfs:label "Ohne Quelle"@de .
"""
BROKEN = """@prefix bs: <https://w3id.org/bochum-strategie/ontology#> .

<https://w3id.org/bochum-strategie/project/kaputt> a bs:CoreActivity ;
    bs:status <https://w3id.org/bochum-strategie/status/planned
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A project root with the real ontology and shapes and a valid data/ directory."""
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    shutil.copytree(ROOT / "shapes", tmp_path / "shapes")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "world.ttl").write_text(VALID_DATA, encoding="utf-8")
    return tmp_path


def run(checkout: Path, *args: str) -> int:
    return main(["--project-root", str(checkout), "validate", *args])


def test_valid_data_exits_0_with_a_one_line_summary(checkout, capsys):
    assert run(checkout) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert lines[0].startswith("conforms: 0 results")
    assert " triples validated in " in lines[0] and lines[0].endswith(" s")
    assert err == ""


def test_violations_exit_1_with_the_readable_report(checkout, capsys):
    (checkout / "data" / "more.ttl").write_text(VIOLATION, encoding="utf-8")
    assert run(checkout) == 1
    out, _ = capsys.readouterr()
    assert "Violation: project:ohne-quelle\n  path:    dcterms:source\n" in out
    assert "  shape:   bsh:SourceShape (sh:MinCountConstraintComponent)" in out
    assert out.rstrip().splitlines()[-1].startswith("does not conform: 1 result (1 violation, 0 warnings); ")


def test_warnings_alone_exit_0_and_are_printed(checkout, capsys):
    (checkout / "data" / "more.ttl").write_text(
        VALID_DATA.split("# Vocabularies")[0]
        + """
participation:haus-des-wissens--stadt-bochum--partner a bs:Participation ; rdfs:label "RUB als Partner"@de ;
    bs:agent actor:ruhr-universitaet-bochum ; bs:role role:partner ; dcterms:source <https://example.org/x> .
project:haus-des-wissens bs:participation participation:haus-des-wissens--stadt-bochum--partner .
""",
        encoding="utf-8",
    )
    assert run(checkout) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("Warning: participation:haus-des-wissens--stadt-bochum--partner\n")
    assert out.rstrip().splitlines()[-1].startswith("conforms: 1 result (0 violations, 1 warning); ")


@pytest.mark.parametrize("data", [VALID_DATA, VALID_DATA + VIOLATION], ids=["conforming", "violating"])
def test_format_turtle_prints_the_report_graph(checkout, capsys, data):
    (checkout / "data" / "world.ttl").write_text(data, encoding="utf-8")
    code = run(checkout, "--format", "turtle")
    out, _ = capsys.readouterr()
    report = Graph().parse(data=out, format="turtle")
    [node] = report.subjects(RDF.type, SH.ValidationReport)
    conforms = report.value(node, SH.conforms)
    assert conforms == Literal(code == 0)
    assert len(list(report.objects(node, SH.result))) == (0 if code == 0 else 1)
    assert code == (0 if data == VALID_DATA else 1)


def test_broken_turtle_exits_2_naming_file_and_line(checkout, capsys):
    (checkout / "data" / "broken.ttl").write_text(BROKEN, encoding="utf-8")
    assert run(checkout) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: ")
    assert f"{checkout / 'data' / 'broken.ttl'}:4:" in err
    assert "Traceback" not in err


def test_broken_shapes_exit_2(checkout, capsys):
    (checkout / "shapes" / "extra.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path .\n", encoding="utf-8")
    assert run(checkout) == 2
    _, err = capsys.readouterr()
    assert f"{checkout / 'shapes' / 'extra.ttl'}:2:" in err


def test_unusable_shapes_exit_2(checkout, capsys):
    (checkout / "shapes" / "extra.ttl").write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://example.org/s> a sh:NodeShape ; sh:targetNode <https://example.org/x> ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } }" ] .
        """,
        encoding="utf-8",
    )
    assert run(checkout) == 2
    _, err = capsys.readouterr()
    assert err.startswith("error: pySHACL cannot use the shapes") or err.startswith("error: pySHACL could not validate")
    assert "Traceback" not in err


def test_no_shapes_exit_2(checkout, capsys):
    shutil.rmtree(checkout / "shapes")
    assert run(checkout) == 2
    _, err = capsys.readouterr()
    assert err.startswith("error: no SHACL shapes found")


def test_the_console_script_shows_no_traceback(checkout):
    (checkout / "data" / "broken.ttl").write_text(BROKEN, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bochum_kg.cli", "--project-root", str(checkout), "validate"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "broken.ttl:4:" in done.stderr

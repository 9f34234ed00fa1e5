"""Every SPARQL text the service runs lives in a .rq file (queries/ or kg/queries/), none in Python."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.catalog import INTERNAL_QUERIES, load_internal_queries

SERVICE = Path(__file__).resolve().parents[2] / "service" / "bochum_kg"
# A query form with a WHERE group, or a SPARQL PREFIX line (Turtle's "@prefix" is not SPARQL).
SPARQL = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b[\s\S]*\bWHERE\b[\s\S]*[{}]|(?<![@\w])PREFIX\s+\w*:\s*<", re.I)


def sparql_literals(path: Path) -> list[int]:
    """Line numbers of string literals (docstrings excepted) that look like SPARQL; f-strings included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        else:
            continue
        if SPARQL.search(text):
            found.append(node.lineno)
    return sorted(set(found))


@pytest.mark.parametrize("path", sorted(SERVICE.rglob("*.py")), ids=lambda p: str(p.relative_to(SERVICE)))
def test_no_sparql_text_in_python(path):
    assert sparql_literals(path) == []


def test_the_check_finds_sparql_in_a_string_and_an_f_string(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""SELECT ?s WHERE { ?s ?p ?o } in a docstring is fine."""\n'
                      'Q = "SELECT ?s WHERE { ?s ?p ?o }"\n'
                      'def f(p):\n    return f"SELECT ?o WHERE {{ ?s <{p}> ?o }}"\n')
    assert sparql_literals(sample) == [2, 4]


def test_every_internal_query_parses_and_is_used():
    """The package's queries load (pyoxigraph parses each) and each is named somewhere in the code."""
    catalogue = load_internal_queries(Settings())
    code = "\n".join(p.read_text(encoding="utf-8") for p in SERVICE.rglob("*.py"))
    unused = [name for name in catalogue if f'"{name}"' not in code]
    assert len(catalogue) == len(list(INTERNAL_QUERIES.glob("*.rq"))) and unused == []

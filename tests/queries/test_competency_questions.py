"""One test per competency question in competency_questions.yaml, on the real data."""

from __future__ import annotations

from collections import defaultdict

import pytest
import yaml

from bochum_kg.kg.catalog import run_named_query

from named_query_helpers import HERE, rows_as_tuples

SPEC = yaml.safe_load((HERE / "competency_questions.yaml").read_text(encoding="utf-8"))
PREFIXES = SPEC["prefixes"]
QUESTIONS = SPEC["questions"]
KEYS = {"id", "question", "source", "query", "params", "compare", "where", "match", "expected", "count_by", "row_count"}


def expand(value):
    """'actor:x' → IRI for the prefixes of the file; other values unchanged."""
    if isinstance(value, str):
        prefix, sep, local = value.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            return PREFIXES[prefix] + local
    return value


def as_row(item, width):
    row = tuple(expand(v) for v in (item if isinstance(item, list) else [item]))
    assert len(row) == width, f"expected row {item!r} does not have {width} values"
    return row


def sort_key(row):
    return tuple((v is None, str(type(v)), v if v is not None else "") for v in row)


def test_questions_are_well_formed():
    ids = [q["id"] for q in QUESTIONS]
    assert len(ids) == len(set(ids))
    for q in QUESTIONS:
        assert set(q) <= KEYS, q["id"]
        assert {"id", "question", "source", "query"} <= set(q), q["id"]
        assert "expected" in q or "count_by" in q, q["id"]
        assert q.get("match", "exact") in {"exact", "distinct", "includes"}, q["id"]


def test_every_contract_query_has_a_competency_question(catalogue):
    asked = {q["query"] for q in QUESTIONS}
    for name in ("competences", "goals", "projects", "project-actors", "actor-projects", "site-actors",
                 "universities", "goals-without-projects", "search"):
        assert name in asked


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_competency_question(q, catalogue, real_store, real_settings):
    query = catalogue[q["query"]]
    result = run_named_query(real_store, query, q.get("params") or {}, real_settings)
    rows = rows_as_tuples(result)
    variables = list(result.variables)

    for variable, allowed in (q.get("where") or {}).items():
        index = variables.index(variable)
        keep = {expand(v) for v in allowed}
        rows = [r for r in rows if r[index] in keep]

    if "row_count" in q:
        assert len(rows) == q["row_count"], f"{q['question']}: {len(rows)} rows"

    if "count_by" in q:
        spec = q["count_by"]
        by, counted = variables.index(spec["variable"]), variables.index(spec["distinct"])
        groups = defaultdict(set)
        for r in rows:
            groups[r[by]]  # a group with only unbound values still exists, with count 0
            if r[counted] is not None:
                groups[r[by]].add(r[counted])
        actual_counts = {k: len(v) for k, v in groups.items()}
        assert actual_counts == {expand(k): v for k, v in spec["expected"].items()}, q["question"]

    if "expected" in q:
        compare = q.get("compare") or variables
        indexes = [variables.index(v) for v in compare]
        actual = [tuple(r[i] for i in indexes) for r in rows]
        expected = [as_row(item, len(compare)) for item in q["expected"]]
        match = q.get("match", "exact")
        if match == "includes":
            missing = [e for e in expected if e not in actual]
            assert missing == [], f"{q['question']}: missing {missing}"
        else:
            if match == "distinct":
                actual = list(set(actual))
            assert sorted(actual, key=sort_key) == sorted(expected, key=sort_key), q["question"]

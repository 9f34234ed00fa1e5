"""The stored answers of a prebuilt directory (kg/stored_answers.py): terms and the texts stored."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.catalog import ParameterError, bind_parameters, inline_bindings, load_catalogue
from bochum_kg.kg.stored_answers import catalogue_texts, decode_term, encode_term
from bochum_kg.kg.terms import to_rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("term", [
    ox.NamedNode("https://w3id.org/bochum-strategie/project/haus-des-wissens"),
    ox.BlankNode("b0"),
    ox.Literal("Haus des Wissens"),
    ox.Literal("House of Knowledge", language="en"),
    ox.Literal("10", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("68.0", datatype=ox.NamedNode(XSD + "decimal")),
    ox.Literal("2019-12", datatype=ox.NamedNode(XSD + "gYearMonth")),
    ox.Literal("_", datatype=ox.NamedNode(XSD + "string")),
    ox.Literal("_", language="de"),
])
def test_a_term_comes_back_as_the_stores_conversion_gives_it(term):
    decoded = decode_term(encode_term(term))
    assert (type(decoded), decoded, getattr(decoded, "datatype", None), getattr(decoded, "language", None)) == \
        (type(to_rdflib(term)), to_rdflib(term), getattr(to_rdflib(term), "datatype", None), getattr(to_rdflib(term), "language", None))


def test_the_texts_are_those_the_api_runs_for_defaults_languages_and_examples():
    settings = Settings()
    catalogue = load_catalogue(settings)
    texts = catalogue_texts(catalogue, settings)
    for query in catalogue.values():
        if query.form == "ASK":
            continue
        lang = query.parameter("lang")
        for params in [{}] + ([{"lang": v} for v in lang.enum] if lang else []) + [dict(e.params) for e in query.examples]:
            try:
                bindings = bind_parameters(query, params, settings)
            except ParameterError:  # a required parameter not given: only its examples are stored
                assert any(p.required and p.name not in params for p in query.parameters), (query.name, params)
                continue
            assert texts[inline_bindings(query.text, bindings) if bindings else query.text] == query.name
    assert not any(catalogue[name].form == "ASK" for name in texts.values())


def test_windows_across_chunks_give_what_select_rows_gives(tmp_path, monkeypatch):
    from bochum_kg.kg import stored_answers
    from bochum_kg.kg.store.base import select_rows

    monkeypatch.setattr(stored_answers, "CHUNK", 4)
    solutions = [{"n": ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer")), "s": ox.NamedNode(f"urn:x:{i}")}
                 for i in range(23)]
    directory = tmp_path / "answers"
    directory.mkdir()
    rows = (tuple(encode_term(s[v]) for v in ("n", "s")) for s in solutions)
    stored_answers._write_answer(directory / f"{stored_answers.text_key('Q')}.pickle", {"form": "SELECT", "variables": ["n", "s"]}, rows)
    (directory / "index.pickle").write_bytes(__import__("pickle").dumps({stored_answers.text_key("Q"): "SELECT"}))
    answers = stored_answers.StoredAnswers(directory)
    for max_rows in (None, 0, 3, 4, 9, 23, 30):
        for window in (None, (0, 4), (3, 6), (4, 4), (7, 100), (22, 1), (23, 5), (40, 2)):
            ours = answers.select("Q", max_rows, window)
            theirs = select_rows(iter(solutions), ["n", "s"], max_rows, window)
            assert (max_rows, window, ours.rows, ours.truncated, ours.total) == (max_rows, window, theirs.rows, theirs.truncated, theirs.total)

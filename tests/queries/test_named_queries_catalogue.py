"""The catalogue: the fixed contract, header and SPARQL checks at load time, parameter binding."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from rdflib import XSD, Literal, URIRef

from bochum_kg.config import Settings
from bochum_kg.kg.catalog import (
    CatalogueError,
    ParameterError,
    UnknownQueryError,
    bind_parameters,
    load_catalogue,
    load_queries,
    parse_named_query,
    run_named_query,
)

# The contract later work (REST API, web views) builds on: name -> (parameters, result variables).
CONTRACT = {
    "competences": ({"lang"}, ["competence", "label", "goalAreaCount", "projectCount"]),
    "goals": ({"competence", "lang"}, ["competence", "goalArea", "goalAreaLabel", "goal", "goalLabel"]),
    "projects": ({"competence", "status", "lang"}, ["project", "label", "competence", "status"]),
    "project-actors": ({"project", "lang"}, ["actor", "label", "role"]),
    "actor-projects": ({"actor", "lang"}, ["project", "label", "role"]),
    "site-actors": ({"site", "lang"}, ["actor", "label"]),
    "universities": ({"lang"}, ["university", "label", "students"]),
    "goals-without-projects": ({"lang"}, ["goal", "goalLabel", "competence"]),
    "search": ({"text", "lang"}, ["resource", "label", "type"]),
}
CONTRACT_TYPES = {
    ("goals", "competence"): ("iri", False),
    ("projects", "competence"): ("iri", False),
    ("projects", "status"): ("iri", False),
    ("project-actors", "project"): ("iri", True),
    ("actor-projects", "actor"): ("iri", True),
    ("site-actors", "site"): ("iri", True),
    ("search", "text"): ("string", True),
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_names_parameters_and_result_variables(catalogue, name):
    parameters, variables = CONTRACT[name]
    query = catalogue[name]
    assert query.form == "SELECT"
    assert {p.name for p in query.parameters} == parameters
    assert list(query.variables) == variables


@pytest.mark.parametrize("key", sorted(CONTRACT_TYPES))
def test_contract_parameter_types(catalogue, key):
    name, parameter = key
    p = catalogue[name].parameter(parameter)
    assert (p.type, p.required) == CONTRACT_TYPES[key]


def test_lang_parameter_is_german_by_default_everywhere_it_exists(catalogue):
    langs = [q.parameter("lang") for q in catalogue.values() if q.parameter("lang")]
    assert len(langs) >= 20
    assert {(p.type, p.default, p.enum, p.required) for p in langs} == {("enum", "de", ("de", "en"), False)}


def test_catalogue_has_at_least_twenty_documented_select_queries(catalogue):
    assert len([q for q in catalogue.values() if q.form == "SELECT"]) >= 20
    for query in catalogue.values():
        assert query.form in ("SELECT", "CONSTRUCT"), query.name
        assert query.summary and query.description and query.tags, query.name
        assert all(p.description for p in query.parameters), query.name
        required = [p for p in query.parameters if p.required]
        # Every query can be tried: either it needs nothing or an example supplies what it needs.
        assert not required or query.examples, query.name


def test_checks_are_named_violation_and_take_no_parameters(checks):
    assert len(checks) >= 10
    for check in checks.values():
        assert check.name.endswith("-violation")
        assert check.form == "SELECT" and check.variables
        assert not check.parameters


def test_unknown_name_raises_unknown_query_error(catalogue):
    with pytest.raises(UnknownQueryError) as err:
        catalogue["no-such-query"]
    assert err.value.name == "no-such-query"
    assert "competences" in err.value.known
    assert str(err.value).startswith("no named query 'no-such-query' (known: actor-cooperation-pairs, ")
    assert "competences" in catalogue and "no-such-query" not in catalogue
    assert catalogue.get("no-such-query") is None


def test_iri_parameter_records_its_expected_class(catalogue):
    assert catalogue["project-actors"].parameter("project").rdf_class == "https://w3id.org/bochum-strategie/ontology#Project"
    assert catalogue["goals"].parameter("competence").rdf_class == "https://w3id.org/bochum-strategie/ontology#Competence"


def test_prefixes_are_the_declared_ones(catalogue):
    assert catalogue["competences"].prefixes == {
        "bs": "https://w3id.org/bochum-strategie/ontology#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    }


def test_another_base_iri_moves_queries_and_examples_along(tmp_path):
    settings = Settings(project_root=Path(__file__).resolve().parents[2], base_iri="http://localhost:8000/kg/")
    catalogue = load_catalogue(settings)
    query = catalogue["project-actors"]
    assert "https://w3id.org/bochum-strategie/" not in query.text
    assert "<http://localhost:8000/kg/ontology#>" in query.text
    assert query.examples[0].params["project"] == "http://localhost:8000/kg/project/haus-des-wissens"
    assert query.parameter("project").rdf_class == "http://localhost:8000/kg/ontology#Project"


# --------------------------------------------------------------------------- load-time errors

GOOD_HEADER = """\
#+ summary: A test query
#+ description: Finds things.
#+ tags: [test]
"""
GOOD_BODY = "SELECT ?s WHERE { ?s ?p ?o }\n"


def write_query(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.rq"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_good_file_parses(tmp_path):
    path = write_query(tmp_path, "fine", GOOD_HEADER + "#+ parameters:\n#+   o: {type: string, description: value}\n" + GOOD_BODY)
    query = parse_named_query(path, path.read_text())
    assert (query.name, query.form, query.variables, query.tags) == ("fine", "SELECT", ("s",), ("test",))
    assert query.parameters[0].name == "o" and not query.parameters[0].required


@pytest.mark.parametrize(
    "text, form, variables",
    [
        ("ASK { ?s ?p ?o }", "ASK", ()),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT", ()),
        ("DESCRIBE <http://example.org/x>", "DESCRIBE", ()),
        # the store reports SELECT * variables in alphabetical order; the catalogue follows the store
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT", ("o", "p", "s")),
        ("SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s", "SELECT", ("s", "n")),
    ],
)
def test_form_and_projection_come_from_parsing(tmp_path, text, form, variables):
    path = write_query(tmp_path, "q", GOOD_HEADER + text + "\n")
    query = parse_named_query(path, path.read_text())
    assert (query.form, query.variables) == (form, variables)



def _rdflib_analysis(text):
    """Form, used variables and declared prefixes as rdflib's SPARQL 1.1 parser and algebra see them."""
    from rdflib import Variable
    from rdflib.plugins.sparql.algebra import translateQuery, traverse
    from rdflib.plugins.sparql.parser import parseQuery

    parsed = parseQuery(text)
    algebra = translateQuery(parsed).algebra
    used = set()
    traverse(algebra, visitPre=lambda node: used.add(str(node)) if isinstance(node, Variable) else None)
    prefixes = {str(d.get("prefix", "")): str(d["iri"]) for d in parsed[0] if d.name == "PrefixDecl"}
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}[algebra.name]
    return form, used, prefixes


def test_every_catalogue_query_is_read_alike_by_rdflib(catalogue, checks):
    # The catalogue is analysed with pyoxigraph and a token scan; rdflib's independent SPARQL 1.1
    # parser must accept every file and find the same form, variables and prefixes.
    for query in [*catalogue.values(), *checks.values()]:
        form, used, prefixes = _rdflib_analysis(query.text)
        assert form == query.form, query.name
        assert prefixes == dict(query.prefixes), query.name
        for parameter in query.parameters:
            assert parameter.name in used, (query.name, parameter.name)
        assert set(query.variables) <= used, query.name


@pytest.mark.parametrize(
    "body, used, prefixes",
    [
        # a variable inside a string, an IRI or a comment is not a use
        ('SELECT ?s WHERE { ?s ?p "?o" } # ?c\n', {"s", "p"}, {}),
        ("SELECT ?s WHERE { ?s <http://example.org/?q> $o }", {"s", "o"}, {}),
        ("PREFIX ex:<http://example.org/>\nPREFIX : <http://example.org/d#>\nSELECT ?s WHERE { ?s ex:p :o }",
         {"s"}, {"ex": "http://example.org/", "": "http://example.org/d#"}),
    ],
)
def test_used_variables_and_prefixes_come_from_the_query_text(tmp_path, body, used, prefixes):
    path = write_query(tmp_path, "q", GOOD_HEADER + body + "\n")
    query = parse_named_query(path, path.read_text())
    assert dict(query.prefixes) == prefixes
    parameters = "".join(f"#+   {name}: {{type: string, description: x}}\n" for name in sorted(used))
    with_parameters = write_query(tmp_path, "r", GOOD_HEADER + "#+ parameters:\n" + parameters + body + "\n")
    assert parse_named_query(with_parameters, with_parameters.read_text()).parameters  # every used one accepted
    for unused in {"o", "q", "c", "p"} - used:
        declared = write_query(tmp_path, "u", GOOD_HEADER + f"#+ parameters:\n#+   {unused}: {{type: string, description: x}}\n" + body + "\n")
        with pytest.raises(CatalogueError, match=f"\\?{unused} is not used"):
            parse_named_query(declared, declared.read_text())


BAD_FILES = {
    "no-header": ("SELECT ?s WHERE { ?s ?p ?o }\n", "no '#+' header"),
    "bad-yaml": ("#+ summary: a: b: c\n#+ description: x\n" + GOOD_BODY, "not valid YAML"),
    "not-mapping": ("#+ - just\n#+ - a list\n" + GOOD_BODY, "must be a YAML mapping"),
    "unknown-key": (GOOD_HEADER + "#+ endpoint: http://example.org/sparql\n" + GOOD_BODY, "unknown header key(s): endpoint"),
    "no-summary": ("#+ description: x\n#+ tags: [t]\n" + GOOD_BODY, "needs 'summary'"),
    "bad-tags": (GOOD_HEADER.replace("[test]", "7") + GOOD_BODY, "'tags' must be a list"),
    "bad-type": (GOOD_HEADER + "#+ parameters:\n#+   o: {type: uri, description: x}\n" + GOOD_BODY, "type must be one of"),
    "no-param-description": (GOOD_HEADER + "#+ parameters:\n#+   o: {type: string}\n" + GOOD_BODY, "needs a description"),
    "enum-without-values": (GOOD_HEADER + "#+ parameters:\n#+   o: {type: enum, description: x}\n" + GOOD_BODY, "needs 'enum'"),
    "enum-on-string": (GOOD_HEADER + "#+ parameters:\n#+   o: {type: string, enum: [a], description: x}\n" + GOOD_BODY, "only goes with type enum"),
    "required-with-default": (GOOD_HEADER + "#+ parameters:\n#+   o: {type: string, required: true, default: a, description: x}\n" + GOOD_BODY, "cannot have a default"),
    "bad-default": (GOOD_HEADER + "#+ parameters:\n#+   o: {type: integer, default: many, description: x}\n" + GOOD_BODY, "not an integer"),
    "class-prefix-unknown": (GOOD_HEADER + "#+ parameters:\n#+   o: {type: iri, class: 'ex:Thing', description: x}\n" + GOOD_BODY, "prefix 'ex:' is not declared"),
    "unused-parameter": (GOOD_HEADER + "#+ parameters:\n#+   other: {type: string, description: x}\n" + GOOD_BODY, "?other is not used"),
    "bad-parameter-name": (GOOD_HEADER + "#+ parameters:\n#+   2x: {type: string, description: x}\n" + GOOD_BODY, "not a SPARQL variable name"),
    "syntax-error": (GOOD_HEADER + "SELECT ?s WHERE { ?s ?p }\n", "SPARQL syntax error at line 4"),
    "syntax-error-mid-line": (GOOD_HEADER + "SELECT ?s WHERE { ?s ?p ?o FILTER(?s = ) }\n", "SPARQL syntax error at line 4"),
    "unknown-prefix": (GOOD_HEADER + "SELECT ?s WHERE { ?s ex:p ?o }\n", "SPARQL is not usable"),
    "late-header-line": (GOOD_HEADER + GOOD_BODY + "#+ tags: [late]\n", "line 5: '#+' header line after the query"),
    "bad-example": (
        GOOD_HEADER + "#+ parameters:\n#+   o: {type: integer, description: x}\n#+ examples:\n#+   - {title: Wrong, params: {o: zwei}}\n" + GOOD_BODY,
        "example 'Wrong': parameter 'o': not an integer",
    ),
    "example-unknown-param": (
        GOOD_HEADER + "#+ examples:\n#+   - {title: Wrong, params: {nope: 1}}\n" + GOOD_BODY,
        "example 'Wrong': parameter 'nope': unknown parameter",
    ),
    "Bad_Name": (GOOD_HEADER + GOOD_BODY, "lower-case kebab-case"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_fails_loudly_at_load_naming_the_file(tmp_path, name):
    text, message = BAD_FILES[name]
    write_query(tmp_path, "zzz-good", GOOD_HEADER + GOOD_BODY)
    path = write_query(tmp_path, name, text)
    with pytest.raises(CatalogueError) as err:
        load_queries(tmp_path, Settings(project_root=tmp_path))
    assert err.value.path == path
    assert str(path) in str(err.value)
    assert message in err.value.message


def test_query_rejected_by_pyoxigraph_fails_at_load(tmp_path):
    # rdflib accepts a bare BIND to an already bound variable; the embedded store does not.
    path = write_query(tmp_path, "rebind", GOOD_HEADER + "SELECT ?s WHERE { ?s ?p ?o BIND(1 AS ?o) }\n")
    with pytest.raises(CatalogueError) as err:
        load_queries(tmp_path, Settings(project_root=tmp_path))
    assert err.value.path == path


# --------------------------------------------------------------------------- binding

TYPED_HEADER = GOOD_HEADER + textwrap.dedent("""\
    #+ parameters:
    #+   i: {type: iri, required: true, description: an IRI}
    #+   s: {type: string, description: a string}
    #+   l: {type: lang-string, description: a language-tagged string}
    #+   n: {type: integer, default: "10", description: an integer}
    #+   d: {type: date, description: a date}
    #+   e: {type: enum, enum: [de, en], default: de, description: a choice}
    """)
TYPED_BODY = "SELECT ?x WHERE { ?x ?i ?s . ?x ?l ?n . ?x ?d ?e }\n"


@pytest.fixture
def typed(tmp_path):
    path = write_query(tmp_path, "typed", TYPED_HEADER + TYPED_BODY)
    return parse_named_query(path, path.read_text())


def test_values_become_rdf_terms_and_defaults_fill_in(typed):
    bindings = bind_parameters(typed, {"i": "https://example.org/a#b", "s": 'say "hi"', "l": "Wissen@de",
                                       "d": "2017-05-18", "e": "en"})
    assert bindings == {
        "i": URIRef("https://example.org/a#b"),
        "s": Literal('say "hi"'),
        "l": Literal("Wissen", lang="de"),
        "n": Literal("10", datatype=XSD.integer),
        "d": Literal("2017-05-18", datatype=XSD.date),
        "e": Literal("en"),
    }


def test_optional_parameters_without_default_stay_unbound(typed):
    assert set(bind_parameters(typed, {"i": "urn:x:1"})) == {"i", "n", "e"}


def test_lang_string_splits_at_the_last_at_sign(typed):
    assert bind_parameters(typed, {"i": "urn:x:1", "l": "mail@example.org@en"})["l"] == Literal("mail@example.org", lang="en")


def test_integer_is_normalised(typed):
    assert bind_parameters(typed, {"i": "urn:x:1", "n": "+007"})["n"] == Literal("7", datatype=XSD.integer)


@pytest.mark.parametrize(
    "raw, parameter, message",
    [
        ({}, "i", "missing"),
        ({"i": "urn:x:1", "zzz": "1"}, "zzz", "unknown parameter for query 'typed' (it takes: i, s, l, n, d, e)"),
        ({"i": "relative/path"}, "i", "not an absolute IRI"),
        ({"i": "http://example.org/a b"}, "i", "not an absolute IRI"),
        ({"i": "http://example.org/> } UNION { <http://x"}, "i", "not an absolute IRI"),
        ({"i": ""}, "i", "not an absolute IRI"),
        ({"i": "urn:x:1", "l": "Wissen"}, "l", "expected text@language"),
        ({"i": "urn:x:1", "l": "Wissen@de DE"}, "l", "expected text@language"),
        ({"i": "urn:x:1", "n": "1.5"}, "n", "not an integer"),
        ({"i": "urn:x:1", "n": "ten"}, "n", "not an integer"),
        ({"i": "urn:x:1", "d": "18.05.2017"}, "d", "expected a date YYYY-MM-DD"),
        ({"i": "urn:x:1", "d": "2017-02-30"}, "d", "no such date"),
        ({"i": "urn:x:1", "e": "fr"}, "e", "must be one of de, en"),
        ({"i": 42}, "i", "expected text"),
    ],
)
def test_bad_values_raise_parameter_error_naming_the_parameter(typed, raw, parameter, message):
    with pytest.raises(ParameterError) as err:
        bind_parameters(typed, raw)
    assert err.value.parameter_name == parameter
    assert message in err.value.message


def test_run_named_query_refuses_non_select(tmp_path, real_store, real_settings):
    path = write_query(tmp_path, "ask", GOOD_HEADER + "ASK { ?s ?p ?o }\n")
    with pytest.raises(ValueError, match="ASK"):
        run_named_query(real_store, parse_named_query(path, path.read_text()), {}, real_settings)


def test_run_named_query_checks_parameters_before_querying(catalogue, real_settings):
    class NoStore:
        def select(self, *args, **kwargs):  # pragma: no cover - must not be reached
            raise AssertionError("the store was queried")

    with pytest.raises(ParameterError):
        run_named_query(NoStore(), catalogue["project-actors"], {"project": "not an iri"}, real_settings)


def test_load_named_query_reads_one_file(catalogue, real_settings):
    from bochum_kg.kg.catalog import load_named_query

    assert load_named_query(real_settings, "goals") == catalogue["goals"]
    for name in ("no-such-query", "../queries/goals", "checks/participation-violation"):
        with pytest.raises(UnknownQueryError):
            load_named_query(real_settings, name)

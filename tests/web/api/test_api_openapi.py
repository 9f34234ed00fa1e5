"""The OpenAPI 3.1 document: valid, generated from the query headers, and true to the running API
(schemathesis drives every operation in-process and checks each answer against the document)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate

from bochum_kg.kg import catalog as nq
from bochum_kg.config import Settings
from fixture_data.small_strategy_iris import CHECKOUT

CATALOGUE = nq.load_catalogue(Settings(project_root=CHECKOUT, validate_on_start=False))


@pytest.fixture(scope="module")
def document(small_strategy_app):
    response = small_strategy_app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def test_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_named_query_is_an_operation_with_its_header(document):
    for query in CATALOGUE.values():
        operation = document["paths"][f"/api/{query.name}"]["get"]
        assert operation["summary"] == query.summary
        declared = {p["name"]: p for p in operation["parameters"] if p["name"] not in ("format", "limit", "offset")}
        assert list(declared) == [p.name for p in query.parameters]
        for parameter in query.parameters:
            entry = declared[parameter.name]
            assert entry["required"] == parameter.required
            if parameter.enum:
                assert entry["schema"]["enum"] == list(parameter.enum)
            if parameter.type == "iri":
                assert entry["schema"]["format"] == "iri"
        examples = [e for e in query.examples if e.params]
        for parameter in query.parameters:
            values = {e.params[parameter.name] for e in examples if parameter.name in e.params}
            listed = {x["value"] for x in declared[parameter.name].get("examples", {}).values()}
            assert listed == values


def test_relationship_endpoints_are_documented(document):
    for path in ("/api/", "/api/terms", "/api/neighbourhood", "/api/paths", "/api/lookup", "/api/gaps/{table}"):
        assert "get" in document["paths"][path]


@pytest.fixture(scope="module", autouse=True)
def regex_strategies_built_once():
    """Each operation's IRI parameters carry the same long pattern, and Hypothesis built its strategy
    anew for every operation (its own strategy cache did not catch these calls): most of this
    module's time. A strategy is an immutable description, so one serves every operation; the
    requests generated are the same with and without this (compared: 362 of 362)."""
    try:  # a private module of Hypothesis (not pinned): without it the tests run as they did, only slower
        from hypothesis.strategies._internal import regex as hypothesis_regex

        build = hypothesis_regex.regex_strategy
    except (ImportError, AttributeError):
        yield
        return
    built: dict[tuple, object] = {}

    def built_once(regex, fullmatch, *, alphabet, **options):
        pattern = regex if isinstance(regex, str) else (regex.pattern, regex.flags)
        key = (pattern, fullmatch, repr(alphabet), tuple(sorted(options.items())))
        if key not in built:
            built[key] = build(regex, fullmatch, alphabet=alphabet, **options)
        return built[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hypothesis_regex, "regex_strategy", built_once)
        yield


@pytest.fixture(scope="module")
def api_schema(small_strategy_app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", small_strategy_app)


FIXED_PATHS = ["/api/", "/api/terms", "/api/neighbourhood", "/api/paths", "/api/lookup", "/api/gaps/{table}"]
OPERATIONS = FIXED_PATHS + [f"/api/{name}" for name in CATALOGUE] + ["/api/fixture-goal-network"]


@pytest.mark.parametrize("path", OPERATIONS)
def test_api_conforms_to_its_openapi_document(api_schema, path):
    """Schemathesis generates requests from the document (bounded) and checks every answer against it."""
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(max_examples=10, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        # schemathesis's WSGI client asks for gzip but does not decode it; compression has its own tests
        case.call_and_validate(headers={"Accept-Encoding": "identity"})

    check()

"""One term -> JSON conversion for the REST API and the CLI (they used to disagree on xsd:decimal)."""

from __future__ import annotations

from rdflib import XSD, BNode, Literal, URIRef

from bochum_kg.commands import query as cli_query
from bochum_kg.kg.terms import json_value
from bochum_kg.web.api import results as api_results


def test_the_cli_and_the_api_share_the_conversion():
    assert cli_query.json_value is json_value and api_results.plain_value is json_value


def test_values():
    decimal = json_value(Literal("68", datatype=XSD.decimal))
    assert decimal == 68.0 and isinstance(decimal, float)
    assert json_value(Literal("7850000", datatype=XSD.integer)) == 7850000
    assert json_value(Literal("true", datatype=XSD.boolean)) is True
    assert json_value(Literal("Wissen", lang="de")) == "Wissen"
    assert json_value(URIRef("https://x/y")) == "https://x/y"
    assert json_value(BNode("b1")) == "_:b1"
    assert json_value(None) is None

"""Rows of the sheet "Weitere Aussagen": one statement each, written in Turtle notation.

Subject: an identifier (`project/x`) or a Turtle IRI; property: a prefixed name or `<IRI>`;
value: any Turtle term (`"Text"@de`, `"2016"^^xsd:gYear`, `competence:x`, `<https://…>`).
rdflib's Turtle parser reads them, so the notation is exactly Turtle's.
"""

from __future__ import annotations

from rdflib import BNode, Graph

from .vocabulary import iri_of_slug


def read_statement(subject: str, predicate: str, value: str, prefixes: dict[str, str]) -> tuple:
    """The triple of one row; ValueError says what is wrong."""
    if not (subject and predicate and value):
        raise ValueError("subject, property and value are all needed")
    iri = iri_of_slug(subject)
    subject_term = f"<{iri}>" if iri is not None else subject
    document = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items())
    document += f"{subject_term} {predicate} {value} .\n"
    graph = Graph()
    try:
        graph.parse(data=document, format="turtle")
    except Exception as err:  # rdflib raises several types for bad Turtle; all mean "not readable"
        raise ValueError(str(err).splitlines()[0] if str(err) else type(err).__name__) from None
    triples = list(graph)
    if len(triples) != 1 or any(isinstance(t, BNode) for t in triples[0]):
        raise ValueError("exactly one statement without blank nodes expected")
    return triples[0]

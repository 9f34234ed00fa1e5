"""Conversion between pyoxigraph and rdflib terms at the store boundary."""

from __future__ import annotations

import pyoxigraph as ox
import math
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node


def to_rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
)}
_FLOAT_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}


def json_value(term: Node | None):
    """A term as a plain JSON value, for the REST API and `bochum-kg query --format json` alike.

    IRIs and literals as strings, blank nodes as `_:label`; xsd integers as JSON integers, xsd
    decimal/double/float as JSON numbers (finite ones; an integral decimal stays a number with a
    fraction, 68.0), xsd:boolean as true/false; an ill-typed literal stays text.
    """
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return "_:" + str(term)
    if isinstance(term, Literal) and term.datatype is not None:
        datatype = str(term.datatype)
        lexical = str(term).strip()
        try:
            if datatype in _INTEGER_TYPES:
                return int(lexical)
            if datatype in _FLOAT_TYPES:
                number = float(Decimal(lexical)) if datatype == XSD + "decimal" else float(lexical)
                if math.isfinite(number):
                    return number
            if datatype == XSD + "boolean" and lexical in ("true", "false", "1", "0"):
                return lexical in ("true", "1")
        except (ValueError, ArithmeticError):
            pass  # an ill-typed literal stays text
    return str(term)

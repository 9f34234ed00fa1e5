"""One value in a cell: RDF term -> text for the export, text -> RDF term for the import.

Several values in one cell are separated by line breaks (VALUE_SEPARATOR). Links to our
resources are slugs (`competence/…`), other links full URLs; dates are `2024-05-17`, `2024-05`,
`2024` (or `17.05.2024` when typed in); numbers use a decimal point; booleans `true`/`false`.
A bad value raises CellError with a message code (messages.py) and its arguments.
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from .model import Column
from .vocabulary import compact, expand, iri_of_slug, kind_of, slug_of

VALUE_SEPARATOR = "\n"

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_GERMAN_DECIMAL = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})*,\d+$|^[+-]?\d+,\d+$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
_DOMAIN_START = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?$")
_BOOLEANS = {"true": "true", "false": "false", "wahr": "true", "falsch": "false",
             "ja": "true", "nein": "false", "yes": "true", "no": "false"}


class CellError(Exception):
    """A value that cannot be read; `code` names the message, `args` fill it."""

    def __init__(self, code: str, **args):
        super().__init__(code)
        self.code = code
        self.args_ = args


def format_value(term, column: Column, prefixes: dict[str, str]) -> str:
    if column.form == "class":
        return compact(term, prefixes) or f"<{term}>"
    if column.form == "link":
        return slug_of(term) if kind_of(term) else str(term)
    return str(term)


def fits(term, column: Column, prefixes: dict[str, str]) -> bool:
    """Whether the column's cell text reads back to exactly this term (else: 'Weitere Aussagen')."""
    try:
        text = format_value(term, column, prefixes)
        if VALUE_SEPARATOR in text or text != text.strip() or not text:
            return False
        return parse_value(text, column, prefixes, known=lambda iri: True) == term
    except CellError:
        return False


def parse_value(text: str, column: Column, prefixes: dict[str, str], known) -> URIRef | Literal:
    """The term for one value; `known(iri)` tells whether one of our resources exists."""
    form = column.form
    if form == "class":
        iri = expand(text, prefixes) or (URIRef(text[1:-1]) if text.startswith("<") and text.endswith(">") else None)
        if iri is None:
            raise CellError("unknown_class")
        return iri
    if form == "link":
        return _parse_link(text, known)
    if form == "text":
        return Literal(text, lang=column.language)
    if form == "plain":
        return Literal(text)
    if form == "date":
        return _parse_date(text)
    if form == "number":
        return _parse_number(text)
    if form == "boolean":
        if text.lower() not in _BOOLEANS:
            raise CellError("bad_boolean")
        return Literal(_BOOLEANS[text.lower()], datatype=XSD.boolean)
    literal = Literal(text, datatype=column.datatype)
    if getattr(literal, "ill_typed", False):
        raise CellError("bad_typed", datatype=compact(column.datatype, prefixes) or str(column.datatype))
    return literal


def _parse_link(text: str, known) -> URIRef:
    if "://" in text:
        if not _URL.match(text):
            raise CellError("bad_url")
        return URIRef(text)
    iri = iri_of_slug(text)
    if iri is not None and known(iri):
        return iri
    if iri is None and _DOMAIN_START.match(text) and "." in text.split("/")[0]:
        raise CellError("url_without_scheme", fixed="https://" + text)
    raise CellError("unknown_resource")


def _parse_date(text: str) -> Literal:
    try:
        if match := _ISO_DATE.match(text):
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            return Literal(day.isoformat(), datatype=XSD.date)
        if match := _GERMAN_DATE.match(text):
            day = dt.date(int(match[3]), int(match[2]), int(match[1]))
            return Literal(day.isoformat(), datatype=XSD.date)
    except ValueError:
        raise CellError("bad_date") from None
    if (match := _YEAR_MONTH.match(text)) and 1 <= int(match[2]) <= 12:
        return Literal(text, datatype=XSD.gYearMonth)
    if _YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    raise CellError("bad_date")


def _parse_number(text: str) -> Literal:
    if _INTEGER.match(text):
        return Literal(text, datatype=XSD.integer)
    if _THOUSANDS.match(text):
        raise CellError("thousands", fixed=text.replace(".", ""))
    if _DECIMAL.match(text):
        return Literal(text, datatype=XSD.decimal)
    if _GERMAN_DECIMAL.match(text):
        raise CellError("decimal_comma", fixed=text.replace(".", "").replace(",", "."))
    raise CellError("bad_number")


def cell_text(value) -> str:
    """A spreadsheet cell's value as text: numbers without '.0', dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def split_values(text: str) -> list[str]:
    """The values of one cell: one per line, surrounding spaces removed, empty lines ignored."""
    return [v.strip() for v in text.replace("\r\n", "\n").replace("\r", "\n").split(VALUE_SEPARATOR) if v.strip()]

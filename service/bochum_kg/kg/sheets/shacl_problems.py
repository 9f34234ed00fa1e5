"""SHACL results as problems of the workbook: the row of the focus resource, the column of the path.

The shapes' messages are English; the kind of rule broken is said in the sheet's language.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import SH

from .model import SheetModel
from .problems import Problem, message
from .reading import Reading
from .vocabulary import compact, kind_of, slug_of

RULES = {
    "MinCountConstraintComponent": ("Wert fehlt", "value missing"),
    "MaxCountConstraintComponent": ("zu viele Werte", "too many values"),
    "ClassConstraintComponent": ("Wert von falscher Art", "value of the wrong kind"),
    "DatatypeConstraintComponent": ("falscher Datentyp", "wrong datatype"),
    "PatternConstraintComponent": ("Wert in falscher Form", "value in the wrong form"),
    "NodeKindConstraintComponent": ("Wert in falscher Form", "value in the wrong form"),
    "InConstraintComponent": ("Wert nicht erlaubt", "value not allowed"),
    "UniqueLangConstraintComponent": ("eine Sprache doppelt", "a language twice"),
}
OTHER_RULE = ("Regel verletzt", "rule violated")
_SINGLE_PATH = re.compile(r"^<([^>]*)>$")


def shacl_problems(result, reading: Reading, model: SheetModel) -> tuple[list[Problem], list[Problem]]:
    """(violations, warnings and infos) of a validation result, located in the workbook."""
    violations, notes = [], []
    lang = reading.lang
    for row in result.results:
        predicate = _predicate(row.result_path)
        sheet, number = reading.rows.get(row.focus_node, ("", None))
        where = reading.statements.get((row.focus_node, predicate, row.value)) if predicate else None
        if where:
            sheet, number = where
            column = None
        else:
            column = _column(reading, row.focus_node, predicate, row.value)
        shown_value = _show(row.value, model) if row.value is not None else None
        rule = RULES.get(str(row.constraint_component).rsplit("#", 1)[-1], OTHER_RULE)[0 if lang == "de" else 1]
        if not sheet:
            rule = f"{_show(row.focus_node, model)}: {rule}"
        value_part = f" (‚{shown_value}‘)" if shown_value and lang == "de" else f" (‘{shown_value}’)" if shown_value else ""
        text = message("shacl", lang, rule=rule, value_part=value_part, message=row.message)
        problem = Problem(sheet, number, column, shown_value, text, lang)
        (violations if row.severity == SH.Violation else notes).append(problem)
    return violations, notes


def _predicate(path: str | None) -> URIRef | None:
    match = _SINGLE_PATH.match(path or "")
    return URIRef(match.group(1)) if match else None


def _column(reading: Reading, focus, predicate, value) -> str | None:
    kind = kind_of(focus)
    if predicate is None or kind is None:
        return None
    language = value.language if isinstance(value, Literal) else None
    for key in ((kind, predicate, language), (kind, predicate, None), (kind, predicate, "de"), (kind, predicate, "en")):
        if key in reading.columns:
            return reading.columns[key]
    return None


def _show(term, model: SheetModel) -> str:
    if isinstance(term, URIRef):
        return slug_of(term) if kind_of(term) else (compact(term, model.prefixes) or str(term))
    return str(term)

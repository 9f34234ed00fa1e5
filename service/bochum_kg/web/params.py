"""Request parameters shared by the faces: reading them, and the one answer to a wrong one.

A view raises `BadParameter(name, message)`; the app-wide handler `bad_parameter` (registered
by create_app) answers 400 in the shape of the path: the JSON error body with "parameter" under
/api/, the relationship views' message page elsewhere.
"""

from __future__ import annotations

from flask import render_template, request

from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg.analysis.connections import DEFAULT_MAX_LENGTH, MAX_MAX_LENGTH
from bochum_kg.web import i18n
from bochum_kg.web.errors import api_error


class BadParameter(Exception):
    def __init__(self, name: str, message: str):
        self.name = name
        self.message = message
        super().__init__(f"parameter '{name}': {message}")


def bad_parameter(err: BadParameter):
    if request.path.startswith("/api/"):
        return api_error(400, str(err), parameter=err.name)
    return render_template("views/message.html", status=400, message=str(err)), 400


def is_iri(value: str) -> bool:
    """An absolute IRI the store accepts (RFC 3987, as pyoxigraph checks it): a bad one is a 400, not a 500."""
    return gd.is_safe_iri(value)


def lang() -> str:
    """Label language: ?lang= (an API call with another value is a 400), else the page language."""
    asked = request.args.get("lang")
    if asked is not None and asked not in gd.LANGUAGES and request.path.startswith("/api/"):
        raise BadParameter("lang", f"must be de or en, got {asked!r}")
    return asked if asked in gd.LANGUAGES else i18n.request_language()


def required_iri(name: str) -> str:
    value = request.args.get(name)
    if value is None or not value.strip():
        raise BadParameter(name, "missing; give the IRI of a resource")
    value = value.strip()
    if not gd.is_safe_iri(value):
        raise BadParameter(name, f"not an absolute IRI: {value!r}")
    return value


def optional_competence() -> str | None:
    value = (request.args.get("competence") or "").strip()
    if not value:
        return None
    if not gd.is_safe_iri(value):
        raise BadParameter("competence", f"not an absolute IRI: {value!r}")
    return value


def max_length() -> int:
    raw = request.args.get("max_length")
    if raw is None or raw == "":
        return DEFAULT_MAX_LENGTH
    text = raw.strip()
    if not (text.isascii() and text.isdecimal()) or not 1 <= int(text) <= MAX_MAX_LENGTH:  # isdigit() passes "²"
        raise BadParameter("max_length", f"must be a whole number from 1 to {MAX_MAX_LENGTH}, got {raw!r}")
    return int(text)

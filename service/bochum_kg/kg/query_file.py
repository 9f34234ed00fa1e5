"""One query file (queries/*.rq) read into a NamedQuery: its ``#+`` header of YAML (grlc's decorator
syntax) and its SPARQL, checked together; CatalogueError names the file and what is wrong.

The query text is parsed with pyoxigraph to learn its form and projected variables; every
declared parameter must be a variable of the query, and every example must bind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import yaml

from bochum_kg.kg.binding import IRI, ParameterError, bind_parameters, convert_value
from bochum_kg.kg.named_query import (
    PARAMETER_TYPES,
    TRANSLATED_KEYS,
    TRANSLATED_LANGUAGES,
    CatalogueError,
    Example,
    NamedQuery,
    Parameter,
)
from bochum_kg.kg.sparql_text import analyse, check_size, tokens
from bochum_kg.kg.store.base import QueryTooComplex

QUERY_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the file name: lower-case kebab-case
_VARNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

# libyaml's safe loader where PyYAML was built with it: the same documents, ~10× faster to read
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_HEADER_KEYS = {"title", "summary", "description", "tags", "parameters", "examples", *TRANSLATED_LANGUAGES}
_PARAMETER_KEYS = {"type", "required", "default", "description", "enum", "class"}
_EXAMPLE_KEYS = {"title", "params"}


def parse_named_query(path: Path, text: str) -> NamedQuery:
    """Header and SPARQL of one file; CatalogueError(path, …) for anything unusable."""
    name = path.stem
    if not QUERY_NAME.fullmatch(name):
        raise CatalogueError(path, "file name must be lower-case kebab-case, e.g. goals-without-projects.rq")
    header = _parse_header(path, text)
    form, variables, used, prefixes = _parse_sparql(path, text)
    parameters = tuple(_parse_parameter(path, pname, spec, prefixes) for pname, spec in (header.get("parameters") or {}).items())
    for parameter in parameters:
        if parameter.name not in used:
            raise CatalogueError(path, f"parameter '{parameter.name}' is declared but ?{parameter.name} is not used in the query")
    query = NamedQuery(
        name=name,
        summary=_text_field(path, header, "summary", required=True),
        title=_text_field(path, header, "title", required=False) or None,
        translations=_translations(path, header),
        description=_text_field(path, header, "description", required=True),
        tags=_tags(path, header),
        parameters=parameters,
        text=text,
        form=form,
        variables=variables,
        prefixes=prefixes,
        path=path,
    )
    examples = tuple(_parse_example(path, i, raw) for i, raw in enumerate(header.get("examples") or []))
    for example in examples:
        try:
            bind_parameters(query, example.params)
        except ParameterError as err:
            raise CatalogueError(path, f"example '{example.title}': {err}") from None
    return replace(query, examples=examples)


def _parse_header(path: Path, text: str) -> dict:
    header_lines, in_header = [], True
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#+"):
            if not in_header:
                raise CatalogueError(path, f"line {number}: '#+' header line after the query has begun")
            body = line[2:]
            header_lines.append(body[1:] if body.startswith(" ") else body)
        else:
            in_header = False
    if not header_lines:
        raise CatalogueError(path, "no '#+' header (summary, description, tags, parameters)")
    try:
        header = yaml.load("\n".join(header_lines), Loader=_YAML_LOADER)
    except yaml.YAMLError as err:
        raise CatalogueError(path, f"header is not valid YAML: {err}") from None
    if not isinstance(header, dict):
        raise CatalogueError(path, "header must be a YAML mapping")
    unknown = set(header) - _HEADER_KEYS
    if unknown:
        raise CatalogueError(path, f"unknown header key(s): {', '.join(sorted(unknown))}")
    if not isinstance(header.get("parameters") or {}, dict):
        raise CatalogueError(path, "'parameters' must map parameter names to their declarations")
    if not isinstance(header.get("examples") or [], list):
        raise CatalogueError(path, "'examples' must be a list")
    return header


def _text_field(path: Path, header: dict, key: str, required: bool, where: str = "") -> str:
    value = header.get(key)
    if value is None and not required:
        return ""
    if value is None:
        raise CatalogueError(path, f"header needs '{where}{key}' as non-empty text")
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(path, f"'{where}{key}' must be non-empty text, not {value!r}")
    return value.strip()


def _translations(path: Path, header: dict) -> dict[str, dict[str, str]]:
    """The title and summary in each other language: ``de: {title: …, summary: …}``, both or none."""
    translations = {}
    for lang in TRANSLATED_LANGUAGES:
        raw = header.get(lang)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            raise CatalogueError(path, f"'{lang}' must be a mapping with title and summary, not {raw!r}")
        unknown = sorted(str(key) for key in set(raw) - set(TRANSLATED_KEYS))
        if unknown:
            raise CatalogueError(path, f"'{lang}' takes only title and summary, not {', '.join(unknown)}")
        translations[lang] = {key: _text_field(path, raw, key, required=True, where=f"{lang}.") for key in TRANSLATED_KEYS}
    return translations


def _tags(path: Path, header: dict) -> tuple[str, ...]:
    tags = header.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        raise CatalogueError(path, "'tags' must be a list of words")
    return tuple(tags)


def _parse_parameter(path: Path, name: object, spec: object, prefixes: Mapping[str, str]) -> Parameter:
    if not isinstance(name, str) or not _VARNAME.fullmatch(name):
        raise CatalogueError(path, f"parameter name {name!r} is not a SPARQL variable name")
    if not isinstance(spec, dict):
        raise CatalogueError(path, f"parameter '{name}' must be a mapping (type, required, default, description…)")
    unknown = set(spec) - _PARAMETER_KEYS
    if unknown:
        raise CatalogueError(path, f"parameter '{name}': unknown key(s) {', '.join(sorted(unknown))}")
    ptype = spec.get("type")
    if ptype not in PARAMETER_TYPES:
        raise CatalogueError(path, f"parameter '{name}': type must be one of {', '.join(PARAMETER_TYPES)}, not {ptype!r}")
    required = spec.get("required", False)
    if not isinstance(required, bool):
        raise CatalogueError(path, f"parameter '{name}': required must be true or false")
    description = spec.get("description")
    if not isinstance(description, str) or not description.strip():
        raise CatalogueError(path, f"parameter '{name}': needs a description")
    enum = spec.get("enum")
    if ptype == "enum":
        if not isinstance(enum, list) or not enum or not all(isinstance(v, str) for v in enum):
            raise CatalogueError(path, f"parameter '{name}': an enum needs 'enum' as a list of strings")
        enum = tuple(enum)
    elif enum is not None:
        raise CatalogueError(path, f"parameter '{name}': 'enum' only goes with type enum")
    rdf_class = spec.get("class")
    if rdf_class is not None:
        if ptype != "iri" or not isinstance(rdf_class, str):
            raise CatalogueError(path, f"parameter '{name}': 'class' only goes with type iri")
        rdf_class = _expand(path, rdf_class, prefixes)
    default = spec.get("default")
    if default is not None:
        if required:
            raise CatalogueError(path, f"parameter '{name}': a required parameter cannot have a default")
        default = str(default)
    parameter = Parameter(name, ptype, required, default, description.strip(), enum, rdf_class)
    if default is not None:
        try:
            convert_value(parameter, default)
        except ParameterError as err:
            raise CatalogueError(path, f"default: {err}") from None
    return parameter


def _expand(path: Path, curie: str, prefixes: Mapping[str, str]) -> str:
    """A class given as prefixed name (with a prefix the query declares) or as full http(s)/urn IRI."""
    prefix, _, local = curie.partition(":")
    if prefix not in prefixes and IRI.fullmatch(curie) and (local.startswith("//") or prefix == "urn"):
        return curie
    if prefix not in prefixes:
        raise CatalogueError(path, f"class {curie!r}: prefix '{prefix}:' is not declared in the query")
    return prefixes[prefix] + local


def _parse_example(path: Path, index: int, raw: object) -> Example:
    if not isinstance(raw, dict) or set(raw) - _EXAMPLE_KEYS or not isinstance(raw.get("title"), str):
        raise CatalogueError(path, f"example {index + 1}: needs 'title' and optionally 'params' (nothing else)")
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        raise CatalogueError(path, f"example '{raw['title']}': params must be a mapping")
    return Example(raw["title"], {str(k): str(v) for k, v in params.items()})


def _parse_sparql(path: Path, text: str) -> tuple[str, tuple[str, ...], set[str], dict[str, str]]:
    """(form, projected variables, every variable used, declared prefixes) of the query text.

    pyoxigraph parses the text (on an empty store, where evaluation is immediate) and reports the
    form and the projection in the order the store gives it (SELECT * is alphabetical there);
    variables, prefixes and CONSTRUCT vs DESCRIBE come from the stores' own token scan
    (kg/sparql_text.py), which skips strings, comments and IRIs. rdflib's
    parser is not used here: it took ~1.3 s for the catalogue, most of the service's start-up.
    The test suite checks that rdflib parses every catalogue query too.
    """
    try:
        check_size(text)  # before pyoxigraph parses it: too deep a text kills the process
        results = ox.Store().query(text)
    except QueryTooComplex as err:
        raise CatalogueError(path, str(err)) from None
    except SyntaxError as err:
        raise CatalogueError(path, _explain_syntax_error(text, str(err))) from None
    info = analyse(text)
    if isinstance(results, ox.QueryBoolean):
        form, variables = "ASK", ()
    elif isinstance(results, ox.QuerySolutions):
        form, variables = "SELECT", tuple(v.value for v in results.variables)
    else:
        form, variables = info.form or "CONSTRUCT", ()
    # pyoxigraph results are unsendable: drop them here, on this thread, not in a later GC run
    # on another (server or test-server) thread.
    del results
    used = {tok.text[1:] for tok in tokens(text) if tok.kind == "var"}
    return form, variables, used, dict(info.prefixes)


def _explain_syntax_error(text: str, store_message: str) -> str:
    """The clearer of the two parsers' messages for a query pyoxigraph rejects.

    pyoxigraph names where it gave up ("error at 5:1: expected OPTIONAL" for an unknown prefix);
    rdflib's parser, only loaded on this error path, usually names the cause and its position.
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        translateQuery(parseQuery(text))
    except ParseBaseException as err:
        return f"SPARQL syntax error at line {err.lineno}, column {err.col}: {err.msg}"
    except Exception as err:  # rdflib's algebra step raises bare Exceptions (unknown prefix, scoping)
        return f"SPARQL is not usable: {err}"
    return f"pyoxigraph rejects the query: {store_message}"

"""The catalogue of named SPARQL queries in queries/*.rq and how parameters are bound to them.

Each file is valid SPARQL 1.1 that starts with a header of ``#+`` lines holding YAML (grlc's
decorator syntax)::

    #+ summary: One line
    #+ description: What the query answers and how it decides borderline cases.
    #+ tags: [strategy]
    #+ parameters:
    #+   competence: {type: iri, class: bs:Competence, description: …}
    #+ examples:
    #+   - {title: Shootingstar, params: {competence: "https://…"}}

The query text is parsed with pyoxigraph when the catalogue is loaded, to learn its form and
projected variables; a bad header or bad SPARQL raises CatalogueError
naming the file. Parameter values are never pasted into the text as strings: ``bind_parameters`` turns
them into RDF terms, which a store can pre-bind (SEP-0007 substitution) or which
``inline_bindings`` serialises into an equivalent VALUES block at the start of the WHERE group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
import yaml

from bochum_kg.config import CANONICAL_BASE, Settings
from bochum_kg.kg.store.base import QueryTooComplex, SelectResult
from bochum_kg.kg.binding import IRI, ParameterError, bind_parameters, convert_value, inline_bindings  # noqa: F401 (the catalogue's API)
from bochum_kg.kg.sparql_text import analyse, check_size, tokens

PARAMETER_TYPES = ("iri", "string", "lang-string", "integer", "date", "enum")

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_VARNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

# libyaml's safe loader where PyYAML was built with it: the same documents, ~10× faster to read
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_HEADER_KEYS = {"summary", "description", "tags", "parameters", "examples"}
_PARAMETER_KEYS = {"type", "required", "default", "description", "enum", "class"}
_EXAMPLE_KEYS = {"title", "params"}


class CatalogueError(Exception):
    """A query file is unusable (bad header, bad SPARQL, bad example); raised at load time."""

    def __init__(self, path: Path | str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class UnknownQueryError(KeyError):
    """No named query has this name (a KeyError, so ``in`` and ``.get`` work on a Catalogue)."""

    def __init__(self, name: str, known: list[str]):
        self.name = name
        self.known = known
        super().__init__(name)

    def __str__(self) -> str:
        return f"no named query '{self.name}' (known: {', '.join(self.known)})"


@dataclass(frozen=True)
class Parameter:
    """One declared parameter; its SPARQL variable has the same name."""

    name: str
    type: str
    required: bool = False
    default: str | None = None  # raw text, read like a value given by a caller
    description: str = ""
    enum: tuple[str, ...] | None = None
    rdf_class: str | None = None  # expected class of an iri parameter (documentation only)


@dataclass(frozen=True)
class Example:
    title: str
    params: Mapping[str, str]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    text: str
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    variables: tuple[str, ...]  # projected variables of a SELECT, in order; () otherwise
    examples: tuple[Example, ...] = ()
    prefixes: Mapping[str, str] = field(default_factory=dict)  # as declared in the query
    path: Path | None = None

    @property
    def body(self) -> str:
        """The SPARQL without the #+ header (what an editor shows)."""
        return "\n".join(line for line in self.text.splitlines() if not line.startswith("#+")).lstrip("\n") + "\n"

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


class Catalogue(Mapping[str, NamedQuery]):
    """Named queries by name, in name order; an unknown name raises UnknownQueryError."""

    def __init__(self, queries: Mapping[str, NamedQuery]):
        self._queries = dict(sorted(queries.items()))

    def __getitem__(self, name: str) -> NamedQuery:
        try:
            return self._queries[name]
        except KeyError:
            raise UnknownQueryError(name, list(self._queries)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._queries)

    def __len__(self) -> int:
        return len(self._queries)

    # Running a query of the catalogue with terms (rdflib nodes, or a list of them for a VALUES
    # of several rows) bound by the store: the one way query text and values meet.

    def select(self, store, name: str, bindings=None, timeout: float | None = None):
        return store.select(self[name].text, bindings, timeout)

    def ask(self, store, name: str, bindings=None, timeout: float | None = None) -> bool:
        return store.ask(self[name].text, bindings, timeout)

    def construct(self, store, name: str, bindings=None, timeout: float | None = None):
        return store.construct(self[name].text, bindings, timeout)


# --------------------------------------------------------------------------- loading


def load_catalogue(settings: Settings) -> Catalogue:
    """The public named queries: queries/*.rq."""
    return load_queries(settings.queries_dir, settings)


#: The queries the pages, views and indexes run: code of this package (same header as queries/).
INTERNAL_QUERIES = Path(__file__).resolve().parent / "queries"


@lru_cache(maxsize=None)
def internal_query_text(name: str) -> str:
    """The text of one of the package's queries, for the stores' own bookkeeping (no base in it)."""
    return (INTERNAL_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def load_internal_queries(settings: Settings) -> Catalogue:
    """The package's own queries (kg/queries/*.rq), whatever checkout the settings point to."""
    return load_queries(INTERNAL_QUERIES, settings)


def load_checks(settings: Settings) -> Catalogue:
    """The data-quality checks: queries/checks/*-violation.rq, each must return no rows."""
    return load_queries(settings.queries_dir / "checks", settings)


def load_queries(directory: Path, settings: Settings) -> Catalogue:
    """Every *.rq file of one directory (not recursive); fails on the first unusable file."""
    queries = {}
    for path in sorted(directory.glob("*.rq")):
        query = _load_file(path, settings)
        queries[query.name] = query
    return Catalogue(queries)


def load_named_query(settings: Settings, name: str) -> NamedQuery:
    """Just one query of queries/ (for a command that runs one; the service loads them all)."""
    path = settings.queries_dir / f"{name}.rq"
    if not _NAME.fullmatch(name) or not path.is_file():
        raise UnknownQueryError(name, sorted(p.stem for p in settings.queries_dir.glob("*.rq")))
    return _load_file(path, settings)


def _load_file(path: Path, settings: Settings) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CatalogueError(path, f"cannot read: {err}") from None
    if settings.base_iri != CANONICAL_BASE:
        # The files are written with the canonical base, like the data; move both together.
        text = text.replace(CANONICAL_BASE, settings.base_iri)
    return parse_named_query(path, text)


def parse_named_query(path: Path, text: str) -> NamedQuery:
    """Header and SPARQL of one file; CatalogueError(path, …) for anything unusable."""
    name = path.stem
    if not _NAME.fullmatch(name):
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


def _text_field(path: Path, header: dict, key: str, required: bool) -> str:
    value = header.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(path, f"header needs '{key}' as non-empty text")
    return value.strip()


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
    (stores/query_text.py), which skips strings, comments and IRIs. rdflib's
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


def run_named_query(store, query: NamedQuery, raw_params: Mapping[str, str], settings: Settings,
                    max_rows: int | None = None) -> SelectResult:
    """Bind the parameters and run a SELECT named query through any store adapter.

    The parameters are written into the text as a VALUES block at the start of the outermost
    WHERE group (``inline_bindings``), which pre-binds them for every store alike: pyoxigraph
    accepts SEP-0007 substitutions only for variables of the SELECT projection (``lang`` or the
    ``project`` of project-actors are not), and a trailing VALUES clause, which a remote
    endpoint would understand, is joined only after the WHERE clause has run, so FILTERs and
    BINDs there would see the parameter unbound. The named queries are written so that this
    block and store substitution give the same rows; the tests check it for every example.
    `max_rows` caps the rows kept in memory (the REST API passes the server's row cap).
    """
    if query.form != "SELECT":
        raise ValueError(f"named query '{query.name}' is a {query.form} query; run_named_query runs SELECT queries")
    bindings = bind_parameters(query, raw_params, settings)
    text = inline_bindings(query.text, bindings) if bindings else query.text
    return store.select(text, timeout=settings.query_timeout, max_rows=max_rows)

"""The catalogue of named SPARQL queries in queries/*.rq, and running one with bound parameters.

Each file is valid SPARQL 1.1 that starts with a header of ``#+`` lines holding YAML (grlc's
decorator syntax)::

    #+ title: Goals of a competence
    #+ summary: One line
    #+ de:
    #+   title: Ziele einer Kompetenz
    #+   summary: Eine Zeile
    #+ description: What the query answers and how it decides borderline cases.
    #+ tags: [strategy]
    #+ parameters:
    #+   competence: {type: iri, class: bs:Competence, description: …}
    #+ examples:
    #+   - {title: Shootingstar, params: {competence: "https://…"}}

``summary``, ``description`` and the parameters' descriptions are English (the OpenAPI document
shows them). ``title`` (optional) is a short English title for people, ``de`` (optional) holds
exactly ``title`` and ``summary`` in German; the workbench shows them in the page's language
(``NamedQuery.text_in``: the language asked for, else English, else the name).
Every public query has both (the tests check it); the package's own queries need neither.
kg/query_file.py reads one file (a bad header or bad SPARQL raises CatalogueError naming the
file), kg/named_query.py holds the model. Parameter values are never pasted into the text as
strings: ``bind_parameters`` turns them into RDF terms, which a store can pre-bind (SEP-0007
substitution) or which ``inline_bindings`` serialises into an equivalent VALUES block at the start
of the WHERE group. Every name of the three modules that callers use is importable from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from bochum_kg.config import CANONICAL_BASE, Settings
from bochum_kg.kg.binding import IRI, ParameterError, bind_parameters, convert_value, inline_bindings  # noqa: F401 (the catalogue's API)
from bochum_kg.kg.named_query import (  # noqa: F401 (the catalogue's API)
    PARAMETER_TYPES,
    Catalogue,
    CatalogueError,
    Example,
    NamedQuery,
    Parameter,
    UnknownQueryError,
)
from bochum_kg.kg.query_file import QUERY_NAME, parse_named_query
from bochum_kg.kg.store.base import SelectResult


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
    if not QUERY_NAME.fullmatch(name) or not path.is_file():
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


def run_named_query(store, query: NamedQuery, raw_params: Mapping[str, str], settings: Settings,
                    max_rows: int | None = None, window: tuple[int, int] | None = None) -> SelectResult:
    """Bind the parameters and run a SELECT named query through any store adapter.

    The parameters are written into the text as a VALUES block at the start of the outermost
    WHERE group (``inline_bindings``), which pre-binds them for every store alike: pyoxigraph
    accepts SEP-0007 substitutions only for variables of the SELECT projection (``lang`` or the
    ``project`` of project-actors are not), and a trailing VALUES clause, which a remote
    endpoint would understand, is joined only after the WHERE clause has run, so FILTERs and
    BINDs there would see the parameter unbound. The named queries are written so that this
    block and store substitution give the same rows; the tests check it for every example.
    `max_rows` caps the rows kept in memory (the REST API passes the server's row cap); with
    `window` (offset, limit) only that page's rows are kept and the result's `total` counts all.
    """
    if query.form != "SELECT":
        raise ValueError(f"named query '{query.name}' is a {query.form} query; run_named_query runs SELECT queries")
    bindings = bind_parameters(query, raw_params, settings)
    text = inline_bindings(query.text, bindings) if bindings else query.text
    return store.select(text, timeout=settings.query_timeout, max_rows=max_rows, window=window)

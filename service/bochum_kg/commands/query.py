"""`bochum-kg query [NAME] [--param key=value …] [--format table|json|csv] [--list]`.

Without a name (or with --list) it lists the catalogue of named queries. With a name it binds the
parameters, runs the query against the dataset (the embedded store, or the remote endpoint the
settings name) and prints the rows. Wrong use — an unknown name, an unknown, missing or
ill-typed parameter — is a UsageError: a message on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import TextIO

from rdflib import BNode, URIRef
from rdflib.term import Node

from bochum_kg.cli import EXIT_OK, EXIT_UNREADABLE, UsageError
from bochum_kg.config import Settings
from bochum_kg.kg.catalog import (
    Catalogue,
    CatalogueError,
    NamedQuery,
    ParameterError,
    UnknownQueryError,
    bind_parameters,
    load_catalogue,
    load_named_query,
    run_named_query,
)
from bochum_kg.kg.store.base import SelectResult
from bochum_kg.kg.terms import json_value


def run(args: argparse.Namespace, settings: Settings, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        if args.list or not args.name:
            write_catalogue(load_catalogue(settings), out)
            return EXIT_OK
        query = load_named_query(settings, args.name)
    except CatalogueError as err:
        print(f"error: broken named query {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except UnknownQueryError as err:
        raise UsageError(f"unknown query '{err.name}'; run 'bochum-kg query --list' to see the {len(err.known)} named queries") from None
    raw = parse_params(args.param)
    try:
        bind_parameters(query, raw, settings)  # fail on wrong parameters before loading any data
    except ParameterError as err:
        raise UsageError(f"query '{query.name}': {err}") from None
    if query.form != "SELECT":
        raise UsageError(f"query '{query.name}' is a {query.form} query; only SELECT queries can be printed as rows")

    from bochum_kg.kg.store import open_store

    # Validation is the job of `bochum-kg validate`; a query only reads.
    store = open_store(settings.with_changes(validate_on_start=False))
    result = run_named_query(store, query, raw, settings)
    if result.truncated:
        print(f"warning: result truncated to {len(result.rows)} rows", file=sys.stderr)
    WRITERS[args.format](result, query, settings, out)
    return EXIT_OK


def parse_params(pairs: list[str]) -> dict[str, str]:
    """['key=value', …] → {key: value}; the value may itself contain '='."""
    raw: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--param needs KEY=VALUE, got {pair!r}")
        if key in raw:
            raise UsageError(f"--param {key} given twice")
        raw[key] = value
    return raw


# --------------------------------------------------------------------------- output


def write_catalogue(catalogue: Catalogue, out: TextIO) -> None:
    for query in catalogue.values():
        print(f"{query.name}: {query.summary}", file=out)
        for p in query.parameters:
            if p.required:
                extra = "required"
            elif p.default is not None:
                extra = f"default {p.default}"
            else:
                extra = "optional"
            kind = f"{p.type}: {'|'.join(p.enum)}" if p.enum else p.type
            print(f"    --param {p.name}=…  ({kind}, {extra})", file=out)
        print(f"    → {', '.join(query.variables)}", file=out)


def write_json(result: SelectResult, query: NamedQuery, settings: Settings, out: TextIO) -> None:
    rows = [{v: json_value(row.get(v)) for v in result.variables} for row in result.rows]
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(result: SelectResult, query: NamedQuery, settings: Settings, out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if row.get(v) is None else _plain(row[v]) for v in result.variables])


def _plain(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def short_form(term: Node | None, query: NamedQuery, settings: Settings) -> str:
    """Compact text for a table cell: prefixed names for IRIs of the query's prefixes and the base."""
    if term is None:
        return ""
    if not isinstance(term, URIRef):
        return _plain(term)
    iri = str(term)
    for prefix, namespace in sorted(query.prefixes.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    base = settings.base_iri
    if iri.startswith(base):
        kind, sep, rest = iri[len(base):].partition("/")
        if sep and rest and "/" not in rest:
            return f"{kind.replace('-', '')}:{rest}"
    return iri


def write_table(result: SelectResult, query: NamedQuery, settings: Settings, out: TextIO) -> None:
    header = list(result.variables)
    cells = [[short_form(row.get(v), query, settings) for v in header] for row in result.rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip(), file=out)
    count = len(result.rows)
    print(f"({count} row{'s' if count != 1 else ''})", file=out)


WRITERS = {"json": write_json, "csv": write_csv, "table": write_table}

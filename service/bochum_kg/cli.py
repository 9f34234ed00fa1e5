"""The `bochum-kg` command line: one parser, each subcommand implemented in bochum_kg.commands.*.

Exit codes shared by all subcommands: 0 success (data conforms), 1 the data is wrong
(validation failed), 2 the input could not be read or the command was used wrongly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from bochum_kg.config import (
    CANONICAL_BASE,
    DEFAULT_MAX_RESULT_MB,
    DEFAULT_MIN_CLIENT_TIMEOUT,
    DEFAULT_RESPONSE_CACHE_MB,
    DEFAULT_ROW_CAP,
    Settings,
)
from bochum_kg.kg.load import DatasetLoadError, ShapesError

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class UsageError(Exception):
    """The command was given something it cannot use (unknown query, ill-typed parameter…)."""


def _add_validate(sub) -> None:
    p = sub.add_parser("validate", help="check ontology and data against the SHACL shapes")
    p.add_argument("--format", choices=["text", "turtle"], default="text", help="report as readable text or as RDF (Turtle)")


def _add_query(sub) -> None:
    p = sub.add_parser("query", help="run one named query from queries/")
    p.add_argument("name", nargs="?", help="query name (file name without .rq); omit to list the catalogue")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="a query parameter (repeatable)")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--list", action="store_true", help="list the named queries with their parameters")


def _add_serve(sub) -> None:
    p = sub.add_parser("serve", help="serve SPARQL, linked-data pages and the API with a production WSGI server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--base-url", help="public URL of this server (default: derived from each request)")
    p.add_argument("--query-timeout", type=float, default=30.0, metavar="S", help="seconds before a query is stopped")
    p.add_argument("--store", metavar="URL", help="answer from this SPARQL 1.1 endpoint instead of the embedded store")
    p.add_argument("--row-cap", type=int, default=DEFAULT_ROW_CAP, metavar="N",
                   help=f"cut /sparql results after N rows or triples, signalled, never silent (0: no cap; default {DEFAULT_ROW_CAP:,})")
    p.add_argument("--max-result-bytes", type=byte_size, default=DEFAULT_MAX_RESULT_MB * 1024 * 1024, metavar="SIZE",
                   help="cut /sparql results before they grow past SIZE bytes (suffix K, M or G allowed), signalled "
                        f"(0: no limit; default {DEFAULT_MAX_RESULT_MB}M)")
    p.add_argument("--min-client-timeout", type=float, default=DEFAULT_MIN_CLIENT_TIMEOUT, metavar="S",
                   help="raise a client's timeout= below S seconds to S, said so in the header X-Timeout-Raised "
                        f"(0: any; default {DEFAULT_MIN_CLIENT_TIMEOUT:g})")
    p.add_argument("--workers", type=int, default=2, help="worker processes")
    p.add_argument("--threads", type=int, default=4, help="threads per worker; a worker takes at most this many requests at once")
    p.add_argument("--allow-service", action="append", default=[], metavar="URL",
                   help="allow SERVICE calls to this endpoint (repeatable; default: none)")
    p.add_argument("--response-cache", type=float, default=DEFAULT_RESPONSE_CACHE_MB, metavar="MB",
                   help="memory per worker for replaying repeated GET answers of /sparql and /api "
                        f"(embedded store only; 0 turns it off; default {DEFAULT_RESPONSE_CACHE_MB})")


def byte_size(text: str) -> int:
    """A size in bytes, written as a number with an optional K, M or G (powers of 1024)."""
    units = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}
    value = text.strip().upper().removesuffix("B")
    factor = units.get(value[-1:], 1)
    try:
        size = float(value[:-1] if value[-1:] in units else value) * factor
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 67108864, 64M, 1G, or 0 for no limit)") from None
    if size < 0:
        raise argparse.ArgumentTypeError(f"a size cannot be negative: {text!r}")
    return int(size)


def _add_publish(sub) -> None:
    p = sub.add_parser("publish", help="load the validated dataset into a SPARQL store via the Graph Store Protocol")
    p.add_argument("url", help="Graph Store Protocol endpoint of the target store (e.g. http://127.0.0.1:7878/store)")


def _add_export(sub) -> None:
    p = sub.add_parser("export", help="write dumps of the whole dataset (Turtle, N-Triples, TriG, N-Quads, JSON-LD)")
    p.add_argument("--out", type=Path, default=Path("dist/dumps"), help="output directory")
    p.add_argument("--gzip", action="store_true", help="also write .gz copies")


SUBCOMMANDS = {
    "validate": _add_validate,
    "query": _add_query,
    "serve": _add_serve,
    "publish": _add_publish,
    "export": _add_export,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bochum-kg", description=__doc__.splitlines()[0])
    parser.add_argument("--project-root", type=Path, help="checkout with ontology/, data/, shapes/, queries/")
    parser.add_argument("--base-iri", default=CANONICAL_BASE, help=f"public base of all IRIs (default {CANONICAL_BASE})")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in SUBCOMMANDS.values():
        add(sub)
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    settings = Settings(base_iri=args.base_iri)
    if args.project_root:
        settings = settings.with_changes(project_root=args.project_root.resolve())
    if not settings.base_iri.endswith(("/", "#")):
        raise UsageError(f"--base-iri must end with '/' or '#': {settings.base_iri}")
    return settings


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = settings_from_args(args)
        command = importlib.import_module(f"bochum_kg.commands.{args.command}")
        return command.run(args, settings)
    except DatasetLoadError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except ShapesError as err:  # every command: the shapes cannot be read or used
        print(f"error: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:
        # The reader went away (`bochum-kg query … | head`): stop quietly, like other Unix tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

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
from bochum_kg.commands.granian_server import DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS
from bochum_kg.web.http import limits
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
    p.add_argument("--prebuilt", type=Path, metavar="DIR",
                   help="serve the on-disk store `bochum-kg prebuild DIR` wrote instead of parsing the files (big data)")
    p.add_argument("--row-cap", type=int, default=DEFAULT_ROW_CAP, metavar="N",
                   help=f"cut /sparql results after N rows or triples, signalled, never silent (0: no cap; default {DEFAULT_ROW_CAP:,})")
    p.add_argument("--max-result-bytes", type=byte_size, default=DEFAULT_MAX_RESULT_MB * 1024 * 1024, metavar="SIZE",
                   help="cut /sparql results before they grow past SIZE bytes (suffix K, M or G allowed), signalled "
                        f"(0: no limit; default {DEFAULT_MAX_RESULT_MB}M)")
    p.add_argument("--min-client-timeout", type=float, default=DEFAULT_MIN_CLIENT_TIMEOUT, metavar="S",
                   help="raise a client's timeout= below S seconds to S, said so in the header X-Timeout-Raised "
                        f"(0: any; default {DEFAULT_MIN_CLIENT_TIMEOUT:g})")
    p.add_argument("--workers", type=int, default=2, help="worker processes")
    p.add_argument("--threads", type=int, default=limits.DEFAULT_QUERY_SLOTS, metavar="N",
                   help=f"requests a worker evaluates at once (default {limits.DEFAULT_QUERY_SLOTS})")
    p.add_argument("--allow-service", action="append", default=[], metavar="URL",
                   help="allow SERVICE calls to this endpoint (repeatable; default: none)")
    p.add_argument("--response-cache", type=float, default=DEFAULT_RESPONSE_CACHE_MB, metavar="MB",
                   help="memory per worker for replaying repeated GET answers of /sparql and /api "
                        f"(embedded store only; 0 turns it off; default {DEFAULT_RESPONSE_CACHE_MB})")
    public = p.add_argument_group("limits for running in public (README: Running it in public)")
    public.add_argument("--queue", type=int, default=limits.DEFAULT_QUEUE, metavar="N",
                        help=f"requests a worker lets wait for a free thread; more get 503 (default {limits.DEFAULT_QUEUE})")
    public.add_argument("--queue-wait", type=float, default=limits.DEFAULT_QUEUE_WAIT, metavar="S",
                        help=f"longest wait in that queue before a 503 (default {limits.DEFAULT_QUEUE_WAIT:g})")
    public.add_argument("--max-connections", type=int, default=DEFAULT_MAX_CONNECTIONS, metavar="N",
                        help=f"open connections per worker, idle ones included (default {DEFAULT_MAX_CONNECTIONS})")
    public.add_argument("--header-timeout", type=float, default=DEFAULT_HEADER_TIMEOUT, metavar="S",
                        help="seconds to send the request headers; also how long an idle keep-alive connection "
                             f"is kept (1-60, default {DEFAULT_HEADER_TIMEOUT:g})")
    public.add_argument("--body-timeout", type=float, default=limits.DEFAULT_BODY_TIMEOUT, metavar="S",
                        help=f"seconds to send a request body, else 408 (0: no limit; default {limits.DEFAULT_BODY_TIMEOUT:g})")
    public.add_argument("--uploads", type=int, default=limits.DEFAULT_UPLOADS, metavar="N",
                        help="request bodies a worker waits for at once, 408s whose client stays included; "
                             f"more get 503 (default {limits.DEFAULT_UPLOADS})")
    public.add_argument("--client-concurrency", type=int, default=limits.DEFAULT_CLIENT_CONCURRENCY, metavar="N",
                        help="requests of one client address a worker holds at once, else 429 "
                             f"(0: no limit; default {limits.DEFAULT_CLIENT_CONCURRENCY})")
    public.add_argument("--overrun-budget", type=int, default=limits.DEFAULT_OVERRUN_BUDGET, metavar="N",
                        help="queries past their time limit one address may cause per window before its heavy "
                             f"requests get 429 for a window (0: no budget; default {limits.DEFAULT_OVERRUN_BUDGET})")
    public.add_argument("--overrun-window", type=float, default=limits.DEFAULT_OVERRUN_WINDOW, metavar="S",
                        help=f"that window in seconds (default {limits.DEFAULT_OVERRUN_WINDOW:g})")
    public.add_argument("--trusted-network", action="append", default=[], metavar="CIDR",
                        help="clients the per-client limits leave alone, e.g. a reverse proxy (repeatable); "
                             "they and the machine itself may read /metrics")
    public.add_argument("--max-worker-memory", type=float, default=limits.DEFAULT_MAX_WORKER_MEMORY_MB, metavar="MB",
                        help="private memory of a worker before it is replaced, after answering its requests "
                             f"(0: no ceiling; default {limits.DEFAULT_MAX_WORKER_MEMORY_MB:g})")


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


def _add_sheet(sub) -> None:
    p = sub.add_parser("sheet", help="export the data as a workbook for planners, import it back")
    actions = p.add_subparsers(dest="sheet_action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write the data as a workbook (or a folder of CSV files)")
    export.add_argument("target", type=Path, help="FILE.xlsx, or a folder with --format csv")
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    export.add_argument("--lang", choices=["de", "en"], default="de", help="language of sheet names and headers")
    importing = actions.add_parser("import", help="read a workbook back, validate the whole graph, rewrite data/")
    importing.add_argument("source", type=Path, help="FILE.xlsx or a folder of CSV files")
    importing.add_argument("--dry-run", action="store_true", help="check and show the changes, write nothing")
    actions.add_parser("normalise", help="rewrite data/ in the canonical Turtle form (the same triples)")


def _add_prebuild(sub) -> None:
    p = sub.add_parser("prebuild", help="write the dataset to an on-disk store with everything derived, "
                                        "for `serve --prebuilt DIR` (big data: starts in seconds)")
    p.add_argument("directory", type=Path, metavar="DIR", help="where to write it (replaced if it holds a prebuilt store)")
    p.add_argument("--no-validate", action="store_true",
                   help="skip the SHACL validation (for data without shapes, e.g. bench/; `serve` refuses such a DIR)")


def _add_diff(sub) -> None:
    p = sub.add_parser("diff", help="what changed between two data folders or git revisions")
    p.add_argument("old", help="data folder or git revision (e.g. HEAD~1)")
    p.add_argument("new", help="data folder or git revision (e.g. HEAD)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=["en", "de"], default="en", help="language of the labels")


SUBCOMMANDS = {
    "validate": _add_validate,
    "query": _add_query,
    "serve": _add_serve,
    "publish": _add_publish,
    "export": _add_export,
    "sheet": _add_sheet,
    "diff": _add_diff,
    "prebuild": _add_prebuild,
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

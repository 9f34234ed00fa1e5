"""`bochum-kg export [--out DIR] [--gzip]`: write dumps of the whole dataset.

Writes bochum-strategie.{ttl,nt,jsonld,trig,nq} (TriG and N-Quads keep the named graphs), and
with --gzip a .gz copy of each. The bytes are those the service offers under /dumps/ (same
code, N-Triples and N-Quads sorted, gzip without timestamps), so repeated exports of the same
data are identical.

The data is validated first, as for `serve`: invalid data is not published (exit 1).
Exit codes: 0 written, 1 the data does not conform, 2 unreadable input or unwritable output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bochum_kg.cli import EXIT_OK, EXIT_UNREADABLE
from bochum_kg.config import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    from bochum_kg.commands import open_store_or_exit_code
    from bochum_kg.kg.catalog import load_internal_queries
    from bochum_kg.kg.dumps import build_dumps

    store = open_store_or_exit_code(settings, "no dumps written")
    if isinstance(store, int):
        return store

    dumps = build_dumps(store, settings.base_iri, load_internal_queries(settings))
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, dump in sorted(dumps.files.items()):
            if dump.gzipped and not args.gzip:
                continue
            (out / name).write_bytes(dump.content)
            written.append((name, len(dump.content)))
    except OSError as err:
        print(f"error: cannot write to {out}: {err.strerror or err}", file=sys.stderr)
        return EXIT_UNREADABLE
    for name, size in written:
        print(f"{out / name}\t{size} bytes")
    print(f"{dumps.triples} triples, {dumps.quads} quads in {len(store.graph_names())} named graphs", file=sys.stderr)
    return EXIT_OK

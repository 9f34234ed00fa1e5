"""`bochum-kg prebuild DIR`: the dataset in an on-disk store with everything derived, for `serve --prebuilt DIR`.

For big data (README "Running it in public"): the files are parsed and validated once, here;
`serve --prebuilt DIR` then starts without parsing or deriving anything (kg/prebuilt.py).
Rebuild after any change of data/, ontology/, shapes/ or the code: serve refuses a stale directory.

Exit codes: 0 written, 1 the data does not conform to the shapes (nothing written), 2 a file
cannot be read or parsed, or DIR cannot be written.
"""

from __future__ import annotations

import argparse
import sys
import time

from bochum_kg.cli import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE
from bochum_kg.config import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    from bochum_kg.kg.prebuilt import PrebuiltStoreError, build
    from bochum_kg.kg.store.embedded import DataInvalidError

    started = time.perf_counter()
    try:
        manifest = build(settings, args.directory, validate=not args.no_validate)
    except DataInvalidError as err:
        print(err.result.text(), file=sys.stderr)
        print("error: the data does not conform to the shapes; nothing written (run `bochum-kg validate`).", file=sys.stderr)
        return EXIT_INVALID
    except (PrebuiltStoreError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"{args.directory}: {manifest.triples} quads in {len(manifest.graphs)} named graphs, "
          f"{'validated' if manifest.validated else 'NOT validated'}, in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(f"serve it with: bochum-kg serve --prebuilt {args.directory}", file=sys.stderr)
    return EXIT_OK

"""Time and peak memory of building every dump (kg/dumps.py) for a project folder, in one process.

    .venv/bin/python bench/dump_build.py                          # the checkout's data
    .venv/bin/python bench/dump_build.py bench/data/synth-500000  # a dataset made by scale.py / generate.py
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from bochum_kg.config import Settings
from bochum_kg.kg import dumps
from bochum_kg.kg.load import load_dataset
from bochum_kg.kg.store.embedded import EmbeddedStore

CHECKOUT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else CHECKOUT
    settings = Settings(project_root=root, validate_on_start=False)
    store = EmbeddedStore(load_dataset(settings), settings)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    built = dumps.build_dumps(store, settings.base_iri, None)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    held = sum(len(f.content) for f in built.files.values())
    print(f"{root.name}: {built.triples:,} triples, {built.quads:,} quads; dumps built in {seconds:.1f} s; "
          f"peak RSS {before / 1024:.0f} -> {after / 1024:.0f} MB; {held / 1e6:.0f} MB of files held")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

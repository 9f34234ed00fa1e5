"""Time `bochum-kg sheet export` and `sheet import` on the real data: median of 5 runs each.

Run from the checkout: `.venv/bin/python bench/sheets.py`. The import runs on a copy of the
checkout (tmp folder), so data/ is never written; it includes reading the workbook, SHACL
validation of ontology + data and writing the canonical Turtle files. Target: < 2 s each.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bochum_kg.cli import main

CHECKOUT = Path(__file__).resolve().parents[1]
RUNS = 5


def _median_seconds(action) -> tuple[float, float]:
    """(wall, CPU) medians: on a busy machine the CPU time says more about the code."""
    wall, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        assert action() == 0
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu)


def run() -> dict[str, tuple[float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "checkout"
        for folder in ("ontology", "shapes", "data"):
            shutil.copytree(CHECKOUT / folder, root / folder)
        workbook = Path(tmp) / "daten.xlsx"
        cli = ["--project-root", str(root), "sheet"]
        export = _median_seconds(lambda: main([*cli, "export", str(workbook)]))
        imported = _median_seconds(lambda: main([*cli, "import", str(workbook)]))
    return {"export": export, "import": imported}


if __name__ == "__main__":
    for name, (wall, cpu) in run().items():
        print(f"sheet {name}: median of {RUNS} runs {wall:.2f} s wall, {cpu:.2f} s CPU")

"""The test suite's time (`make test`'s `pytest -n N`) for this checkout and earlier revisions, side by side.

    .venv/bin/python bench/suite.py --baseline 22c8533                 # 2 rounds
    .venv/bin/python bench/suite.py --baseline 22c8533 --rounds 3 --json bench/results/suite.json
    .venv/bin/python bench/suite.py --baseline 22c8533 -- tests/kg/sheets   # a part of it
    .venv/bin/python bench/suite.py --workers 2 --workers 3            # this checkout, two worker counts

The machine is shared: the same code took 192 s one evening and 272 s the next day, and 226 s
and 256 s half an hour apart. Only runs taken in turns compare, so each round runs every
revision once, the order reversed every other round (A B, B A, …), and the table gives the
median of the rounds and each run. Per run: wall time, and the busy and idle core-seconds of the
whole machine from /proc/stat (busy: every process, the browser's and the servers' included;
idle: a core waiting, e.g. on a server a test started).

An earlier revision runs in a git worktree with its own service/ and tests/ (service/ first on
PYTHONPATH) and a copy of this checkout's front-end libraries (static/vendor). Each tree is
byte-compiled first, as `make test` does. A run that fails is reported with its last line. With
several --workers, every revision runs with each count, and each pair takes its turn in the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import CHECKOUT, PYTHON, revision_checkouts

VENDOR = Path("service") / "bochum_kg" / "web" / "static" / "vendor"


def core_seconds() -> tuple[float, float]:
    """(busy, idle) core-seconds of the machine since boot (the first line of /proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields[:8]
    hertz = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq + steal) / hertz, (idle + iowait) / hertz


def make_test_workers() -> int:
    """The workers `make test` starts on this machine: one per core and one more (Makefile, TEST_WORKERS)."""
    return len(os.sched_getaffinity(0)) + 1


def run_suite(tree: Path, workers: int, pytest_args: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree / "service")}
    busy0, idle0 = core_seconds()
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "pytest", "-n", str(workers), "-q", "-p", "no:cacheprovider", *pytest_args],
                          cwd=tree, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    busy1, idle1 = core_seconds()
    lines = done.stdout.strip().splitlines()
    return {"wall": wall, "busy": busy1 - busy0, "idle": idle1 - idle0, "passed": done.returncode == 0,
            "summary": lines[-1] if lines else done.stderr.strip()[-200:]}


def prepare(tree: Path) -> None:
    subprocess.run([PYTHON, "-m", "compileall", "-q", "service", "tests"], cwd=tree, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", action="append", default=[], metavar="REV", help="an earlier revision (repeatable)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each revision, taken in turns (default 2)")
    parser.add_argument("--workers", type=int, action="append", metavar="N",
                        help=f"pytest-xdist workers (repeatable; default {make_test_workers()}, as make test here)")
    parser.add_argument("--json", type=Path, help="also write every run to this file")
    parser.add_argument("pytest_args", nargs="*", help="after --: passed on to pytest (say, a folder of tests)")
    args = parser.parse_args(argv)
    if not (CHECKOUT / VENDOR).is_dir():
        parser.error(f"{VENDOR} is missing: run `make install-test` first")
    with tempfile.TemporaryDirectory(prefix="bochum-kg-suite-") as tmp, revision_checkouts(args.baseline, Path(tmp)) as baselines:
        trees = {"this checkout": CHECKOUT, **baselines}
        counts = args.workers or [make_test_workers()]
        contestants = {(f"{label}, -n {n}" if len(counts) > 1 else label): (tree, n) for label, tree in trees.items() for n in counts}
        for tree in baselines.values():
            shutil.copytree(CHECKOUT / VENDOR, tree / VENDOR)  # a link: the app serves no file from outside static/
        for tree in trees.values():
            prepare(tree)
        runs: dict[str, list[dict]] = {label: [] for label in contestants}
        for number in range(args.rounds):
            order = list(contestants) if number % 2 == 0 else list(reversed(contestants))
            for label in order:
                tree, workers = contestants[label]
                result = run_suite(tree, workers, args.pytest_args)
                runs[label].append(result)
                print(f"round {number + 1} {label}: {result['wall']:.1f} s, busy {result['busy']:.0f}, "
                      f"idle {result['idle']:.0f} core-s; {result['summary']}", file=sys.stderr, flush=True)
    command = " ".join(["pytest", "-n", "/".join(map(str, counts)), *args.pytest_args])
    print(f"`{command}`, {args.rounds} rounds taken in turns; medians, then each run\n")
    print("| revision | wall s | busy core-s | idle core-s | runs (wall s) | all passed |")
    print("|---|---|---|---|---|---|")
    for label, results in runs.items():
        median = {key: statistics.median(r[key] for r in results) for key in ("wall", "busy", "idle")}
        each = " / ".join(f"{r['wall']:.1f}" for r in results)
        print(f"| {label} | {median['wall']:.1f} | {median['busy']:.0f} | {median['idle']:.0f} | {each} | "
              f"{'yes' if all(r['passed'] for r in results) else 'no'} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)  # bench/results/ is git-ignored: absent in a fresh clone
        args.json.write_text(json.dumps(runs, indent=1))
    return 0 if all(r["passed"] for results in runs.values() for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

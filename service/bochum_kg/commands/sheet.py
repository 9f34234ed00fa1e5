"""`bochum-kg sheet export|import|normalise`: planners keep data/ up to date in a spreadsheet.

export FILE.xlsx [--format xlsx|csv] [--lang de|en]  write the workbook (csv: a folder of CSV files)
import FILE.xlsx|FOLDER [--dry-run]                  read it back, validate the whole graph, rewrite data/
normalise                                            rewrite data/ in the canonical form, nothing else

Exit codes: 0 written (or would be, with --dry-run), 1 the data is invalid (every problem is
printed with sheet, row, column and value; nothing is written), 2 unreadable file or wrong use.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, UsageError
from ..config import Settings
from ..kg.cycle_collection import without_cycle_collection
from ..kg.sheets import (
    ChangeWriter, changes, check, export_csv, export_xlsx, load_current, read_folder, read_workbook, write_data,
)
from ..kg.sheets.data_folder import DataSourceError


def run(args: argparse.Namespace, settings: Settings) -> int:
    with without_cycle_collection():
        try:
            current = load_current(settings)
        except DataSourceError as err:
            print(f"error: {err}", file=sys.stderr)
            return EXIT_UNREADABLE
        if args.sheet_action == "export":
            return _export(args, current)
        if args.sheet_action == "import":
            return _import(args, current, settings)
        return _normalise(current)


def _export(args, current) -> int:
    try:
        if args.format == "csv":
            written = export_csv(current.data, current.model, args.lang, args.target)
            print(f"{args.target}: {len(written)} CSV files")
        else:
            if args.target.is_dir():
                raise UsageError(f"{args.target} is a folder; give a file name ending in .xlsx (or --format csv)")
            args.target.write_bytes(export_xlsx(current.data, current.model, args.lang))
            print(f"{args.target}: {len(current.model.sheets)} sheets")
    except OSError as err:
        print(f"error: cannot write {args.target}: {err.strerror or err}", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK


def _import(args, current, settings: Settings) -> int:
    source: Path = args.source
    if source.is_dir():
        reading = read_folder(source, current.model)
    elif source.is_file():
        reading = read_workbook(source.read_bytes(), current.model)
    else:
        raise UsageError(f"{source}: no such file or folder")
    verdict = check(reading, current.model, settings)
    for note in verdict.notes:
        print(f"note: {note}", file=sys.stderr)
    for problem in verdict.problems:
        print(problem, file=sys.stderr)
    if not verdict.ok:
        count = len(verdict.problems)
        print(f"{count} problem{'s' if count != 1 else ''}; data/ left unchanged", file=sys.stderr)
        return EXIT_UNREADABLE if verdict.unreadable else EXIT_INVALID
    sys.stdout.write(ChangeWriter(current.data, reading.graph, current.ontology, reading.lang).text(
        changes(current.data, reading.graph)))
    if args.dry_run:
        print("dry run: data/ left unchanged", file=sys.stderr)
        return EXIT_OK
    _say_written(write_data(reading.graph, current))
    return EXIT_OK


def _normalise(current) -> int:
    written = write_data(current.data, current)
    _say_written(written)
    return EXIT_OK


def _say_written(written: list[str]) -> None:
    names = f": {', '.join(written)}" if written else ""
    print(f"{len(written)} file{'s' if len(written) != 1 else ''} of data/ rewritten{names}", file=sys.stderr)

"""`bochum-kg validate`: check ontology and data against the SHACL shapes.

Exit 0: the data conforms (warnings may be printed); 1: violations (the report is printed);
2: something could not be read. A broken Turtle file raises DatasetLoadError, which the CLI
turns into "error: file:line:column: message"; unusable shapes are reported the same way.
"""

from __future__ import annotations

import argparse
import sys

from bochum_kg.cli import EXIT_INVALID, EXIT_OK
from bochum_kg.config import Settings
from bochum_kg.kg.validate import validate_settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    result = validate_settings(settings)  # ShapesError: exit 2 with the message (cli.main)
    if args.format == "turtle":
        sys.stdout.write(result.turtle())
    elif result.results:
        sys.stdout.write(result.text())
    else:
        print(result.summary())
    return EXIT_OK if result.conforms else EXIT_INVALID

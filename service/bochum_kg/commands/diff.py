"""`bochum-kg diff OLD NEW [--format text|json] [--lang en|de]`: what changed, resource by resource.

OLD and NEW are data folders or git revisions of the checkout (`HEAD~1 HEAD`, read with
`git show`). Exit codes: 0 the report is printed, 2 a folder or revision cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..cli import EXIT_OK, EXIT_UNREADABLE
from ..config import Settings
from ..kg.sheets import ChangeWriter, changes
from ..kg.sheets.data_folder import DataSourceError, parse_texts, read_revision, read_texts
from ..kg.sheets.project_data import load_ontology


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        old, new = (parse_texts(_texts(source, settings)) for source in (args.old, args.new))
    except DataSourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    writer = ChangeWriter(old, new, load_ontology(settings), args.lang)
    found = changes(old, new)
    if args.format == "json":
        json.dump(writer.as_dicts(found), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(writer.text(found) or "no changes\n")
    return EXIT_OK


def _texts(source: str, settings: Settings) -> dict[str, str]:
    """A folder's *.ttl files, or else those of data/ at a git revision."""
    path = Path(source)
    if path.is_dir():
        return read_texts(path)
    return read_revision(settings.project_root, source)

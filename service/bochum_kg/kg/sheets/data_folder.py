"""Reading data/ (from a folder or a git revision) and replacing its files all at once.

`replace_files` writes every new file to a temporary file in data/ first and renames them into
place only when all are written, so a failure while writing leaves data/ as it was. Files the
new graph no longer needs are removed last.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from bochum_kg.kg.terms import to_rdflib

from .graphs import new_graph

TURTLE_SUFFIX = ".ttl"


class DataSourceError(Exception):
    """A folder or git revision that cannot be read as data/."""


def read_texts(folder: Path) -> dict[str, str]:
    """File name -> text of every *.ttl file of a folder."""
    if not folder.is_dir():
        raise DataSourceError(f"{folder}: not a folder")
    try:
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*" + TURTLE_SUFFIX)) if p.is_file()}
    except (OSError, UnicodeDecodeError) as err:
        raise DataSourceError(f"{folder}: {err}") from None


def read_revision(repository: Path, revision: str, folder: str = "data") -> dict[str, str]:
    """File name -> text of the *.ttl files of `folder` at a git revision (read with git show)."""
    listing = _git(repository, "ls-tree", "--name-only", f"{revision}:{folder}")
    names = [n for n in listing.splitlines() if n.endswith(TURTLE_SUFFIX)]
    return {name: _git(repository, "show", f"{revision}:{folder}/{name}") for name in names}


def _git(repository: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repository), *args], capture_output=True, check=False)
    except OSError as err:
        raise DataSourceError(f"git cannot run: {err}") from None
    if done.returncode != 0:
        raise DataSourceError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout.decode("utf-8")


def parse_texts(texts: dict[str, str]) -> Graph:
    """The union of the files' triples; DataSourceError names the file that does not parse.

    pyoxigraph parses (about ten times faster than rdflib's Turtle parser); the triples become
    rdflib terms, which the rest of kg.sheets works with. Each distinct term is converted once:
    the graph then holds one object per term, which also spares rdflib's slow __eq__ on lookups.
    """
    graph = new_graph()
    terms: dict = {}  # pyoxigraph term -> rdflib term

    def converted(term):
        found = terms.get(term)
        if found is None:
            found = terms[term] = to_rdflib(term)
        return found

    for name, text in sorted(texts.items()):
        try:
            triples = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
            for triple in triples:
                graph.add((converted(triple.subject), converted(triple.predicate), converted(triple.object)))
        except SyntaxError as err:
            raise DataSourceError(f"{name}: {str(err).splitlines()[0] if str(err) else type(err).__name__}") from None
    return graph


def replace_files(folder: Path, files: dict[str, str]) -> list[str]:
    """Make folder's *.ttl files exactly `files`; returns the names whose bytes changed or went away."""
    old = read_texts(folder)
    changed = sorted(name for name in files if old.get(name) != files[name])
    obsolete = sorted(name for name in old if name not in files)
    temporary: dict[str, str] = {}
    try:
        for name in changed:
            handle, path = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            temporary[name] = path
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(files[name])
    except BaseException:
        for path in temporary.values():
            Path(path).unlink(missing_ok=True)
        raise
    for name, path in temporary.items():
        os.replace(path, folder / name)
    for name in obsolete:
        (folder / name).unlink()
    return changed + obsolete

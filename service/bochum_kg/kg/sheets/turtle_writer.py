"""Canonical Turtle: the same graph always gives the same bytes, and one changed triple one changed line.

Layout of a file: one prefix block (the prefixes the file uses, sorted by name), the file's
header comment, then the resources grouped by kind (in sheet order) and sorted by IRI. Each
resource: its IRI on a line of its own, then one line per triple (`a` first, then rdfs:label,
then the other properties by prefixed name), objects sorted, each line ending in " ;", and a
line " ." closing the resource. Literals are written on one line (escapes \\n, \\", \\\\).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from .comments import Comments
from .kinds import sort_kinds
from .placement import file_of_each_subject
from .vocabulary import compact, kind_of, prefix_table, turtle_iri, turtle_term

INDENT = "    "
TYPE, LABEL = RDF.type, RDFS.label  # rdflib looks a DefinedNamespace attribute up on every use


def turtle_files(graph: Graph, comments: Comments | None = None) -> dict[str, str]:
    """File name -> canonical Turtle text for every file the graph's resources go to."""
    comments = comments or Comments()
    statements = _statements_by_subject(graph)
    prefixes = prefix_table({kind_of(t) for triple in graph for t in triple if kind_of(t)})
    by_file = defaultdict(list)
    for subject, name in file_of_each_subject(graph).items():
        by_file[name].append(subject)
    return {name: _file_text(statements, name, subjects, prefixes, comments)
            for name, subjects in sorted(by_file.items())}


def _statements_by_subject(graph: Graph) -> dict:
    """Subject -> predicate -> objects, in one pass (a graph lookup per resource and property costs more)."""
    statements = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in graph:
        statements[subject][predicate].append(obj)
    return statements


def _subject_order(subject: URIRef) -> tuple:
    return (kind_of(subject) or "~", str(subject))


def _file_text(statements: dict, name: str, subjects, prefixes, comments: Comments) -> str:
    kind_rank = {kind: i for i, kind in enumerate(sort_kinds({kind_of(s) for s in subjects if kind_of(s)}))}
    subjects = sorted(subjects, key=lambda s: (kind_rank.get(kind_of(s), len(kind_rank)), str(s)))
    orphans = _statement_notes_by_subject(comments)
    used: set[str] = set()
    blocks = [_resource(s, statements[s], prefixes, comments, orphans.get(s, ()), used) for s in subjects]
    parts = ["\n".join(f"@prefix {p}: <{prefixes[p]}> ." for p in sorted(used))]
    header = comments.headers.get(name)
    if header:
        parts.append("\n".join(header))
    parts.extend(blocks)
    footer = comments.footers.get(name)
    if footer:
        parts.append("\n".join(footer))
    return "\n\n".join(parts) + "\n"


def _statement_notes_by_subject(comments: Comments) -> dict:
    """Subject -> [(predicate, notes)] in the order of the sorted statements (once, not per resource)."""
    grouped = defaultdict(list)
    for (subject, predicate), notes in sorted(comments.statements.items()):
        grouped[subject].append((predicate, notes))
    return grouped


def _predicate_order(predicate: URIRef, prefixes) -> tuple:
    if predicate == TYPE:
        return (0, "")
    if predicate == LABEL:
        return (1, "")
    return (2, compact(predicate, prefixes) or str(predicate))


def _resource(subject: URIRef, statements: dict, prefixes, comments: Comments, statement_notes, used: set[str]) -> str:
    """The resource's block from its statements (predicate -> objects); adds the prefixes it uses to `used`."""
    lines = list(comments.resources.get(subject, []))
    predicates = sorted(statements, key=lambda p: _predicate_order(p, prefixes))
    present = set(predicates)
    lines.extend(note for predicate, notes in statement_notes if predicate not in present for note in notes)
    lines.append(turtle_term(subject, prefixes))
    _note_prefix(subject, prefixes, used)
    for predicate in predicates:
        lines.extend(INDENT + note for note in comments.statements.get((subject, predicate), []))
        if predicate != TYPE:
            _note_prefix(predicate, prefixes, used)
        verb = "a" if predicate == TYPE else turtle_iri(predicate, prefixes)
        objects = []
        for o in statements[predicate]:
            text = turtle_term(o, prefixes)
            objects.append(text)
            if isinstance(o, URIRef) and o != TYPE:
                _note_prefix(o, prefixes, used)
            elif "^^" in text:
                _note_prefix(getattr(o, "datatype", None), prefixes, used)
        lines.extend(f"{INDENT}{verb} {obj} ;" for obj in sorted(objects))
    lines.append(INDENT + ".")
    return "\n".join(lines)


def _note_prefix(term, prefixes, used: set[str]) -> None:
    if isinstance(term, URIRef):
        name = compact(term, prefixes)
        if name:
            used.add(name.split(":", 1)[0])

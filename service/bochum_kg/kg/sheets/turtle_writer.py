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


def turtle_files(graph: Graph, comments: Comments | None = None) -> dict[str, str]:
    """File name -> canonical Turtle text for every file the graph's resources go to."""
    comments = comments or Comments()
    prefixes = prefix_table({kind_of(t) for triple in graph for t in triple if kind_of(t)})
    by_file = defaultdict(list)
    for subject, name in file_of_each_subject(graph).items():
        by_file[name].append(subject)
    return {name: _file_text(graph, name, subjects, prefixes, comments) for name, subjects in sorted(by_file.items())}


def _subject_order(subject: URIRef) -> tuple:
    return (kind_of(subject) or "~", str(subject))


def _file_text(graph: Graph, name: str, subjects, prefixes, comments: Comments) -> str:
    kind_rank = {kind: i for i, kind in enumerate(sort_kinds({kind_of(s) for s in subjects if kind_of(s)}))}
    subjects = sorted(subjects, key=lambda s: (kind_rank.get(kind_of(s), len(kind_rank)), str(s)))
    blocks = [_resource(graph, s, prefixes, comments) for s in subjects]
    used = _used_prefixes(graph, subjects, prefixes)
    parts = ["\n".join(f"@prefix {p}: <{prefixes[p]}> ." for p in sorted(used))]
    header = comments.headers.get(name)
    if header:
        parts.append("\n".join(header))
    parts.extend(blocks)
    footer = comments.footers.get(name)
    if footer:
        parts.append("\n".join(footer))
    return "\n\n".join(parts) + "\n"


def _predicate_order(predicate: URIRef, prefixes) -> tuple:
    if predicate == RDF.type:
        return (0, "")
    if predicate == RDFS.label:
        return (1, "")
    return (2, compact(predicate, prefixes) or str(predicate))


def _resource(graph: Graph, subject: URIRef, prefixes, comments: Comments) -> str:
    lines = list(comments.resources.get(subject, []))
    predicates = sorted(set(graph.predicates(subject)), key=lambda p: _predicate_order(p, prefixes))
    orphans = [note for (s, p), notes in sorted(comments.statements.items()) if s == subject and p not in predicates
               for note in notes]
    lines.extend(orphans)
    lines.append(turtle_term(subject, prefixes))
    for predicate in predicates:
        lines.extend(INDENT + note for note in comments.statements.get((subject, predicate), []))
        verb = "a" if predicate == RDF.type else turtle_iri(predicate, prefixes)
        objects = sorted(turtle_term(o, prefixes) for o in graph.objects(subject, predicate))
        lines.extend(f"{INDENT}{verb} {obj} ;" for obj in objects)
    lines.append(INDENT + ".")
    return "\n".join(lines)


def _used_prefixes(graph: Graph, subjects, prefixes) -> set[str]:
    used = set()
    for subject in subjects:
        for s, p, o in graph.triples((subject, None, None)):
            datatype = getattr(o, "datatype", None) if "^^" in turtle_term(o, prefixes) else None
            for term in (s, p, o, datatype):
                if isinstance(term, URIRef) and term != RDF.type:
                    name = compact(term, prefixes)
                    if name:
                        used.add(name.split(":", 1)[0])
    return used

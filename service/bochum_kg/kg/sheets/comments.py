"""The comments of data/, kept across a rewrite: a file's header, and notes on a resource or statement.

The Turtle files carry notes that are no triples ("the office only: …", the modelling rules of
a file). Sheets cannot hold them, so the writer takes them from the files it replaces:

- the comment lines between the prefixes and the first resource that are followed by a blank
  line are the file's header; comments after the last resource its footer;
- comment lines before a resource belong to that resource (also section banners: the canonical
  order of resources no longer follows the old sections, so a banner stays with the resource it
  stood above);
- comment lines inside a resource belong to the property of the next line (or of the line they
  interrupt).

A resource that is deleted takes its comments with it; a note on a property the resource no
longer has moves up to the resource. Trailing comments on a line of Turtle are not supported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import RDF

_PREFIX = re.compile(r"^@prefix\s+([A-Za-z0-9_-]*):\s*<([^>]*)>\s*\.\s*$")


@dataclass
class Comments:
    headers: dict[str, list[str]] = field(default_factory=dict)  # file name -> lines ("" = blank line)
    footers: dict[str, list[str]] = field(default_factory=dict)
    resources: dict[URIRef, list[str]] = field(default_factory=dict)
    statements: dict[tuple[URIRef, URIRef], list[str]] = field(default_factory=dict)


def read_comments(files: dict[str, str]) -> Comments:
    """The comments of several Turtle files (file name -> text)."""
    comments = Comments()
    for name, text in sorted(files.items()):
        _read_file(name, text, comments)
    return comments


def _read_file(name: str, text: str, comments: Comments) -> None:
    prefixes: dict[str, str] = {}
    pending: list[str] = []  # comment lines and blanks not yet attached
    subject = predicate = None
    seen_subject = in_statement = expect_predicate = False
    for raw in text.splitlines():
        line = raw.strip()
        if match := _PREFIX.match(line):
            prefixes[match.group(1)] = match.group(2)
        elif line.startswith("#"):
            pending.append(line)
        elif not line:
            if pending and not in_statement:
                pending.append("")
        elif not in_statement:
            subject = _resolve(line.split()[0], prefixes)
            header, own = _split_header(pending) if not seen_subject else ([], _comment_lines(pending))
            if header:
                comments.headers[name] = header
            _attach(comments.resources, subject, own)
            pending, seen_subject, in_statement = [], True, True
            rest = line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else ""
            predicate = _resolve(rest.split()[0], prefixes) if rest and rest[0] != "." else None
            expect_predicate = not rest
        else:
            if expect_predicate and line != ".":
                predicate = _resolve(line.split()[0], prefixes)
            target = (subject, predicate) if predicate is not None else None
            if target is not None:
                _attach(comments.statements, target, _comment_lines(pending))
            else:
                _attach(comments.resources, subject, _comment_lines(pending))
            pending = []
        if line and not line.startswith("#") and not _PREFIX.match(line) and in_statement:
            if line == "." or line.endswith(" ."):  # our files end statements with " ." (no literal does)
                in_statement, expect_predicate = False, False
            else:
                expect_predicate = line.endswith(";")
    footer = _trim(pending)
    if footer:
        comments.footers[name] = footer


def _split_header(pending: list[str]) -> tuple[list[str], list[str]]:
    """Before the first resource: what a blank line separates from it is the file's header."""
    last_blank = max((i for i, line in enumerate(pending) if line == ""), default=-1)
    return _trim(pending[: last_blank + 1]), _comment_lines(pending[last_blank + 1:])


def _trim(lines: list[str]) -> list[str]:
    while lines and lines[0] == "":
        lines = lines[1:]
    while lines and lines[-1] == "":
        lines = lines[:-1]
    collapsed = []
    for line in lines:  # one blank line between blocks at most
        if not (line == "" and collapsed and collapsed[-1] == ""):
            collapsed.append(line)
    return collapsed


def _comment_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line]


def _attach(table: dict, key, lines: list[str]) -> None:
    if lines:
        table.setdefault(key, []).extend(lines)


def _resolve(token: str, prefixes: dict[str, str]) -> URIRef | None:
    token = token.rstrip(";,")
    if token == "a":
        return RDF.type
    if token.startswith("<") and token.endswith(">"):
        return URIRef(token[1:-1])
    prefix, sep, local = token.partition(":")
    if sep and prefix in prefixes:
        return URIRef(prefixes[prefix] + local)
    return None

"""What the /curate page shows of a preview (kg.sheets.Preview), as rows for its template.

The sheets module works with the canonical base IRI; links go to this server's pages for the
same resources (the configured base may differ). Every text here comes from the upload or the
data and is escaped by the template like any other value.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from rdflib import URIRef

from bochum_kg.config import CANONICAL_BASE
from bochum_kg.kg.sheets import ChangeWriter, Current, Preview, Problem
from bochum_kg.kg.sheets.model import IDENTIFIER
from bochum_kg.kg.sheets.vocabulary import iri_of_slug, slug_of
from bochum_kg.web.context import kg
from bochum_kg.web.layout import iri_href

DIFF_MEDIA_TYPE = "text/x-diff"
DIFF_FILE_NAME = "daten.diff"
# A diff is offered as a data: link up to this length (Chromium ignores URLs over 2 MiB); the real
# data/ is 650 KB, so even a diff that rewrites every file (1.7 MB in base64) stays below it.
MAX_DATA_LINK_CHARS = 2_000_000


@dataclass
class ProblemRow:
    sheet: str
    row: int | None
    column: str | None
    value: str | None
    text: str
    lang: str
    identifier: str | None  # the row's resource, kind/slug
    href: str | None  # its page here, when the data has it


@dataclass
class PropertyRow:
    name: str
    old: list[str]
    new: list[str]


@dataclass
class ResourceRow:
    identifier: str
    label: str | None
    href: str | None
    properties: list[PropertyRow]


@dataclass
class Report:
    """The page's view of one upload."""

    file_name: str
    lang: str  # the workbook's language (its messages)
    state: str  # "unreadable" | "invalid" | "unchanged" | "changed"
    problems: list[ProblemRow]
    notes: list[ProblemRow]
    added: list[ResourceRow] = field(default_factory=list)
    removed: list[ResourceRow] = field(default_factory=list)
    changed: list[ResourceRow] = field(default_factory=list)
    diff: str = ""
    diff_href: str | None = None  # data: URL carrying the diff, for the download link

    @property
    def change_count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


def build_report(preview: Preview, current: Current, file_name: str, page_lang: str) -> Report:
    reading, verdict = preview.reading, preview.verdict
    by_row = {where: iri for iri, where in reading.rows.items()}
    problems = [_problem_row(p, by_row, current) for p in verdict.problems]
    notes = [_problem_row(p, by_row, current) for p in verdict.notes]
    if verdict.unreadable:
        state = "unreadable"
    elif not verdict.ok:
        state = "invalid"
    else:
        state = "changed" if preview.changes else "unchanged"
    report = Report(file_name, reading.lang, state, problems, notes)
    if state == "changed":
        writer = ChangeWriter(current.data, reading.graph, current.ontology, page_lang)
        groups = {"added": report.added, "removed": report.removed, "changed": report.changed}
        for change in writer.as_dicts(preview.changes):
            groups[change["change"]].append(_resource_row(change, current))
        report.diff = preview.diff
        report.diff_href = diff_data_url(preview.diff)
    return report


def diff_data_url(diff: str) -> str | None:
    """The diff as a data: URL (base64, so nothing in it needs escaping), or None when too large."""
    encoded = base64.b64encode(diff.encode("utf-8")).decode("ascii")
    if len(encoded) > MAX_DATA_LINK_CHARS:
        return None
    return f"data:{DIFF_MEDIA_TYPE};charset=utf-8;base64,{encoded}"


def _problem_row(problem: Problem, by_row: dict, current: Current) -> ProblemRow:
    iri = by_row.get((problem.sheet, problem.row))
    if iri is None and problem.column == IDENTIFIER.get(problem.lang) and problem.value:
        iri = iri_of_slug(problem.value.strip())  # a duplicate: the row of its first occurrence is the one known
    return ProblemRow(problem.sheet, problem.row, problem.column, problem.value, problem.text, problem.lang,
                      slug_of(iri) if iri is not None else None, _href(iri, current))


def _resource_row(change: dict, current: Current) -> ResourceRow:
    iri = URIRef(change["iri"])
    properties = [PropertyRow(p["property"], p["removed"], p["added"]) for p in change["properties"]]
    return ResourceRow(change["resource"], change["label"], _href(iri, current), properties)


def _href(iri: URIRef | None, current: Current) -> str | None:
    """This server's page of a resource the served data has (a new one has no page yet)."""
    if iri is None or (iri, None, None) not in current.data or not str(iri).startswith(CANONICAL_BASE):
        return None
    return iri_href(kg().settings.base_iri + str(iri)[len(CANONICAL_BASE):])

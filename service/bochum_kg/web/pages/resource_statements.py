"""The statements on a resource's page: every outgoing statement grouped by property (figures with
their value and sources), and the inbound links grouped by property with counts, a preview of
each and one property paged in full."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rdflib import URIRef
from rdflib.term import Node

from bochum_kg.kg.labels import DCTERMS, FOAF, RDF, RDFS, SKOS
from bochum_kg.web import formatting, iris
from bochum_kg.web.context import kg, label, label_with_lang
from bochum_kg.web.i18n import url_with_lang
from bochum_kg.web.pages.values import (
    Value,
    bs,
    by_predicate,
    inbound,
    remember_outgoing,
    sort_keys,
    source_value,
    term_value,
)

INBOUND_PREVIEW = 20  # inbound links shown per property on a page before "show all"
INBOUND_PAGE_SIZE = 50
LAST_PROPERTIES = (FOAF + "homepage", DCTERMS + "source")


@dataclass
class PropertyGroup:
    predicate: str
    label: str
    lang: str | None
    values: list[Value]
    inverse: bool = False
    count: int = 0
    more_href: str | None = None


# Order of the outgoing properties in the full table; the rest follow alphabetically by label.
def property_order() -> list[str]:
    return [RDF + "type", RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", bs("navigationLabel"),
            DCTERMS + "description", SKOS + "definition", bs("tagline"), bs("vision"), bs("status"),
            bs("primaryCompetence"), bs("competence"), bs("servesGoal"), bs("servesGoalArea"), bs("participation"),
            bs("agent"), bs("role"), bs("site"), bs("startDate"), bs("endDate")]


def group_statements(pairs: list[tuple[str, Node]], lang: str, inverse: bool = False,
                     unit: str | None = None, shown: Callable[[str, int], list[slice]] | None = None) -> list[PropertyGroup]:
    """(predicate, term) pairs as one group per property: property_order() first, then by label,
    homepage and sources last; `unit` is the unit of a bs:Figure's bs:value.

    With `shown` ((predicate, count) -> the slices of its sorted values a page shows) only those values are
    made and the others are None: a hub (a role every participation has) has 10^5 inbound links."""
    order = property_order()
    groups = []
    for predicate, terms in by_predicate(pairs).items():
        text, text_lang = label_with_lang(predicate, lang)
        term_unit = unit if predicate == bs("value") else None
        if shown is None:
            values = sorted((term_value(t, lang, term_unit) for t in terms), key=lambda v: v.sort_key)
        else:
            keys = sort_keys(terms, lang, term_unit)
            terms = [terms[i] for i in sorted(range(len(terms)), key=keys.__getitem__)]
            values = [None] * len(terms)
            for part in shown(predicate, len(terms)):
                for index in range(*part.indices(len(terms))):
                    values[index] = term_value(terms[index], lang, term_unit)
        groups.append(PropertyGroup(predicate, text, text_lang, values, inverse=inverse, count=len(values)))

    def key(g: PropertyGroup):
        if g.predicate in order:
            return (0, order.index(g.predicate), "")
        if g.predicate in LAST_PROPERTIES:
            return (2, LAST_PROPERTIES.index(g.predicate), "")
        return (1, 0, g.label.casefold())

    return sorted(groups, key=key)


def outgoing_groups(iri: str, out_pairs, has_figures: bool, lang: str, unit: str | None) -> list[PropertyGroup]:
    """The table of all statements (sources have their own section), figures with their notes."""
    properties = group_statements([(p, o) for p, o in out_pairs if str(p) != DCTERMS + "source"], lang, unit=unit)
    notes, figure_sources = figure_notes(iri, lang) if has_figures else ({}, {})
    for group in properties:
        if group.predicate == bs("figure"):
            for v in group.values:
                v.note = notes.get(v.iri or "")
                v.sources = figure_sources.get(v.iri or "", [])
    return properties


def figure_notes(iri: str, lang: str) -> tuple[dict[str, str], dict[str, list[Value]]]:
    """"≈ 56.000 Studierende" style notes for the bs:Figures of a resource (value, unit, measure), and each figure's sources."""
    rows = kg().select("figures-of-resource", {"s": URIRef(iri)}).rows
    remember_outgoing(str(row["src"]) for row in rows if isinstance(row.get("src"), URIRef))
    notes: dict[str, str] = {}
    sources: dict[str, dict[str, Value]] = {}
    for row in sorted(rows, key=lambda r: tuple(str(r.get(k, "")) for k in ("f", "v", "u", "a", "m", "src"))):
        figure = str(row["f"])
        if "src" in row and isinstance(row["src"], URIRef):
            sources.setdefault(figure, {}).setdefault(str(row["src"]), source_value(str(row["src"]), lang))
        parts = []
        if "a" in row and str(row["a"]).lower() in ("true", "1"):
            parts.append("≈")
        parts.append(formatting.amount(str(row["v"]), str(row["u"]) if "u" in row else None, lang))
        if "m" in row:
            parts.append("(" + label(str(row["m"]), lang) + ")")
        notes.setdefault(figure, " ".join(parts))
    return notes, {f: sorted(found.values(), key=lambda v: v.sort_key) for f, found in sources.items()}


def inbound_groups(iri: str, lang: str, focus_predicate: str | None,
                   focus_page: int) -> tuple[list[PropertyGroup], PropertyGroup | None, dict | None]:
    """(groups, focus, pages): the inbound links by property, each cut to a preview with a link to
    all of them; the property `focus_predicate` in full, one page of it, and that page's links."""
    def page_of(count: int) -> int:
        return min(max(1, focus_page), max(1, -(-count // INBOUND_PAGE_SIZE)))

    def shown(predicate: str, count: int) -> list[slice]:
        if predicate != focus_predicate:
            return [slice(INBOUND_PREVIEW)]
        start = (page_of(count) - 1) * INBOUND_PAGE_SIZE
        return [slice(INBOUND_PREVIEW), slice(start, start + INBOUND_PAGE_SIZE)]

    groups = group_statements([(str(p), x) for x, p in inbound(iri)], lang, inverse=True, shown=shown)
    focus = None
    pages = None
    here = iris.document_href(iri, "html")
    for group in groups:
        group.label, group.lang = inverse_label(group.predicate, lang)
        if group.count > INBOUND_PREVIEW:
            group.more_href = url_with_lang(here, inbound=group.predicate, page=1)
        if focus_predicate and group.predicate == focus_predicate:
            focus = group
    if focus is not None:
        total_pages = max(1, -(-focus.count // INBOUND_PAGE_SIZE))
        page = page_of(focus.count)
        start = (page - 1) * INBOUND_PAGE_SIZE
        focus = PropertyGroup(focus.predicate, focus.label, focus.lang, focus.values[start:start + INBOUND_PAGE_SIZE], True, focus.count)
        pages = {
            "page": page,
            "total": total_pages,
            "prev": url_with_lang(here, inbound=focus.predicate, page=page - 1) if page > 1 else None,
            "next": url_with_lang(here, inbound=focus.predicate, page=page + 1) if page < total_pages else None,
        }
    for group in groups:
        group.values = group.values[:INBOUND_PREVIEW]
    return groups, focus, pages


def inverse_label(predicate: str, lang: str) -> tuple[str, str | None]:
    """"is X of" phrasing for an inbound property ("ist Kompetenz von" / "is competence of")."""
    text, text_lang = label_with_lang(predicate, lang)
    if lang == "de":
        return f"ist „{text}“ von", "de"
    return f"is “{text}” of", "en"

"""The view model of a resource's HTML page: label in the page language, key facts by kind of
resource (resource_facts.py), its place in the hierarchy (resource_hierarchy.py), who takes part,
every statement, and inbound links grouped by property with counts, paged where there are many
(resource_statements.py)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef

from bochum_kg.kg.labels import DCTERMS, FOAF, RDF, SKOS
from bochum_kg.web import iris
from bochum_kg.web.context import kg, label_with_lang
from bochum_kg.web.pages.resource_facts import key_facts, participations
from bochum_kg.web.pages.resource_hierarchy import ChildGroup, ancestors, children_tree
from bochum_kg.web.pages.resource_statements import PropertyGroup, inbound_groups, outgoing_groups
from bochum_kg.web.pages.values import (
    Value,
    best_literal,
    bs,
    by_predicate,
    outgoing,
    projects_of_element,
    remember_outgoing,
    source_value,
    term_value,
)


@dataclass
class ResourcePage:
    iri: str
    label: str
    label_lang: str | None
    types: list[Value]
    description: Value | None
    alt_labels: list[Value]
    sources: list[Value]
    breadcrumb: list[Value]
    summary: list[PropertyGroup]
    participations: list[dict]
    participation_mode: str | None  # "project" (actors of a project) or "actor" (projects of an actor)
    related_projects: list[Value]
    children: list[ChildGroup]
    properties: list[PropertyGroup]
    inbound: list[PropertyGroup]
    inbound_focus: PropertyGroup | None
    inbound_pages: dict | None
    alternates: list[dict]
    schema_org: dict


def schema_org(iri: str, types: list[str], page_label: str, description: Literal | None, alt: list[Value], sources: list[Value], homepage: list[Value], page_url: str) -> dict:
    """schema.org JSON-LD for search engines (embedded in the page)."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": kg().vocabulary.schema_type(types),
        "@id": iri,
        "name": page_label,
        "url": page_url,
    }
    if description is not None:
        data["description"] = str(description)
    if alt:
        data["alternateName"] = [v.text for v in alt]
    if homepage:
        data["sameAs"] = [v.iri for v in homepage if v.iri]
    if sources:
        data["subjectOf"] = [{"@type": "WebPage", "url": v.iri} for v in sources if v.iri]
    data["license"] = "https://creativecommons.org/licenses/by/4.0/"
    return data


def describe_page(iri: str, lang: str, focus_predicate: str | None = None, focus_page: int = 1) -> ResourcePage:
    """The view model of a resource's HTML page."""
    out_pairs = outgoing(iri)
    out = by_predicate(out_pairs)
    types = sorted(str(t) for t in out.get(RDF + "type", []) if isinstance(t, URIRef))
    kinds = kg().vocabulary.closure(types)

    page_label, page_label_lang = label_with_lang(iri, lang)
    desc_literal = best_literal(out.get(DCTERMS + "description", []) or out.get(SKOS + "definition", []), lang)
    description = term_value(desc_literal, lang) if desc_literal is not None else None
    alt_labels = sorted((term_value(t, lang) for t in out.get(SKOS + "altLabel", [])), key=lambda v: v.sort_key)
    # each source once, in its own section (not again in the summary or the table of statements)
    cited = [str(t) for t in out.get(DCTERMS + "source", []) if isinstance(t, URIRef)]
    remember_outgoing(cited)
    sources = sorted((source_value(source, lang) for source in cited), key=lambda v: v.sort_key)
    unit = next((str(u) for u in out.get(bs("unit"), []) if isinstance(u, Literal)), None)  # a bs:Figure's
    homepage = [term_value(t, lang) for t in out.get(FOAF + "homepage", [])]

    summary = key_facts(iri, out, kinds, lang, unit)
    parts, mode = participations(iri, kinds, lang)
    related: list[Value] = []
    if kinds & {bs("Competence"), bs("GoalArea"), bs("Goal")}:
        related = sorted((term_value(URIRef(p), lang) for p in projects_of_element(iri)), key=lambda v: v.sort_key)
    properties = outgoing_groups(iri, out_pairs, bs("figure") in out, lang, unit)
    inbound, focus, pages = inbound_groups(iri, lang, focus_predicate, focus_page)

    page_url = iris.absolute_document_url(iri, "html")
    return ResourcePage(
        iri=iri,
        label=page_label,
        label_lang=page_label_lang,
        types=sorted((term_value(URIRef(t), lang) for t in types), key=lambda v: v.sort_key),
        description=description,
        alt_labels=alt_labels,
        sources=sources,
        breadcrumb=ancestors(iri, lang),
        summary=summary,
        participations=parts,
        participation_mode=mode,
        related_projects=related,
        children=children_tree(iri, lang),
        properties=properties,
        inbound=inbound,
        inbound_focus=focus,
        inbound_pages=pages,
        alternates=iris.alternates(iri),
        schema_org=schema_org(iri, types, page_label, desc_literal, alt_labels, sources, homepage, page_url),
    )

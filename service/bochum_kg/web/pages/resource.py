"""The view model of a resource's HTML page: label in the page language, key facts by kind of
resource, its place in the hierarchy, who takes part, every statement, and inbound links
grouped by property with counts (paged where there are many)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from bochum_kg.web import iris
from bochum_kg.web.context import kg
from bochum_kg.web.pages.values import (
    Value,
    in_page_language,
    best_literal,
    bs,
    inbound,
    outgoing,
    projects_of_element,
    source_value,
    term_value,
)
from bochum_kg.web import formatting
from bochum_kg.kg.labels import DCTERMS, FOAF, RDF, RDFS, SKOS
from bochum_kg.web.context import label, label_with_lang

INBOUND_PREVIEW = 20  # inbound links shown per property on a page before "show all"
INBOUND_PAGE_SIZE = 50


@dataclass
class PropertyGroup:
    predicate: str
    label: str
    lang: str | None
    values: list[Value]
    inverse: bool = False
    count: int = 0
    more_href: str | None = None


@dataclass
class TreeNode:
    value: Value
    children: list["TreeNode"] = field(default_factory=list)


@dataclass
class ChildGroup:
    heading: str
    nodes: list[TreeNode]


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


# Properties that show a resource's place in a hierarchy, child -> parent, in order of preference.
def up_predicates() -> list[str]:
    return [bs("inGoalArea"), bs("inCompetence"), bs("subOrganisationOf"), bs("postIn"), bs("withinSite"),
            bs("partOfProject"), SKOS + "inScheme", SKOS + "topConceptOf", bs("strategy")]


# Parents reached by an inbound link (the participation belongs to the project that lists it).
def inverse_up_predicates() -> list[str]:
    return [bs("participation"), bs("figure")]


def summary_predicates(kinds: set[str]) -> list[tuple[str, bool]]:
    """(predicate, inverse) rows of the key-facts box for a resource of these classes."""
    rows: list[tuple[str, bool]] = []
    if bs("Project") in kinds:  # bs:competence is shown with bs:primaryCompetence (describe_page)
        rows += [(bs("status"), False), (bs("competence"), False),
                 (bs("servesGoal"), False), (bs("servesGoalArea"), False), (bs("site"), False),
                 (bs("startDate"), False), (bs("endDate"), False), (bs("tranche"), False),
                 (bs("partOfProject"), False), (bs("mergedInto"), False)]
    if bs("Actor") in kinds:
        rows += [(bs("subOrganisationOf"), False), (bs("postIn"), False), (bs("memberOf"), False),
                 (bs("locatedAt"), False), (bs("foundingDate"), False), (FOAF + "homepage", False)]
    if bs("Site") in kinds:
        rows += [(bs("withinSite"), False), (bs("district"), False), (bs("developer"), False), (bs("formerUse"), False)]
    if bs("Participation") in kinds:
        rows += [(bs("participation"), True), (bs("agent"), False), (bs("role"), False),
                 (bs("startDate"), False), (bs("endDate"), False)]
    if bs("Figure") in kinds:
        rows += [(bs("figure"), True), (bs("value"), False), (bs("unit"), False), (bs("approximate"), False),
                 (bs("measure"), False), (bs("referenceDate"), False)]
    if bs("StrategyEvent") in kinds:
        rows += [(bs("date"), False), (bs("decidedBy"), False), (bs("concerns"), False)]
    if bs("Tranche") in kinds:
        rows += [(bs("plannedCount"), False)]
    if bs("Strategy") in kinds:
        rows += [(bs("horizon"), False), (bs("formula"), False), (FOAF + "homepage", False)]
    if bs("Goal") in kinds:
        rows += [(bs("inGoalArea"), False)]
    if bs("GoalArea") in kinds or bs("StrategicAim") in kinds:
        rows += [(bs("inCompetence"), False)]
    if bs("Competence") in kinds:
        rows += [(bs("tagline"), False), (bs("expressesFormulaTerm"), False), (bs("developsInto"), False)]
    seen, unique = set(), []
    for row in rows:
        if row not in seen:
            seen.add(row)
            unique.append(row)
    return unique


# Order of the outgoing properties in the full table; the rest follow alphabetically by label.
def property_order() -> list[str]:
    return [RDF + "type", RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", bs("navigationLabel"),
            DCTERMS + "description", SKOS + "definition", bs("tagline"), bs("vision"), bs("status"),
            bs("primaryCompetence"), bs("competence"), bs("servesGoal"), bs("servesGoalArea"), bs("participation"),
            bs("agent"), bs("role"), bs("site"), bs("startDate"), bs("endDate")]


LAST_PROPERTIES = (FOAF + "homepage", DCTERMS + "source")
NOT_STATED = {"de": "keine Angabe in den Quellen", "en": "not stated in the sources"}
PRIMARY_NOTE = {"de": "(Hauptkompetenz)", "en": "(primary competence)"}


def _always_shown() -> tuple[str, ...]:
    return (bs("status"), bs("competence"), bs("servesGoal"), bs("servesGoalArea"), bs("site"))


def _group(pairs: list[tuple[str, Node]], lang: str, inverse: bool = False, unit: str | None = None) -> list[PropertyGroup]:
    by_predicate: dict[str, list[Node]] = {}
    for p, term in pairs:
        by_predicate.setdefault(str(p), []).append(term)
    order = property_order()
    groups = []
    for predicate, terms in by_predicate.items():
        text, text_lang = label_with_lang(predicate, lang)
        values = sorted((term_value(t, lang, unit if predicate == bs("value") else None) for t in terms), key=lambda v: v.sort_key)
        groups.append(PropertyGroup(predicate, text, text_lang, values, inverse=inverse, count=len(values)))

    def key(g: PropertyGroup):
        if g.predicate in order:
            return (0, order.index(g.predicate), "")
        if g.predicate in LAST_PROPERTIES:
            return (2, LAST_PROPERTIES.index(g.predicate), "")
        return (1, 0, g.label.casefold())

    return sorted(groups, key=key)


def _first_parent(iri: str, out: dict[str, list[Node]], lang: str) -> str | None:
    for predicate in up_predicates():
        parents = sorted(str(o) for o in out.get(predicate, []) if isinstance(o, URIRef))
        if parents:
            return parents[0]
    return None


def ancestors(iri: str, lang: str, limit: int = 8) -> list[Value]:
    """The chain of parents, outermost first (strategy › competence › goal area for a goal)."""
    chain: list[str] = []
    current = iri
    for _ in range(limit):
        out: dict[str, list[Node]] = {}
        for p, o in outgoing(current):
            out.setdefault(str(p), []).append(o)
        parent = _first_parent(current, out, lang)
        if parent is None:
            incoming = inbound(current)
            for predicate in inverse_up_predicates():
                found = sorted(str(x) for x, p in incoming if str(p) == predicate and isinstance(x, URIRef))
                if found:
                    parent = found[0]
                    break
        if parent is None or parent in chain or parent == iri:
            break
        chain.append(parent)
        current = parent
    return [term_value(URIRef(p), lang) for p in reversed(chain)]


def _child_value(row: dict, lang: str) -> Value:
    value = term_value(row["c"], lang)
    try:
        position = int(str(row["order"])) if "order" in row else 10**6
    except ValueError:
        position = 10**6
    value.sort_key = (position, value.text.casefold(), str(row["c"]))
    return value


def children_tree(iri: str, lang: str) -> list[ChildGroup]:
    """Children grouped by class, each with its own children (two levels: goal areas with goals)."""
    # children (no ?mid) and grandchildren (?mid the child) in one query; the links are up_predicates()
    both = kg().select("children-tree", {"parent": URIRef(iri)}).rows
    rows = [r for r in both if "mid" not in r]
    grand_rows = [r for r in both if "mid" in r]
    grandchildren: dict[str, dict[str, Value]] = {}
    for row in grand_rows:
        grandchildren.setdefault(str(row["mid"]), {}).setdefault(str(row["c"]), _child_value(row, lang))
    first_class: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: str(r.get("t", ""))):
        first_class.setdefault(str(row["c"]), str(row.get("t", "")))
    seen: set[str] = set()
    groups: dict[str, list[TreeNode]] = {}
    for row in rows:
        child = str(row["c"])
        if child in seen or child == iri:
            continue
        seen.add(child)
        value = _child_value(row, lang)
        below = sorted(grandchildren.get(child, {}).values(), key=lambda v: v.sort_key)
        groups.setdefault(first_class[child], []).append(TreeNode(value, [TreeNode(v) for v in below]))
    result = []
    for cls in sorted(groups, key=lambda c: label(c, lang).casefold() if c else ""):
        nodes = sorted(groups[cls], key=lambda n: n.value.sort_key)
        result.append(ChildGroup(label(cls, lang) if cls else "", nodes))
    return result


def participations(iri: str, kinds: set[str], lang: str) -> tuple[list[dict], str | None]:
    """Who takes part in which role: actors of a project, or projects of an actor."""
    if bs("Project") in kinds:
        rows = kg().select("project-participations", {"project": URIRef(iri)}).rows
        mode = "project"
    elif bs("Actor") in kinds:
        rows = kg().select("actor-participations", {"agent": URIRef(iri)}).rows
        mode = "actor"
    else:
        return [], None
    items = []
    for row in rows:
        items.append({
            "participation": term_value(row["part"], lang),
            "agent": term_value(row["agent"], lang) if "agent" in row else None,
            "project": term_value(row["project"], lang) if "project" in row else None,
            "role": term_value(row["role"], lang) if "role" in row else None,
        })
    other = "agent" if mode == "project" else "project"
    items.sort(key=lambda i: ((i[other].text.casefold() if i[other] else ""), (i["role"].text if i["role"] else ""), i["participation"].iri))
    return items, mode


def figure_notes(iri: str, lang: str) -> tuple[dict[str, str], dict[str, list[Value]]]:
    """"≈ 56.000 Studierende" style notes for the bs:Figures of a resource (value, unit, measure), and each figure's sources."""
    rows = kg().select("figures-of-resource", {"s": URIRef(iri)}).rows
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
    from bochum_kg.web.i18n import url_with_lang

    out_pairs = outgoing(iri)
    out: dict[str, list[Node]] = {}
    for p, o in out_pairs:
        out.setdefault(str(p), []).append(o)
    types = sorted(str(t) for t in out.get(RDF + "type", []) if isinstance(t, URIRef))
    kinds = kg().vocabulary.closure(types)

    page_label, page_label_lang = label_with_lang(iri, lang)
    desc_literal = best_literal(out.get(DCTERMS + "description", []) or out.get(SKOS + "definition", []), lang)
    description = term_value(desc_literal, lang) if desc_literal is not None else None
    alt_labels = sorted((term_value(t, lang) for t in out.get(SKOS + "altLabel", [])), key=lambda v: v.sort_key)
    # each source once, in its own section (not again in the summary or the table of statements)
    sources = sorted((source_value(str(t), lang) for t in out.get(DCTERMS + "source", []) if isinstance(t, URIRef)),
                     key=lambda v: v.sort_key)
    unit = next((str(u) for u in out.get(bs("unit"), []) if isinstance(u, Literal)), None)  # a bs:Figure's
    homepage = [term_value(t, lang) for t in out.get(FOAF + "homepage", [])]

    summary = []
    is_project = bs("Project") in kinds
    for predicate, inverse in summary_predicates(kinds):
        if inverse:
            terms = [x for x, p in inbound(iri) if str(p) == predicate]
        else:
            terms = out.get(predicate, [])
        primary: set[str] = set()
        if is_project and predicate == bs("competence"):
            primary = {str(t) for t in out.get(bs("primaryCompetence"), [])}
            terms = list(out.get(bs("primaryCompetence"), [])) + [t for t in terms if str(t) not in primary]
        if not terms:
            if is_project and predicate in _always_shown():
                text, text_lang = label_with_lang(predicate, lang)
                summary.append(PropertyGroup(predicate, text, text_lang, [Value(text=NOT_STATED[lang])], count=0))
            continue
        terms = in_page_language(terms, lang)
        values = sorted((term_value(t, lang, unit if predicate == bs("value") else None) for t in terms),
                        key=lambda v: (v.iri not in primary, v.sort_key))
        for v in values:
            if v.iri in primary:
                v.note = PRIMARY_NOTE[lang]
        for v in values:
            if v.iri and predicate in (bs("servesGoal"), bs("servesGoalArea")):
                chain = ancestors(v.iri, lang)
                v.note = " › ".join(a.text for a in chain if a.iri != v.iri) or None
        text, text_lang = label_with_lang(predicate, lang)
        if inverse:
            names = {bs("participation"): ("Projekt", "Project"), bs("figure"): ("Gegenstand", "Subject")}
            text, text_lang = (names[predicate][0] if lang == "de" else names[predicate][1]), lang
        summary.append(PropertyGroup(predicate, text, text_lang, values, inverse=inverse, count=len(values)))

    parts, mode = participations(iri, kinds, lang)

    related: list[Value] = []
    if kinds & {bs("Competence"), bs("GoalArea"), bs("Goal")}:
        related = sorted((term_value(URIRef(p), lang) for p in projects_of_element(iri)), key=lambda v: v.sort_key)

    properties = _group([(p, o) for p, o in out_pairs if str(p) != DCTERMS + "source"], lang, unit=unit)
    notes, figure_sources = figure_notes(iri, lang) if bs("figure") in out else ({}, {})
    for group in properties:
        if group.predicate == bs("figure"):
            for v in group.values:
                v.note = notes.get(v.iri or "")
                v.sources = figure_sources.get(v.iri or "", [])

    inbound_pairs = [(str(p), x) for x, p in inbound(iri)]
    inbound_groups = _group(inbound_pairs, lang, inverse=True)
    focus = None
    pages = None
    here = iris.document_href(iri, "html")
    for group in inbound_groups:
        group.label, group.lang = _inverse_label(group.predicate, lang)
        if group.count > INBOUND_PREVIEW:
            group.more_href = url_with_lang(here, inbound=group.predicate, page=1)
        if focus_predicate and group.predicate == focus_predicate:
            focus = group
    if focus is not None:
        total_pages = max(1, -(-focus.count // INBOUND_PAGE_SIZE))
        page = min(max(1, focus_page), total_pages)
        start = (page - 1) * INBOUND_PAGE_SIZE
        focus = PropertyGroup(focus.predicate, focus.label, focus.lang, focus.values[start:start + INBOUND_PAGE_SIZE], True, focus.count)
        pages = {
            "page": page,
            "total": total_pages,
            "prev": url_with_lang(here, inbound=focus.predicate, page=page - 1) if page > 1 else None,
            "next": url_with_lang(here, inbound=focus.predicate, page=page + 1) if page < total_pages else None,
        }
    for group in inbound_groups:
        group.values = group.values[:INBOUND_PREVIEW]

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
        inbound=inbound_groups,
        inbound_focus=focus,
        inbound_pages=pages,
        alternates=iris.alternates(iri),
        schema_org=schema_org(iri, types, page_label, desc_literal, alt_labels, sources, homepage, page_url),
    )


def _inverse_label(predicate: str, lang: str) -> tuple[str, str | None]:
    """"is X of" phrasing for an inbound property ("ist Kompetenz von" / "is competence of")."""
    text, text_lang = label_with_lang(predicate, lang)
    if lang == "de":
        return f"ist „{text}“ von", "de"
    return f"is “{text}” of", "en"

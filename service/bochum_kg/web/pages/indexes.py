"""Index pages: `/{kind}/` lists every resource whose IRI is `{base}{kind}/…`, with filters.

Stripping the slug of an IRI gives its index (`/project/haus-des-wissens` -> `/project/`), and
each class of the ontology links to the index of its members (`/project/?class=CoreActivity`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from bochum_kg.kg.index_facts import LANGUAGES
from bochum_kg.kg.labels import RDF
from bochum_kg.web.capped import OPTIONS_SHOWN
from bochum_kg.web.context import kg
from bochum_kg.web.context import label
from bochum_kg.web.pages.values import Value, bs, term_value

PAGE_SIZE = 100


@dataclass(frozen=True)
class IndexSpec:
    segment: str
    title_de: str
    title_en: str
    filters: tuple[str, ...] = ()  # names of filters offered (see FILTERS)
    columns: tuple[str, ...] = ()  # local names of bs: properties shown as columns


INDEXES: dict[str, IndexSpec] = {spec.segment: spec for spec in [
    IndexSpec("competence", "Kompetenzen", "Competences", (), ("order",)),
    IndexSpec("aim", "Strategische Ziele", "Strategic aims", ("competence",), ("inCompetence",)),
    IndexSpec("goal-area", "Schwerpunkte", "Goal areas", ("competence",), ("inCompetence",)),
    IndexSpec("goal", "Ziele", "Goals", ("goal-area",), ("inGoalArea",)),
    IndexSpec("theme", "Querschnittsthemen", "Cross-cutting themes"),
    IndexSpec("project", "Projekte", "Projects", ("class", "status", "competence"), ("status", "primaryCompetence", "site")),
    IndexSpec("participation", "Beteiligungen", "Participations", ("role",), ("agent", "role")),
    IndexSpec("actor", "Akteure", "Actors", ("class",), ("subOrganisationOf", "locatedAt")),
    IndexSpec("site", "Standorte", "Sites", ("class",), ("withinSite", "district")),
    IndexSpec("strategy", "Strategien", "Strategies", (), ("horizon",)),
    IndexSpec("event", "Ereignisse und Ratsbeschlüsse", "Events and council decisions", ("class",), ("date",)),
    IndexSpec("tranche", "Tranchen von Kernaktivitäten", "Tranches of core activities", (), ("plannedCount",)),
    IndexSpec("figure", "Kennzahlen", "Figures", ("measure",), ("value", "unit", "measure")),
    IndexSpec("formula", "Begriffe der Bochum Formel", "Terms of the Bochum Formula"),
    IndexSpec("scheme", "Begriffsschemata", "Concept schemes"),
    IndexSpec("status", "Projektstatus", "Project statuses"),
    IndexSpec("role", "Rollen der Beteiligung", "Participation roles"),
    IndexSpec("measure", "Messgrößen", "Measures"),
]}

# filter name -> (namespace of the value relative to the base, how members are tested)
FILTERS = {
    "class": ("ontology#", "type"),
    "status": ("status/", "status"),
    "competence": ("competence/", "competence"),
    "goal-area": ("goal-area/", "inGoalArea"),
    "role": ("role/", "role"),
    "measure": ("measure/", "measure"),
}

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")


class BadFilter(ValueError):
    """A filter value that cannot be a slug of ours."""




@dataclass
class FilterOption:
    value: str
    label: str
    selected: bool


@dataclass
class FilterView:
    """A filter's options for a <select>; past capped.OPTIONS_SHOWN none (the form has a text field for
    the short name, `value`), with how many there are, one as an example and the index listing them."""

    name: str
    label: str
    options: list[FilterOption]
    count: int
    value: str = ""
    example: str = ""
    index_href: str | None = None

    @property
    def cut(self) -> bool:
        return self.count > len(self.options)


@dataclass
class Row:
    item: Value
    types: list[Value]
    cells: list[list[Value]]


@dataclass
class IndexPage:
    spec: IndexSpec
    title: str
    rows: list[Row]
    total: int
    columns: list[str]
    filters: list[FilterView]
    active: dict[str, str]
    page: int
    pages: int
    prev_href: str | None = None
    next_href: str | None = None
    members: list[str] = field(default_factory=list)


def _filter_values(args) -> dict[str, str]:
    active = {}
    for name in FILTERS:
        value = args.get(name)
        if value:
            if not _SLUG.match(value):
                raise BadFilter(f"{name}={value!r} is not a valid value")
            active[name] = value
    return active


def members(segment: str) -> list[str]:
    """Every resource with a type whose IRI lies under {base}{segment}/ (sorted)."""
    return kg().typed_under(kg().settings.base_iri + segment + "/")


def _filter_facts(segment: str, predicates: list[str]) -> dict[str, dict[str, list[str]]]:
    """member -> predicate -> objects (lexical forms), for the predicates of the filters (read at start)."""
    ns = kg().settings.base_iri + segment + "/"
    facts: dict[str, dict[str, list[str]]] = {}
    for predicate in predicates:
        for subject, values in kg().index_facts.values[predicate].items():
            if subject.startswith(ns):
                facts.setdefault(subject, {})[predicate] = values
    return facts


def _shown_facts(shown: list[str], predicates: list[str]) -> dict[str, dict[str, list]]:
    """member -> predicate -> objects (RDF terms), for the members of one page only."""
    facts: dict[str, dict[str, list]] = {}
    if shown:
        wanted = set(predicates)
        for row in kg().select("values-of", {"s": [URIRef(s) for s in shown]}).rows:
            if str(row["predicate"]) in wanted:
                facts.setdefault(str(row["s"]), {}).setdefault(str(row["predicate"]), []).append(row["o"])
    return facts


def _matches(iri: str, facts: dict[str, list], active: dict[str, str], within: dict[str, set[str]]) -> bool:
    """`within`: the projects of each active competence filter, found once per page (not per member)."""
    base = kg().settings.base_iri
    for name, value in active.items():
        ns, how = FILTERS[name]
        wanted = base + ns + value
        if how == "type":
            if wanted not in kg().vocabulary.closure(kg().search.types.get(iri, [])):
                return False
        elif how == "competence":  # directly or through a goal or goal area of the competence
            if iri not in within[name]:
                return False
        else:
            if wanted not in facts.get(bs(how), ()):
                return False
    return True


def _competence_order(competences: list[str]) -> dict[str, int]:
    """competence -> its bs:order where that is a whole number (the competence index's order)."""
    order, wanted = {}, set(competences)
    for iri, value in _filter_facts("competence", [bs("order")]).items():
        number = value[bs("order")][0]
        if iri in wanted and number.isdigit():
            order[iri] = int(number)
    return order


def _projects_of_competence(competence: str) -> set[str]:
    from bochum_kg.web.pages.values import projects_of_element

    return set(projects_of_element(competence))


def _options(name: str, all_members: list[str], facts: dict, lang: str, active: dict[str, str]) -> FilterView:
    from flask import request

    from bochum_kg.web.i18n import url_with_lang

    base = kg().settings.base_iri
    ns, how = FILTERS[name]
    found: set[str] = set(members("competence")) if how == "competence" else set()
    if how == "type":
        for types in {tuple(kg().search.types.get(m, ())) for m in all_members}:
            for t in types:
                found.update(kg().vocabulary.superclasses(t))
    elif how != "competence":
        predicate = bs(how)
        for member_facts in facts.values():
            found.update(member_facts.get(predicate, ()))
    prefix = base + ns
    options = []
    for iri in found:
        if iri.startswith(prefix) and "/" not in iri[len(prefix):]:
            slug = iri[len(prefix):]
            options.append(FilterOption(slug, label(iri, lang), active.get(name) == slug))
    options.sort(key=lambda o: (o.label.casefold(), o.value))  # equal labels in one order in every process
    filter_label = {
        "class": ("Klasse", "Class"), "status": ("Status", "Status"), "competence": ("Kompetenz", "Competence"),
        "goal-area": ("Schwerpunkt", "Goal area"), "role": ("Rolle", "Role"), "measure": ("Messgröße", "Measure"),
    }[name]
    text = filter_label[0] if lang == "de" else filter_label[1]
    if len(options) <= OPTIONS_SHOWN:
        return FilterView(name, text, options, len(options))
    segment = ns.rstrip("/")  # the index of the filter's values: /competence/, /goal-area/, …
    index_href = url_with_lang(request.script_root + "/" + segment + "/") if segment in INDEXES else None
    return FilterView(name, text, [], len(options), active.get(name, ""), options[0].value, index_href)


def index_page(segment: str, args, lang: str) -> IndexPage:
    """The view model of `/{segment}/`; raises BadFilter for a malformed filter value."""
    from flask import request

    from bochum_kg.web.i18n import url_with_lang

    spec = INDEXES[segment]
    active = _filter_values(args)
    active = {k: v for k, v in active.items() if k in spec.filters}
    try:
        page = max(1, int(args.get("page", "1")))
    except ValueError:
        raise BadFilter("page must be a number") from None
    column_predicates = [bs(c) for c in spec.columns]
    filter_predicates = [bs(FILTERS[name][1]) for name in spec.filters if FILTERS[name][1] not in ("type", "competence")]
    base = kg().settings.base_iri
    start, stop = kg().typed_range(base + segment + "/")
    typed = kg().search.typed_iris
    all_members = typed[start:stop]
    facts = _filter_facts(segment, filter_predicates)
    within = {name: _projects_of_competence(base + FILTERS[name][0] + value)
              for name, value in active.items() if FILTERS[name][1] == "competence"}
    positions = ([start + i for i, m in enumerate(all_members) if _matches(m, facts.get(m, {}), active, within)]
                 if active else list(range(start, stop)))

    # Sorted by the text of the link (term_value's sort key): by the ranks of the names made at
    # start (kg/index_facts.py); the page's values and facts are made for the shown members alone
    # (163,000 figures at 5M triples).
    positions.sort(key=kg().index_facts.names[lang if lang in LANGUAGES else LANGUAGES[0]].__getitem__)
    selected = [typed[p] for p in positions]
    if segment == "competence":  # the strategy's order first (a stable sort keeps the names' order within)
        order = _competence_order(selected)
        selected.sort(key=lambda m: order.get(m, 10**6))
    total = len(selected)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    shown = selected[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    shown_facts = _shown_facts(shown, [RDF + "type"] + column_predicates)
    rows = []
    for iri in shown:
        member_facts = shown_facts.get(iri, {})
        types = sorted((term_value(t, lang) for t in member_facts.get(RDF + "type", []) if isinstance(t, URIRef)), key=lambda x: x.sort_key)
        cells = [sorted((term_value(o, lang) for o in member_facts.get(p, [])), key=lambda x: x.sort_key) for p in column_predicates]
        rows.append(Row(term_value(URIRef(iri), lang), types, cells))
    here = request.script_root + "/" + segment + "/"
    return IndexPage(
        spec=spec,
        title=spec.title_de if lang == "de" else spec.title_en,
        rows=rows,
        total=total,
        columns=[label(p, lang) for p in column_predicates],
        filters=[_options(name, all_members, facts, lang, active) for name in spec.filters],
        active=active,
        page=page,
        pages=pages,
        prev_href=url_with_lang(here, page=page - 1, **active) if page > 1 else None,
        next_href=url_with_lang(here, page=page + 1, **active) if page < pages else None,
        members=selected,
    )


"""A resource's place in the hierarchy, as its page shows it: the chain of parents above it (the
breadcrumb) and the children and grandchildren below it, grouped by class."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from bochum_kg.kg.labels import SKOS
from bochum_kg.web.context import kg, label
from bochum_kg.web.pages.values import Value, bs, by_predicate, inbound, outgoing, term_value


@dataclass
class TreeNode:
    value: Value
    children: list["TreeNode"] = field(default_factory=list)


@dataclass
class ChildGroup:
    heading: str
    nodes: list[TreeNode]


# Properties that show a resource's place in a hierarchy, child -> parent, in order of preference.
def up_predicates() -> list[str]:
    return [bs("inGoalArea"), bs("inCompetence"), bs("subOrganisationOf"), bs("postIn"), bs("withinSite"),
            bs("partOfProject"), SKOS + "inScheme", SKOS + "topConceptOf", bs("strategy")]


# Parents reached by an inbound link (the participation belongs to the project that lists it).
def inverse_up_predicates() -> list[str]:
    return [bs("participation"), bs("figure")]


def _first_parent(out: dict[str, list[Node]]) -> str | None:
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
        parent = _first_parent(by_predicate(outgoing(current)))
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

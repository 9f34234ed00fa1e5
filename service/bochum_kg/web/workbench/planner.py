"""The relationship views for planners and the JSON behind them.

    GET /explore?resource=IRI[&expand=IRI…][&hide=CLASS…]   explorer (Cytoscape.js)
    GET /paths?from=IRI&to=IRI[&max_length=4]                how are A and B connected?
    GET /gaps[?competence=IRI]                               gaps and overlaps
    GET /api/neighbourhood?resource=IRI                      nodes and edges around a resource
    GET /api/paths?from=IRI&to=IRI                           shortest paths as JSON
    GET /api/lookup?q=TEXT                                   resources by label / name / IRI
    GET /api/gaps/{table}[?format=csv]                       one gap-analysis table

Every page's state is in its URL (the explorer updates it as nodes are expanded or filtered), so
a link reproduces the view. Labels follow the page language (?lang=de|en). The pages render
their tables on the server, so the node and edge lists (the text alternative of each graph)
work without JavaScript.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask import Blueprint, Response, jsonify, render_template, request
from rdflib import Literal

from bochum_kg.kg.analysis import gaps as gap_analysis
from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg import labels
from bochum_kg.web import view_strings
from bochum_kg.web.api_errors import api_error
from bochum_kg.web.context import kg
from bochum_kg.kg.analysis.neighbourhood import UnknownResource, neighbourhood
from bochum_kg.kg.analysis.connections import DEFAULT_MAX_LENGTH, MAX_MAX_LENGTH, find_connections

blueprint = Blueprint("views", __name__)
blueprint.context_processor(view_strings.template_context)


@blueprint.context_processor
def _view_helpers() -> dict:
    return {"visible_graph": visible_graph}


def visible_graph(graph: dict, hidden: list[str]) -> dict:
    """The graph without nodes of the hidden classes (and their edges): what the tables list."""
    if not hidden:
        return graph
    hidden_set = set(hidden)
    nodes = [n for n in graph["nodes"] if (n["class"] or "") not in hidden_set]
    keep = {n["id"] for n in nodes}
    edges = [e for e in graph["edges"] if e["source"] in keep and e["target"] in keep]
    return {**graph, "nodes": nodes, "edges": edges}

LOOKUP_LIMIT = 20


class BadParameter(Exception):
    def __init__(self, name: str, message: str):
        self.name = name
        self.message = message
        super().__init__(f"parameter '{name}': {message}")


def _lang() -> str:
    """Label language: ?lang= (an API call with another value is a 400), else the page language."""
    asked = request.args.get("lang")
    if asked is not None and asked not in gd.LANGUAGES and request.path.startswith("/api/"):
        raise BadParameter("lang", f"must be de or en, got {asked!r}")
    return asked if asked in gd.LANGUAGES else view_strings.page_language()


def _required_iri(name: str) -> str:
    value = request.args.get(name)
    if value is None or not value.strip():
        raise BadParameter(name, "missing; give the IRI of a resource")
    value = value.strip()
    if not gd.is_safe_iri(value):
        raise BadParameter(name, f"not an absolute IRI: {value!r}")
    return value


def _max_length() -> int:
    raw = request.args.get("max_length")
    if raw is None or raw == "":
        return DEFAULT_MAX_LENGTH
    text = raw.strip()
    if not (text.isascii() and text.isdecimal()) or not 1 <= int(text) <= MAX_MAX_LENGTH:  # isdigit() passes "²"
        raise BadParameter("max_length", f"must be a whole number from 1 to {MAX_MAX_LENGTH}, got {raw!r}")
    return int(text)


@blueprint.errorhandler(BadParameter)
def _bad_parameter(err: BadParameter):
    if request.path.startswith("/api/"):
        return api_error(400, str(err), parameter=err.name)
    return render_template("views/message.html", status=400, message=str(err)), 400


# --- finding resources -----------------------------------------------------------------------

LOOKUP = """
SELECT DISTINCT ?s ?label WHERE {
  ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), $TEXT))
  FILTER NOT EXISTS { ?s a ?hidden . VALUES ?hidden { $HIDDEN } }
}
"""


def lookup(text: str, lang: str, limit: int = LOOKUP_LIMIT) -> list[dict]:
    """Resources whose label contains `text` (exact, then prefix, then anywhere; then by label).

    Participations and figures (folded into other nodes) and the ontology's own terms are left out.
    """
    text = text.strip()
    if not text:
        return []
    ns = kg().settings.ontology_namespace
    hidden = " ".join([gd.iri_ref(ns + c) for c in ("Participation", "Figure")]
                      + [gd.iri_ref(gd.OWL + c) for c in ("Class", "ObjectProperty", "DatatypeProperty", "Ontology")])
    query = LOOKUP.replace("$TEXT", Literal(text.lower()).n3()).replace("$HIDDEN", hidden)
    matches: dict[str, int] = {}
    needle = text.lower()
    for row in kg().store.select(query).rows:
        label = str(row["label"]).lower()
        rank = 0 if label == needle else 1 if label.startswith(needle) else 2
        iri = str(row["s"])
        matches[iri] = min(rank, matches.get(iri, 3))
    infos = gd.node_infos(kg().store, list(matches))
    found = [(matches[i], infos[i].label(lang).lower(), i) for i in matches if infos[i].is_resource]
    found.sort()
    classes = gd.class_infos(kg().store, ns)
    out = []
    for _, _, iri in found[:limit]:
        cls = gd.primary_class(infos[iri].types, classes, ns)
        out.append({
            "iri": iri,
            "label": infos[iri].label(lang),
            "name": labels.qname(iri, kg().settings.base_iri),
            "class": cls,
            "class_label": gd.class_label(cls, classes, lang),
        })
    return out


@dataclass
class Resolution:
    """What the user typed into a resource field and what it turned out to be."""

    text: str
    iri: str | None = None
    candidates: list[dict] | None = None

    @property
    def ambiguous(self) -> bool:
        return self.iri is None and bool(self.candidates)

    @property
    def not_found(self) -> bool:
        return bool(self.text) and self.iri is None and not self.candidates


def resolve(text: str | None, lang: str) -> Resolution:
    """An IRI, a prefixed name (actor:x) or words of a label, as one resource if possible."""
    text = (text or "").strip()
    if not text:
        return Resolution("")
    settings = kg().settings
    candidate = gd.expand(text, settings.base_iri) if not text.startswith(("http://", "https://")) else None
    for iri in filter(None, (candidate, text if gd.is_safe_iri(text) else None)):
        if gd.node_infos(kg().store, [iri])[iri].is_resource:
            return Resolution(text, iri)
    found = lookup(text, lang)
    exact = [f for f in found if f["label"].lower() == text.lower()]
    if len(exact) == 1 or len(found) == 1:
        return Resolution(text, (exact or found)[0]["iri"])
    return Resolution(text, None, found)


def _explorer_graph(start: str, expanded: list[str], lang: str) -> dict:
    """The start resource's neighbourhood merged with those of the expanded nodes."""
    graph = neighbourhood(kg().store, kg().settings, start, lang)
    graph["expanded"] = [start]
    nodes = {n["id"]: n for n in graph["nodes"]}
    edges = {e["id"]: e for e in graph["edges"]}
    for iri in expanded:
        if iri == start or iri not in nodes or iri in graph["expanded"]:
            continue
        more = neighbourhood(kg().store, kg().settings, iri, lang)
        nodes.update({n["id"]: n for n in more["nodes"]})
        edges.update({e["id"]: e for e in more["edges"]})
        graph["truncated"] = graph["truncated"] or more["truncated"]
        graph["expanded"].append(iri)
    counts: dict = {}
    class_entries = {}
    for cls in graph["classes"]:
        class_entries[cls["iri"]] = cls
    for node in nodes.values():
        counts[node["class"]] = counts.get(node["class"], 0) + 1
        class_entries.setdefault(node["class"], {"iri": node["class"], "label": node["class_label"],
                                                 "labels": node["class_labels"]})
    graph["classes"] = sorted(
        ({**class_entries[c], "count": n} for c, n in counts.items()), key=lambda c: c["label"].lower()
    )
    graph["nodes"] = sorted(nodes.values(), key=lambda n: (n["class_label"].lower(), n["label"].lower()))
    graph["edges"] = sorted(edges.values(), key=lambda e: (e["label"].lower(), e["source"], e["target"]))
    return graph


# --- pages ------------------------------------------------------------------------------------


@blueprint.get("/explore")
def explore():
    lang = _lang()
    resolution = resolve(request.args.get("resource"), lang)
    graph = None
    if resolution.iri:
        expanded = [e for e in request.args.getlist("expand") if gd.is_safe_iri(e)]
        graph = _explorer_graph(resolution.iri, expanded, lang)
    hidden = [h for h in request.args.getlist("hide") if h]
    if graph is not None and request.args.get("filtered"):
        shown = set(request.args.getlist("show"))
        hidden = sorted((c["iri"] or "") for c in graph["classes"] if (c["iri"] or "") not in shown)
    status = 404 if resolution.not_found else 200
    return render_template("views/explore.html", lang=lang, resolution=resolution, graph=graph,
                           hidden=hidden, examples=_examples(lang)), status


@blueprint.get("/paths")
def paths_page():
    lang = _lang()
    max_length = _max_length()
    source = resolve(request.args.get("from"), lang)
    target = resolve(request.args.get("to"), lang)
    result = None
    if source.iri and target.iri:
        result = find_connections(kg().store, kg().settings, source.iri, target.iri, lang, max_length)
    status = 404 if (source.not_found or target.not_found) else 200
    return render_template("views/paths.html", lang=lang, source=source, target=target, result=result,
                           max_length=max_length, max_max_length=MAX_MAX_LENGTH, examples=_path_examples(lang)), status


@blueprint.get("/gaps")
def gaps_page():
    lang = _lang()
    competence = _optional_competence()
    analysis = gap_analysis.analyse(kg().store, kg().settings, lang, competence)
    return render_template("views/gaps.html", lang=lang, analysis=analysis,
                           bars=_bar_chart, chosen=competence)


def _optional_competence() -> str | None:
    value = (request.args.get("competence") or "").strip()
    if not value:
        return None
    if not gd.is_safe_iri(value):
        raise BadParameter("competence", f"not an absolute IRI: {value!r}")
    return value


def _examples(lang: str) -> list[dict]:
    """Resources to start from: the competences and a few actors, as links for the forms."""
    ns = kg().settings.ontology_namespace
    rows = kg().store.select(
        "SELECT ?s WHERE { { ?s a %s } UNION { ?s a %s } }" % (gd.iri_ref(ns + "Competence"), gd.iri_ref(ns + "HigherEducationInstitution"))
    ).rows
    infos = gd.node_infos(kg().store, [str(r["s"]) for r in rows])
    return sorted(({"iri": i, "label": info.label(lang)} for i, info in infos.items()), key=lambda e: e["label"].lower())


def _path_examples(lang: str) -> list[dict]:
    """Pairs to try: each university or college with each competence (first few)."""
    ns = kg().settings.ontology_namespace
    store = kg().store
    universities = [str(r["s"]) for r in store.select("SELECT ?s WHERE { ?s a %s }" % gd.iri_ref(ns + "HigherEducationInstitution")).rows]
    competences = [str(r["s"]) for r in store.select("SELECT ?s WHERE { ?s a %s }" % gd.iri_ref(ns + "Competence")).rows]
    infos = gd.node_infos(store, universities + competences)
    ref = lambda i: {"iri": i, "label": infos[i].label(lang)}  # noqa: E731
    pairs = [(ref(u), ref(c)) for u in sorted(universities) for c in sorted(competences)]
    return [{"from": a, "to": b} for a, b in pairs[:4]]


@dataclass
class Bar:
    label: str
    value: int
    width: float
    href: str | None


def _bar_chart(rows: list[dict], label_key: str, value_key: str, top: int = 20) -> dict:
    """A horizontal bar chart's geometry (the template draws it as SVG): row[label_key] is a Ref."""
    chosen = rows[:top]
    biggest = max((r[value_key] for r in chosen), default=0) or 1
    bars = [Bar(r[label_key].label, r[value_key], 100.0 * r[value_key] / biggest, r[label_key].page) for r in chosen]
    return {"bars": bars, "height": 28 * len(bars) + 8, "omitted": max(0, len(rows) - top)}


# --- JSON -------------------------------------------------------------------------------------


@blueprint.get("/api/neighbourhood")
def neighbourhood_json():
    lang = _lang()
    iri = _required_iri("resource")
    try:
        return jsonify(neighbourhood(kg().store, kg().settings, iri, lang))
    except UnknownResource:
        return api_error(404, f"the graph does not describe {iri}")


@blueprint.get("/api/paths")
def paths_json():
    lang = _lang()
    source, target = _required_iri("from"), _required_iri("to")
    max_length = _max_length()
    try:
        return jsonify(find_connections(kg().store, kg().settings, source, target, lang, max_length))
    except UnknownResource as err:
        return api_error(404, f"the graph does not describe {err.args[0]}")


@blueprint.get("/api/lookup")
def lookup_json():
    lang = _lang()
    text = request.args.get("q")
    if text is None or not text.strip():
        raise BadParameter("q", "missing; give part of a label")
    return jsonify(lookup(text, lang))


@blueprint.get("/api/gaps/<table>")
def gaps_json(table: str):
    if table not in gap_analysis.TABLES:
        return api_error(404, f"no gap table '{table}'; tables: {', '.join(gap_analysis.TABLES)}")
    lang = _lang()
    competence = _optional_competence()
    fmt = request.args.get("format")
    if fmt not in (None, "json", "csv"):
        return api_error(406, f"format '{fmt}' is not offered; use json or csv")
    analysis = gap_analysis.analyse(kg().store, kg().settings, lang, competence)
    columns, rows = gap_analysis.flat_table(analysis, table)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        response = Response(out.getvalue(), mimetype="text/csv")
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = f'attachment; filename="gaps-{table}.csv"'
        return response
    return jsonify(rows)

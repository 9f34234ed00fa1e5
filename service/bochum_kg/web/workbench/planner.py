"""The relationship views for planners (their JSON is in web/api/relations.py).

    GET /explore?resource=IRI[&expand=IRI…][&hide=CLASS…]   explorer (Cytoscape.js)
    GET /paths?from=IRI&to=IRI[&max_length=4]                how are A and B connected?
    GET /gaps[?competence=IRI]                               gaps and overlaps

Every page's state is in its URL (the explorer updates it as nodes are expanded or filtered), so
a link reproduces the view. Labels follow the page language (?lang=de|en). The pages render
their tables on the server, so the node and edge lists (the text alternative of each graph)
work without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from flask import render_template, request

from bochum_kg.kg.analysis import gaps as gap_analysis
from bochum_kg.kg.analysis import graph_data as gd
from bochum_kg.kg.analysis.connections import MAX_MAX_LENGTH, find_connections
from bochum_kg.web.capped import OPTIONS_SHOWN, AllLink
from bochum_kg.web.workbench.gap_cells import GapCells
from bochum_kg.web.i18n import url_with_lang
from bochum_kg.web.lookup import explorer_graph, resolve
from bochum_kg.web.index_links import index_href_for_class
from bochum_kg.web import params
from bochum_kg.web import iris
from bochum_kg.web.context import kg


def template_helpers() -> dict:
    """What the views' templates call besides the layout's helpers (a context processor)."""
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


# --- pages ------------------------------------------------------------------------------------


def explore():
    lang = params.lang()
    resolution = resolve(request.args.get("resource"), lang)
    graph = None
    if resolution.iri:
        expanded = [e for e in request.args.getlist("expand") if gd.is_safe_iri(e)]
        graph = explorer_graph(resolution.iri, expanded, lang)
    hidden = [h for h in request.args.getlist("hide") if h]
    if graph is not None and request.args.get("filtered"):
        shown = set(request.args.getlist("show"))
        hidden = sorted((c["iri"] or "") for c in graph["classes"] if (c["iri"] or "") not in shown)
    status = 404 if resolution.not_found else 200
    examples, all_examples = _examples(lang)
    return render_template("views/explore.html", lang=lang, resolution=resolution, graph=graph,
                           hidden=hidden, examples=examples, all_examples=all_examples), status


def paths_page():
    lang = params.lang()
    max_length = params.max_length()
    source = resolve(request.args.get("from"), lang)
    target = resolve(request.args.get("to"), lang)
    result = None
    if source.iri and target.iri:
        result = find_connections(kg(), kg().settings, source.iri, target.iri, lang, max_length, iris.local_href)
    status = 404 if (source.not_found or target.not_found) else 200
    return render_template("views/paths.html", lang=lang, source=source, target=target, result=result,
                           max_length=max_length, max_max_length=MAX_MAX_LENGTH, examples=_path_examples(lang)), status


#: Rows shown per table of /gaps; the CSV and JSON of /api/gaps/{table} hold them all. At 500k
#: generated triples the page was 9 MB with every row (bench/README.md, "Scale").
GAPS_ROWS_SHOWN = 200

#: Resources /explore offers to start from, and the text of the link to all of each class. The
#: real data has 12; at 5M generated triples all 8,600 made the page 1.2 MB.
EXAMPLES_SHOWN = 50
EXAMPLE_CLASSES = {"Competence": "common.all_competences", "HigherEducationInstitution": "explore.all_universities"}


def gaps_page():
    lang = params.lang()
    competence = params.optional_competence()
    analysis = gap_analysis.analyse(kg(), kg().settings, lang, competence, iris.local_href)
    cells = GapCells(lang)
    return render_template("views/gaps.html", lang=lang, analysis=analysis, ref=cells.ref, refs=cells.refs, vt=cells.text,
                           bars=_bar_chart, chosen=competence, row_limit=GAPS_ROWS_SHOWN,
                           choices_shown=OPTIONS_SHOWN)


def _examples(lang: str) -> tuple[list[dict], list[AllLink]]:
    """Resources to start from: the competences and universities, as links for the forms (the first
    EXAMPLES_SHOWN by name; past them links to the indexes of each kind)."""
    ns = kg().settings.ontology_namespace
    members = {cls: [str(r["s"]) for r in kg().select("members-of-class", {"cls": URIRef(ns + cls)}).rows]
                for cls in EXAMPLE_CLASSES}
    # names from the label table read at start: at 5M generated triples, asking the store for all
    # 8,400 members' names took 0.5 s of every /explore
    labels = kg().labels
    wanted = sorted({iri for found in members.values() for iri in found if gd.is_safe_iri(iri)})
    examples = sorted(({"iri": i, "label": labels.label(i, lang)} for i in wanted), key=lambda e: e["label"].lower())
    if len(examples) <= EXAMPLES_SHOWN:
        return examples, []
    return examples[:EXAMPLES_SHOWN], [AllLink(key, len(members[cls]), url_with_lang(index_href_for_class(ns + cls)))
                                       for cls, key in EXAMPLE_CLASSES.items()]


def _path_examples(lang: str) -> list[dict]:
    """Pairs to try: each university or college with each competence (first few)."""
    ns = kg().settings.ontology_namespace
    universities = sorted(str(r["s"]) for r in kg().select("members-of-class", {"cls": URIRef(ns + "HigherEducationInstitution")}).rows)
    competences = sorted(str(r["s"]) for r in kg().select("members-of-class", {"cls": URIRef(ns + "Competence")}).rows)
    pairs = [(u, c) for u in universities[:4] for c in competences[:4]][:4]
    # names for the shown pairs only: at 5M generated triples all 5,700 took /paths to 120 s
    infos = gd.node_infos(kg(), sorted({iri for pair in pairs for iri in pair}))
    return [{"from": {"iri": a, "label": infos[a].label(lang)}, "to": {"iri": b, "label": infos[b].label(lang)}}
            for a, b in pairs]


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

"""The JSON behind the relationship views (/explore, /paths, /gaps), for their scripts and for programs.

    GET /api/neighbourhood?resource=IRI                      nodes and edges around a resource
    GET /api/paths?from=IRI&to=IRI[&max_length=4]            shortest paths as JSON
    GET /api/lookup?q=TEXT                                   resources by label / name / IRI
    GET /api/gaps/{table}[?format=csv][&limit=&offset=]      one gap-analysis table, paged

A wrong parameter raises web.params.BadParameter (answered 400 with the JSON error body); labels
follow ?lang=de|en, else the page language. A gap table is paged like the named queries' lists
(web/api/paging.py: 1000 rows unless ?limit= says otherwise); a page costs its rows, not the table's.
"""

from __future__ import annotations

import csv
import io

from flask import Response, jsonify, request

from bochum_kg.kg.analysis import gaps as gap_analysis
from bochum_kg.kg.analysis.gap_columns import flat_table
from bochum_kg.kg.analysis.connections import find_connections
from bochum_kg.web.lookup import lookup
from bochum_kg.kg.analysis.neighbourhood import UnknownResource, neighbourhood
from bochum_kg.web import iris
from bochum_kg.web.api import paging
from bochum_kg.web.context import kg
from bochum_kg.web.errors import api_error
from bochum_kg.web import params
from bochum_kg.web.params import BadParameter


def neighbourhood_json():
    lang = params.lang()
    iri = params.required_iri("resource")
    try:
        return jsonify(neighbourhood(kg(), kg().settings, iri, lang, page_href=iris.local_href))
    except UnknownResource:
        return api_error(404, f"the graph does not describe {iri}")


def paths_json():
    lang = params.lang()
    source, target = params.required_iri("from"), params.required_iri("to")
    max_length = params.max_length()
    try:
        return jsonify(find_connections(kg(), kg().settings, source, target, lang, max_length, iris.local_href))
    except UnknownResource as err:
        return api_error(404, f"the graph does not describe {err.args[0]}")


def lookup_json():
    lang = params.lang()
    text = request.args.get("q")
    if text is None or not text.strip():
        raise BadParameter("q", "missing; give part of a label")
    return jsonify(lookup(text, lang))


def gaps_json(table: str):
    if table not in gap_analysis.TABLES:
        return api_error(404, f"no gap table '{table}'; tables: {', '.join(gap_analysis.TABLES)}")
    lang = params.lang()
    competence = params.optional_competence()
    fmt = request.args.get("format")
    if fmt not in (None, "json", "csv"):
        return api_error(406, f"format '{fmt}' is not offered; use json or csv")
    limit, offset = paging.window()
    analysis = gap_analysis.analyse(kg(), kg().settings, lang, competence, iris.local_href, tables=(table,))
    total = len(getattr(analysis, table))
    columns, rows = flat_table(analysis, table, offset, offset + limit)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        response = Response(out.getvalue(), mimetype="text/csv")
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = f'attachment; filename="gaps-{table}.csv"'
    else:
        response = jsonify(rows)
    return paging.describe_page(response, "/api/gaps/" + table, limit, offset, total)

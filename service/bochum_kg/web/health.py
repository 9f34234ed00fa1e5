"""Liveness for operators and load balancers: GET /healthz."""

from __future__ import annotations

from flask import jsonify

from bochum_kg.web.context import kg


def healthz():
    """Liveness and a little about the store; cheap enough for a load balancer to poll."""
    graph = kg()
    body = {"status": "ok", "store": getattr(graph.store, "kind", "unknown"), "graphs": len(graph.store.graph_names())}
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response

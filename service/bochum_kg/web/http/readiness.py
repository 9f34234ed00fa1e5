"""GET /readyz: may a load balancer send this worker more work? (/healthz only says it is alive.)

Ready when the graph is loaded and answers, the worker is not being replaced (retirement.py) and
its queue has room (admission.py). Each answer speaks for the worker that gave it.
"""

from __future__ import annotations

from flask import current_app, jsonify

from bochum_kg.web import context
from bochum_kg.web.http import retirement


def readyz():
    from bochum_kg.web.http.serving import ADMISSION

    reasons = []
    try:
        graphs = len(context.kg().store.graph_names())
    except Exception:  # a remote store that does not answer
        graphs = 0
    if not graphs:
        reasons.append("the graph is not loaded")
    why = retirement.retiring()
    if why:
        reasons.append(f"the worker is being replaced ({why})")
    admission = current_app.extensions.get(ADMISSION)
    load = admission.snapshot() if admission is not None else {}
    if admission is not None and admission.saturated():
        reasons.append("every query slot is taken and the queue is full")
    body = {"status": "not ready" if reasons else "ready", "reasons": reasons, "graphs": graphs, **load}
    response = jsonify(body)
    response.status_code = 503 if reasons else 200
    response.headers["Cache-Control"] = "no-store"
    if reasons:
        response.headers["Retry-After"] = "1"
    return response

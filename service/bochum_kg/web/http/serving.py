"""The serving stack a public server puts around the app, in one place (README "Running it in public").

    RequestMetrics (metrics.py: every answer counted)
      -> Admission (admission.py: client limits 429, body deadline 408, query slots 503, memory ceiling)
        -> ResponseCache, when the app has one (response_cache.py)
          -> Flask

`protect` is applied by `bochum-kg serve` and by wsgi.py in the master, before the workers are
forked, so that they share the overrun budget's memory. The Flask test client and the
development server run the app without it.
"""

from __future__ import annotations

from flask import Flask

from bochum_kg.web.http import uploads
from bochum_kg.web.http.admission import Admission
from bochum_kg.web.http.limits import ServingLimits
from bochum_kg.web.http.metrics import RequestMetrics
from bochum_kg.web.http.overrun_budget import OverrunBudget
from bochum_kg.web.http.response_cache import ResponseCache

ADMISSION = "bochum_kg.admission"
LIMITS = "bochum_kg.serving_limits"


def protect(app: Flask, limits: ServingLimits) -> Flask:
    """Wrap `app.wsgi_app` in the serving stack (once); returns the app."""
    if ADMISSION in app.extensions:
        raise RuntimeError("the serving stack is already in place")
    cache = app.wsgi_app if isinstance(app.wsgi_app, ResponseCache) else None
    budget = OverrunBudget(limits.overrun_budget, limits.overrun_window) if limits.overrun_budget > 0 else None
    admission = Admission(app.wsgi_app, limits, budget, replayable=cache.holds if cache is not None else None,
                          body_limits=uploads.body_limits(app))
    app.extensions[ADMISSION] = admission
    app.extensions[LIMITS] = limits
    app.wsgi_app = RequestMetrics(admission, app.url_map)
    return app

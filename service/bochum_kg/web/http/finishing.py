"""What every answer of the app gets on its way out, added to the WSGI header list in one place:
the CORS headers (cors.py), the total time as a Server-Timing entry after the view's own, and
one access log line (access_log.py).

WSGI middleware directly around Flask (create_app), inside the response cache, which keeps these
headers with an answer and writes its own timing and log line for a replay. Done here rather
than in Flask's after_request functions, each of which costs a dispatch and header edits that
scan the whole header list (measured with bench/instructions.py).

The time is taken when the app starts the response: for a complete answer its body is made by
then; a streamed answer's time is that of its first byte, as its log line says.
"""

from __future__ import annotations

import time

from bochum_kg.web.http.access_log import log_request
from bochum_kg.web.http.cors import with_cors


class FinishEveryAnswer:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        started = time.perf_counter()

        def finish(status, headers, exc_info=None):
            elapsed_ms = (time.perf_counter() - started) * 1000
            status, headers = with_cors(environ, status, headers)
            total = f"total;dur={elapsed_ms:.2f}"
            length = None
            for index, (name, value) in enumerate(headers):
                lower = name.lower()
                if lower == "server-timing":
                    headers[index] = (name, f"{value}, {total}")
                    total = None
                elif lower == "content-length":
                    length = int(value) if value.isdigit() else None
            if total is not None:
                headers.append(("Server-Timing", total))
            log_request(environ, int(status[:3]), length, elapsed_ms)
            return start_response(status, headers, exc_info)

        return self.app(environ, finish)

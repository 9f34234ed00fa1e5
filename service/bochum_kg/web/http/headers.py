"""Cheap reads and edits of a response's headers, for the code every answer passes through.

Werkzeug's `Headers.get` and `in` raise and catch an HTTP exception object for every header that
is absent, and `response.vary` parses the Vary header into a set and writes it back on each
`add`. These helpers scan the header list once instead (measured with bench/instructions.py).
"""

from __future__ import annotations

from werkzeug.datastructures import Headers


def header_value(headers: Headers, name: str) -> str | None:
    """The first value of header `name`, None when absent."""
    wanted = name.lower()
    for key, value in headers:
        if key.lower() == wanted:
            return value
    return None


def add_vary(headers: Headers, name: str) -> None:
    """Add `name` to Vary, once (the same as `response.vary.add(name)`)."""
    current = header_value(headers, "Vary")
    if current is None:
        headers.add("Vary", name)
        return
    listed = [item.strip() for item in current.split(",")]
    if name.lower() not in (item.lower() for item in listed):
        headers["Vary"] = f"{current}, {name}"

"""limit/offset paging of the API's lists: the parameters, and the Link header to the other pages.

Every list the API answers (named SELECT queries, /api/gaps/{table}) holds at most `limit` rows
(DEFAULT_LIMIT unless asked, at most MAX_LIMIT) from `offset`; `Link` (first, prev, next, last)
and `X-Total-Count` say where the other pages are. A wrong value is a 400 naming the parameter.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, request

from bochum_kg.web import iris
from bochum_kg.web.params import BadParameter

DEFAULT_LIMIT = 1000
MAX_LIMIT = 10000


def int_parameter(name: str, default: int, low: int, high: int | None) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    text = raw.strip()
    if not (text.isascii() and text.isdecimal()):  # isdigit() passes "²", which int() refuses
        raise BadParameter(name, f"must be a whole number, got {raw!r}")
    value = int(text)
    if value < low or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise BadParameter(name, f"must be {bounds}, got {value}")
    return value


def window() -> tuple[int, int]:
    """(limit, offset) of this request."""
    return int_parameter("limit", DEFAULT_LIMIT, 1, MAX_LIMIT), int_parameter("offset", 0, 0, None)


def _page_link(path: str, limit: int, offset: int) -> str:
    params = [(k, v) for k, v in request.args.items(multi=True) if k not in ("limit", "offset")]
    params += [("limit", str(limit)), ("offset", str(offset))]
    return iris.server_url(path) + "?" + urlencode(params)


def link_header(path: str, limit: int, offset: int, total: int) -> str:
    """RFC 8288 links to the first, previous, next and last page of the list at `path`."""
    links = [(_page_link(path, limit, 0), "first")]
    if offset > 0:
        links.append((_page_link(path, limit, max(0, offset - limit)), "prev"))
    if offset + limit < total:
        links.append((_page_link(path, limit, offset + limit), "next"))
    last = ((total - 1) // limit) * limit if total > 0 else 0
    links.append((_page_link(path, limit, last), "last"))
    return ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links)


def describe_page(response: Response, path: str, limit: int, offset: int, total: int) -> Response:
    """X-Total-Count and Link on one page of the list at `path`."""
    response.headers["X-Total-Count"] = str(total)
    response.headers["Link"] = link_header(path, limit, offset, total)
    return response

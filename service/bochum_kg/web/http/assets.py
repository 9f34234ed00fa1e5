"""The static files (web/static/: app scripts and styles, the vendor libraries) under fingerprinted
URLs that browsers keep for a year.

At start-up every file is read and hashed once (`AssetTable`). Templates name files with
`asset_url("app/workbench.js")`, which gives `/static/app/workbench.<hash>.js`: that URL names
one content for ever and is answered with `Cache-Control: public, max-age=31536000, immutable`,
so a repeat visit asks for no script or style sheet at all. A changed file gets a new URL, and the
pages naming it are revalidated by their ETag, so they name the new one at once.

`/static/<name>` without a fingerprint is answered too, with `Cache-Control: no-cache`
(revalidated by ETag): relative references inside the files (a source map next to its script) and
anything that links a file by its plain name. A fingerprint that is not the current one (a page
kept from before an upgrade) gets the current file the same way, never cached for long.

Each text file is compressed once per coding, when first asked for, and kept: Brotli at the
highest quality for files up to 64 KiB and quality 9 above (the 1 MB YASGUI script takes 0.4 s at
9 and 5 s at 11, for 8 % less), gzip at level 9 without a time stamp. The coding follows
compression.py's choice, the ETag is the fingerprint plus the coding, as for every other answer.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path

import brotli
from flask import Flask, Response, current_app, request

from bochum_kg.web.errors import respond
from bochum_kg.web.http.compression import preferred_coding
from bochum_kg.web.http.headers import add_vary

STATIC_ROOT = Path(__file__).resolve().parent.parent / "static"
EXTENSION = "bochum_kg.assets"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
FINGERPRINT_DIGITS = 12
BROTLI_BEST_UP_TO = 64 * 1024
_FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<fingerprint>[0-9a-f]{%d})(?P<suffix>\.[A-Za-z0-9]+)?$" % FINGERPRINT_DIGITS)
_TEXT_TYPES = {"application/javascript", "text/javascript", "application/json", "image/svg+xml"}


@dataclass
class Asset:
    name: str  # relative to web/static/, with "/"
    body: bytes
    fingerprint: str
    mimetype: str
    encoded: dict[str, bytes] = field(default_factory=dict)

    @property
    def compressible(self) -> bool:
        return self.mimetype.startswith("text/") or self.mimetype in _TEXT_TYPES

    @property
    def url_name(self) -> str:
        """`app/site.js` -> `app/site.<fingerprint>.js` (`LICENSE` -> `LICENSE.<fingerprint>`)."""
        folder, _, file = self.name.rpartition("/")
        stem, dot, suffix = file.rpartition(".")
        named = f"{stem}.{self.fingerprint}.{suffix}" if dot and stem else f"{file}.{self.fingerprint}"
        return f"{folder}/{named}" if folder else named

    def body_for(self, coding: str | None) -> bytes:
        """The body in `coding` (None: as it is), compressed on the first call and kept."""
        if coding is None:
            return self.body
        kept = self.encoded.get(coding)
        if kept is None:
            kept = self.encoded.setdefault(coding, _compress(self.body, coding))
        return kept


def _compress(body: bytes, coding: str) -> bytes:
    if coding == "br":
        return brotli.compress(body, mode=brotli.MODE_TEXT, quality=11 if len(body) <= BROTLI_BEST_UP_TO else 9)
    if coding == "gzip":
        return gzip.compress(body, compresslevel=9, mtime=0)
    raise ValueError(f"unknown coding {coding!r}")


def _mimetype(name: str) -> str:
    if name.endswith(".map"):
        return "application/json"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


class AssetTable:
    """Every file below `root`, read and fingerprinted once."""

    def __init__(self, root: Path = STATIC_ROOT):
        self.assets: dict[str, Asset] = {}
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            body = path.read_bytes()
            name = path.relative_to(root).as_posix()
            fingerprint = hashlib.blake2b(body, digest_size=FINGERPRINT_DIGITS // 2).hexdigest()
            self.assets[name] = Asset(name, body, fingerprint, _mimetype(name))

    def url(self, name: str) -> str:
        """The fingerprinted URL of a file (a missing one, e.g. vendor files not built: its plain URL)."""
        asset = self.assets.get(name)
        return f"{request.script_root}/static/{asset.url_name if asset else name}"

    def find(self, requested: str) -> tuple[Asset, bool] | None:
        """(asset, whether the URL carries its current fingerprint) for a requested name, or None."""
        if requested in self.assets:
            return self.assets[requested], False
        match = _FINGERPRINTED.match(requested)
        if match is None:
            return None
        asset = self.assets.get(match["stem"] + (match["suffix"] or ""))
        if asset is None:
            return None
        return asset, match["fingerprint"] == asset.fingerprint


def init_app(app: Flask, root: Path = STATIC_ROOT) -> AssetTable:
    table = AssetTable(root)
    app.extensions[EXTENSION] = table
    return table


FAVICON = "favicon.svg"


def asset_url(name: str) -> str:
    """Template helper: the fingerprinted URL of web/static/<name>."""
    return current_app.extensions[EXTENSION].url(name)


def favicon() -> Response:
    """GET /favicon.ico: the site's SVG icon, for clients that ask the conventional path instead of
    reading the page's <link rel="icon"> (feed readers, crawlers, older browsers)."""
    return static_file(FAVICON)


def static_file(filename: str) -> Response:
    """GET /static/<filename>: a file by its fingerprinted name (kept a year) or its plain name (revalidated)."""
    found = current_app.extensions[EXTENSION].find(filename)
    if found is None:
        return respond(404, "Not Found", f"No static file named {filename!r}.")
    asset, current = found
    coding = preferred_coding(request.headers.get("Accept-Encoding", "")) if asset.compressible else None
    response = Response(asset.body_for(coding), mimetype=asset.mimetype)
    if coding:
        response.headers["Content-Encoding"] = coding
    if asset.compressible:
        add_vary(response.headers, "Accept-Encoding")
    response.set_etag(asset.fingerprint + (":" + coding if coding else ""))  # conditional.py answers If-None-Match
    response.headers["Cache-Control"] = IMMUTABLE if current else REVALIDATE
    return response

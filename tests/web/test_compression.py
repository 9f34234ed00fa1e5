"""Compressed answers (web/http/compression.py): Brotli or gzip by Accept-Encoding, an ETag per
variant with its own 304, the response cache keeping each variant, dumps and streams left alone."""

from __future__ import annotations

import gzip
import itertools
from urllib.parse import quote

import brotli
import pytest
from flask import Flask, Response

from bochum_kg.web.http import compression

_unique = itertools.count()

DECODE = {None: lambda body: body, "gzip": gzip.decompress, "br": brotli.decompress}
PAGES = [
    ("/project/haus-des-wissens.html", "text/html"),
    ("/api/goals?competence=https://w3id.org/bochum-strategie/competence/shootingstar-der-wissensarbeit", "application/json"),
    ("/sparql?query=" + quote("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 40"), "application/sparql-results+json"),
    ("/project/haus-des-wissens.ttl", "text/turtle"),
    ("/api/openapi.json", "application/json"),
]


def get(client, path: str, accept: str, encoding: str | None = None, **headers):
    sent = {"Accept": accept, **({"Accept-Encoding": encoding} if encoding else {}), **headers}
    return client.get(path, headers={k.replace("_", "-"): v for k, v in sent.items()})


@pytest.mark.parametrize("path, accept", PAGES)
def test_each_coding_is_its_own_variant_with_its_own_etag_and_304(client, path, accept):
    plain = get(client, path, accept)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.headers["Vary"]
    identity_etag = plain.headers["ETag"]
    seen = {identity_etag}
    for header, coding in [("gzip", "gzip"), ("gzip, deflate, br, zstd", "br"), ("br;q=0.5, gzip", "gzip")]:
        response = get(client, path, accept, header)
        assert response.headers["Content-Encoding"] == coding, header
        assert "Accept-Encoding" in response.headers["Vary"]
        assert DECODE[coding](response.get_data()) == plain.get_data()
        assert len(response.get_data()) < len(plain.get_data()) / 2
        etag = response.headers["ETag"]
        assert etag == identity_etag[:-1] + ":" + coding + '"'  # strong, and named after the variant
        seen.add(etag)
        revalidated = get(client, path, accept, header, If_None_Match=etag)
        assert revalidated.status_code == 304 and revalidated.get_data() == b""
        assert revalidated.headers["ETag"] == etag and "Accept-Encoding" in revalidated.headers["Vary"]
        other = get(client, path, accept, header, If_None_Match=identity_etag[:-1] + ':zstd"')
        assert other.status_code == 200
    assert len(seen) == 3
    assert get(client, path, accept, If_None_Match=identity_etag).status_code == 304
    # a client that holds the uncompressed variant gets no 304 for the gzip one's validator
    assert get(client, path, accept, If_None_Match=identity_etag[:-1] + ':gzip"').status_code == 200


@pytest.mark.parametrize("header", ["identity", "gzip;q=0, br;q=0", "deflate", "compress"])
def test_no_coding_the_client_does_not_ask_for(client, header):
    response = get(client, "/project/haus-des-wissens.html", "text/html", header)
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    assert response.get_data(as_text=True).startswith("<!DOCTYPE html>")


def test_the_response_cache_keeps_one_entry_per_coding(client):
    """Compressed bodies are kept compressed, keyed on Accept-Encoding: replays never recompress."""
    path = "/sparql?query=" + quote(f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} ORDER BY ?s ?p ?o LIMIT 30 # {next(_unique)}")
    accept = "application/sparql-results+json"
    first = {coding: get(client, path, accept, coding) for coding in ("gzip", None, "br")}
    assert {c: r.headers["X-Cache"] for c, r in first.items()} == {"gzip": "miss", None: "miss", "br": "miss"}
    again = {coding: get(client, path, accept, coding) for coding in ("gzip", None, "br")}
    for coding, response in again.items():
        assert response.headers["X-Cache"] == "hit"
        assert response.headers.get("Content-Encoding") == coding
        assert response.get_data() == first[coding].get_data()  # the stored bytes, not a new compression
        assert response.headers["ETag"] == first[coding].headers["ETag"]
        assert DECODE[coding](response.get_data()) == first[None].get_data()
    assert len({r.headers["ETag"] for r in again.values()}) == 3
    gzip_etag = again["gzip"].headers["ETag"]
    not_modified = get(client, path, accept, "gzip", If_None_Match=gzip_etag)
    assert not_modified.status_code == 304 and not_modified.headers["X-Cache"] == "hit"
    assert not_modified.headers["ETag"] == gzip_etag and "Content-Encoding" not in not_modified.headers
    assert get(client, path, accept, None, If_None_Match=gzip_etag).status_code == 200  # another variant
    assert get(client, path, accept, "br", If_None_Match=gzip_etag).status_code == 200


def test_the_response_cache_tells_accept_encoding_headers_apart(client):
    path = "/sparql?query=" + quote(f"SELECT * WHERE {{ ?s a ?c }} ORDER BY ?s LIMIT 50 # {next(_unique)}")
    accept = "application/sparql-results+json"
    assert get(client, path, accept, "br, gzip").headers["Content-Encoding"] == "br"
    only_gzip = get(client, path, accept, "gzip")  # must not be handed the Brotli entry
    assert only_gzip.headers["X-Cache"] == "miss" and only_gzip.headers["Content-Encoding"] == "gzip"


def test_dumps_are_not_compressed_twice_and_keep_their_ranges(client):
    plain = client.get("/dumps/bochum-strategie.nt").get_data()
    encoded = client.get("/dumps/bochum-strategie.nt", headers={"Accept-Encoding": "gzip, br"})
    assert encoded.headers["Content-Encoding"] == "gzip"  # the stored .gz file, sent as it is
    assert gzip.decompress(encoded.get_data()) == plain
    brotli_only = client.get("/dumps/bochum-strategie.nt", headers={"Accept-Encoding": "br"})
    assert "Content-Encoding" not in brotli_only.headers and brotli_only.get_data() == plain
    part = client.get("/dumps/bochum-strategie.nt", headers={"Accept-Encoding": "br", "Range": "bytes=10-99"})
    assert part.status_code == 206 and part.get_data() == plain[10:100]
    assert "Content-Encoding" not in part.headers


def test_streamed_answers_stay_streamed_and_whole_ones_are_compressed():
    app = Flask(__name__)
    compression.init_app(app)
    text = "<p>" + "ein Absatz " * 200 + "</p>"

    @app.get("/stream")
    def stream():
        return Response((text for _ in range(3)), mimetype="text/html")

    @app.get("/whole")
    def whole():
        return Response(text * 3, mimetype="text/html")

    client = app.test_client()
    streamed = client.get("/stream", headers={"Accept-Encoding": "gzip, br"}, buffered=False)
    assert streamed.is_streamed and "Content-Encoding" not in streamed.headers and "Content-Length" not in streamed.headers
    assert streamed.get_data(as_text=True) == text * 3
    compressed = client.get("/whole", headers={"Accept-Encoding": "gzip, br"})
    assert compressed.headers["Content-Encoding"] == "br"


@pytest.mark.parametrize("header, coding", [
    ("", None), ("gzip", "gzip"), ("gzip, deflate, br, zstd", "br"), ("br;q=0.5, gzip", "gzip"),
    ("gzip;q=0, br;q=0", None), ("br;q=0, *", "gzip"), ("*", "br"), ("*;q=0.2, br;q=0", "gzip"),
    ("identity", None), ("identity;q=1, gzip;q=0.5", None), ("deflate, zstd", None), ("GZIP ; q=0.8", "gzip"),
    ("gzip;q=x", None),
])
def test_the_coding_a_client_prefers(header, coding):
    assert compression.preferred_coding(header) == coding
    if header:
        app = Flask(__name__)
        compression.init_app(app)
        app.get("/")(lambda: Response("<p>" + "Wissen " * 200, mimetype="text/html"))
        response = app.test_client().get("/", headers={"Accept-Encoding": header})
        assert response.headers.get("Content-Encoding") == coding
        assert response.headers["Vary"] == "Accept-Encoding"

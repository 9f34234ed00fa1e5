"""Conditional GET (web/conditional.py): ETags and 304 on pages and documents, ranges on dumps."""

from __future__ import annotations

import gzip
import re

import pytest

STRONG_ETAG = re.compile(r'"[0-9a-f]{24,40}"')


@pytest.mark.parametrize("path, accept", [
    ("/project/haus-des-wissens.html", "text/html"),
    ("/project/haus-des-wissens.ttl", "text/turtle"),
    ("/ontology.html", "text/html"),
    ("/.well-known/void", "text/turtle"),
    ("/dumps/bochum-strategie.nt", "*/*"),
])
def test_answers_carry_a_strong_etag_and_honour_if_none_match(client, path, accept):
    first = client.get(path, headers={"Accept": accept})
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert STRONG_ETAG.fullmatch(etag)
    assert client.get(path, headers={"Accept": accept}).headers["ETag"] == etag  # stable: the data does not change
    revalidated = client.get(path, headers={"Accept": accept, "If-None-Match": etag})
    assert revalidated.status_code == 304 and revalidated.data == b""
    assert revalidated.headers["ETag"] == etag
    assert client.get(path, headers={"Accept": accept, "If-None-Match": '"0000"'}).status_code == 200


def test_the_gzipped_and_the_plain_dump_have_different_etags(client):
    plain = client.get("/dumps/bochum-strategie.nt")
    encoded = client.get("/dumps/bochum-strategie.nt", headers={"Accept-Encoding": "gzip"})
    assert encoded.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(encoded.data) == plain.data
    assert plain.headers["ETag"] != encoded.headers["ETag"]
    assert "Accept-Encoding" in plain.headers["Vary"]


def test_a_dump_download_can_resume_with_a_range(client):
    whole = client.get("/dumps/bochum-strategie.nt").data
    assert client.get("/dumps/bochum-strategie.nt").headers["Accept-Ranges"] == "bytes"
    part = client.get("/dumps/bochum-strategie.nt", headers={"Range": "bytes=100-"})
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 100-{len(whole) - 1}/{len(whole)}"
    assert part.data == whole[100:]
    etag = part.headers["ETag"]
    stale = client.get("/dumps/bochum-strategie.nt", headers={"Range": "bytes=100-", "If-Range": '"0000"'})
    assert stale.status_code == 200 and stale.data == whole  # the validator changed: the whole file
    fresh = client.get("/dumps/bochum-strategie.nt", headers={"Range": "bytes=0-9", "If-Range": etag})
    assert fresh.status_code == 206 and fresh.data == whole[:10]


def test_pages_take_no_ranges_and_errors_get_no_etag(client):
    page = client.get("/project/haus-des-wissens.html", headers={"Range": "bytes=0-9"})
    assert page.status_code == 200 and "Accept-Ranges" not in page.headers
    missing = client.get("/project/no-such-project.html")
    assert missing.status_code == 404 and "ETag" not in missing.headers
    health = client.get("/healthz")
    assert health.status_code == 200 and "ETag" not in health.headers

"""Input that used to end in a 500 or in a forged log line: each gets its 4xx, the log stays one line per request."""

from __future__ import annotations

import io
import logging

import pytest

from bochum_kg.web.http import access_log

DUMP = "/dumps/bochum-strategie.nt"


@pytest.mark.parametrize("header", ["bytes=999999999-", "bytes=", "bytes=5-2"])
def test_a_range_that_cannot_be_served_is_a_416_with_the_length(client, header):
    length = len(client.get(DUMP).get_data())
    response = client.get(DUMP, headers={"Range": header})
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{length}"
    body = response.get_json()
    assert body["status"] == 416 and body["error"] and body["message"]


def test_a_servable_range_is_still_a_206(client):
    response = client.get(DUMP, headers={"Range": "bytes=0-9"})
    assert response.status_code == 206 and len(response.get_data()) == 10


@pytest.mark.parametrize("path", [
    "/api/projects?offset=%C2%B2",        # "²": str.isdigit() says yes, int() says no
    "/api/projects?limit=%D9%A3",         # Arabic-Indic three: a decimal, but not an ASCII one
    "/api/projects?offset=1%C2%B9",
])
def test_a_superscript_digit_in_a_paging_parameter_is_a_400(client, path):
    response = client.get(path)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.get_json()["status"] == 400


@pytest.mark.parametrize("prefix", ["/api/paths", "/paths"])
def test_a_superscript_digit_as_max_length_is_a_400(client, prefix):
    ends = "from=https://w3id.org/bochum-strategie/project/haus-des-wissens&to=https://w3id.org/bochum-strategie/actor/stadt-bochum"
    response = client.get(f"{prefix}?{ends}&max_length=%C2%B2", headers={"Accept": "application/json"})
    assert response.status_code == 400, response.get_data(as_text=True)[:300]


def test_control_characters_from_the_request_cannot_forge_log_lines(client, caplog):
    caplog.set_level(logging.INFO, logger="bochum_kg.access")
    stream = io.StringIO()
    access_log.write_to(stream)
    try:
        client.get("/x%0d%0a[2026-01-01 00:00:00 +0000] [1] [INFO] bochum_kg.access: 6.6.6.6 \"GET /admin\" 200 1 0.1ms")
        # WSGI strings are bytes as latin-1: "\xc2\x85" is NEL (U+0085) in UTF-8
        client.get("/sparql?query=ASK%7B%7D", environ_overrides={"PATH_INFO": "/sparql\x1b[2J\x00\xc2\x85\"q\\"})
    finally:
        access_log.write_to(None)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2, lines
    assert "\\x0d\\x0a[2026-01-01" in lines[0] and "\\\"GET /admin\\\"" in lines[0]
    assert "/sparql\\x1b[2J\\x00\xc2\\x85\\\"q\\\\" in lines[1]
    for line in lines:
        assert all(ch >= " " and not 0x7f <= ord(ch) <= 0x9f for ch in line), line


def test_an_ordinary_request_line_is_written_as_it_was_sent():
    assert access_log.escape("/project/haus-des-wissens?x=%22a%22") == "/project/haus-des-wissens?x=%22a%22"
    assert access_log.escape("/ort/Bochum-Höntrop") == "/ort/Bochum-Höntrop"

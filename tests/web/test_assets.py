"""Static files under fingerprinted URLs (web/http/assets.py): the pages name them, browsers keep
them a year, a changed file gets a new URL; plain names are revalidated."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from bochum_kg.web.http import assets

STATIC = Path(assets.__file__).resolve().parent.parent / "static"
TEMPLATES = STATIC.parent / "templates"
FINGERPRINTED = re.compile(r"/static/(?P<stem>[\w./-]+)\.(?P<hash>[0-9a-f]{12})(?P<suffix>\.\w+)$")
PAGES = ["/", "/project/haus-des-wissens.html", "/workbench", "/explore?resource=https://w3id.org/bochum-strategie/project/haus-des-wissens",
         "/paths", "/gaps", "/api/docs", "/ontology.html", "/search?q=wissen", "/project/no-such-thing.html"]


def static_references(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]*/static/[^"]*)"', html)


@pytest.mark.parametrize("path", PAGES)
def test_pages_name_every_static_file_by_its_fingerprint(client, path):
    html = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
    references = static_references(html)
    assert references, "the layout loads at least its style sheet and site.js"
    for url in references:
        match = FINGERPRINTED.fullmatch(url)
        assert match, url
        name = match["stem"] + match["suffix"]
        assert (STATIC / name).is_file(), url
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.get_data() == (STATIC / name).read_bytes()


def test_templates_name_static_files_only_through_asset_url():
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "url_for('static'" not in text and 'url_for("static"' not in text, template
        assert not re.search(r'(?:src|href)="[^"{]*/static/', text), template


def test_the_fingerprint_is_the_content(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "x.js").write_text("let a = 1;\n")
    before = assets.AssetTable(tmp_path).assets["app/x.js"]
    (tmp_path / "app" / "x.js").write_text("let a = 2;\n")
    after = assets.AssetTable(tmp_path).assets["app/x.js"]
    assert before.url_name != after.url_name
    assert re.fullmatch(r"app/x\.[0-9a-f]{12}\.js", after.url_name)
    assert assets.AssetTable(tmp_path).find(after.url_name) == (assets.AssetTable(tmp_path).assets["app/x.js"], True)


def test_plain_and_outdated_names_are_served_but_revalidated(client, app):
    plain = client.get("/static/style.css")
    assert plain.status_code == 200 and plain.headers["Cache-Control"] == "no-cache"
    assert plain.get_data() == (STATIC / "style.css").read_bytes()
    outdated = client.get("/static/style.000000000000.css")
    assert outdated.status_code == 200 and outdated.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/no-such-file.css").status_code == 404
    assert client.get("/static/style.000000000000.nope").status_code == 404
    etag = plain.headers["ETag"]
    assert client.get("/static/style.css", headers={"If-None-Match": etag}).status_code == 304


def test_assets_are_compressed_once_with_an_etag_per_coding(client):
    with client.application.test_request_context():
        url = assets.asset_url("app/workbench.js")
    source = (STATIC / "app" / "workbench.js").read_bytes()
    plain = client.get(url)
    etags = {plain.headers["ETag"]}
    for coding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        first = client.get(url, headers={"Accept-Encoding": coding})
        again = client.get(url, headers={"Accept-Encoding": coding})
        assert first.headers["Content-Encoding"] == coding and "Accept-Encoding" in first.headers["Vary"]
        assert decode(first.get_data()) == source and len(first.get_data()) < len(source) / 2
        assert again.get_data() == first.get_data()  # kept, and byte for byte the same variant
        assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        etag = first.headers["ETag"]
        etags.add(etag)
        revalidated = client.get(url, headers={"Accept-Encoding": coding, "If-None-Match": etag})
        assert revalidated.status_code == 304
    assert len(etags) == 3
    svg = client.get("/static/favicon.svg", headers={"Accept-Encoding": "gzip"})
    assert svg.mimetype == "image/svg+xml" and svg.headers["Content-Encoding"] == "gzip"
    conventional = client.get("/favicon.ico")  # for clients that do not read <link rel="icon">
    assert conventional.status_code == 200 and conventional.mimetype == "image/svg+xml"
    assert conventional.get_data() == client.get("/static/favicon.svg").get_data()

"""`bochum-kg export`, and the URL space of the linked-data pages pinned path by path (all faces: tests/web/test_routes.py)."""

from __future__ import annotations

import argparse
import gzip

import pytest

from bochum_kg.cli import build_parser
from bochum_kg.commands import export
from bochum_kg.config import Settings

from ld_helpers import parse_rdf

NAMES = [f"bochum-strategie.{s}" for s in ("jsonld", "nq", "nt", "trig", "ttl")]


def _settings(root) -> Settings:
    return Settings(project_root=root, validate_on_start=False)


def test_export_writes_the_dumps_the_service_serves(each_kind_root, each_kind_app, tmp_path, capsys):
    args = build_parser().parse_args(["export", "--out", str(tmp_path / "out"), "--gzip"])
    assert export.run(args, _settings(each_kind_root)) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(NAMES + [n + ".gz" for n in NAMES])
    served = each_kind_app.extensions["bochum_kg"].dumps()
    for name in NAMES:
        content = (tmp_path / "out" / name).read_bytes()
        assert content == served.files[name].content, name
        assert gzip.decompress((tmp_path / "out" / (name + ".gz")).read_bytes()) == content
    out = capsys.readouterr()
    assert f"{tmp_path / 'out' / 'bochum-strategie.ttl'}\t" in out.out


def test_export_is_repeatable_and_gzip_is_optional(each_kind_root, tmp_path):
    for run_dir in ("a", "b"):
        args = argparse.Namespace(out=tmp_path / run_dir, gzip=run_dir == "b")
        assert export.run(args, _settings(each_kind_root)) == 0
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(NAMES)
    for name in NAMES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_exported_dumps_hold_every_triple(each_kind_root, each_kind_app, tmp_path):
    args = argparse.Namespace(out=tmp_path, gzip=False)
    assert export.run(args, _settings(each_kind_root)) == 0
    store = each_kind_app.extensions["bochum_kg"].store
    triples = store.statistics().default_graph
    for name, mimetype in (("ttl", "text/turtle"), ("nt", "application/n-triples"), ("trig", "application/trig"),
                           ("nq", "application/n-quads")):
        assert len(parse_rdf((tmp_path / f"bochum-strategie.{name}").read_bytes(), mimetype)) == triples, name


def test_export_into_an_unwritable_place_is_exit_2(each_kind_root, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    args = argparse.Namespace(out=blocker / "sub", gzip=False)
    assert export.run(args, _settings(each_kind_root)) == 2
    assert "cannot write" in capsys.readouterr().err


# path -> (status, media type) for the linked-data pages on the fixture data (no Accept header)
ROUTES = [
    ("/", 200, "text/html"),
    ("/search?q=haus", 200, "text/html"),
    ("/search?q=haus&format=json", 200, "application/json"),
    ("/context.jsonld", 200, "application/ld+json"),
    ("/.well-known/void", 200, "text/turtle"),
    ("/sitemap.xml", 200, "application/xml"),
    ("/robots.txt", 200, "text/plain"),
    ("/sources", 200, "text/html"),
    ("/dumps/", 200, "text/html"),
    ("/dumps/bochum-strategie.ttl", 200, "text/turtle"),
    ("/dumps/bochum-strategie.nq.gz", 200, "application/gzip"),
    ("/project/", 200, "text/html"),
    ("/graph/", 200, "text/html"),
    ("/project", 301, None),
    ("/project/haus-des-wissens", 303, None),
    ("/project/haus-des-wissens.html", 200, "text/html"),
    ("/project/haus-des-wissens.ttl", 200, "text/turtle"),
    ("/project/haus-des-wissens.jsonld", 200, "application/ld+json"),
    ("/project/haus-des-wissens.rdf", 200, "application/rdf+xml"),
    ("/project/haus-des-wissens.nt", 200, "application/n-triples"),
    ("/ontology", 303, None),
    ("/ontology.html", 200, "text/html"),
    ("/dataset", 303, None),
    ("/dataset.ttl", 200, "text/turtle"),
    ("/catalog", 303, None),
    ("/catalog.html", 200, "text/html"),
    ("/graph/linked-data-fixture", 303, None),
    ("/graph/linked-data-fixture.nt", 200, "application/n-triples"),
    ("/project/nothing-here", 404, "application/json"),
    ("/graph/nothing-here", 404, "application/json"),
    ("/nowhere/", 404, "application/json"),
    ("/project/haus-des-wissens.xlsx", 404, "application/json"),
    ("/project/a%20b", 400, "application/json"),
]


@pytest.mark.parametrize("path, status, mimetype", ROUTES)
def test_url_space(each_kind_client, path, status, mimetype):
    response = each_kind_client.get(path)
    assert response.status_code == status
    if mimetype:
        assert response.mimetype == mimetype


def test_other_faces_win_over_the_catch_all(each_kind_app):
    rules = {rule.rule: rule.endpoint for rule in each_kind_app.url_map.iter_rules()}
    assert rules["/<path:path>"] == "pages.resource"
    adapter = each_kind_app.url_map.bind("localhost")
    assert adapter.match("/healthz")[0] == "healthz"
    assert adapter.match("/sparql")[0] != "pages.resource"
    assert adapter.match("/static/style.css")[0] == "static"


def test_create_app_builds_what_the_pages_need_once(each_kind_root):
    """Labels, class hierarchy, search index, statistics and the overview exist before any request."""
    from bochum_kg.web.app import create_app

    graph = create_app(_settings(each_kind_root)).extensions["bochum_kg"]
    assert graph.labels.labels and graph.vocabulary.class_parents and len(graph.search)
    assert graph.statistics.triples > 0 and graph.overview.competences and graph.jsonld_context

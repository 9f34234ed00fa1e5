"""A prebuilt store (`bochum-kg prebuild DIR`, kg/prebuilt.py) serves exactly what the files give."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.graph import KnowledgeGraph
from bochum_kg.kg.prebuilt import PrebuiltStoreError, open_prebuilt

CHECKOUT = Path(__file__).resolve().parents[2]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def copy_checkout(target: Path) -> Path:
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(CHECKOUT / folder, target / folder)
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_checkout(tmp_path_factory.mktemp("prebuilt") / "checkout")


@pytest.fixture(scope="module")
def prebuilt(project, tmp_path_factory) -> Path:
    from bochum_kg.cli import main

    directory = tmp_path_factory.mktemp("stores") / "store"
    assert main(["--project-root", str(project), "prebuild", str(directory)]) == 0
    return directory


@pytest.fixture(scope="module")
def from_files(project):
    return KnowledgeGraph.build(Settings(project_root=project, validate_on_start=False))


@pytest.fixture(scope="module")
def from_directory(project, prebuilt):
    return KnowledgeGraph.build(Settings(project_root=project, prebuilt_dir=prebuilt))


def test_the_directory_holds_the_store_and_the_derived_parts(prebuilt):
    assert {p.name for p in prebuilt.iterdir()} == {"store", "derived.pickle", "dumps", "answers", "manifest.json"}
    assert not prebuilt.with_name(prebuilt.name + ".partial").exists()


def test_derived_parts_equal_those_built_from_the_files(from_files, from_directory):
    assert from_directory.store._on_disk is not None  # really the on-disk store, not a fresh load
    assert from_directory.labels.labels == from_files.labels.labels
    assert from_directory.statistics == from_files.statistics
    assert from_directory.vocabulary == from_files.vocabulary
    assert from_directory.jsonld_context == from_files.jsonld_context
    assert from_directory.overview == from_files.overview
    assert set(from_directory.ontology_triples) == set(from_files.ontology_triples) != set()
    assert from_directory.store.statistics() == from_files.store.statistics()
    ours, theirs = from_directory.gap_facts, from_files.gap_facts
    for name in ("goals", "serves", "competence_projects", "competence_goals", "unpublished"):  # engine order may differ
        assert sorted(getattr(ours, name), key=repr) == sorted(getattr(theirs, name), key=repr) != []
    assert (ours.served, ours.taking) == (theirs.served, theirs.taking)
    assert from_directory.graph_subjects == from_files.graph_subjects
    assert from_directory.index_facts.names == from_files.index_facts.names
    assert ({p: {s: sorted(v) for s, v in found.items()} for p, found in from_directory.index_facts.values.items()}
            == {p: {s: sorted(v) for s, v in found.items()} for p, found in from_files.index_facts.values.items()})
    ours, theirs = from_directory.link_graph, from_files.link_graph
    assert (ours.nodes, ours.offsets, ours.neighbours, ours.link_offsets) == (theirs.nodes, theirs.offsets, theirs.neighbours, theirs.link_offsets)
    assert links_of_each_pair(ours) == links_of_each_pair(theirs) != {}
    assert {id(iri) for iri in ours.nodes} <= {id(iri) for iri in from_directory.search.typed_iris}  # one copy after unpickling too
    for query in ("univers", "haus des wissens", "universitet", "Eigenanteil"):
        assert ([(h.iri, h.score) for h in from_directory.search.search(query, "de")]
                == [(h.iri, h.score) for h in from_files.search.search(query, "de")])


def links_of_each_pair(graph) -> dict:
    """(node, neighbour) -> the keys of their links, sorted: links that tie on (predicate, role) come
    in the order the store reads them, which is not the same in memory and on disk (nor was it before)."""
    return {(node, graph.nodes[other]): sorted(link.key for link in graph.links_between(node, graph.nodes[other]))
            for number, node in enumerate(graph.nodes) for other in graph.neighbour_numbers(number)}


def test_queries_and_dumps_equal_those_from_the_files(from_files, from_directory):
    for name in ("projects-by-competence", "actors-by-project-count", "goals-without-projects"):
        if name in from_files.catalogue:
            query = from_files.catalogue[name]
            rows = sorted(map(str, from_files.store.select(query.text).rows))
            assert sorted(map(str, from_directory.store.select(query.text).rows)) == rows
    assert from_directory.store.select(COUNT).rows == from_files.store.select(COUNT).rows
    ours, theirs = from_directory.dumps(), from_files.dumps()
    assert all(d.content is None for d in ours.files.values())  # served from the files
    assert {n: d.path.read_bytes() for n, d in ours.files.items()} == {n: d.content for n, d in theirs.files.items()}
    assert {n: (d.size, d.etag) for n, d in ours.files.items()} == {n: (d.size, d.etag) for n, d in theirs.files.items()}
    assert (ours.triples, ours.quads) == (theirs.triples, theirs.quads)


def test_each_process_opens_the_store_itself(from_directory):
    on_disk = from_directory.store._on_disk
    parent = on_disk.get()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child)
        try:
            handle = on_disk.get()
            answer = from_directory.store.select(COUNT).rows[0]["n"]
            os.write(write, f"{handle is not parent} {answer}".encode())
        finally:
            os._exit(0)
    os.close(write)
    reply = os.read(read, 100).decode()
    os.waitpid(child, 0)
    assert reply == f"True {from_directory.store.select(COUNT).rows[0]['n']}"
    assert on_disk.get() is parent  # the parent keeps its own


def test_changed_data_makes_the_directory_stale(project, prebuilt, tmp_path):
    changed = copy_checkout(tmp_path / "changed")
    with open(changed / "data" / "projects.ttl", "a", encoding="utf-8") as data:
        data.write("\n# one more line\n")
    with pytest.raises(PrebuiltStoreError, match="built from other files.*rebuild it: bochum-kg .* prebuild"):
        open_prebuilt(Settings(project_root=changed), prebuilt)
    with pytest.raises(PrebuiltStoreError, match="built from other"):  # another base IRI, too
        open_prebuilt(Settings(project_root=project, base_iri="http://example.org/kg/"), prebuilt)


def test_serve_refuses_a_missing_directory_and_a_remote_store_with_it(runner, project, tmp_path, capsys):
    from bochum_kg.commands.serve import build_app

    # build_app is what `serve` runs after claiming its port: exit code 2 and the reason, no app
    assert build_app(Settings(project_root=project, prebuilt_dir=tmp_path / "nothing-here")) == 2
    assert "not a prebuilt store's manifest" in capsys.readouterr().err
    result = runner("serve", "--prebuilt", tmp_path, "--store", "http://127.0.0.1:1/sparql", project_root=project)
    assert result.exit_code == 2 and "exclude each other" in result.stderr


def test_an_unvalidated_directory_is_served_only_without_validation(project, tmp_path, runner):
    directory = tmp_path / "unvalidated"
    assert runner("prebuild", directory, "--no-validate", project_root=project).exit_code == 0
    with pytest.raises(PrebuiltStoreError, match="built without validation"):
        open_prebuilt(Settings(project_root=project), directory)
    manifest, *_ = open_prebuilt(Settings(project_root=project, validate_on_start=False), directory)
    assert not manifest.validated


def test_invalid_data_writes_nothing_and_keeps_the_old_directory(prebuilt, tmp_path, runner):
    broken = copy_checkout(tmp_path / "broken")
    with open(broken / "data" / "projects.ttl", "a", encoding="utf-8") as data:
        data.write("\n<https://w3id.org/bochum-strategie/project/x> a <https://w3id.org/bochum-strategie/ontology#Project> .\n")
    target = tmp_path / "copy-of-store"
    shutil.copytree(prebuilt, target)
    before = sorted((p.relative_to(target), p.stat().st_size) for p in target.rglob("*"))
    result = runner("prebuild", target, project_root=broken)
    assert result.exit_code == 1 and "does not conform" in result.stderr
    assert sorted((p.relative_to(target), p.stat().st_size) for p in target.rglob("*")) == before
    assert not target.with_name(target.name + ".partial").exists()


def test_a_folder_that_is_no_prebuilt_store_is_not_replaced(project, tmp_path, runner):
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep me")
    result = runner("prebuild", folder, project_root=project)
    assert result.exit_code == 2 and "is not a prebuilt store" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["letter.txt"]


@pytest.fixture(scope="module")
def prebuilt_client(from_directory):
    from bochum_kg.web.app import create_app

    return create_app(from_directory.settings).test_client()


def test_dumps_are_served_from_the_files_with_etag_range_and_gzip(prebuilt_client, from_files):
    name = "bochum-strategie.nt"
    expected = from_files.dumps().files[name]
    whole = prebuilt_client.get(f"/dumps/{name}", headers={"Accept-Encoding": "identity"})
    assert whole.status_code == 200 and whole.data == expected.content
    assert whole.headers["ETag"] == f'"{expected.etag}"' and whole.headers["Accept-Ranges"] == "bytes"
    assert prebuilt_client.get(f"/dumps/{name}", headers={"If-None-Match": whole.headers["ETag"],
                                                         "Accept-Encoding": "identity"}).status_code == 304
    part = prebuilt_client.get(f"/dumps/{name}", headers={"Range": "bytes=10-19", "Accept-Encoding": "identity"})
    assert part.status_code == 206 and part.data == expected.content[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{len(expected.content)}"
    for bad in ("bytes=999999999-", "bytes="):
        refused = prebuilt_client.get(f"/dumps/{name}", headers={"Range": bad, "Accept-Encoding": "identity"})
        assert refused.status_code == 416 and refused.headers["Content-Range"] == f"bytes */{len(expected.content)}"
    zipped = prebuilt_client.get(f"/dumps/{name}", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.data == from_files.dumps().files[name + ".gz"].content
    listing = prebuilt_client.get("/dumps/").get_data(as_text=True)
    assert f"{len(expected.content):,}".replace(",", ".") in listing  # sizes read from the files


@pytest.fixture(scope="module")
def memory_client(project):
    """The app on the same files without a prebuilt store (dumps built in memory), shared like prebuilt_client."""
    from bochum_kg.web.app import create_app

    return create_app(Settings(project_root=project, validate_on_start=False)).test_client()


@pytest.mark.parametrize("name", ["bochum-strategie.ttl", "bochum-strategie.jsonld", "bochum-strategie.nq.gz"])
@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_a_dump_from_the_files_answers_as_one_from_memory(prebuilt_client, memory_client, name, encoding):
    memory = memory_client
    ours = prebuilt_client.get(f"/dumps/{name}", headers={"Accept-Encoding": encoding})
    theirs = memory.get(f"/dumps/{name}", headers={"Accept-Encoding": encoding})
    assert (ours.status_code, ours.data) == (theirs.status_code, theirs.data)
    skip = {"Date", "X-Response-Time", "Server-Timing", "X-Request-Id"}
    assert {k: v for k, v in ours.headers.items() if k not in skip} == {k: v for k, v in theirs.headers.items() if k not in skip}


def api_requests(catalogue) -> list[str]:
    """What the API documents for each SELECT and CONSTRUCT query: defaults, languages, examples, formats, pages."""
    from urllib.parse import urlencode

    urls = []
    for query in catalogue.values():
        if query.form == "ASK":
            continue
        for params in [{}, {"lang": "en"}] + [dict(example.params) for example in query.examples]:
            if "lang" in params and query.parameter("lang") is None:
                continue
            path = f"/api/{query.name}?{urlencode(params)}"
            urls += [path, path + "&format=csv", path + "&offset=3&limit=5"] if query.form == "SELECT" else [path + "&format=nt"]
    return urls


def test_the_apis_documented_answers_come_from_the_stored_answers_unchanged(project, prebuilt, from_directory, monkeypatch):
    """Each answer the API documents is read from DIR/answers, and equals the store's own evaluation."""
    from bochum_kg.kg.store.embedded import EmbeddedStore
    from bochum_kg.web.app import create_app

    settings = from_directory.settings.with_changes(response_cache_bytes=0)
    stored, live = create_app(settings), create_app(settings)
    live.extensions["bochum_kg"].store._answers = None  # the same directory, every query evaluated
    urls = api_requests(from_directory.catalogue)
    expected = {url: live.test_client().get(url) for url in urls}
    run = EmbeddedStore._run
    evaluated = []
    monkeypatch.setattr(EmbeddedStore, "_run", lambda self, sparql, *a, **k: evaluated.append(sparql) or run(self, sparql, *a, **k))
    client = stored.test_client()
    for url in urls:
        answer, want = client.get(url), expected[url]
        if url.endswith("format=nt"):  # a graph's triples come in no defined order
            assert (url, answer.status_code, sorted(answer.data.splitlines())) == (url, want.status_code, sorted(want.data.splitlines()))
        else:
            assert (url, answer.status_code, answer.data) == (url, want.status_code, want.data)
        assert answer.headers.get("X-Total-Count") == expected[url].headers.get("X-Total-Count")
    assert evaluated == []  # none of them ran a query
    assert len({url.split("?")[0] for url in urls}) >= 25


def test_stored_answers_keep_the_row_cap_and_the_window(from_directory):
    """Truncation and totals as `select_rows` gives them, for every stored SELECT answer."""
    from bochum_kg.kg.store.embedded import EmbeddedStore
    from bochum_kg.kg.stored_answers import catalogue_texts

    store = from_directory.store
    live = EmbeddedStore(store.dataset, store.settings, store._on_disk, store.statistics())
    texts = [t for t in catalogue_texts(from_directory.catalogue, store.settings) if store._answers.holds(t, "SELECT")]
    assert len(texts) >= 25
    for text in texts:
        for max_rows, window in [(None, None), (2, None), (None, (1, 3)), (2, (1, 3)), (0, (0, 10)), (None, (10**6, 5))]:
            ours, theirs = store.select(text, max_rows=max_rows, window=window), live.select(text, max_rows=max_rows, window=window)
            assert (ours.variables, ours.rows, ours.truncated, ours.total) == (theirs.variables, theirs.rows, theirs.truncated, theirs.total)
    constructs = [t for t in catalogue_texts(from_directory.catalogue, store.settings) if store._answers.holds(t, "CONSTRUCT")]
    assert constructs
    for text in constructs:
        whole, theirs = store.construct(text), live.construct(text)
        assert (set(whole), whole.truncated) == (set(theirs), False)
        # the engine's order of constructed triples varies between runs: which 3 come first is not defined
        ours, theirs = store.construct(text, max_rows=3), live.construct(text, max_rows=3)
        assert (len(ours), ours.truncated, set(ours) <= set(whole)) == (len(theirs), theirs.truncated, True)

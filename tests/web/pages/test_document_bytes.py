"""The same data gives the same document, byte for byte and with the same ETag, in every process.

Python picks a random hash seed per process, and rdflib writes N-Triples, RDF/XML and JSON-LD in
an order that follows it (kg/rdf_documents.serialize fixes the order). So two servers with
different seeds, or one server before and after a restart, must answer alike: here two processes
with different PYTHONHASHSEED, on the real data. (Its documents have no blank nodes, whose labels
pyoxigraph draws anew at every load: those documents differ between loads.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ld_helpers import resources

SUFFIXES = ("nt", "rdf", "jsonld", "ttl")

ANSWERS = """
import hashlib, json, sys
from pathlib import Path
from bochum_kg.config import Settings
from bochum_kg.web.app import create_app
client = create_app(Settings(project_root=Path(sys.argv[1]), validate_on_start=False)).test_client()
answers = {}
for url in json.loads(sys.argv[2]):
    response = client.get(url)
    answers[url] = [response.status_code, response.headers.get("ETag"), hashlib.sha256(response.data).hexdigest()]
print(json.dumps(answers))
"""


def test_two_processes_with_different_hash_seeds_write_the_same_documents(app):
    graph = app.extensions["bochum_kg"]
    paths = sorted("/" + iri[len(graph.base):] for iri in resources(app))[::20]
    paths += ["/graph/actors", "/dataset", "/catalog", "/ontology"]
    urls = [f"{path}.{suffix}" for path in paths for suffix in SUFFIXES]
    runs = [subprocess.Popen([sys.executable, "-c", ANSWERS, str(graph.settings.project_root), json.dumps(urls)],
                             env={**os.environ, "PYTHONHASHSEED": seed}, stdout=subprocess.PIPE, text=True)
            for seed in ("1", "2")]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    first, second = (json.loads(output) for output in outputs)
    assert len(paths) > 40 and sorted(first) == sorted(urls)
    assert all(status == 200 and etag for status, etag, _ in first.values())
    assert {url: answer for url, answer in first.items() if second[url] != answer} == {}

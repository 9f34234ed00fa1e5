"""The cost of the resources' RDF documents, this checkout's code against an earlier revision's:

    .venv/bin/python bench/documents.py --baseline 4ea7669             # the writers, one process
    .venv/bin/python bench/documents.py --baseline 4ea7669 --requests  # whole requests, processes

Without --requests: CPU time of writing one document (`kg/rdf_documents.serialize`). The earlier
revision's `kg/rdf_documents.py` is read with `git show` and imported beside this checkout's
package (its imports must still resolve in it). Both write the same graphs, on the
real data: a project's and an actor's resource document and the named graph of the actors, in
N-Triples, RDF/XML and JSON-LD, taking turns (15 times each for the small documents, 5 for the
graph); the median milliseconds of CPU are printed with the ratio.

With --requests: CPU per request of an RDF document through the Flask test client (every 8th
resource of the real data, in Turtle, N-Triples, JSON-LD and RDF/XML), each revision in its own
process (its service/ on PYTHONPATH, a git worktree), processes of the two taking turns
(--repeat pairs), both on this checkout's data and queries/; each process warms up once, then prints
the median of 5 rounds.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from run import CHECKOUT, PYTHON, revision_checkouts

REQUESTS = """
import json, statistics, sys, time
from pathlib import Path
from bochum_kg.config import Settings
from bochum_kg.web.app import create_app
app = create_app(Settings(project_root=Path(sys.argv[1]), validate_on_start=False))
client, knowledge = app.test_client(), app.extensions["bochum_kg"]
base = knowledge.settings.base_iri
paths = ["/" + s[len(base):] for s in sorted(knowledge.subjects) if s.startswith(base) and "#" not in s][::8]
urls = [f"{path}.{suffix}" for path in paths for suffix in ("ttl", "nt", "jsonld", "rdf")]
for url in urls:
    client.get(url)
rounds = []
for _ in range(5):
    started = time.process_time()
    for url in urls:
        client.get(url)
    rounds.append((time.process_time() - started) / len(urls) * 1000)
print(json.dumps({"documents": len(urls), "ms": statistics.median(rounds)}))
"""


def requests_side_by_side(baseline: str, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bochum-kg-documents-") as tmp, \
            revision_checkouts([baseline], Path(tmp)) as trees:
        code = {"checkout": None, baseline: trees[baseline] / "service"}
        times: dict[str, list[float]] = {label: [] for label in code}
        for turn in range(repeat):
            for label in (list(code) if turn % 2 == 0 else list(reversed(code))):
                env = dict(os.environ) if code[label] is None else {**os.environ, "PYTHONPATH": str(code[label])}
                out = subprocess.run([PYTHON, "-c", REQUESTS, str(CHECKOUT)], env=env, check=True,
                                     capture_output=True, text=True).stdout
                result = json.loads(out)
                times[label].append(result["ms"])
                print(f"{label}: {result['ms']:.2f} ms CPU per document ({result['documents']} documents)")
        before, after = statistics.median(times[baseline]), statistics.median(times["checkout"])
        print(f"median of {repeat} processes each: {baseline} {before:.2f} ms, this checkout {after:.2f} ms, "
              f"ratio {after / before:.2f}")


def module_of_revision(revision: str, folder: Path):
    source = subprocess.run(["git", "show", f"{revision}:service/bochum_kg/kg/rdf_documents.py"],
                            cwd=CHECKOUT, check=True, capture_output=True, text=True).stdout
    path = folder / "rdf_documents_baseline.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("rdf_documents_baseline", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="an earlier revision")
    parser.add_argument("--requests", action="store_true", help="whole requests, one process per revision and turn")
    parser.add_argument("--repeat", type=int, default=7, help="processes per revision with --requests (default 7)")
    args = parser.parse_args()
    if args.requests:
        requests_side_by_side(args.baseline, args.repeat)
        return

    from bochum_kg.config import Settings
    from bochum_kg.kg import describe
    from bochum_kg.kg import formats as neg
    from bochum_kg.kg import rdf_documents
    from bochum_kg.web.app import create_app

    knowledge = create_app(Settings(project_root=CHECKOUT, validate_on_start=False)).extensions["bochum_kg"]
    base = knowledge.settings.base_iri
    graphs = {
        "project": describe.resource_graph(knowledge, base + "project/haus-des-wissens"),
        "actor": describe.resource_graph(knowledge, base + "actor/stadt-bochum"),
        "graph/actors": knowledge.store.construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{base}graph/actors> {{ ?s ?p ?o }} }}"),
    }
    with tempfile.TemporaryDirectory() as folder:
        baseline = module_of_revision(args.baseline, Path(folder))
        print(f"| document (triples) | format | {args.baseline} ms | this checkout ms | ratio |")
        print("|---|---|---|---|---|")
        for name, graph in graphs.items():
            for media_type in (neg.NTRIPLES, neg.RDFXML, neg.JSONLD):
                times: dict[str, list[float]] = {"baseline": [], "checkout": []}
                turns = 5 if name.startswith("graph/") else 15
                for turn in range(turns):
                    order = [("baseline", baseline), ("checkout", rdf_documents)]
                    for label, module in order if turn % 2 else reversed(order):
                        started = time.process_time()
                        module.serialize(graph, media_type, base, {}, "http://localhost/context.jsonld")
                        times[label].append(time.process_time() - started)
                before, after = (statistics.median(times[k]) * 1000 for k in ("baseline", "checkout"))
                print(f"| {name} ({len(graph)}) | {media_type} | {before:.2f} | {after:.2f} | {after / before:.2f} |")


if __name__ == "__main__":
    main()

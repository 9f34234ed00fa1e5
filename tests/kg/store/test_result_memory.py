"""A result of millions of rows does not grow the worker's memory with its size.

The real server (`bochum-kg serve`'s granian, one worker) answers a 2.7-million-row CSV result
(~160 MB) while the test reads and discards it; the worker's peak RSS (VmHWM, reset just before
the request) must grow by far less than the body (measured: 2.5–4.6 MB). Before streaming, the
whole body was built in memory (a 5M-row CSV: a 1.8 GB body, a 2.9 GB worker). Both ways a large result leaves the
query thread are measured: live (no result limits) and spooled to a file (a byte limit above the
result's size).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from sparql_fixtures import THREE_GRAPHS, TOTAL_TRIPLES

GROWTH_BOUND = 32 * 1024 * 1024  # bytes of peak RSS growth allowed, for a body 5 times as large
# 26^4 combinations of triples, times 6: pyoxigraph evaluates this cross product lazily in ~1 MB
# (measured in-process with a writer that discards; a join with a large VALUES product, by
# contrast, makes pyoxigraph itself hold memory that grows with the result)
MILLIONS = ("SELECT ?a ?d ?x WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l VALUES ?x { 1 2 3 4 5 6 } }", TOTAL_TRIPLES ** 4 * 6)


def peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def reset_peak_rss(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # "5": reset the peak RSS to the current RSS


@pytest.mark.parametrize("limits", [{"row_cap": None, "max_result_bytes": None},
                                    {"row_cap": None, "max_result_bytes": 4 * 1024 ** 3}], ids=["live", "spooled"])
def test_peak_worker_memory_stays_bounded_for_a_multi_million_row_result(running_server, limits):
    server = running_server({"project_root": str(THREE_GRAPHS), "query_timeout": 300.0, "response_cache_bytes": 0,
                             **limits}, workers=1, threads=2)
    (worker,) = server.worker_pids()
    endpoint = server.url + "/sparql"
    warm_up = requests.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"}, timeout=60)
    assert warm_up.status_code == 200
    reset_peak_rss(worker)
    before = peak_rss(worker)

    query, rows = MILLIONS
    size = lines = 0
    with requests.get(endpoint, params={"query": query}, headers={"Accept": "text/csv"}, stream=True, timeout=600) as response:
        assert response.status_code == 200, response.text[:500]
        assert "X-Result-Truncated" not in response.headers
        for piece in response.iter_content(1024 * 1024):
            size += len(piece)
            lines += piece.count(b"\n")
    growth = peak_rss(worker) - before

    print(f"peak RSS growth {growth / 2**20:.1f} MB for a {size / 2**20:.0f} MB body")
    assert lines == rows + 1 and size > 4 * GROWTH_BOUND, (lines, size)
    assert growth < GROWTH_BOUND, f"peak RSS grew by {growth / 2**20:.0f} MB for a {size / 2**20:.0f} MB body"
    assert server.worker_pids() == {worker}

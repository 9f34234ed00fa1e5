"""Helpers of the serving tests: `bochum-kg serve` as a subprocess, its workers, requests from other loopback addresses."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from sparql_fixtures import THREE_GRAPHS, free_port

from process_group import children, stop_process_group  # bench/, put on sys.path by tests/conftest.py

# A cross product of the fixture data with itself seven times: runs far past any test's time limit,
# on a core of its own all the while (the tests of runaway evaluations use it).
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
           "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u }")


@pytest.fixture()
def silent_endpoint():
    """The URL of a SPARQL endpoint that takes connections and never answers (a listening socket no
    one accepts on). See held_query."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
    sock.close()


def held_query(endpoint: str) -> str:
    """A query that waits on `endpoint` (silent_endpoint, which the server must allow: --allow-service)
    until its time limit stops it, as RUNAWAY does, but without using a CPU meanwhile: for the tests
    of slots, queues and per-client limits, where what holds the thread does not matter and a
    runaway's busy core was a tenth of the suite's CPU time."""
    return f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    port: int
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def worker_pids(self) -> set[int]:
        return children(self.process.pid)

    def wait_for_workers(self, count: int, other_than: set[int] = frozenset(), timeout: float = 30) -> set[int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            current = self.worker_pids()
            if len(current) == count and not current & other_than:
                return current
            time.sleep(0.05)
        pytest.fail(f"workers not {count} new ones after {timeout} s: {self.worker_pids()} (old {other_than})\n{self.log()}")


class ServeLauncher:
    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[subprocess.Popen] = []

    def __call__(self, *flags: str, workers: int = 1) -> Served:
        port = free_port()
        log_path = self.log_dir / f"serve-{port}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen([sys.executable, "-m", "bochum_kg.cli", "--project-root", str(THREE_GRAPHS),
                                        "serve", "--port", str(port), "--workers", str(workers), *flags],
                                       stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append(process)
        served = Served(process, f"http://127.0.0.1:{port}", port, log_path)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"serve exited with {process.returncode}:\n{served.log()}")
            try:
                if requests.get(served.url + "/healthz", timeout=1).status_code == 200 and len(served.worker_pids()) >= workers:
                    return served
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        pytest.fail(f"serve did not answer:\n{served.log()}")

    def stop_all(self) -> None:
        for process in self.started:
            stop_process_group(process, grace=15)


def get_from(source: str, served: Served, path: str, timeout: float = 30) -> tuple[int, dict, bytes]:
    """GET `path` from the loopback address `source` (127.0.0.0/8 is all ours): status, headers, body."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=timeout, source_address=(source, 0))
    try:
        connection.request("GET", path, headers={"Connection": "close"})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _tcp_sockets(port: int, state: str) -> list[str]:
    """The inodes of this machine's TCP sockets on local `port` in `state` (01 established, 0A listening)."""
    inodes = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
                inodes.append(fields[9])
    return inodes


def listening_sockets(port: int) -> int:
    return len(_tcp_sockets(port, "0A"))


def connections_per_process(port: int, pids: set[int]) -> dict[int, int]:
    """pid -> how many established TCP connections to `port` that process holds (from /proc)."""
    owner = {}
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:  # closed meanwhile
                continue
            if target.startswith("socket:["):
                owner[target[8:-1]] = pid
    counts = dict.fromkeys(pids, 0)
    for inode in _tcp_sockets(port, "01"):
        if inode in owner:
            counts[owner[inode]] += 1
    return counts


def wait_for_admission(url: str, in_flight: int, queued: int, within: float = 10.0) -> None:
    """Poll /readyz (never queued) until the worker reports this many requests running and waiting."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        state = requests.get(url + "/readyz", timeout=5).json()
        if state["in_flight"] >= in_flight and state["queued"] >= queued:
            return
        time.sleep(0.05)
    raise AssertionError(f"the worker never had {in_flight} running and {queued} queued: {state}")


def error_reason(body: bytes) -> str | None:
    parsed = json.loads(body)
    assert parsed["status"] and parsed["error"] and parsed["message"]
    return parsed.get("reason")


@pytest.fixture()
def serve_cli(tmp_path):
    """start(*serve flags, workers=1) -> Served: `bochum-kg serve` on the fixture project, stopped after the test."""
    launcher = ServeLauncher(tmp_path)
    yield launcher
    launcher.stop_all()

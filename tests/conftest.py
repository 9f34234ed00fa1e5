"""The fixtures of every test (the folders below mirror the package: kg/, web/, api/, service/…).

On the real checkout (loaded once per session, validation off: the data tests validate):
- `app` / `client`: the Flask app and its test client;
- `runner`: `bochum-kg ARGS…` run in-process, giving exit code, stdout and stderr;
- `real_settings`, `real_dataset`, `real_store`, `catalogue`, `checks`: the core without Flask.

On the datasets of tests/fixture_data/ (only where a test needs data the real files lack; each
named for what it holds, see tests/fixture_data/__init__.py):
- `small_strategy_app` / `_client` / `_root`: exact answers for the planner views and the API;
- `each_kind_app` / `_client` / `_root` / `_other_base_app`: one resource of each kind, hostile
  literals, for the linked-data pages (the last under another base IRI);
- `three_graphs_app` / `_client` / `_server` / `_copy`: the SPARQL service with exact counts;
- `semantics_settings` / `_store` / `_catalogue`: each named query's decisions.

Servers: `running_server` / `module_server` start `bochum-kg serve`'s granian server in a
subprocess on a free 127.0.0.1 port and stop it (and its workers) after the test / module.
"""

from __future__ import annotations

import gc
import itertools
import json
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, NamedTuple

import pytest
import requests

from bochum_kg.cli import main
from bochum_kg.config import Settings
from bochum_kg.kg.catalog import load_catalogue, load_checks
from bochum_kg.kg.load import load_dataset
from bochum_kg.kg.store.embedded import EmbeddedStore
from bochum_kg.web.app import create_app
from fixture_data import OTHER_BASE, SEMANTICS, THREE_GRAPHS, build_each_kind_root, build_small_strategy_root, make_project

CHECKOUT = Path(__file__).resolve().parents[1]
if str(CHECKOUT / "bench") not in sys.path:
    sys.path.append(str(CHECKOUT / "bench"))  # bench/process_group.py: the one way to stop a server
from process_group import children, stop_process_group  # noqa: E402


def _freeze_survivors_of_full_collections(phase: str, info: dict) -> None:
    """After each full cycle collection, move what survived it out of the collector's reach.

    A test worker keeps its session fixtures (apps, stores, graphs) to the end, and every full
    collection rescanned them all: the collector took ~28 of the workers' ~260 CPU seconds. Frozen,
    they are skipped (collector time ~8 s). Cyclic garbage made before a freeze is not reclaimed
    later: the larger worker's peak memory was 1.3 GB with this, 1.2 GB without. The whole suite,
    side by side: 5-12 % less wall time in three experiments (bench/README.md, "The test suite")."""
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()


def pytest_configure(config):
    gc.callbacks.append(_freeze_survivors_of_full_collections)


def pytest_unconfigure(config):
    if _freeze_survivors_of_full_collections in gc.callbacks:
        gc.callbacks.remove(_freeze_survivors_of_full_collections)


def testing_app(**settings):
    application = create_app(Settings(validate_on_start=False, **settings))
    application.config["TESTING"] = True
    return application


# The real checkout ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def app():
    return testing_app(project_root=CHECKOUT)


@pytest.fixture()
def client(app):
    return app.test_client()


class CliResult(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture()
def runner(capsys):
    """runner(*args, project_root=CHECKOUT) -> (exit_code, stdout, stderr): `bochum-kg ARGS…`
    through the CLI's main() in this process, on the real checkout unless project_root or a
    --project-root among the arguments says otherwise."""

    def invoke(*args, project_root: Path | str = CHECKOUT) -> CliResult:
        capsys.readouterr()
        root = [] if "--project-root" in args else ["--project-root", str(project_root)]
        code = main([*root, *map(str, args)])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke


@pytest.fixture(scope="session")
def real_settings() -> Settings:
    return Settings(project_root=CHECKOUT, validate_on_start=False)


@pytest.fixture(scope="session")
def catalogue(real_settings):
    return load_catalogue(real_settings)


@pytest.fixture(scope="session")
def checks(real_settings):
    return load_checks(real_settings)


@pytest.fixture(scope="session")
def real_dataset(real_settings):
    return load_dataset(real_settings)


@pytest.fixture(scope="session")
def real_store(real_dataset, real_settings):
    """The embedded store adapter over the real data (no SHACL validation: that is not under test here)."""
    return EmbeddedStore(real_dataset, real_settings)


# The datasets of tests/fixture_data/ ------------------------------------------------------------


@pytest.fixture(scope="session")
def small_strategy_root(tmp_path_factory) -> Path:
    return build_small_strategy_root(tmp_path_factory.mktemp("small-strategy"))


@pytest.fixture(scope="session")
def small_strategy_app(small_strategy_root):
    return testing_app(project_root=small_strategy_root)


@pytest.fixture()
def small_strategy_client(small_strategy_app):
    return small_strategy_app.test_client()


@pytest.fixture(scope="session")
def each_kind_root(tmp_path_factory) -> Path:
    return build_each_kind_root(tmp_path_factory.mktemp("each-kind"))


@pytest.fixture(scope="session")
def each_kind_app(each_kind_root):
    return testing_app(project_root=each_kind_root)


@pytest.fixture()
def each_kind_client(each_kind_app):
    return each_kind_app.test_client()


@pytest.fixture(scope="session")
def each_kind_other_base_app(each_kind_root):
    return testing_app(project_root=each_kind_root, base_iri=OTHER_BASE)


@pytest.fixture(scope="session")
def three_graphs_app():
    return testing_app(project_root=THREE_GRAPHS)


@pytest.fixture()
def three_graphs_client(three_graphs_app):
    return three_graphs_app.test_client()


@pytest.fixture()
def three_graphs_copy(tmp_path) -> Path:
    """A writable copy of the three-graphs project (for tests that break it)."""
    target = tmp_path / "project"
    shutil.copytree(THREE_GRAPHS, target)
    return target


@pytest.fixture(scope="module")
def three_graphs_server(module_server):
    """The three graphs under `bochum-kg serve`: 2 workers x 2 threads, queries stopped after 3 s."""
    return module_server({"project_root": str(THREE_GRAPHS), "query_timeout": 3.0}, workers=2, threads=2)


@pytest.fixture(scope="session")
def semantics_settings(tmp_path_factory) -> Settings:
    """A checkout whose data is tests/fixture_data/semantics.ttl (no real data files)."""
    return make_project(tmp_path_factory.mktemp("semantics"), {"fixture.ttl": SEMANTICS.read_text(encoding="utf-8")})


@pytest.fixture(scope="session")
def semantics_store(semantics_settings):
    return EmbeddedStore(load_dataset(semantics_settings), semantics_settings)


@pytest.fixture(scope="session")
def semantics_catalogue(semantics_settings):
    return load_catalogue(semantics_settings)


@pytest.fixture(scope="session")
def _cache_homes(tmp_path_factory) -> Iterator[Path]:
    """Paths for the tests' validation caches, one per test, not yet created."""
    root = tmp_path_factory.mktemp("cache-homes")
    return (root / str(n) for n in itertools.count())


@pytest.fixture(autouse=True)
def private_validation_cache(_cache_homes, monkeypatch) -> Path:
    """Validation stamps (kg/store/embedded.py) of this test only, also for the servers it starts:
    $XDG_CACHE_HOME is a directory no other test uses, created only when a stamp is written (a
    tmp_path per test cost every one of the ~2,500 tests a directory, most of them never used)."""
    home = next(_cache_homes)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


# Servers ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The server process: the same build_app + serve_forever as `bochum-kg serve`, with Settings from
# JSON so that tests can turn validation off and point at fixture projects.
_LAUNCH = """
import json, sys
from pathlib import Path
from bochum_kg.config import Settings
from bochum_kg.commands import serve
cfg = json.loads(sys.argv[1])
settings = Settings(**{k: (Path(v) if k == "project_root" else tuple(v) if k == "allowed_service_endpoints" else v)
                       for k, v in cfg["settings"].items()})
serve.configure_logging()
app = serve.build_app(settings)
if isinstance(app, int):
    sys.exit(app)
limits = None
if cfg.get("limits") is not None:
    from bochum_kg.web.http.limits import ServingLimits
    limits = ServingLimits(**{k: tuple(v) if isinstance(v, list) else v for k, v in cfg["limits"].items()})
serve.serve_forever(app, settings, host="127.0.0.1", port=cfg["port"], workers=cfg["workers"], threads=cfg["threads"],
                    limits=limits, **cfg.get("serve", {}))
"""


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def worker_pids(self) -> set[int]:
        """The server's workers: children of the master (any of its threads may have forked them)."""
        return children(self.pid)


class ServerLauncher:
    """Starts servers; `stop_all` stops every one it started."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[subprocess.Popen] = []

    def __call__(self, settings: dict | None = None, workers: int = 2, threads: int = 2, ready_timeout: float = 30.0,
                 limits: dict | None = None, serve_options: dict | None = None) -> Server:
        """`limits`: web.http.limits.ServingLimits fields (default: serve's defaults); `serve_options`:
        other keyword arguments of serve.serve_forever (max_connections, header_timeout)."""
        config = {"settings": {"project_root": str(CHECKOUT), "validate_on_start": False, **(settings or {})},
                  "port": free_port(), "workers": workers, "threads": threads, "limits": limits,
                  "serve": serve_options or {}}
        log_path = self.log_dir / f"server-{config['port']}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen([sys.executable, "-c", _LAUNCH, json.dumps(config)], stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append(process)
        server = Server(f"http://127.0.0.1:{config['port']}", process, log_path)
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"server exited with {process.returncode}:\n{server.log()}")
            try:
                ready = requests.get(server.url + "/healthz", timeout=1).status_code == 200
            except requests.ConnectionError:
                ready = False
            if ready and len(server.worker_pids()) >= workers:
                return server
            time.sleep(0.05)
        pytest.fail(f"server not ready after {ready_timeout} s:\n{server.log()}")

    def stop_all(self) -> None:
        for process in self.started:
            stop_process_group(process, grace=15)


@pytest.fixture()
def running_server(tmp_path):
    """start(settings dict, workers=2, threads=2) -> Server, stopped after the test."""
    launcher = ServerLauncher(tmp_path)
    yield launcher
    launcher.stop_all()


@pytest.fixture(scope="module")
def module_server(tmp_path_factory):
    """The same factory for servers shared by the tests of one module."""
    launcher = ServerLauncher(tmp_path_factory.mktemp("servers"))
    yield launcher
    launcher.stop_all()

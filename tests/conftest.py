"""Fixtures shared by every test directory.

- `app` / `client`: the app on the real checkout (loaded once per session, validation off: the
  data tests validate; these only read);
- `running_server` / `module_server`: factories that start `bochum-kg serve`'s granian server in
  a subprocess on a free 127.0.0.1 port and stop it (and its workers) after the test / module.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bochum_kg.config import Settings
from bochum_kg.web.app import create_app

CHECKOUT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def app():
    application = create_app(Settings(project_root=CHECKOUT, validate_on_start=False))
    application.config["TESTING"] = True
    return application


@pytest.fixture()
def client(app):
    return app.test_client()


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
        pids = set()
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            try:
                children = (task / "children").read_text().split()
            except FileNotFoundError:  # a thread of the master that ended meanwhile
                continue
            pids.update(int(c) for c in children)
        return pids


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:  # anything left of this server's own process group (workers of a killed master)
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=5)


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
            _stop(process)


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

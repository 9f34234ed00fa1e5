"""Everything `bochum-kg serve` needs from granian beyond its documented options: the one module
to read again, and whose tests to re-run, on a granian upgrade (granian is pinned exactly).

Private parts of granian 2.8.7 used here (granian/server/common.py, granian/server/mp.py):
- `MPServer._respawn_workers(workers, spawn_target, target_loader, delay)` and `respawned_wrks`:
  overridden so that a worker that retired on purpose (a runaway query, its memory ceiling) is
  not taken for a crash loop, and so that the master can count restarts;
- `MPServer._init_shared_socket`, `_drop_shared_socket` and `_spawn_worker(idx, …)` with `_ssp`,
  `_shd`, `_sfd`, `_sso` and `granian.net.SocketSpec`: overridden so that the master opens one
  listening socket per worker and keeps them all open (see `Server`);
- `self.wrks[i]._id()`: the pid of a worker, for the metrics of the workers it replaced.

Behaviour of granian 2.8.7 relied on (measured, not documented):
- `backpressure` caps *connections* per worker, not requests: a permit is taken when a
  connection is accepted and given back when it closes, so an idle keep-alive connection holds
  one. It is set to --max-connections; requests are limited in the app (web/http/admission.py).
- `HTTP1Settings.header_read_timeout` also closes keep-alive connections idle for that long,
  but not a new connection that never sends a byte: such a connection is held until the client
  closes it, so --max-connections is large and a firewall or proxy limit is the remedy for a
  client that opens thousands (README "Running it in public").
- A request must not end while another thread still reads its body (web/http/request_body.py).

On an upgrade, re-run tests/commands/test_granian_server.py, test_serving_connections.py and
test_sparql_server_safety.py before changing the pin.
"""

from __future__ import annotations

import logging
import resource
import socket
from typing import Callable

from bochum_kg.web.http import access_log
from bochum_kg.web.http.limits import ServingLimits

GRANIAN_VERSION = "2.8.7"
DEFAULT_MAX_CONNECTIONS = 2048  # per worker
DEFAULT_HEADER_TIMEOUT = 10.0   # seconds to send the request headers; also the keep-alive idle time

log = logging.getLogger("bochum_kg.serve")


class HideThreadCountAdvice(logging.Filter):
    """granian advises `backpressure` when a WSGI worker has more threads than cores; ours wait in
    the admission queue on purpose (limits.ServingLimits.python_threads), so the advice is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Consider reviewing your configuration and using `backpressure`" not in record.getMessage()


def granian_options(host: str, port: int, workers: int, limits: ServingLimits,
                    max_connections: int = DEFAULT_MAX_CONNECTIONS, header_timeout: float = DEFAULT_HEADER_TIMEOUT) -> dict:
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings

    return {
        "address": host,
        "port": port,
        "interface": Interfaces.WSGI,
        "http": HTTPModes.auto,
        "workers": max(1, workers),
        # Python threads per worker: the query slots, the queue and a reserve for health checks.
        "blocking_threads": limits.python_threads,
        # Open connections per worker (see above: granian's backpressure counts connections).
        "backpressure": max(1, max_connections),
        "backlog": max(1024, min(65535, max_connections)),
        "http1_settings": HTTP1Settings(header_read_timeout=int(max(1.0, min(60.0, header_timeout)) * 1000)),
        # a worker that retired after a runaway query exits on purpose; the master forks a new one
        "respawn_failed_workers": True,
        "workers_kill_timeout": 5,
        "log_level": "info",
        "log_access": False,  # the app logs each request (bochum_kg.access)
        "log_dictconfig": {
            "formatters": {"generic": {"()": "logging.Formatter", "fmt": access_log.LOG_FORMAT, "datefmt": access_log.LOG_DATE}},
            "filters": {"thread_advice": {"()": HideThreadCountAdvice}},
            "handlers": {"console": {"formatter": "generic", "class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                                     "filters": ["thread_advice"]},
                         "access": {"class": "logging.NullHandler"}},
        },
    }


def allow_open_files(needed: int) -> None:
    """Raise this process's soft limit on open files towards `needed` (workers inherit it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def make_server(options: dict, on_workers_replaced: Callable[[list[int]], None] | None = None):
    """granian's multi-process server with serve's two changes (see the module docstring)."""
    from granian.net import SocketSpec
    from granian.server.mp import MPServer

    class Server(MPServer):
        def _respawn_workers(self, workers, spawn_target, target_loader, delay: float = 0):
            replaced = [self.wrks[index]._id() for index in workers if index < len(self.wrks)]
            super()._respawn_workers(workers, spawn_target, target_loader, delay)
            # A worker that retired is not a crash: without this, a second retirement of the same
            # worker within 5.5 s would look like a crash loop to granian and stop the whole server.
            # (The app is built before the fork, so a worker cannot fail at start-up: there is no
            # crash loop to guard against.)
            for index in workers:
                self.respawned_wrks.pop(index, None)
            if on_workers_replaced is not None:
                try:
                    on_workers_replaced(replaced)
                except Exception:  # metrics must never stop the supervision
                    log.exception("counting replaced workers failed")

        def _init_shared_socket(self):
            # One listening socket per worker, all opened here in the master and kept open by it.
            # SO_REUSEPORT (set by SocketSpec) lets the kernel spread new connections over them by
            # their addresses; with one shared socket, the first worker to wake accepted every
            # pending connection and keep-alive kept them there (bench/README.md, "Connections
            # spread over the workers").
            # Granian's own Linux default also opens one socket per worker, but in the worker, so
            # the connections queued on a retiring worker's socket were reset with it; here the
            # master's copy keeps them queued until the worker's replacement accepts them (one the
            # leaving worker accepted in its last moments can still be closed, as before).
            self._worker_sockets = []
            port = self.bind_port
            for _ in range(self.workers):
                holder = SocketSpec(self.bind_addr, port, self.backlog).build()
                listener = socket.socket(fileno=holder.get_fd())
                listener.set_inheritable(True)
                port = listener.getsockname()[1]  # port 0: the others join the first one's port
                self._worker_sockets.append((holder, listener))
            self._ssp = None
            self._shd, self._sso = self._worker_sockets[0]
            self._sfd = self._sso.fileno()

        def _spawn_worker(self, idx, target, callback_loader):
            # granian hands `_shd` and `_sso` to the worker it spawns: give it its own socket
            self._shd, self._sso = self._worker_sockets[idx]
            self._sfd = self._sso.fileno()
            return super()._spawn_worker(idx, target, callback_loader)

        def _drop_shared_socket(self):
            for _, listener in self._worker_sockets:
                listener.close()
            self._worker_sockets = []
            self._shd = self._sso = None

    return Server("bochum_kg", **options)

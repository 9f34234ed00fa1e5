"""The limits a public server puts on its clients, as one value passed to the serving stack (serving.py).

Where each limit lives (README "Running it in public"):
- open connections, the time to send request headers and the idle keep-alive time: granian
  (commands/granian_server.py), because only the HTTP server sees connections;
- everything about requests: this package, as WSGI middleware in each worker (admission.py),
  so the same limits hold under `bochum-kg serve` and under any other WSGI server (wsgi.py).

Nothing here is read at import time; `from_environment` reads the `BOCHUM_KG_*` variables of
wsgi.py, `bochum-kg serve` builds the value from its flags.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass, replace
from functools import cached_property

DEFAULT_QUERY_SLOTS = 4          # requests a worker evaluates at once (= serve --threads)
DEFAULT_QUEUE = 16               # requests a worker lets wait for a slot
DEFAULT_QUEUE_WAIT = 5.0         # seconds one may wait before it is told 503
DEFAULT_CLIENT_CONCURRENCY = 8   # requests of one client address a worker holds at once (evaluated + waiting)
DEFAULT_OVERRUN_BUDGET = 3       # queries over their time limit one address may cause per window
DEFAULT_OVERRUN_WINDOW = 300.0   # seconds
DEFAULT_BODY_TIMEOUT = 10.0      # seconds to send a request body
DEFAULT_UPLOADS = 8              # request bodies a worker reads (or waits for) at once
DEFAULT_MAX_WORKER_MEMORY_MB = 1024.0  # private memory of a worker before it is replaced

# Environment variables of wsgi.py -> field and type.
ENVIRONMENT = {
    "BOCHUM_KG_THREADS": ("query_slots", int),
    "BOCHUM_KG_QUEUE": ("queue", int),
    "BOCHUM_KG_QUEUE_WAIT": ("queue_wait", float),
    "BOCHUM_KG_CLIENT_CONCURRENCY": ("client_concurrency", int),
    "BOCHUM_KG_OVERRUN_BUDGET": ("overrun_budget", int),
    "BOCHUM_KG_OVERRUN_WINDOW": ("overrun_window", float),
    "BOCHUM_KG_BODY_TIMEOUT": ("body_timeout", float),
    "BOCHUM_KG_UPLOADS": ("uploads", int),
    "BOCHUM_KG_MAX_WORKER_MEMORY_MB": ("max_worker_memory_mb", float),
}


@dataclass(frozen=True)
class ServingLimits:
    """Per-worker request limits; a 0 turns the client limits, the body deadline and the memory ceiling off."""

    query_slots: int = DEFAULT_QUERY_SLOTS
    queue: int = DEFAULT_QUEUE
    queue_wait: float = DEFAULT_QUEUE_WAIT
    client_concurrency: int = DEFAULT_CLIENT_CONCURRENCY
    overrun_budget: int = DEFAULT_OVERRUN_BUDGET
    overrun_window: float = DEFAULT_OVERRUN_WINDOW
    # CIDR blocks whose clients the per-client limits leave alone (a reverse proxy, a monitoring host).
    trusted_networks: tuple[str, ...] = ()
    body_timeout: float = DEFAULT_BODY_TIMEOUT
    # Threads a worker lets wait for request bodies, the 408s whose client has not left included
    # (request_body.py); a body beyond that gets 503 at once.
    uploads: int = DEFAULT_UPLOADS
    max_body_bytes: int = 1_000_000
    max_worker_memory_mb: float = DEFAULT_MAX_WORKER_MEMORY_MB

    def __post_init__(self) -> None:
        if self.query_slots < 1:
            raise ValueError("at least one query slot per worker is needed")
        for name in ("queue", "client_concurrency", "overrun_budget", "uploads"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative")
        self.networks  # every CIDR parses, or ValueError now rather than at the first request

    @cached_property
    def networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in self.trusted_networks)

    def trusts(self, address: str) -> bool:
        """Whether the client limits leave this address alone."""
        if not self.networks:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def may_read_metrics(self, address: str) -> bool:
        """/metrics is for the operator: the machine itself and the trusted networks."""
        try:
            if ipaddress.ip_address(address).is_loopback:
                return True
        except ValueError:
            return False
        return self.trusts(address)

    @property
    def retry_after_queue(self) -> int:
        """Seconds a client told 503 (queue full) is asked to wait."""
        return max(1, math.ceil(self.queue_wait))

    @property
    def python_threads(self) -> int:
        """Threads a worker needs: one per slot, per queue place and per upload, and a reserve that
        keeps /healthz, /readyz, /metrics and the quick refusals answered when all of those are taken."""
        return self.query_slots + self.queue + (self.uploads if self.body_timeout > 0 else 0) + 4

    def with_changes(self, **changes) -> "ServingLimits":
        return replace(self, **changes)

    @classmethod
    def from_environment(cls, env, **defaults) -> "ServingLimits":
        values = dict(defaults)
        for variable, (name, kind) in ENVIRONMENT.items():
            if env.get(variable):
                values[name] = kind(env[variable])
        if env.get("BOCHUM_KG_TRUSTED_NETWORKS"):
            values["trusted_networks"] = tuple(env["BOCHUM_KG_TRUSTED_NETWORKS"].replace(",", " ").split())
        return cls(**values)

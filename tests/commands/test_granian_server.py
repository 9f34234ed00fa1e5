"""Guards of what commands/granian_server.py takes from granian beyond its documented options.

If one of these fails after a granian upgrade, read that module's docstring before changing the pin;
the behaviour it relies on is tested against a running server in test_serving_connections.py
(connections vs. requests, header timeout, slow bodies) and test_sparql_server_safety.py (retired workers).
"""

from __future__ import annotations

import inspect
import logging
import socket
from importlib import metadata

from bochum_kg.commands import granian_server
from bochum_kg.web.http.limits import ServingLimits


def test_granian_is_the_version_the_private_code_was_written_for():
    assert metadata.version("granian") == granian_server.GRANIAN_VERSION


def test_the_private_methods_and_attributes_serve_overrides_still_exist():
    from granian.server.common import AbstractServer, AbstractWorker
    from granian.server.mp import MPServer

    assert list(inspect.signature(MPServer._respawn_workers).parameters) == [
        "self", "workers", "spawn_target", "target_loader", "delay"]
    assert list(inspect.signature(MPServer._init_shared_socket).parameters) == ["self"]
    assert "self.respawned_wrks = {}" in inspect.getsource(AbstractServer.__init__)
    assert "self.respawned_wrks.get(idx, 0) <= 5.5" in inspect.getsource(AbstractServer._serve_loop)
    assert hasattr(AbstractWorker, "_id")
    # the sockets: built from a SocketSpec, handed to the worker spawned as (spec, holder) and _sso
    assert list(inspect.signature(MPServer._spawn_worker).parameters) == ["self", "idx", "target", "callback_loader"]
    assert "((self._ssp, self._shd), self._sso)" in inspect.getsource(MPServer._spawn_worker)
    assert list(inspect.signature(MPServer._drop_shared_socket).parameters) == ["self"]
    assert "self._drop_shared_socket()" in inspect.getsource(AbstractServer)


def test_the_options_are_accepted_and_mean_connections_and_threads():
    limits = ServingLimits(query_slots=3, queue=5, uploads=2)
    options = granian_server.granian_options("127.0.0.1", 0, 2, limits, max_connections=700, header_timeout=2.5)
    server = granian_server.make_server(options)
    assert server.backpressure == 700 and server.blocking_threads == 3 + 5 + 2 + 4
    assert server.http1_settings.header_read_timeout == 2500
    assert server.respawn_failed_workers is True


def test_each_worker_gets_its_own_inheritable_socket_on_the_one_port():
    options = granian_server.granian_options("127.0.0.1", 0, 3, ServingLimits())
    server = granian_server.make_server(options)
    server._init_shared_socket()
    listeners = [listener for _, listener in server._worker_sockets]
    try:
        assert len({listener.fileno() for listener in listeners}) == 3
        assert len({listener.getsockname() for listener in listeners}) == 1  # port 0: all join the first's port
        assert listeners[0].getsockname()[1] > 0
        for listener in listeners:
            assert listener.type == socket.SOCK_STREAM and listener.get_inheritable()  # the forked worker takes it
            assert listener.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1  # the kernel spreads over them
    finally:
        server._drop_shared_socket()
    assert all(listener.fileno() == -1 for listener in listeners) and server._worker_sockets == []


def test_the_thread_count_advice_is_filtered_and_nothing_else():
    advice = logging.LogRecord("_granian", logging.WARNING, "", 0,
                               "Configuration allows spawning up to 24 Python threads, which seems quite high compared to "
                               "the number of CPU cores available. Consider reviewing your configuration and using "
                               "`backpressure` to limit the concurrency on the Python interpreter.", None, None)
    other = logging.LogRecord("_granian", logging.WARNING, "", 0, "Worker crash loop detected, exiting", None, None)
    hide = granian_server.HideThreadCountAdvice()
    assert not hide.filter(advice) and hide.filter(other)
    from granian.server import mp
    assert "Consider reviewing your configuration and using `backpressure`" in inspect.getsource(mp.MPServer.serve)

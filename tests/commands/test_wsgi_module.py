"""bochum_kg.wsgi: the app for a WSGI server of one's own, configured by environment variables."""

from __future__ import annotations

from pathlib import Path

from bochum_kg import wsgi
from bochum_kg.config import CANONICAL_BASE
from bochum_kg.web.http.response_cache import ResponseCache
from bochum_kg.web.http.serving import ADMISSION
from sparql_fixtures import THREE_GRAPHS


def test_settings_come_from_the_environment(monkeypatch):
    for name, value in {"BOCHUM_KG_PUBLIC_URL": "https://kg.example.org/", "BOCHUM_KG_QUERY_TIMEOUT": "7.5",
                        "BOCHUM_KG_ROW_CAP": "100", "BOCHUM_KG_ALLOW_SERVICE": "https://a.example/sparql https://b.example/sparql",
                        "BOCHUM_KG_RESPONSE_CACHE_MB": "0.5"}.items():
        monkeypatch.setenv(name, value)
    settings = wsgi.settings_from_environment()
    assert (settings.public_url, settings.query_timeout, settings.row_cap) == ("https://kg.example.org/", 7.5, 100)
    assert settings.allowed_service_endpoints == ("https://a.example/sparql", "https://b.example/sparql")
    assert settings.response_cache_bytes == 512 * 1024 and settings.base_iri == CANONICAL_BASE
    assert settings.prebuilt_dir is None
    monkeypatch.setenv("BOCHUM_KG_PREBUILT", "some/prebuilt")
    assert wsgi.settings_from_environment().prebuilt_dir == Path("some/prebuilt").resolve()


def test_query_limits_come_from_the_environment(monkeypatch):
    for name, value in {"BOCHUM_KG_MAX_RESULT_MB": "2", "BOCHUM_KG_MIN_CLIENT_TIMEOUT": "1.5",
                        "BOCHUM_KG_MAX_REQUEST_BYTES": "4096", "BOCHUM_KG_MAX_UPLOAD_BYTES": "8192"}.items():
        monkeypatch.setenv(name, value)
    settings = wsgi.settings_from_environment()
    assert (settings.max_result_bytes, settings.min_client_timeout) == (2 * 1024 * 1024, 1.5)
    assert (settings.max_request_bytes, settings.max_upload_bytes) == (4096, 8192)
    # 0 lifts a limit, as with the flags of `bochum-kg serve`
    monkeypatch.setenv("BOCHUM_KG_ROW_CAP", "0")
    monkeypatch.setenv("BOCHUM_KG_MAX_RESULT_MB", "0")
    settings = wsgi.settings_from_environment()
    assert (settings.row_cap, settings.max_result_bytes) == (None, None)


def test_app_answers_and_replays(monkeypatch, tmp_path):
    monkeypatch.setenv("BOCHUM_KG_HOME", str(THREE_GRAPHS))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    application = wsgi.app()
    assert isinstance(application.extensions[ADMISSION].app, ResponseCache)  # the serving stack, then the cache
    client = application.test_client()
    answers = [client.get("/sparql?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"}) for _ in range(2)]
    assert [a.get_json() for a in answers] == [{"head": {}, "boolean": True}] * 2
    assert [a.headers["X-Cache"] for a in answers] == ["miss", "hit"]


def test_gunicorn_hooks_install_the_worker_retirement(monkeypatch):
    from bochum_kg.commands import serve
    from bochum_kg.kg.store import deadline

    from bochum_kg.web.http import retirement

    installed, retiring = [], []
    monkeypatch.setattr(deadline, "set_runaway_handler", installed.append)
    monkeypatch.setattr(retirement, "set_handler", retiring.append)  # not in the test process itself
    wsgi.post_fork(server=None, worker=None)
    assert installed == [serve.retire_worker] and retiring == [serve.leave_when_answered]
    wsgi.worker_exit(server=None, worker=None)  # not retiring: returns instead of leaving the process

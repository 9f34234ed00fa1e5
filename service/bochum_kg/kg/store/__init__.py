"""Store adapters: the embedded pyoxigraph store (default) and a remote SPARQL 1.1 endpoint."""

from __future__ import annotations

from bochum_kg.config import Settings


def open_store(settings: Settings):
    """The store the settings ask for: remote when store_url is set, else embedded (validated first)."""
    if settings.store_url:
        from bochum_kg.kg.store.remote import RemoteStore

        return RemoteStore(settings.store_url, settings)
    from bochum_kg.kg.store.embedded import open_embedded_store

    return open_embedded_store(settings)

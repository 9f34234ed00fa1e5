"""The knowledge graph a running app serves, bound once at start-up and read by every view."""

from __future__ import annotations

import gc
from dataclasses import dataclass

from flask import Flask, current_app

from bochum_kg.config import Settings
from bochum_kg.kg import catalog


@dataclass
class KnowledgeGraph:
    settings: Settings
    store: object  # a bochum_kg.stores.base.Store
    catalogue: catalog.Catalogue  # the named queries of queries/ (the API, the workbench's examples)


def init_app(app: Flask, settings: Settings, store=None) -> None:
    if store is None:
        from bochum_kg.kg.store import open_store

        store = open_store(settings)
    app.extensions["bochum_kg"] = KnowledgeGraph(settings=settings, store=store, catalogue=load_catalogue(settings))


def load_catalogue(settings: Settings) -> catalog.Catalogue:
    """The named queries, loaded when the app is built: a broken query file stops the start, loudly.

    Loading parses every query (rdflib, pyoxigraph); the parser leaves reference cycles that hold
    pyoxigraph result objects, which must be freed on the thread that made them, so collect them
    here rather than letting a request thread's garbage collection find them later.
    """
    named_queries = catalog.load_catalogue(settings)
    gc.collect()
    return named_queries


def kg() -> KnowledgeGraph:
    """The app's knowledge graph (inside a request or app context)."""
    return current_app.extensions["bochum_kg"]

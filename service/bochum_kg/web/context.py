"""The knowledge graph a running app serves, bound once at start-up and read by every view."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from bochum_kg.config import Settings


@dataclass
class KnowledgeGraph:
    settings: Settings
    store: object  # a bochum_kg.stores.base.Store


def init_app(app: Flask, settings: Settings, store=None) -> None:
    if store is None:
        from bochum_kg.kg.store import open_store

        store = open_store(settings)
    app.extensions["bochum_kg"] = KnowledgeGraph(settings=settings, store=store)


def kg() -> KnowledgeGraph:
    """The app's knowledge graph (inside a request or app context)."""
    return current_app.extensions["bochum_kg"]

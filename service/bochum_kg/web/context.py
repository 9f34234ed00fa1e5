"""The knowledge graph a running app serves, built once in `create_app`, and short ways to read it.

Below `web/`, nothing reaches for the app: the core (`bochum_kg.kg`) gets the graph passed in.
"""

from __future__ import annotations

from flask import Flask, current_app

from bochum_kg.config import Settings
from bochum_kg.kg.graph import KnowledgeGraph
from bochum_kg.kg.labels import prefixes as prefixes_for_base
from bochum_kg.kg.labels import qname as qname_for_base

EXTENSION = "bochum_kg"


def init_app(app: Flask, settings: Settings, store=None) -> KnowledgeGraph:
    graph = KnowledgeGraph.build(settings, store)
    app.extensions[EXTENSION] = graph
    return graph


def kg() -> KnowledgeGraph:
    """The app's knowledge graph (inside a request or app context)."""
    return current_app.extensions[EXTENSION]


def label_with_lang(iri: str, lang: str) -> tuple[str, str | None]:
    return kg().labels.label_with_lang(iri, lang)


def label(iri: str, lang: str) -> str:
    return kg().labels.label(iri, lang)


def qname(iri: str, base: str | None = None) -> str:
    return qname_for_base(iri, base or kg().settings.base_iri)


def prefixes(base: str | None = None) -> dict[str, str]:
    return prefixes_for_base(base or kg().settings.base_iri)

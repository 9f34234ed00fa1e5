"""The rdflib Graph that kg.sheets builds for data/ and for a workbook read back.

rdflib's default store (Memory) keeps the named graph of every triple, which a plain graph of
statements never needs; its SimpleMemory store keeps the same triples and answers the same
patterns without that bookkeeping. Measured on the real data (7,500 triples): adding them takes
less than half the time, lookups about two thirds. Nothing may depend on the order in which a
graph yields its triples (Memory's order already changed from process to process): what is
written from a graph is sorted first (turtle_writer.py, export.py).
"""

from __future__ import annotations

from rdflib import Graph


def new_graph() -> Graph:
    """An empty graph of statements (no named graphs, no formulae)."""
    return Graph(store="SimpleMemory")

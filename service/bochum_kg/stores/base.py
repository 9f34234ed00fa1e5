"""What every store adapter offers: the embedded pyoxigraph store and a remote SPARQL endpoint.

Views and commands only read through this interface, so the same code answers from either.
Terms are rdflib terms (URIRef, Literal, BNode) on this side of the interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Protocol

from rdflib import Graph
from rdflib.term import Node


class QueryTimeout(Exception):
    """The query ran longer than its time limit and was stopped."""


class QueryRejected(Exception):
    """The query is not allowed here (update, SERVICE, LOAD, a remote FROM…)."""


class QuerySyntaxError(Exception):
    """The query does not parse; message names the position."""


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[dict[str, Node]]  # unbound variables are absent from a row
    truncated: bool = False


class Store(Protocol):
    """Read-only access to the dataset: the default graph is the union of all named graphs."""

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None) -> SelectResult: ...

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None) -> Graph: ...

    def graph_names(self) -> list[str]: ...

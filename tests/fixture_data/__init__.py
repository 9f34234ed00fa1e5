"""The datasets the tests run on besides the real checkout, each named for what it holds.

Most tests read the real data (the `app` / `client` fixtures). These exist only where a test needs
data the real files lack:

- `small_strategy/`: a made-up strategy with exact answers for every planner view and API row
  (two competences, their goal areas and goals, a handful of projects and actors), plus a test-only
  CONSTRUCT named query; with the real ontology, concept schemes and named queries.
- `each_kind/`: one resource of each kind, 25 projects sharing a status (paging), hostile
  literals (escaping); with the real ontology, for the linked-data pages.
- `three_graphs/`: the SPARQL service on its own tiny ontology and shapes, graphs alpha, beta,
  gamma (26 triples in all), for protocol and server tests with exact counts.
- `semantics.ttl`: hand-made data on which each named query's decisions are checked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bochum_kg.config import Settings

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parents[1]
SMALL_STRATEGY = HERE / "small_strategy"
EACH_KIND = HERE / "each_kind"
THREE_GRAPHS = HERE / "three_graphs"
SEMANTICS = HERE / "semantics.ttl"
OTHER_BASE = "http://example.org/kg/"  # each_kind_other_base_app serves the same data under this base


def build_small_strategy_root(target: Path) -> Path:
    """A project root: real ontology, concept schemes and named queries, the small strategy as data."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(CHECKOUT / "ontology", target / "ontology")
    (target / "data").mkdir()
    shutil.copy(CHECKOUT / "data" / "concepts.ttl", target / "data" / "concepts.ttl")
    shutil.copy(SMALL_STRATEGY / "fixture.ttl", target / "data" / "fixture.ttl")
    shutil.copytree(CHECKOUT / "queries", target / "queries")
    for extra in (SMALL_STRATEGY / "queries").glob("*.rq"):  # test-only queries (a CONSTRUCT)
        shutil.copy(extra, target / "queries" / extra.name)
    (target / "shapes").mkdir()
    return target


def build_each_kind_root(target: Path) -> Path:
    """A project root: the real ontology and one resource of each kind as data."""
    (target / "data").mkdir(parents=True)
    shutil.copytree(CHECKOUT / "ontology", target / "ontology", ignore=shutil.ignore_patterns("*.md"))
    for path in EACH_KIND.glob("*.ttl"):
        shutil.copy(path, target / "data" / path.name)
    return target


def make_project(root: Path, data_files: dict[str, str]) -> Settings:
    """A checkout with the real ontology, concept schemes and queries plus the given data files."""
    shutil.copytree(CHECKOUT / "ontology", root / "ontology")
    shutil.copytree(CHECKOUT / "queries", root / "queries")
    (root / "data").mkdir()
    shutil.copy(CHECKOUT / "data" / "concepts.ttl", root / "data" / "concepts.ttl")
    for name, text in data_files.items():
        (root / "data" / name).write_text(text, encoding="utf-8")
    return Settings(project_root=root, validate_on_start=False)

"""Settings of a bochum-kg process, passed explicitly; nothing is read at import time."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

CANONICAL_BASE = "https://w3id.org/bochum-strategie/"
DEFAULT_RESPONSE_CACHE_MB = 64
#: Result limits of /sparql (README "Result limits"): a result is cut after this many rows or
#: triples, or before it grows past this many bytes, and says so (X-Result-Truncated).
DEFAULT_ROW_CAP = 100_000
DEFAULT_MAX_RESULT_MB = 64
#: A client's timeout= below this is raised to it: a tiny timeout on a heavy query would otherwise
#: make the worker that runs it retire (a running evaluation cannot be interrupted).
DEFAULT_MIN_CLIENT_TIMEOUT = 5.0
ONTOLOGY_NAMESPACE_SUFFIX = "ontology#"

#: Prefix -> path below the base of each kind of IRI of ours (docs/data-conventions.md, "IRIs").
INSTANCE_PREFIXES = {
    "strategy": "strategy/",
    "event": "event/",
    "tranche": "tranche/",
    "competence": "competence/",
    "theme": "theme/",
    "aim": "aim/",
    "goalarea": "goal-area/",
    "goal": "goal/",
    "project": "project/",
    "participation": "participation/",
    "actor": "actor/",
    "site": "site/",
    "figure": "figure/",
    "membership": "membership/",
    "unknown": "unknown/",
    "status": "status/",
    "role": "role/",
    "measure": "measure/",
    "formula": "formula/",
    "scheme": "scheme/",
}


def _default_project_root() -> Path:
    """The checkout that holds ontology/, data/, shapes/ and queries/."""
    env = os.environ.get("BOCHUM_KG_HOME")
    if env:
        return Path(env).resolve()
    # service/bochum_kg/config.py -> checkout root (editable install, the supported layout)
    here = Path(__file__).resolve().parents[2]
    if (here / "ontology").is_dir():
        return here
    return Path.cwd()


@dataclass(frozen=True)
class Settings:
    """Everything a command or the web app needs to know; tests build their own."""

    project_root: Path = field(default_factory=_default_project_root)
    # The public base of all IRIs. The files are written with CANONICAL_BASE; loading rewrites it.
    base_iri: str = CANONICAL_BASE
    # Public URL of the server (for sd:endpoint, VoID, links); None = derive from the request.
    public_url: str | None = None
    query_timeout: float = 30.0
    # Result limits of /sparql; None (or 0) = none.
    row_cap: int | None = DEFAULT_ROW_CAP
    max_result_bytes: int | None = DEFAULT_MAX_RESULT_MB * 1024 * 1024
    # The least time limit a client may ask for with timeout= (seconds); 0 = any.
    min_client_timeout: float = DEFAULT_MIN_CLIENT_TIMEOUT
    max_request_bytes: int = 1_000_000
    # Bodies of the routes that take a file (web/routes.py, upload=True: the workbooks of /curate).
    max_upload_bytes: int = 5 * 1024 * 1024
    # A remote SPARQL 1.1 endpoint to answer from instead of the embedded store.
    store_url: str | None = None
    # A directory written by `bochum-kg prebuild` (kg/prebuilt.py): served instead of parsing the files.
    prebuilt_dir: Path | None = None
    # SERVICE endpoints an operator explicitly allows; empty = no outgoing connections.
    allowed_service_endpoints: tuple[str, ...] = ()
    validate_on_start: bool = True
    # Memory per worker for replaying repeated GET answers (web/response_cache.py); 0 = off.
    response_cache_bytes: int = DEFAULT_RESPONSE_CACHE_MB * 1024 * 1024

    @property
    def ontology_dir(self) -> Path:
        return self.project_root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.project_root / "data"

    @property
    def shapes_dir(self) -> Path:
        return self.project_root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.project_root / "queries"

    @property
    def ontology_namespace(self) -> str:
        return self.base_iri + ONTOLOGY_NAMESPACE_SUFFIX

    @staticmethod
    def megabytes(mb: float) -> int:
        """A size given in MB (the --response-cache unit) in bytes; negative counts as 0."""
        return max(0, int(mb * 1024 * 1024))

    def with_changes(self, **changes) -> "Settings":
        return replace(self, **changes)

"""The small made-up graph the API, view and browser tests run against (exact expectations).

build_fixture_root(dir) lays out a project root with the real ontology, the real concept schemes
and the real named queries, and tests/api/fixture_data/fixture.ttl as the only other data file;
tests/api/fixture_data/queries/ adds test-only named queries (a CONSTRUCT query).
"""

from __future__ import annotations

import shutil
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
FIXTURE_DATA = Path(__file__).resolve().parent / "fixture_data"

BASE = "https://w3id.org/bochum-strategie/"
SHOOTINGSTAR = BASE + "competence/shootingstar-der-wissensarbeit"
TALENTSCHMIEDE = BASE + "competence/talentschmiede-im-ruhrgebiet"
RUB = BASE + "actor/ruhr-universitaet-bochum"
BOWE = BASE + "actor/bochum-wirtschaftsentwicklung"
STADT = BASE + "actor/stadt-bochum"
WERK_X = BASE + "project/werk-x"
WORLDFACTORY = BASE + "project/worldfactory"
KITA = BASE + "project/flexible-kita-im-stadtbezirk"
MARK = BASE + "site/mark-51-7"
GOAL_GRUENDUNGEN = BASE + "goal/gruendungen-ermoeglichen"
GOAL_TRANSFER = BASE + "goal/wissenstransfer-organisieren"
GOAL_KLIMA = BASE + "goal/innovationsklima-entwickeln"
GOAL_FORSCHUNG = BASE + "goal/forschung-sichern-und-ausbauen"
GOAL_TALENTE = BASE + "goal/talente-fuer-hochschulen-gewinnen"
AREA_OFFEN = BASE + "goal-area/offene-innovationskultur"
AREA_FORSCHUNG = BASE + "goal-area/exzellente-forschung"


def build_fixture_root(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(CHECKOUT / "ontology", target / "ontology")
    (target / "data").mkdir()
    shutil.copy(CHECKOUT / "data" / "concepts.ttl", target / "data" / "concepts.ttl")
    shutil.copy(FIXTURE_DATA / "fixture.ttl", target / "data" / "fixture.ttl")
    shutil.copytree(CHECKOUT / "queries", target / "queries")
    for extra in (FIXTURE_DATA / "queries").glob("*.rq"):  # test-only queries (a CONSTRUCT)
        shutil.copy(extra, target / "queries" / extra.name)
    (target / "shapes").mkdir()
    return target

"""IRIs of the small made-up strategy graph (tests/fixture_data/small_strategy/fixture.ttl) that the
API, view and browser tests check row for row."""

from __future__ import annotations

from fixture_data import CHECKOUT  # noqa: F401 (tests import it from here)

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

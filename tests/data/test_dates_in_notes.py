"""No dated fact lives only in prose: every date a note or description mentions is carried as data.

A skos:scopeNote, skos:historyNote or dcterms:description may mention a date (a day such as
"11. Dezember 2019", "11 December 2019", "2019-12-11" or "30.06.1965", a month with a year such
as "November 2017", or a four-digit year next to a milestone verb such as "eröffnet" or
"adopted") only if the same resource carries it as data: a typed date of its own (bs:date,
bs:startDate, bs:endDate, bs:foundingDate, bs:referenceDate …) or the bs:date / bs:endDate of an
event that bs:concerns it, at least as precisely as the text says it. Days without a year
("an einem 26. August") are not dates the data could carry and are allowed, as the conventions
ask for such undated days to stay in words.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox
import pytest

from bochum_kg.config import Settings
from bochum_kg.kg.load import load_dataset

PREFIXES = """
PREFIX bs: <https://w3id.org/bochum-strategie/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

MONTHS = {
    "januar": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
    "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10, "december": 12,
}
MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
YEAR = r"(1[6-9]\d{2}|20\d{2})"
DAY_PATTERNS = (
    (re.compile(rf"\b{YEAR}-(\d{{2}})-(\d{{2}})\b"), lambda m: (m[1], m[2], m[3])),
    (re.compile(rf"\b(\d{{1,2}})\.\s*{MONTH}\s+{YEAR}\b", re.I), lambda m: (m[3], MONTHS[m[2].lower()], m[1])),
    (re.compile(rf"\b(\d{{1,2}})\.(\d{{1,2}})\.{YEAR}\b"), lambda m: (m[3], m[2], m[1])),
    (re.compile(rf"\b(\d{{1,2}})\s+{MONTH}\s+{YEAR}\b", re.I), lambda m: (m[3], MONTHS[m[2].lower()], m[1])),
    (re.compile(rf"\b{MONTH}\s+(\d{{1,2}}),\s+{YEAR}\b", re.I), lambda m: (m[3], MONTHS[m[1].lower()], m[2])),
)
MONTH_YEAR = re.compile(rf"\b{MONTH}\s+{YEAR}\b", re.I)
# Verbs (and their nouns) of the milestones the model types: a year next to one of them is a dated fact.
MILESTONE_WORDS = re.compile(
    r"\b(eröffne\w*|eröffnung\w*|beschlo\w*|beschließ\w*|ausgezeichnet|auszeichnung\w*|verliehen|"
    r"gegründet\w*|gründete\w*|gründung\w*|gestartet|startete\w*|eingeweiht|fertiggestellt\w*|"
    r"fertigstellung\w*|abgeschlossen|freigeschaltet|zusammengelegt|umbenannt|beigetreten|"
    r"opened|opening|adopted|awarded|founded|launched|completed|completion|merged|renamed|inaugurated|"
    r"joined|won)\b",
    re.I,
)
NEAR = 60  # characters between a year and a milestone word within one clause


def mentioned_dates(text: str) -> set[str]:
    """The dates a text mentions, as lexical forms at the precision the text gives (yyyy-mm-dd, yyyy-mm, yyyy)."""
    found: set[str] = set()
    rest = text
    for pattern, parts in DAY_PATTERNS:
        for m in pattern.finditer(rest):
            year, month, day = parts(m)
            found.add(f"{int(year):04d}-{int(month):02d}-{int(day):02d}")
        rest = pattern.sub(" ", rest)
    for m in MONTH_YEAR.finditer(rest):
        found.add(f"{int(m[2]):04d}-{MONTHS[m[1].lower()]:02d}")
    rest = MONTH_YEAR.sub(" ", rest)
    for clause in re.split(r"[.;:!?()]\s", rest):
        for y in re.finditer(rf"(?<![\d/–-]){YEAR}(?![\d/–])", clause):
            window = clause[max(0, y.start() - NEAR): y.end() + NEAR]
            if MILESTONE_WORDS.search(window):
                found.add(y[1])
    return found


def offending(store: ox.Store) -> list[tuple[str, str, str]]:
    """(resource, date mentioned, note) for every mentioned date that the resource does not carry as data."""
    carried: dict[str, set[str]] = defaultdict(set)
    dated = """
        SELECT ?s ?d WHERE {
          { ?s ?p ?d . FILTER(isLiteral(?d) && DATATYPE(?d) IN (xsd:date, xsd:gYearMonth, xsd:gYear)) }
          UNION
          { ?e bs:concerns ?s ; bs:date|bs:endDate ?d . }
        }"""
    for row in store.query(PREFIXES + dated, use_default_graph_as_union=True):
        carried[row["s"].value].add(row["d"].value)
    notes = "SELECT ?s ?text WHERE { ?s skos:scopeNote|skos:historyNote|dcterms:description ?text }"
    problems = []
    for row in store.query(PREFIXES + notes, use_default_graph_as_union=True):
        subject, text = row["s"].value, row["text"].value
        for date in sorted(mentioned_dates(text)):
            if not any(d.startswith(date) for d in carried[subject]):
                problems.append((subject, date, text))
    return sorted(set(problems))


@pytest.fixture(scope="module")
def store():
    return load_dataset(Settings()).store


def test_every_date_in_a_note_is_carried_by_data(store):
    problems = offending(store)
    assert problems == [], "\n".join(f"{s}: {d} only in text: {t[:120]}…" for s, d, t in problems)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Feierlich eröffnet am 11. Dezember 2019.", {"2019-12-11"}),
        ("Opened on 11 December 2019 in the Planetarium.", {"2019-12-11"}),
        ("Eröffnung 2019-12-11; feierlich am 30.06.1965.", {"2019-12-11", "1965-06-30"}),
        ("Das Handlungskonzept wurde im November 2017 beschlossen.", {"2017-11"}),
        ("Der Rat hat das Konzept 2019 beschlossen.", {"2019"}),
        ("The council adopted it in 2019.", {"2019"}),
        ("Finanziert im Doppelhaushalt 2018/19.", set()),
        ("Auftakt an einem 26. August von 18 bis 22 Uhr.", set()),
        ("Vorgang 20231337 blieb hinter 25 Kernaktivitäten zurück.", set()),
        ("Die Stadt hat rund 370.000 Einwohner.", set()),
    ],
)
def test_dates_are_recognised(text, dates):
    assert mentioned_dates(text) == dates


def small_store(turtle: str) -> ox.Store:
    store = ox.Store()
    store.load(turtle.encode(), format=ox.RdfFormat.TURTLE)
    return store


NEGATIVE = """
@prefix bs: <https://w3id.org/bochum-strategie/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/bochum-strategie/actor/x> dcterms:description "Das Zentrum wurde am 11. Dezember 2019 eröffnet."@de ;
    skos:scopeNote "Der Rat hat 2018 den Kauf beschlossen."@de .
"""


def test_the_check_fails_on_a_date_only_in_prose():
    problems = offending(small_store(NEGATIVE))
    assert [(s.rsplit("/", 1)[-1], d) for s, d, _ in problems] == [("x", "2018"), ("x", "2019-12-11")]


def test_the_check_passes_once_events_carry_the_dates():
    fixed = NEGATIVE + """
<https://w3id.org/bochum-strategie/event/2019-12-11-eroeffnung-x> a bs:Opening ;
    bs:date "2019-12-11"^^xsd:date ; bs:concerns <https://w3id.org/bochum-strategie/actor/x> .
<https://w3id.org/bochum-strategie/actor/x> bs:foundingDate "2018-04"^^xsd:gYearMonth .
"""
    assert offending(small_store(fixed)) == []


def test_a_less_precise_date_does_not_carry_a_day():
    coarse = NEGATIVE + """
<https://w3id.org/bochum-strategie/event/2019-eroeffnung-x> a bs:Opening ;
    bs:date "2019"^^xsd:gYear ; bs:concerns <https://w3id.org/bochum-strategie/actor/x> .
"""
    assert [d for _, d, _ in offending(small_store(coarse))] == ["2018", "2019-12-11"]

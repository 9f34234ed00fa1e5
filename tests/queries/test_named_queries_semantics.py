"""What each named query decides, on the hand-made data in fixtures/semantics.ttl.

Every expected list below follows from that file (see its comments); rows are compared in the
query's own order, so the ORDER BY is under test too.
"""

from __future__ import annotations

import pytest

from bochum_kg.kg.catalog import run_named_query

from named_query_helpers import iri, rows_as_tuples

ALPHA, BETA = iri("competence:alpha"), iri("competence:beta")
P1, P2, P3, P4 = (iri(f"project:p{n}") for n in range(1, 5))
CITY, UNI_A = iri("actor:city"), iri("actor:uni-a")
LEAD, PARTNER, FUNDER = iri("role:lead"), iri("role:partner"), iri("role:funder")
IMPLEMENTED, IN_PROGRESS, MERGED = iri("status:implemented"), iri("status:in-progress"), iri("status:merged")


@pytest.fixture
def run(semantics_catalogue, semantics_store, semantics_settings):
    def run(name, **params):
        result = run_named_query(semantics_store, semantics_catalogue[name], params, semantics_settings)
        return rows_as_tuples(result)

    return run


def test_competences_count_goal_areas_and_projects_through_both_properties(run):
    # alpha: p1 (primary and competence: once) and p2 (bs:competence only); p3 serves a goal area of
    # alpha but has no competence link, so it does not count. beta: p2 and p4 (primary).
    assert run("competences") == [(ALPHA, "Große Alpha", 2, 2), (BETA, "Beta", 1, 2)]
    assert run("competences", lang="en") == [(ALPHA, "Big alpha", 2, 2), (BETA, "Beta EN", 1, 2)]


def test_goals_list_goal_areas_without_goals_and_fall_back_to_german(run):
    assert run("goals") == [
        (ALPHA, iri("goalarea:a1"), "Bereich A1", iri("goal:g1"), "Ziel eins"),
        (ALPHA, iri("goalarea:a1"), "Bereich A1", iri("goal:g2"), "Ziel zwei"),
        (ALPHA, iri("goalarea:a2"), "Bereich A2", None, None),
        (BETA, iri("goalarea:b1"), "Bereich B1", iri("goal:g3"), "Ziel drei"),
    ]
    assert run("goals", competence=ALPHA, lang="en") == [
        (ALPHA, iri("goalarea:a1"), "Area A1", iri("goal:g1"), "Goal one"),
        (ALPHA, iri("goalarea:a1"), "Area A1", iri("goal:g2"), "Ziel zwei"),  # no English label
        (ALPHA, iri("goalarea:a2"), "Area A2", None, None),
    ]
    assert run("goals", competence=iri("competence:unknown")) == []


def test_projects_one_row_per_competence_with_unknowns_kept(run):
    assert run("projects") == [
        (P3, "Projekt Drei", None, None),
        (P1, "Projekt Eins", ALPHA, IMPLEMENTED),
        (P4, "Projekt Vier", BETA, MERGED),
        (P2, "Projekt Zwei", ALPHA, IN_PROGRESS),
        (P2, "Projekt Zwei", BETA, IN_PROGRESS),
    ]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"competence": ALPHA}, [(P1, "Projekt Eins", ALPHA, IMPLEMENTED), (P2, "Projekt Zwei", ALPHA, IN_PROGRESS)]),
        ({"competence": BETA}, [(P4, "Projekt Vier", BETA, MERGED), (P2, "Projekt Zwei", BETA, IN_PROGRESS)]),
        ({"status": IMPLEMENTED}, [(P1, "Projekt Eins", ALPHA, IMPLEMENTED)]),
        ({"status": MERGED, "competence": BETA}, [(P4, "Projekt Vier", BETA, MERGED)]),
        ({"status": IMPLEMENTED, "competence": BETA}, []),
        ({"status": iri("status:planned")}, []),
        ({"competence": ALPHA, "lang": "en"}, [(P1, "Project one", ALPHA, IMPLEMENTED), (P2, "Projekt Zwei", ALPHA, IN_PROGRESS)]),
    ],
)
def test_projects_filters_never_keep_projects_that_lack_the_property(run, params, expected):
    assert run("projects", **params) == expected


def test_project_actors_lead_first_one_row_per_role(run):
    assert run("project-actors", project=P1) == [
        (CITY, "Stadt", LEAD),
        (UNI_A, "Universität A", FUNDER),
        (UNI_A, "Universität A", PARTNER),
    ]
    assert run("project-actors", project=P4) == []


def test_actor_projects_lead_first_then_by_label(run):
    assert run("actor-projects", actor=CITY) == [
        (P1, "Projekt Eins", LEAD),
        (P3, "Projekt Drei", PARTNER),
        (P2, "Projekt Zwei", PARTNER),
    ]
    assert run("actor-projects", actor=UNI_A, lang="en") == [
        (P2, "Projekt Zwei", LEAD),
        (P1, "Project one", FUNDER),
        (P1, "Project one", PARTNER),
    ]
    # the unit's participations are not its parent's and vice versa
    assert run("actor-projects", actor=iri("actor:office")) == []


def test_site_actors_include_sites_within(run):
    assert run("site-actors", site=iri("site:campus")) == [(iri("actor:institute"), "Institut"), (UNI_A, "Universität A")]
    assert run("site-actors", site=iri("site:building")) == [(iri("actor:institute"), "Institut")]
    assert run("site-actors", site=iri("site:town-hall"), lang="en") == [(CITY, "City")]


def test_universities_take_the_most_recent_dated_figure_else_the_largest(run):
    assert run("universities") == [
        (UNI_A, "Universität A", 5000),           # 2020-10 beats 2013 and the larger undated 9000
        (iri("actor:uni-b"), "Hochschule B", 700),  # undated only: the largest; the area figure is ignored
        (iri("actor:uni-c"), "Hochschule C", 300),  # "2020" beats "2019-12-01"; same date: the larger
        (iri("actor:uni-d"), "Hochschule D", None),
    ]


def test_goals_without_projects_ignore_projects_serving_only_the_goal_area(run):
    assert run("goals-without-projects") == [
        (iri("goal:g2"), "Ziel zwei", ALPHA),
        (iri("goal:g3"), "Ziel drei", BETA),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("alpha", [(ALPHA, "Große Alpha", iri("bs:Competence"))]),          # label and altLabel: one row
        ("GROSSE", [(ALPHA, "Große Alpha", iri("bs:Competence"))]),         # ß folded to ss
        ("große alpha", [(ALPHA, "Große Alpha", iri("bs:Competence"))]),
        ("Alphastadt", [(ALPHA, "Große Alpha", iri("bs:Competence"))]),     # found by altLabel, shown by label
        ("eins", [
            (P1, "Projekt Eins", iri("bs:CoreActivity")),                   # participations are left out
            (iri("tranche:t1"), "Tranche Eins", iri("bs:Tranche")),
            (iri("goal:g1"), "Ziel eins", iri("bs:Goal")),
        ]),
        # figures are left out, the measure concept named like them is not
        ("Studierende", [(iri("measure:students"), "Studierende", "http://www.w3.org/2004/02/skos/core#Concept")]),
        ("", []),
        ('Alpha" } UNION { ?resource ?p ?o } #', []),
    ],
)
def test_search(run, text, expected):
    assert run("search", text=text) == expected


def test_search_shows_the_requested_language(run):
    assert run("search", text="alpha", lang="en") == [(ALPHA, "Big alpha", iri("bs:Competence"))]


DECISION = (iri("event:2017-05-18-beschluss"), "Beschluss", "2017-05-18", iri("bs:CouncilDecision"))
BROCHURE = (iri("event:2017-06-broschuere"), "Broschüre", "2017-06", iri("bs:StrategyEvent"))
MARKET = (iri("event:2018-markt"), "Markt", "2018", iri("bs:StrategyEvent"))
UNDATED = (iri("event:bilanz"), "Bilanz", None, iri("bs:StrategyEvent"))


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, [DECISION, BROCHURE, MARKET, UNDATED]),
        ({"since": "2017-06-15"}, [BROCHURE, MARKET]),       # June 2017 is not before 15 June 2017
        ({"until": "2017-12-31"}, [DECISION, BROCHURE]),
        ({"since": "2018-01-01", "until": "2018-12-31"}, [MARKET]),
        ({"since": "2017-05-19", "until": "2017-05-31"}, []),
    ],
)
def test_timeline_compares_dates_at_their_own_precision(run, params, expected):
    assert run("timeline", **params) == expected


def test_conflicting_figures_skip_time_series_and_single_source_sets(run):
    rows = run("conflicting-figures")
    assert sorted((r[0], r[3].rsplit("/", 1)[-1], r[5]) for r in rows) == sorted([
        (UNI_A, "uni-a--students--1", 4000),  # undated 9000 conflicts with both dated ones
        (UNI_A, "uni-a--students--2", 5000),
        (UNI_A, "uni-a--students--3", 9000),
        (iri("actor:uni-b"), "uni-b--students--1", 600),
        (iri("actor:uni-b"), "uni-b--students--2", 700),
        (iri("actor:uni-c"), "uni-c--students--2", 250),  # same date "2020", two sources
        (iri("actor:uni-c"), "uni-c--students--3", 300),
    ])


def test_organisation_hierarchy_is_a_tree_below_the_root(run):
    assert run("organisation-hierarchy", organisation=CITY) == [
        (iri("actor:team"), "Team im Amt", iri("actor:office"), "Amt"),
        (iri("actor:office"), "Amt", CITY, "Stadt"),
    ]
    assert run("organisation-hierarchy", organisation=UNI_A) == [(iri("actor:institute"), "Institut", UNI_A, "Universität A")]


def test_status_counts_include_zero_and_no_status(run):
    assert run("status-counts") == [
        (iri("status:planned"), "geplant", 0),
        (IN_PROGRESS, "in Umsetzung", 1),
        (IMPLEMENTED, "umgesetzt", 1),
        (iri("status:stopped"), "eingestellt", 0),
        (MERGED, "aufgegangen in einem anderen Projekt", 1),
        (None, None, 1),
    ]


def test_project_goal_paths(run):
    assert run("project-goal-paths") == [
        (P3, "Projekt Drei", None, None, iri("goalarea:a1"), "Bereich A1", ALPHA, "Große Alpha"),
        (P1, "Projekt Eins", iri("goal:g1"), "Ziel eins", iri("goalarea:a1"), "Bereich A1", ALPHA, "Große Alpha"),
        (P2, "Projekt Zwei", None, None, iri("goalarea:b1"), "Bereich B1", BETA, "Beta"),
    ]
    assert run("project-goal-paths", project=P1, lang="en") == [
        (P1, "Project one", iri("goal:g1"), "Goal one", iri("goalarea:a1"), "Area A1", ALPHA, "Big alpha"),
    ]


def test_rankings_and_pairs(run):
    assert run("actors-by-project-count") == [(CITY, "Stadt", 3, 1), (UNI_A, "Universität A", 2, 1)]
    assert run("competences-by-projects-and-actors") == [(BETA, "Beta", 2, 2), (ALPHA, "Große Alpha", 2, 2)]
    assert run("projects-sharing-actors") == [
        (P1, "Projekt Eins", P2, "Projekt Zwei", 2),
        (P1, "Projekt Eins", P3, "Projekt Drei", 1),
        (P2, "Projekt Zwei", P3, "Projekt Drei", 1),
    ]
    assert run("actor-cooperation-pairs") == [(CITY, "Stadt", UNI_A, "Universität A", 2)]


def test_projects_without_competence_and_leads(run):
    assert run("projects-without-competence") == [(P3, "Projekt Drei", None)]
    assert run("project-leads") == [
        (P3, "Projekt Drei", None, None),
        (P1, "Projekt Eins", CITY, "Stadt"),
        (P4, "Projekt Vier", None, None),
        (P2, "Projekt Zwei", UNI_A, "Universität A"),
    ]


def test_sites_count_actors_and_projects_of_sites_within(run):
    assert run("sites") == [
        (iri("site:campus"), "Campus", iri("bs:DevelopmentPole"), None, 2, 1),
        (iri("site:building"), "Gebäude auf dem Campus", iri("bs:Site"), iri("site:campus"), 1, 1),
        (iri("site:town-hall"), "Rathaus", iri("bs:Site"), None, 1, 0),
    ]


def test_tranches(run):
    assert run("tranches") == [(iri("tranche:t1"), "Tranche Eins", 25, "2016", 2)]


def test_sources_of_a_resource_its_figures_and_participations(run):
    assert run("resource-sources", resource=UNI_A) == [
        ("https://example.org/o", UNI_A),
        ("https://example.org/s1", iri("figure:uni-a--students--1")),
        ("https://example.org/s2", iri("figure:uni-a--students--2")),
        ("https://example.org/s3", iri("figure:uni-a--students--3")),
    ]
    assert sorted(run("resource-sources", resource=P1)) == sorted([
        ("https://example.org/p", P1),
        ("https://example.org/p", iri("participation:p1--city--lead")),
        ("https://example.org/p", iri("participation:p1--uni-a--funder")),
        ("https://example.org/p", iri("participation:p1--uni-a--partner")),
    ])


def test_resource_figures(run):
    assert run("resource-figures", resource=iri("actor:uni-b")) == [
        (iri("figure:uni-b--area"), "Fläche B", iri("measure:area"), 99999, "m²", None, None, "https://example.org/s2"),
        (iri("figure:uni-b--students--1"), "Studierende B laut Quelle 1", iri("measure:students"), 600, None, None, None, "https://example.org/s1"),
        (iri("figure:uni-b--students--2"), "Studierende B laut Quelle 2", iri("measure:students"), 700, None, None, None, "https://example.org/s2"),
    ]


def test_class_counts_do_not_infer(run):
    counts = {row[0]: row[2] for row in run("class-instance-counts")}
    assert counts[iri("bs:CoreActivity")] == 3
    assert counts[iri("bs:RelatedInitiative")] == 1
    assert iri("bs:Project") not in counts
    assert counts[iri("bs:Participation")] == 6


def test_labels_missing_english_lists_data_resources_only(run):
    resources = {row[0] for row in run("labels-missing-english")}
    assert iri("goal:g2") in resources and iri("project:p3") in resources
    assert iri("goal:g1") not in resources
    assert not any("/ontology#" in r for r in resources)

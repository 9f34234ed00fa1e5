"""Lists that grow with the data stop at a fixed length ("no HTML page over 1 MB", web/capped.py):
the competence cards of /, the starting points of /explore, the <select>s of /api/docs and the
filters of the index pages and /gaps. On copies of the real data past each cap the pages show the first
ones and link to the (paged) index of all; on the real data they show everything and say nothing."""

from __future__ import annotations

import shutil

import html5lib
import pytest
from generate import generate  # bench/generate.py (conftest puts bench/ on the path)

from bochum_kg.config import Settings
from bochum_kg.web.app import create_app
from bochum_kg.web.capped import OPTIONS_SHOWN
from bochum_kg.web.pages.home import COMPETENCES_SHOWN
from bochum_kg.web.workbench.planner import EXAMPLES_SHOWN
from fixture_data import CHECKOUT

NS = {"h": "http://www.w3.org/1999/xhtml"}
INPUT, SELECT, OPTION = (f"{{{NS['h']}}}{tag}" for tag in ("input", "select", "option"))
BASE = "https://w3id.org/bochum-strategie/"
# The real data has 5 competences and 5 goal areas: 21 copies pass every cap (the largest is 100).
COPIES = 21


@pytest.fixture(scope="module")
def copies_client(tmp_path_factory):
    root = tmp_path_factory.mktemp("copies")
    generate(root, 0, copies=COPIES)
    shutil.copytree(CHECKOUT / "queries", root / "queries")
    app = create_app(Settings(project_root=root, validate_on_start=False, response_cache_bytes=0))
    app.config["TESTING"] = True
    return app.test_client()


def page(client, url: str):
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200, url
    return html5lib.parse(response.get_data(as_text=True))


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def all_links(tree) -> list[tuple[str, str]]:
    return [(a.get("href"), text(a)) for a in tree.findall(".//h:p[@class='all-link']/h:a", NS)]


def competence_cards(tree) -> list:
    return tree.findall(".//h:section[@aria-labelledby='competences']/h:ul/h:li", NS)


def example_links(tree) -> list:
    return tree.findall(".//h:ul[@class='example-list']/h:li/h:a", NS)


def filter_field(tree, name: str):
    return tree.find(f".//h:form[@class='filters']//*[@id='filter-{name}']", NS)


# --- copies of the real data: past every cap ----------------------------------------------------


def test_home_shows_the_first_competences_and_links_to_all(copies_client):
    total = 5 * COPIES
    assert total > COMPETENCES_SHOWN
    german = page(copies_client, "/")
    assert len(competence_cards(german)) == COMPETENCES_SHOWN
    assert all_links(german) == [("/competence/", f"Alle {total} Kompetenzen")]
    assert all_links(page(copies_client, "/?lang=en")) == [("/competence/?lang=en", f"All {total} competences")]


def test_the_home_cards_keep_the_strategy_order(copies_client, client):
    """Cards in the strategy's order: the first are the copies of the real first competence."""
    first = text(competence_cards(page(client, "/?lang=en"))[0].find("h:h3", NS))
    cards = competence_cards(page(copies_client, "/?lang=en"))
    assert {text(card.find("h:h3", NS)) for card in cards} == {first}


def test_explore_offers_the_first_starting_points_and_links_to_all(copies_client):
    tree = page(copies_client, "/explore?lang=en")
    labels = [text(a) for a in example_links(tree)]
    assert len(labels) == EXAMPLES_SHOWN
    assert labels == sorted(labels, key=str.lower)
    (competences, competence_text), (universities, university_text) = all_links(tree)
    assert (competences, competence_text) == ("/competence/?lang=en", f"All {5 * COPIES} competences")
    assert universities == "/actor/?class=HigherEducationInstitution&lang=en"
    count = int(university_text.split()[1])
    assert university_text == f"All {count} universities" and count > 0
    listed = page(copies_client, universities)
    assert text(listed.find(".//h:main//h:p", NS)) == f"{count} entries"


def test_api_docs_asks_for_an_iri_where_a_select_would_be_too_long(copies_client):
    tree = page(copies_client, "/api/docs?lang=en")
    field = tree.find(".//h:form[@action='/api/goals']//*[@id='try-goals-competence']", NS)
    assert field.tag == INPUT and field.get("type") == "text"
    hint = tree.find(".//*[@id='try-goals-competence-hint']", NS)
    assert field.get("aria-describedby") == hint.get("id")
    assert text(hint) == f"{5 * COPIES} possible values, too many for a list: please enter an IRI. All of them in the index"
    assert hint.find("h:a", NS).get("href") == "/competence/?lang=en"
    site = tree.find(".//*[@id='try-site-actors-site']", NS)
    assert site.tag == INPUT
    options = {o.get("value") or "" for o in tree.iter(OPTION)}
    assert not any(value.startswith((BASE + "competence/", BASE + "site/")) for value in options)
    short = tree.find(".//*[@id='try-milestones-kind']", NS)  # 45 classes: still a list
    assert short.tag == SELECT and len(short.findall("h:option", NS)) <= OPTIONS_SHOWN + 1


def test_the_api_still_takes_any_member_the_form_no_longer_lists(copies_client):
    last = f"{BASE}competence/shootingstar-der-wissensarbeit-s{COPIES - 1}"
    response = copies_client.get("/api/goals", query_string={"competence": last})
    assert response.status_code == 200
    assert response.get_json() and {row["competence"] for row in response.get_json()} == {last}


@pytest.mark.parametrize("index, name, example", [
    ("/project/", "competence", "grossstadt-mit-lebensgefuehl-s0"),
    ("/aim/", "competence", "grossstadt-mit-lebensgefuehl-s0"),
    ("/goal/", "goal-area", None),
])
def test_an_index_filter_with_too_many_values_is_a_text_field(copies_client, index, name, example):
    assert 5 * COPIES > OPTIONS_SHOWN
    tree = page(copies_client, index + "?lang=en")
    field = filter_field(tree, name)
    assert field.tag == INPUT and field.get("type") == "text" and field.get("value") == ""
    hint = tree.find(f".//*[@id='filter-{name}-hint']", NS)
    assert text(hint).startswith(f"{5 * COPIES} values, too many for a list: please enter the short name")
    if example:
        assert f"e.g. {example}." in text(hint)
    assert hint.find("h:a", NS).get("href") == f"/{name}/?lang=en"


def test_the_text_field_filters_like_the_select_did(copies_client):
    slug = "grossstadt-mit-lebensgefuehl-s3"
    tree = page(copies_client, f"/project/?competence={slug}")
    assert filter_field(tree, "competence").get("value") == slug
    rows = tree.findall(".//h:table/h:tbody/h:tr", NS)
    assert rows and all("-s3" in a.get("href") for row in rows for a in row.findall("h:td[1]/h:a", NS))
    assert filter_field(tree, "status").tag == SELECT  # 4 statuses: a list as before


# --- the real data: every list fits ---------------------------------------------------------------


def test_the_real_home_shows_every_competence_and_no_link(client, app):
    from bochum_kg.web.context import kg

    with app.app_context():
        competences = len(kg().overview.competences)
    tree = page(client, "/")
    assert 0 < len(competence_cards(tree)) == competences <= COMPETENCES_SHOWN
    assert all_links(tree) == []


def test_the_real_explore_offers_every_starting_point_and_no_link(client):
    tree = page(client, "/explore")
    assert 0 < len(example_links(tree)) <= EXAMPLES_SHOWN
    assert all_links(tree) == []


def test_the_real_api_docs_has_lists_and_no_hints(client):
    tree = page(client, "/api/docs")
    field = tree.find(".//*[@id='try-goals-competence']", NS)
    assert field.tag == SELECT and len(field.findall("h:option", NS)) > 1
    assert tree.findall(".//h:p[@class='hint muted']", NS) == []


@pytest.mark.parametrize("index, name", [("/project/", "competence"), ("/goal/", "goal-area"), ("/figure/", "measure")])
def test_the_real_index_filters_are_lists(client, index, name):
    field = filter_field(page(client, index), name)
    assert field.tag == SELECT and len(field.findall("h:option", NS)) > 1


def test_gaps_asks_for_a_competence_iri_past_the_cap(copies_client):
    tree = page(copies_client, "/gaps?lang=en")
    field = tree.find(".//h:form//*[@id='field-competence']", NS)
    assert (field.tag, field.get("type"), field.get("name")) == (INPUT, "text", "competence")
    hint = tree.find(".//h:p[@id='field-competence-hint']", NS)
    assert text(hint).startswith(f"{COPIES * 5} possible values")
    assert [a.get("href") for a in hint.findall("h:a", NS)] == ["/competence/?lang=en"]
    chosen = BASE + "competence/shootingstar-der-wissensarbeit-s3"
    filtered = page(copies_client, f"/gaps?lang=en&competence={chosen}")
    assert filtered.find(".//h:input[@id='field-competence']", NS).get("value") == chosen
    assert {li.get("data-competence") for li in filtered.findall(".//h:section[@data-role='goals-unpublished']//h:li", NS)} <= {chosen}


def test_the_real_gaps_filter_is_a_list(client):
    tree = page(client, "/gaps")
    field = tree.find(".//h:form//*[@id='field-competence']", NS)
    assert field.tag == SELECT and len(field.findall("h:option", NS)) == 1 + 5
    assert tree.find(".//h:p[@id='field-competence-hint']", NS) is None

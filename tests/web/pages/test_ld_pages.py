"""What the pages show: a project for planners, hierarchies, inbound links, indexes, home, languages."""

from __future__ import annotations

import json
import re

import pytest

from ld_helpers import OTHER_BASE, PageCheck, parse_rdf

BASE = "https://w3id.org/bochum-strategie/"


def _page(client, path, **headers) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def _rows(html: str) -> int:
    """Body rows of the page's table (0 without a table)."""
    return html.count("<tr>") - 1 if "<table" in html else 0


def _dl_row(html: str, term: str) -> str:
    match = re.search(rf"<dt[^>]*>{re.escape(term)}</dt>\s*<dd>(.*?)</dd>", html, re.S)
    assert match, term
    return match.group(1)


def test_project_page_shows_what_planners_need(each_kind_client):
    html = _page(each_kind_client, "/project/haus-des-wissens.html")
    summary = _section(html, "summary")
    assert ">in Umsetzung</a>" in _dl_row(summary, "Status")
    competence = _dl_row(summary, "Kompetenz")
    assert ">Großstadt mit Lebensgefühl</a>" in competence and "(Hauptkompetenz)" in competence
    goals = _dl_row(summary, "dient dem Ziel")
    assert ">Gründungen ermöglichen</a>" in goals
    assert "Shootingstar der Wissensarbeit › Offene Innovationskultur" in goals  # the goal's place
    assert ">Telekom-Block</a>" in _dl_row(summary, "Standort")
    assert "keine Angabe in den Quellen" in _dl_row(summary, "dient dem Schwerpunkt")
    sources = _section(html, "sources")  # each source once, in its own section
    assert 'href="https://www.bochum.de/haus-des-wissens"' in sources and 'href="https://www.example.org/presse/hdw"' in sources
    assert ">bochum.de › haus-des-wissens</a>" in sources and "<dt>Quellen</dt>" not in summary
    actors = _section(html, "participations")
    rows = re.findall(r"<tr>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>", actors, re.S)
    pairs = [(re.sub("<[^>]+>", "", a).strip(), re.sub("<[^>]+>", "", r).strip()) for a, r in rows]
    assert pairs == [("Ruhr-Universität Bochum", "Partner"), ("Stadt Bochum", "Projektleitung")]
    assert "≈ 12.000\u00a0m² (Fläche)" in html  # the figure with its value


def test_every_outgoing_property_is_listed_with_labels(each_kind_client):
    properties = _section(_page(each_kind_client, "/project/haus-des-wissens.html"), "properties")
    for label in ("Typ", "Bezeichnung", "andere Bezeichnung", "Beschreibung", "Status", "Hauptkompetenz",
                  "dient dem Ziel", "Standort", "Beginn", "Beteiligung", "Kennzahl"):
        assert f">{label}</span></th>" in properties, label
    assert "https://w3id.org/bochum-strategie/ontology#servesGoal</" not in properties  # labels, not raw IRIs
    assert '<span lang="en">House of Knowledge</span>' in properties
    assert '<time datetime="2019">2019</time>' in properties and "xsd:" not in properties
    assert ">Quelle</span></th>" not in properties  # the sources have their own section


def test_hierarchy_of_a_goal_and_a_goal_area(each_kind_client):
    goal = _page(each_kind_client, "/goal/gruendungen-ermoeglichen.html")
    crumbs = re.findall(r"<li>(?:<a [^>]*>)?([^<]+)", goal[goal.index('class="breadcrumb"'):goal.index("</nav>", goal.index('class="breadcrumb"'))])
    assert crumbs == ["Start", "Teststrategie 2030", "Shootingstar der Wissensarbeit", "Offene Innovationskultur"]
    area = _page(each_kind_client, "/goal-area/offene-innovationskultur.html")
    below = _section(area, "children")
    assert below.index("Gründungen ermöglichen") < below.index("Wissenstransfer organisieren")  # bs:order
    competence = _page(each_kind_client, "/competence/shootingstar-der-wissensarbeit.html")
    tree = _section(competence, "children")
    assert "Offene Innovationskultur" in tree and "Gründungen ermöglichen" in tree  # two levels
    projects = _section(competence, "projects")
    assert "Haus des Wissens" in projects  # through its goal


def test_organisation_units_sites_and_participations(each_kind_client):
    city = _page(each_kind_client, "/actor/stadt-bochum.html")
    assert "Referat für Tests" in _section(city, "children")
    table = _section(city, "participations")
    assert "Haus des Wissens" in table and "Projektleitung" in table
    unit = _page(each_kind_client, "/actor/referat-fuer-tests.html")
    assert ">Stadt Bochum</a>" in unit[unit.index('class="breadcrumb"'):]
    site = _page(each_kind_client, "/site/telekom-block.html")
    assert ">Innenstadt</a>" in _dl_row(_section(site, "summary"), "liegt in")
    participation = _page(each_kind_client, "/participation/haus-des-wissens--stadt-bochum--lead.html")
    summary = _section(participation, "summary")
    assert ">Haus des Wissens</a>" in _dl_row(summary, "Projekt")
    assert ">Stadt Bochum</a>" in _dl_row(summary, "Akteur")
    assert ">Projektleitung</a>" in _dl_row(summary, "Rolle")


def test_inbound_links_are_grouped_counted_and_paged(each_kind_client):
    html = _page(each_kind_client, "/status/implemented.html")
    inbound = _section(html, "inbound")
    assert 'ist „Status“ von' in inbound
    assert re.search(r'<td class="count"[^>]*>25</td>', inbound)
    assert inbound.count("Beispielprojekt") == 20
    more = re.search(r'<a href="([^"]+)">alle 25 anzeigen</a>', inbound).group(1).replace("&amp;", "&")
    first = _page(each_kind_client, more)
    listed = _section(first, "inbound-focus")
    assert listed.count("Beispielprojekt") == 25  # 25 fit on one page of 50
    assert each_kind_client.get("/status/implemented.html?inbound=http://example.org/nothing").status_code == 404
    assert each_kind_client.get("/status/implemented.html?inbound=x&page=zwei").status_code == 400


def test_resource_page_has_schema_org_and_alternates(each_kind_client):
    html = _page(each_kind_client, "/actor/ruhr-universitaet-bochum.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "CollegeOrUniversity"  # nearest schema.org class of bs:HigherEducationInstitution
    assert data["@id"] == BASE + "actor/ruhr-universitaet-bochum"
    assert data["name"] == "Ruhr-Universität Bochum"
    project = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                   _page(each_kind_client, "/project/haus-des-wissens.html"), re.S).group(1))
    assert project["@type"] == "Project"
    assert project["subjectOf"][0] == {"@type": "WebPage", "url": "https://www.bochum.de/haus-des-wissens"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", 27),  # haus-des-wissens, skript-test and 25 examples
        ("?status=implemented", 25),
        ("?status=planned", 1),
        ("?class=CoreActivity", 1),
        ("?competence=grossstadt-mit-lebensgefuehl", 1),  # directly (primary competence)
        ("?competence=shootingstar-der-wissensarbeit", 1),  # through the goal it serves
        ("?competence=grossstadt-mit-lebensgefuehl&status=implemented", 0),
    ],
)
def test_project_index_filters(each_kind_client, query, expected):
    html = _page(each_kind_client, "/project/" + query)
    assert _rows(html) == expected
    if expected == 0:
        assert "Keine Einträge." in html


def test_actor_index_filters_by_class(each_kind_client):
    assert _rows(_page(each_kind_client, "/actor/?class=Organisation")) == 3
    assert _rows(_page(each_kind_client, "/actor/?class=CityUnit")) == 1
    assert each_kind_client.get("/actor/?class=<x>").status_code == 400


def test_index_without_slash_redirects(each_kind_client):
    response = each_kind_client.get("/project")
    assert response.status_code == 301
    assert response.headers["Location"] == "/project/"


def test_ontology_class_links_to_its_members(each_kind_client):
    html = _page(each_kind_client, "/ontology.html")
    section = html[html.index('id="CoreActivity"'):]
    section = section[:section.index("</section>")]
    assert 'href="/project/?class=CoreActivity"' in section
    assert "Kernaktivität" in section and "Core activity" in section  # both languages
    assert "schema:Project" in html  # aligned external terms shown by prefixed name


def test_home_explains_the_strategy_and_the_entry_points(each_kind_client):
    html = _page(each_kind_client, "/")
    assert "<h1>Teststrategie 2030</h1>" in html
    cards = _section(html, "competences")
    first = cards[cards.index("Großstadt mit Lebensgefühl"):cards.index("Shootingstar der Wissensarbeit")]
    assert "0 Schwerpunkte · 0 Ziele · <a href=\"/project/?competence=grossstadt-mit-lebensgefuehl\">1 Projekte" in first
    second = cards[cards.index("Shootingstar der Wissensarbeit"):]
    assert "1 Schwerpunkte · 2 Ziele · <a href=\"/project/?competence=shootingstar-der-wissensarbeit\">1 Projekte" in second
    for href in ('href="/workbench"', 'href="/api/"', 'href="/dumps/"', 'href="/sparql"', 'href="/project/"', 'href="/ontology"'):
        assert href in html, href


def test_language_by_parameter_and_accept_language_with_fallback(each_kind_client):
    english = _page(each_kind_client, "/project/haus-des-wissens.html?lang=en")
    assert re.search(r'<html lang="en"[ >]', english) and "<h1>House of Knowledge</h1>" in english
    each_kind_client.delete_cookie("lang")  # ?lang= also set the language cookie; Accept-Language decides only without it
    by_header = _page(each_kind_client, "/project/haus-des-wissens.html", **{"Accept-Language": "en-GB,en;q=0.9,de;q=0.5"})
    assert "<h1>House of Knowledge</h1>" in by_header
    german = _page(each_kind_client, "/project/haus-des-wissens.html", **{"Accept-Language": "en;q=0.5, de"})
    assert "<h1>Haus des Wissens</h1>" in german
    fallback = _page(each_kind_client, "/site/telekom-block.html?lang=en")  # only a German label
    assert '<h1 lang="de">Telekom-Block</h1>' in fallback
    each_kind_client.delete_cookie("lang")
    response = each_kind_client.get("/project/haus-des-wissens.html")
    assert "Accept-Language" in response.headers["Vary"]
    assert response.headers["Content-Language"] == "de"
    assert each_kind_client.get("/project/haus-des-wissens.html?lang=en").headers["Content-Language"] == "en"
    assert 'href="/project/?lang=en"' in _page(each_kind_client, "/?lang=en")  # links keep the asked language
    each_kind_client.delete_cookie("lang")


def test_unknown_iri_gets_a_404_page_with_suggestions(each_kind_client):
    response = each_kind_client.get("/project/haus-des-wisens", headers={"Accept": "text/html"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'href="/project/haus-des-wissens">Haus des Wissens</a>' in html
    PageCheck(html)
    machine = each_kind_client.get("/project/haus-des-wisens.ttl", headers={"Accept": "text/turtle"})
    assert machine.status_code == 404
    assert machine.get_json() == {"status": 404, "error": "Not Found",
                                  "message": f"Nothing is known about {BASE}project/haus-des-wisens."}


def test_another_base_iri_is_served_under_the_same_paths(each_kind_other_base_app):
    client = each_kind_other_base_app.test_client()
    response = client.get("/project/haus-des-wissens", headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    graph = parse_rdf(client.get(response.headers["Location"]).data, "text/turtle")
    subjects = {str(s) for s in graph.subjects()}
    assert OTHER_BASE + "project/haus-des-wissens" in subjects
    assert not any(s.startswith(BASE) for s in subjects)
    html = client.get("/project/haus-des-wissens.html").get_data(as_text=True)
    assert f"{OTHER_BASE}project/haus-des-wissens" in html
    assert 'href="/goal/gruendungen-ermoeglichen"' in html
    context = client.get("/context.jsonld").get_json()["@context"]
    assert context["bs"] == OTHER_BASE + "ontology#"


def test_public_url_is_used_for_absolute_links(each_kind_root):
    from bochum_kg.config import Settings
    from bochum_kg.web.app import create_app

    app = create_app(Settings(project_root=each_kind_root, validate_on_start=False, public_url="https://kg.example.org"))
    client = app.test_client()
    void = parse_rdf(client.get("/dataset.ttl").data, "text/turtle")
    assert any(str(o) == "https://kg.example.org/sparql" for o in void.objects())
    document = client.get("/project/haus-des-wissens.jsonld").get_json()
    assert document["@context"] == "https://kg.example.org/context.jsonld"

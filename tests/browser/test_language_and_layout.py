"""The language a reader chose, the phone a reader holds, and the small things of every page.

- an English reader stays English while clicking through the site (links carry ?lang=en);
- at 390 px no page scrolls sideways, and the header leaves most of the first screen to the page;
- the favicon is an SVG linked from every page; the home page leads planners to their views.
Runs on the real data; a project page at phone width is kept as tests/artifacts/project-phone.png.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests

B = "https://w3id.org/bochum-strategie/"

PHONE_PAGES = [
    "/", "/project/", "/actor/", "/competence/", "/project/haus-des-wissens", "/actor/stadt-bochum",
    "/site/mark-51-7", "/goal-area/erstklassige-berufliche-und-akademische-bildung", "/competence/shootingstar-der-wissensarbeit",
    "/participation/univercity-bochum--deutsches-bergbau-museum--member", "/figure/2023-06-17-fuenfte-buergerkonferenz--participants",
    "/search?q=wissen", "/ontology", "/.well-known/void", "/catalog", "/sources", "/dumps/", "/graph/", "/graph/actors",
    "/workbench", "/explore", "/explore?resource=" + quote(B + "actor/stadt-bochum"), "/paths",
    "/paths?from=actor:ruhr-universitaet-bochum&to=" + quote(B + "actor/stadt-bochum"), "/gaps", "/api/docs",
    "/project/there-is-no-such-project",
]


def lang_of(page) -> tuple[str, str | None]:
    return page.get_attribute("html", "lang"), parse_qs(urlsplit(page.url).query).get("lang", [None])[0]


def test_an_english_reader_stays_english_over_three_clicks(page, real_server):
    page.goto(real_server + "/?lang=en")
    # 1: the header's navigation
    page.click("header nav a[href^='/project/']")
    assert lang_of(page) == ("en", "en")
    # 2: a project in the index (a link the server writes from the data)
    page.click("main table a[href^='/project/']")
    page.wait_for_load_state("load")
    assert lang_of(page) == ("en", "en")
    # 3: the footer, then the site name, then the explorer link of the page
    page.click("footer a[href^='/sources']")
    assert lang_of(page) == ("en", "en")
    page.click("header a.site-name")
    assert lang_of(page) == ("en", "en")
    assert page.inner_text("h1") == "Bochum Strategy 2030"


def test_every_internal_link_of_the_shared_layout_carries_the_language(page, real_server):
    for path in ("/", "/project/haus-des-wissens", "/workbench", "/explore?resource=" + quote(B + "actor/stadt-bochum")):
        page.goto(real_server + path + ("&" if "?" in path else "?") + "lang=en")
        if "explore" in path:
            page.wait_for_selector("[data-role=graph][data-ready=true]")
        hrefs = page.eval_on_selector_all(
            "header a[href^='/']:not([hreflang]), footer a[href^='/'], main a[href^='/']",  # not the language switch
            "as => as.map(a => a.getAttribute('href'))")
        machine = ("/sitemap.xml", "/dumps/bochum-strategie.", "/api/neighbourhood", "/api/gaps", "/api/paths",
                   "/ontology.ttl", "/project/haus-des-wissens.", "/api/openapi.json")
        missing = [h for h in hrefs if "lang=en" not in h and not h.startswith(machine) and not h.startswith("/api/")]
        assert missing == [], path


def test_planner_views_speak_english(page, real_server):
    page.goto(real_server + "/explore?lang=en&resource=" + quote(B + "actor/stadt-bochum"))
    page.wait_for_selector("[data-role=graph][data-ready=true]")
    buttons = set(page.eval_on_selector_all("[data-role=node-table] button", "bs => bs.map(b => b.textContent)"))
    assert "Expand" in buttons and not any("Erweitern" in b or "weitere" in b for b in buttons)
    assert any(b.startswith("Show ") and b.endswith(" more") for b in buttons)
    assert page.inner_text("[data-role=fit]") == "Fit to screen"
    assert page.inner_text(".class-filter legend") == "Legend and filter"


def test_the_header_collapses_on_a_phone(phone, real_server):
    phone.goto(real_server + "/project/haus-des-wissens")
    header = phone.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert header < 844 * 0.2
    assert not phone.is_visible("header nav")
    phone.click(".nav-toggle")
    assert phone.get_attribute(".nav-toggle", "aria-expanded") == "true"
    assert phone.is_visible("header nav a[href^='/project/']")
    phone.keyboard.press("Escape")
    assert not phone.is_visible("header nav")


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_page_scrolls_sideways_on_a_phone(clean_phone, real_server, path):
    phone = clean_phone
    phone.goto(real_server + path)
    phone.wait_for_load_state("load")
    if "workbench" in path:
        phone.wait_for_selector("#yasgui[data-ready=true] .CodeMirror")
    if "resource=" in path or "from=" in path:
        phone.wait_for_selector("[data-role=graph][data-ready=true]")
    phone.click(".nav-toggle")
    width = phone.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert width <= 390


def test_project_page_on_a_phone(phone, real_server, artifacts):
    phone.goto(real_server + "/project/haus-des-wissens")
    phone.screenshot(path=str(artifacts / "project-phone.png"), full_page=True)
    # the rows of "all statements" stack: the property name above its values, both full width
    th, td = phone.evaluate("""() => { const row = document.querySelector('#properties ~ table tbody tr');
      return [row.querySelector('th').getBoundingClientRect().width, row.querySelector('td').getBoundingClientRect().width]; }""")
    assert th > 300 and td > 300
    assert phone.console_log.errors == []


def test_favicon_and_planner_links_on_the_home_page(page, real_server):
    asked = []
    page.on("request", lambda r: asked.append(urlsplit(r.url).path))
    page.goto(real_server + "/")
    page.wait_for_load_state("load")
    icon = page.get_attribute("link[rel=icon]", "href")
    assert page.get_attribute("link[rel=icon]", "type") == "image/svg+xml"
    answer = requests.get(real_server + icon, timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("image/svg+xml")
    assert "/favicon.ico" not in asked
    planners = page.locator(".card", has=page.locator("h3", has_text="Für Planer"))
    links = planners.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert {"/explore", "/paths", "/gaps"} <= set(links)
    assert page.console_log.errors == []

"""Every kind of page parses as HTML5 without errors, declares its language, has one h1 and
no link without text; in both languages and for error pages too."""

from __future__ import annotations

import re

import pytest

from ld_helpers import PageCheck

PAGES = [
    ("/", 200),
    ("/project/", 200),
    ("/project/?status=implemented&class=RelatedInitiative", 200),
    ("/actor/", 200),
    ("/competence/", 200),
    ("/theme/", 200),  # an empty index
    ("/graph/", 200),
    ("/project/haus-des-wissens.html", 200),
    ("/participation/haus-des-wissens--stadt-bochum--lead.html", 200),
    ("/actor/stadt-bochum.html", 200),
    ("/site/telekom-block.html", 200),
    ("/competence/shootingstar-der-wissensarbeit.html", 200),
    ("/goal/gruendungen-ermoeglichen.html", 200),
    ("/figure/haus-des-wissens--area.html", 200),
    ("/status/implemented.html", 200),
    ("/status/implemented.html?inbound=https://w3id.org/bochum-strategie/ontology%23status&page=1", 200),
    ("/scheme/project-status.html", 200),
    ("/ontology.html", 200),
    ("/dataset.html", 200),
    ("/catalog.html", 200),
    ("/graph/linked-data-fixture.html", 200),
    ("/search", 200),
    ("/search?q=haus", 200),
    ("/search?q=xylophon", 200),
    ("/dumps/", 200),
    ("/sources", 200),
    ("/project/unknown", 404),
    ("/project/a%20b", 400),
    ("/project/?class=%3Cx%3E", 400),
]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path, status", PAGES)
def test_page_is_well_formed_and_accessible(each_kind_client, path, status, lang):
    response = each_kind_client.get(path, headers={"Accept": "text/html", "Accept-Language": lang})
    assert response.status_code == status
    assert response.mimetype == "text/html"
    page = PageCheck(response.get_data(as_text=True))
    assert page.lang == lang
    assert page.h1_count() == 1
    assert page.unlabelled_links() == []


def test_base_layout_is_shared(each_kind_client):
    html = each_kind_client.get("/").get_data(as_text=True)
    assert re.search(r'<link rel="stylesheet" href="/static/style\.[0-9a-f]{12}\.css">', html)
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main">' in html
    css = each_kind_client.get("/static/style.css")
    assert css.status_code == 200
    assert b"http" not in css.data  # no CDN, no remote fonts

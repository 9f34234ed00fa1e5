"""Nothing from the data or the request is ever rendered as markup."""

from __future__ import annotations

import json
import re

import pytest

from ld_helpers import PageCheck

HOSTILE = "/project/skript-test"


def _scripts(html: str) -> list[str]:
    """The <script> elements of a page (start tags as written)."""
    return re.findall(r"<script[^>]*>", html)


def test_script_in_a_label_is_text_on_the_resource_page(each_kind_client):
    html = each_kind_client.get(HOSTILE + ".html").get_data(as_text=True)
    assert "Projekt &lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt; &amp; Co" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(&#39;alt&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(&#39;desc&#39;)&gt;" in html
    assert "<script>alert" not in html
    assert "<img" not in html
    # the only script elements are the page's own: its JSON-LD and the site script (header menu)
    scripts = sorted(_scripts(html))
    assert len(scripts) == 2 and re.fullmatch(r'<script src="/static/app/site\.[0-9a-f]{12}\.js">', scripts[0])
    assert scripts[1] == '<script type="application/ld+json">'
    PageCheck(html)


def test_embedded_json_ld_cannot_close_its_script_element(each_kind_client):
    html = each_kind_client.get(HOSTILE + ".html").get_data(as_text=True)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert data["name"] == "Projekt <script>alert('label')</script> & Co"
    assert data["alternateName"] == ["</script><script>alert('alt')</script>"]


@pytest.mark.parametrize("path", ["/project/", "/status/planned.html", "/search?q=script", "/search?q=alert",
                                  "/project/skript-test.html?lang=en", "/graph/linked-data-fixture.html"])
def test_hostile_label_is_escaped_wherever_it_is_listed(each_kind_client, path):
    html = each_kind_client.get(path).get_data(as_text=True)
    assert "Projekt &lt;script&gt;" in html, path
    assert "<script>alert" not in html
    PageCheck(html)


def test_search_query_is_echoed_as_text(each_kind_client):
    html = each_kind_client.get("/search", query_string={"q": '"><script>alert(1)</script>'}).get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'value="&#34;&gt;&lt;script&gt;' in html
    PageCheck(html)


def test_unknown_path_is_echoed_as_text_on_the_404_page(each_kind_client):
    response = each_kind_client.get("/project/%C3%A4-unknown-thing", headers={"Accept": "text/html"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "ä-unknown-thing" in html
    PageCheck(html)


@pytest.mark.parametrize("path", ["/project/<script>alert(1)</script>", "/project/a%22onmouseover=alert(1)",
                                  "/project/a b", "/project//x", "/project/../x", "/project/%3Cb%3E"])
def test_malformed_paths_are_400_and_never_echo_markup(each_kind_client, path):
    for accept in ("text/html", "application/json"):
        response = each_kind_client.get(path, headers={"Accept": accept})
        assert response.status_code == 400, (path, accept)
        text = response.get_data(as_text=True)
        assert "<script>" not in text and "<b>" not in text and '"onmouseover' not in text
        if accept == "text/html":
            PageCheck(text)
        else:
            assert response.get_json()["status"] == 400


def test_hostile_source_url_is_an_escaped_href(each_kind_client):
    html = each_kind_client.get(HOSTILE + ".html").get_data(as_text=True)
    assert 'href="https://www.bochum.de/skript?a=1&amp;b=2"' in html

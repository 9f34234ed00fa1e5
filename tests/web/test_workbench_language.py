"""The workbench's examples in the page's language: each query's title and summary as the catalogue
has them in that language, the query name beside them, and `lang` bound to the page's language."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import html5lib
import pytest

from bochum_kg.kg.catalog import Catalogue
from bochum_kg.web.i18n import t

VALUES = re.compile(r"VALUES \(([^)]*)\) \{ \((.*)\) \}")


def examples_shown(response) -> list[dict]:
    """Per example of the page: heading, name, summary (with their lang attributes) and button label."""
    tree = html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)
    shown = []
    for item in tree.findall(".//ul[@data-role='examples']/li"):
        heading = item.find("h3[@class='example-title']")
        title, name = heading.find("span"), heading.find("code[@class='example-name']")
        summary = item.find(".//span[@class='example-summary']")
        shown.append({
            "name": name.text, "title": title.text, "title_lang": title.get("lang"),
            "summary": summary.text, "summary_lang": summary.get("lang"),
            "button": item.find(".//button[@data-example]").get("aria-label"),
        })
    return shown


def embedded_examples(response) -> dict[str, dict]:
    html = response.get_data(as_text=True)
    raw = re.search(r'<script type="application/json" id="workbench-examples">(.*?)</script>', html, re.S).group(1)
    return {example["name"]: example for example in json.loads(raw)}


def bound_values(text: str) -> dict[str, str]:
    """The variables and terms of the VALUES line the server wrote into an example's text."""
    names, terms = VALUES.search(text).groups()
    return dict(zip(names.replace("?", "").split(), re.findall(r'<[^>]*>|"[^"]*"\S*', terms), strict=True))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_example_shows_title_and_summary_in_the_page_language(client, catalogue, lang):
    shown = examples_shown(client.get(f"/workbench?lang={lang}"))
    assert [example["name"] for example in shown] == list(catalogue)
    for example in shown:
        query = catalogue[example["name"]]
        assert example["title"] == query.text_in("title", lang)[0], query.name
        assert example["summary"] == query.text_in("summary", lang)[0], query.name
        assert example["title_lang"] is None and example["summary_lang"] is None, query.name  # the page's own language
        assert example["button"] == f"{t('workbench.load', lang)}: {query.text_in('title', lang)[0]}", query.name


@pytest.mark.parametrize("lang", ["de", "en"])
def test_examples_with_a_lang_parameter_bind_the_page_language(client, catalogue, lang):
    examples = embedded_examples(client.get(f"/workbench?lang={lang}"))
    with_lang = [query for query in catalogue.values() if query.parameter("lang")]
    assert len(with_lang) >= 20
    for query in with_lang:
        example = examples[query.name]
        assert bound_values(example["text"])["lang"] == f'"{lang}"', query.name
        assert example["params"]["lang"] == lang, query.name  # what the page lists and the API link sends


def test_an_english_cookie_after_a_german_page_gets_english_examples(app, catalogue):
    """A German page first, then English by cookie only: nothing keeps one language's examples."""
    client = app.test_client()
    german = embedded_examples(client.get("/workbench?lang=de"))
    client.set_cookie("lang", "en")
    english = embedded_examples(client.get("/workbench"))
    assert german["competences"]["title"] == catalogue["competences"].text_in("title", "de")[0]
    assert english["competences"]["title"] == catalogue["competences"].text_in("title", "en")[0]
    assert bound_values(english["competences"]["text"])["lang"] == '"en"'


def test_a_text_in_another_language_is_marked_with_its_language(app, catalogue, monkeypatch):
    """A query without German title and summary shows the English ones on the German page, marked lang="en"."""
    untranslated = replace(catalogue["competences"], translations={})
    monkeypatch.setattr(app.extensions["bochum_kg"], "catalogue", Catalogue({**catalogue, "competences": untranslated}))
    shown = {example["name"]: example for example in examples_shown(app.test_client().get("/workbench?lang=de"))}
    assert (shown["competences"]["title"], shown["competences"]["title_lang"]) == (untranslated.title, "en")
    assert (shown["competences"]["summary"], shown["competences"]["summary_lang"]) == (untranslated.summary, "en")
    assert shown["goals"]["title_lang"] is None  # the others still in German

"""Titles and German texts of the named queries: every public query has them, the header keys are
checked at load time, and a missing text falls back to English, then to the query's name."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_named_queries_catalogue import GOOD_BODY, GOOD_HEADER, write_query

from bochum_kg.config import Settings
from bochum_kg.kg.catalog import CatalogueError, load_queries, parse_named_query


def test_every_public_query_has_an_english_title_and_german_title_and_summary(catalogue):
    for query in catalogue.values():
        german = query.translations.get("de", {})
        assert query.title and query.title.strip() == query.title, query.name
        assert german.get("title") and german.get("summary"), query.name
        assert german["title"] != query.title and german["summary"] != query.summary, query.name
        assert (query.text_in("title", "de")[0], query.text_in("summary", "de")[0]) == (german["title"], german["summary"]), query.name
        assert (query.text_in("title", "en")[0], query.text_in("summary", "en")[0]) == (query.title, query.summary), query.name


def test_titles_are_short_and_distinct(catalogue):
    for lang in ("de", "en"):
        titles = [query.text_in("title", lang)[0] for query in catalogue.values()]
        assert len(set(titles)) == len(titles), lang
        assert max(len(title.split()) for title in titles) <= 7, lang


def test_the_package_queries_need_no_titles(real_settings):
    from bochum_kg.kg.catalog import load_internal_queries

    internal = load_internal_queries(real_settings)
    assert any(query.title is None and not query.translations for query in internal.values())


def test_a_missing_text_falls_back_to_english_then_to_the_name(catalogue):
    query = replace(catalogue["competences"], translations={})
    assert query.text_in("title", "de") == (query.title, "en")
    assert query.text_in("summary", "de") == (query.summary, "en")
    assert replace(query, title=None).text_in("title", "de") == ("competences", None)
    assert catalogue["competences"].text_in("title", "de") == (catalogue["competences"].translations["de"]["title"], "de")


GERMAN = "#+ de:\n#+   title: Ein Titel\n#+   summary: Eine Zeile\n"
BAD_TITLES = {
    "title-list": ("#+ title: [a, b]\n", "'title' must be non-empty text, not ['a', 'b']"),
    "title-number": ("#+ title: 7\n", "'title' must be non-empty text, not 7"),
    "title-empty": ("#+ title: ''\n", "'title' must be non-empty text, not ''"),
    "de-text": ("#+ de: Ein Titel\n", "'de' must be a mapping with title and summary, not 'Ein Titel'"),
    "de-list": ("#+ de: [Ein Titel, Eine Zeile]\n", "'de' must be a mapping with title and summary"),
    "de-unknown-key": (GERMAN + "#+   description: Mehr\n", "'de' takes only title and summary, not description"),
    "de-without-summary": ("#+ de:\n#+   title: Ein Titel\n", "header needs 'de.summary' as non-empty text"),
    "de-title-mapping": ("#+ de:\n#+   title: {a: b}\n#+   summary: Eine Zeile\n", "'de.title' must be non-empty text"),
    "en-key": ("#+ en:\n#+   title: A title\n#+   summary: One line\n", "unknown header key(s): en"),
}


@pytest.mark.parametrize("name", sorted(BAD_TITLES))
def test_a_bad_title_or_translation_fails_at_load_naming_the_file(tmp_path, name):
    lines, message = BAD_TITLES[name]
    write_query(tmp_path, "zzz-good", GOOD_HEADER + GOOD_BODY)
    path = write_query(tmp_path, name, GOOD_HEADER + lines + GOOD_BODY)
    with pytest.raises(CatalogueError) as err:
        load_queries(tmp_path, Settings(project_root=tmp_path))
    assert err.value.path == path and str(path) in str(err.value)
    assert message in err.value.message


def test_good_title_and_translation_are_read(tmp_path):
    path = write_query(tmp_path, "fine", GOOD_HEADER + "#+ title: '  A title '\n" + GERMAN + GOOD_BODY)
    query = parse_named_query(path, path.read_text())
    assert query.title == "A title"
    assert query.translations == {"de": {"title": "Ein Titel", "summary": "Eine Zeile"}}

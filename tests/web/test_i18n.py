"""One translation table (web/i18n/) holds every key the templates ask for, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bochum_kg.web import i18n

TEMPLATES = Path(i18n.__file__).parents[1] / "templates"


def template_keys() -> tuple[set[str], set[str]]:
    """(keys, prefixes): t("a.b") asks for a key, t("a." + kind) for some key starting "a."."""
    keys, prefixes = set(), set()
    for path in TEMPLATES.rglob("*.html"):
        for key, plus in re.findall(r"\bv?t\(\s*['\"]([\w.]+)['\"]\s*(\+?)", path.read_text(encoding="utf-8")):
            (prefixes if plus else keys).add(key)
    return keys, prefixes


def test_every_key_the_templates_use_is_in_the_table():
    keys, prefixes = template_keys()
    assert len(keys) > 200 and len(prefixes) >= 3  # t() of the pages and vt() of the views both found
    assert sorted(keys - set(i18n.STRINGS)) == []
    assert sorted(p for p in prefixes if not any(key.startswith(p) for key in i18n.STRINGS)) == []


def test_every_entry_has_both_languages():
    assert [key for key, texts in i18n.STRINGS.items() if len(texts) != len(i18n.LANGUAGES) or not all(texts)] == []


@pytest.mark.parametrize("query, header, lang", [
    ("?lang=en", "de", "en"), ("", "en-GB,en;q=0.9", "en"), ("", "fr", "de"), ("?lang=xx", "en", "en"),
])
def test_the_request_language(app, query, header, lang):
    with app.test_request_context("/" + query, headers={"Accept-Language": header}):
        assert i18n.request_language() == lang
        assert i18n.t("nav.projects") == {"de": "Projekte", "en": "Projects"}[lang]
        assert i18n.t("views.explore") == "Explorer"
        assert i18n.t("no.such.key") == "no.such.key"

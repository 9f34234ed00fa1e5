"""The interface's own words in German and English, and which of the two a request gets.

The page language is ?lang=de|en when given, else the better match of Accept-Language, else
German (the strategy's own language). Data labels fall back to the other language (labels.py).
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import request

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def request_language() -> str:
    """The language of this request's page: ?lang= wins, then Accept-Language, then German."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


def explicit_language() -> str | None:
    """The language the URL itself asks for (?lang=), which internal links carry on."""
    asked = request.args.get("lang")
    return asked if asked in LANGUAGES else None


def url_with_lang(path: str, lang: str | None = None, **params) -> str:
    """A local URL with the request's explicit ?lang= (or `lang`) and further parameters."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    chosen = lang or explicit_language()
    if chosen:
        query["lang"] = chosen
    fragment = ""
    if "#" in path:
        path, fragment = path.split("#", 1)
        fragment = "#" + fragment
    if not query:
        return path + fragment
    return path + ("&" if "?" in path else "?") + urlencode(query) + fragment


def lang_switch_url(code: str) -> str:
    """This page in the other language (keeps the other query parameters)."""
    params = {k: v for k, v in request.args.items() if k != "lang"}
    params["lang"] = code
    return request.script_root + request.path + "?" + urlencode(params)


STRINGS: dict[str, dict[str, str]] = {
    "site.name": {"de": "Bochum Strategie 2030 – Linked Open Data", "en": "Bochum Strategy 2030 – Linked Open Data"},
    "nav.skip": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "nav.label": {"de": "Hauptnavigation", "en": "Main navigation"},
    "nav.competences": {"de": "Kompetenzen", "en": "Competences"},
    "nav.projects": {"de": "Projekte", "en": "Projects"},
    "nav.actors": {"de": "Akteure", "en": "Actors"},
    "nav.sites": {"de": "Standorte", "en": "Sites"},
    "nav.ontology": {"de": "Ontologie", "en": "Ontology"},
    "nav.workbench": {"de": "Abfrage-Werkbank", "en": "Query workbench"},
    "nav.api": {"de": "API", "en": "API"},
    "nav.dumps": {"de": "Downloads", "en": "Downloads"},
    "search.title": {"de": "Suche", "en": "Search"},
    "search.label": {"de": "Suche in Bezeichnungen und Beschreibungen", "en": "Search labels and descriptions"},
    "search.placeholder": {"de": "z. B. Haus des Wissens", "en": "e.g. Haus des Wissens"},
    "search.button": {"de": "Suchen", "en": "Search"},
    "search.results_for": {"de": "Suchergebnisse für", "en": "Search results for"},
    "search.no_results": {"de": "Keine Treffer.", "en": "No results."},
    "search.empty": {"de": "Bitte einen Suchbegriff eingeben.", "en": "Please enter a search term."},
    "search.count": {"de": "Treffer", "en": "results"},
    "search.match.exact": {"de": "Bezeichnung stimmt überein", "en": "label matches"},
    "search.match.prefix": {"de": "Bezeichnung beginnt so", "en": "label starts with it"},
    "search.match.label": {"de": "in der Bezeichnung", "en": "in the label"},
    "search.match.description": {"de": "in der Beschreibung", "en": "in the description"},
    "search.json": {"de": "Als JSON", "en": "As JSON"},
    "footer.licence_prefix": {"de": "Daten und Ontologie stehen unter der Lizenz", "en": "Data and ontology are licensed under"},
    "footer.credit": {
        "de": "Die Fakten stammen aus öffentlichen Seiten der Stadt Bochum (bochum.de) und weiteren Quellen, die jede Ressource nennt:",
        "en": "The facts come from public pages of the City of Bochum (bochum.de) and further sources named by each resource:",
    },
    "footer.sources": {"de": "Quellenverzeichnis", "en": "list of sources"},
    "footer.void": {"de": "Datensatzbeschreibung (VoID)", "en": "Dataset description (VoID)"},
    "footer.catalog": {"de": "DCAT-AP.de-Katalog", "en": "DCAT-AP.de catalogue"},
    "footer.sitemap": {"de": "Sitemap", "en": "Sitemap"},
}


def t(key: str, lang: str | None = None) -> str:
    """The UI string `key` in `lang` (default: the request's language); the key itself if unknown."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang or request_language()) or entry.get(DEFAULT_LANGUAGE) or key

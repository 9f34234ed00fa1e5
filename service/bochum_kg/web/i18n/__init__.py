"""The interface's own words in German and English, and which of the two a request gets.

One table for every face: `STRINGS` maps a key to its (German, English) text, and `t(key)`
looks it up in the request's language (language.py: ?lang=, cookie, Accept-Language, German).
The table is written in parts, one per face (strings_*.py), and joined here; a key may stand in
one part only. Data labels fall back to the other language (kg/labels.py). Templates call
`t("key")`; the templates of the workbench, API page and relationship views call the same
function as `vt` (web/layout.py).
"""

from __future__ import annotations

from bochum_kg.web.i18n import strings_api, strings_curate, strings_pages, strings_workbench
from bochum_kg.web.i18n.language import (  # noqa: F401 (the package's API)
    API_PAGES,
    COOKIE,
    COOKIE_BLIND_PREFIX,
    COOKIE_MAX_AGE,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    explicit_language,
    lang_switch_url,
    language_headers,
    request_language,
    url_with_lang,
)


def _joined(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for part in parts:
        twice = sorted(table.keys() & part.keys())
        if twice:
            raise ValueError(f"translation keys in two parts of the table: {', '.join(twice)}")
        table.update(part)
    return table


# key -> (German, English), in the order of LANGUAGES
STRINGS: dict[str, tuple[str, str]] = _joined(
    strings_pages.STRINGS, strings_workbench.STRINGS, strings_curate.STRINGS, strings_api.STRINGS)


def t(key: str, lang: str | None = None) -> str:
    """The string `key` in `lang` (default: the request's language); the key itself if unknown."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    chosen = lang or request_language()
    return entry[LANGUAGES.index(chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE)] or entry[0] or key

"""The name cells of /gaps' tables as HTML: a resource's name, linked to its page in the page language.

The page shows up to GAPS_ROWS_SHOWN rows per table, some 3,000 names: written by Jinja macros they
took most of its time (100 of 160 ms at 500k generated triples). These write the same markup,
escaped as the template escapes, and each page's link once per request; `text` is the layout's vt
in the language found once (vt asks the request again for each of its ~4,000 texts).
"""

from __future__ import annotations

from markupsafe import Markup

from bochum_kg.web.i18n import explicit_language, t, url_with_lang


class GapCells:
    """`ref(r)`, `refs(items, empty_key)` and `vt(key)` of gaps.html, for one request in `lang`."""

    def __init__(self, lang: str):
        self.lang, self.asked = lang, explicit_language()  # links keep an explicit ?lang= only
        self.hrefs: dict[str, str] = {}

    def text(self, key: str) -> str:
        return t(key, self.lang)

    def ref(self, r) -> Markup:
        """A Ref's name, a link to its page where it has one."""
        if not r.page:
            return Markup("%s") % r.label
        href = self.hrefs.get(r.page)
        if href is None:
            href = self.hrefs[r.page] = url_with_lang(r.page, self.asked)
        return Markup('<a href="%s">%s</a>') % (href, r.label)

    def refs(self, items, empty_key: str | None = None) -> Markup:
        """Names separated by commas; when there are none, the text of `empty_key` (muted) or a dash."""
        if items:
            return Markup(", ").join(self.ref(r) for r in items)
        if empty_key:
            return Markup('<span class="muted">%s</span>') % self.text(empty_key)
        return Markup("–")

"""The linked-data face of the service: dereferenceable IRIs, pages, search, dataset description, dumps."""

from __future__ import annotations

from flask import Blueprint

from . import ui_strings

blueprint = Blueprint("pages", __name__)


@blueprint.app_context_processor
def layout_context() -> dict:
    """What base.html needs on every page, whichever blueprint renders it."""
    return {
        "ui_lang": ui_strings.request_language(),
        "t": ui_strings.t,
        "lang_switch_url": ui_strings.lang_switch_url,
        "url_with_lang": ui_strings.url_with_lang,
    }

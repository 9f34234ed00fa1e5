"""The name cells of /gaps (web/workbench/gap_cells.py) write what the template's macros wrote."""

from __future__ import annotations

import pytest
from flask import render_template_string

from bochum_kg.kg.analysis.gaps import Ref
from bochum_kg.web.workbench.gap_cells import GapCells

# the macros of views/gaps.html before gap_cells.py (the dash before the second: no text between them)
MACROS = """{% macro ref(r) -%}
{% if r.page %}<a href="{{ url_with_lang(r.page) }}">{{ r.label }}</a>{% else %}{{ r.label }}{% endif %}
{%- endmacro %}
{%- macro refs(items, empty_key=None) -%}
{% for r in items %}{{ ref(r) }}{% if not loop.last %}, {% endif %}{% else %}{% if empty_key %}<span class="muted">{{ vt(empty_key) }}</span>{% else %}–{% endif %}{% endfor %}
{%- endmacro %}"""

REFS = [Ref("https://w3id.org/bochum-strategie/project/a", "Ä & <b>\"quoted\"</b> 'x'", "/project/a"),
        Ref("https://example.org/b", "outside <base>", None),
        Ref("https://w3id.org/bochum-strategie/actor/c?x=1", "C", "/actor/c?x=1"),
        Ref("https://w3id.org/bochum-strategie/goal/d", "", "/goal/d#part")]


@pytest.mark.parametrize("query", ["", "?lang=en", "?lang=de", "?lang=fr"])
def test_the_cells_are_the_macros(app, query):
    with app.test_request_context("/gaps" + query):
        lang = "en" if "en" in query else "de"
        cells = GapCells(lang)
        for r in REFS:
            assert cells.ref(r) == render_template_string(MACROS + "{{ ref(r) }}", r=r)
            assert cells.ref(r) == cells.ref(r)  # the second time from the request's links
        for items in (REFS, REFS[1:2], []):
            for key in (None, "gaps.no_lead"):
                assert cells.refs(items, key) == render_template_string(MACROS + "{{ refs(items, key) }}", items=items, key=key)
        assert cells.text("gaps.no_lead") == render_template_string("{{ vt('gaps.no_lead') }}")

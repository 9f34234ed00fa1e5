"""`analyse(..., tables=(name,))` makes that table exactly as the whole analysis does, and no other
(the CSV and JSON of /api/gaps/{table} ask for one)."""

from __future__ import annotations

from bochum_kg.kg.analysis import gaps
from bochum_kg.kg.analysis.gap_columns import flat_table


def test_each_table_alone_equals_the_table_of_the_whole_analysis(app):
    graph = app.extensions["bochum_kg"]
    competences = sorted({comp for comp, _ in graph.gap_facts.competence_projects})
    assert len(competences) >= 5
    for lang in ("de", "en"):
        for competence in [None] + competences:
            whole = gaps.analyse(graph, graph.settings, lang, competence)
            for table in gaps.TABLES:
                alone = gaps.analyse(graph, graph.settings, lang, competence, tables=(table,))
                assert flat_table(alone, table) == flat_table(whole, table), (lang, competence, table)
                assert all(getattr(alone, other) == [] for other in gaps.TABLES if other != table)
            assert all(getattr(whole, table) for table in ("competences", "actors")), (lang, competence)

"""A window of a SELECT's rows (Store.select(window=…)): the rows of that page, and all of them counted.

The REST API converts only the page it answers; these tests hold the page and the count to
those of the full result, with and without the row cap.
"""

from __future__ import annotations

import pytest

TEXT = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label"""


@pytest.fixture(scope="module")
def everything(real_store):
    return real_store.select(TEXT).rows


@pytest.mark.parametrize("offset, limit", [(0, 1), (0, 100), (7, 13), (250, 1000), (10**6, 5)])
def test_the_window_holds_the_slice_of_the_full_result_and_counts_all_rows(real_store, everything, offset, limit):
    result = real_store.select(TEXT, window=(offset, limit))
    assert result.rows == everything[offset:offset + limit]
    assert result.total == len(everything) > 300
    assert not result.truncated


def test_the_row_cap_bounds_the_count_and_the_window(real_store, everything):
    result = real_store.select(TEXT, max_rows=120, window=(100, 50))
    assert result.rows == everything[100:120]
    assert result.total == 120
    assert result.truncated


def test_without_a_window_every_row_is_kept_and_no_total_is_claimed(real_store, everything):
    result = real_store.select(TEXT, max_rows=len(everything))
    assert result.rows == everything
    assert result.total is None and not result.truncated

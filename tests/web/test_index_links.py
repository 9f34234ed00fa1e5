"""The table of which index lists a class (web/index_links.py) agrees with the indexes themselves."""

from bochum_kg.web.index_links import BASE_CLASS_OF_SEGMENT, CLASS_SEGMENTS
from bochum_kg.web.pages.indexes import INDEXES


def test_the_indexes_with_a_class_filter_are_those_with_a_base_class():
    assert set(BASE_CLASS_OF_SEGMENT) == {segment for segment, spec in INDEXES.items() if "class" in spec.filters}


def test_every_class_points_to_an_index_and_each_base_class_to_its_own():
    assert set(CLASS_SEGMENTS.values()) <= set(INDEXES)
    assert all(CLASS_SEGMENTS[cls] == segment for segment, cls in BASE_CLASS_OF_SEGMENT.items())

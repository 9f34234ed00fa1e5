"""The query workbench for researchers and the relationship views for planners."""

"""Analyses of the graph for planners: gaps, neighbourhoods, connections."""

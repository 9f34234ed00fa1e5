"""The query API: every /api/ path (named queries, relationship views as JSON, OpenAPI)."""

"""The knowledge core: loading, validation, queries, descriptions and analyses; imports no Flask."""

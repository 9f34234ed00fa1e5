"""The knowledge core: loading, validation, queries, descriptions; imports no Flask."""

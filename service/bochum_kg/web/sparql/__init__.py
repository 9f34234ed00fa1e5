"""The SPARQL 1.1 Protocol endpoint and its service description."""

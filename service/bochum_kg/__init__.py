"""bochum-kg: the linked-open-data knowledge graph of the Bochum Strategie 2030."""

__version__ = "0.1.0"

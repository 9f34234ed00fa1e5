"""The linked-data face: home, resource pages, indexes, VoID, dumps, search."""

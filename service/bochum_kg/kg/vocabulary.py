"""What the pages need to know about the ontology: its class hierarchy, read once."""

from __future__ import annotations

from dataclasses import dataclass, field

from bochum_kg.kg.labels import SCHEMA


@dataclass
class Vocabulary:
    class_parents: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, store, queries) -> "Vocabulary":
        vocabulary = cls()
        for row in queries.select(store, "subclass-links").rows:
            vocabulary.class_parents.setdefault(str(row["c"]), set()).add(str(row["p"]))
        return vocabulary

    def superclasses(self, cls: str) -> list[str]:
        """`cls` and all its superclasses, nearest first (breadth-first, no repeats)."""
        seen, order, queue = {cls}, [cls], [cls]
        while queue:
            current = queue.pop(0)
            for parent in sorted(self.class_parents.get(current, ())):
                if parent not in seen:
                    seen.add(parent)
                    order.append(parent)
                    queue.append(parent)
        return order

    def closure(self, types: list[str]) -> set[str]:
        result: set[str] = set()
        for t in types:
            result.update(self.superclasses(t))
        return result

    def schema_type(self, types: list[str]) -> str:
        """The nearest schema.org class of the given types ("Thing" when none is aligned)."""
        best: tuple[int, str] | None = None
        for t in types:
            for distance, cls in enumerate(self.superclasses(t)):
                if cls.startswith(SCHEMA):
                    if best is None or (distance, cls) < best:
                        best = (distance, cls)
                    break
        return best[1][len(SCHEMA):] if best else "Thing"

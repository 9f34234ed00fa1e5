"""A named query and the catalogue that holds them: what the query files declare (kg/query_file.py
reads them) and the errors of loading and looking them up."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

PARAMETER_TYPES = ("iri", "string", "lang-string", "integer", "date", "enum")
TRANSLATED_LANGUAGES = ("de",)  # header keys holding a query's title and summary in another language
TRANSLATED_KEYS = ("title", "summary")


class CatalogueError(Exception):
    """A query file is unusable (bad header, bad SPARQL, bad example); raised at load time."""

    def __init__(self, path: Path | str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class UnknownQueryError(KeyError):
    """No named query has this name (a KeyError, so ``in`` and ``.get`` work on a Catalogue)."""

    def __init__(self, name: str, known: list[str]):
        self.name = name
        self.known = known
        super().__init__(name)

    def __str__(self) -> str:
        return f"no named query '{self.name}' (known: {', '.join(self.known)})"


@dataclass(frozen=True)
class Parameter:
    """One declared parameter; its SPARQL variable has the same name."""

    name: str
    type: str
    required: bool = False
    default: str | None = None  # raw text, read like a value given by a caller
    description: str = ""
    enum: tuple[str, ...] | None = None
    rdf_class: str | None = None  # expected class of an iri parameter (documentation only)


@dataclass(frozen=True)
class Example:
    title: str
    params: Mapping[str, str]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    text: str
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    variables: tuple[str, ...]  # projected variables of a SELECT, in order; () otherwise
    examples: tuple[Example, ...] = ()
    prefixes: Mapping[str, str] = field(default_factory=dict)  # as declared in the query
    path: Path | None = None
    title: str | None = None  # a short human title in English (summary and description are English too)
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # lang -> {title, summary}

    @property
    def body(self) -> str:
        """The SPARQL without the #+ header (what an editor shows)."""
        return "\n".join(line for line in self.text.splitlines() if not line.startswith("#+")).lstrip("\n") + "\n"

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def text_in(self, key: str, lang: str) -> tuple[str, str | None]:
        """(text, its language) of the title or summary in `lang`, else in English, else the
        query's name (language None: an identifier, not prose)."""
        translated = self.translations.get(lang, {}).get(key)
        if translated:
            return translated, lang
        english = {"title": self.title, "summary": self.summary}[key]
        return (english, "en") if english else (self.name, None)


class Catalogue(Mapping[str, NamedQuery]):
    """Named queries by name, in name order; an unknown name raises UnknownQueryError."""

    def __init__(self, queries: Mapping[str, NamedQuery]):
        self._queries = dict(sorted(queries.items()))

    def __getitem__(self, name: str) -> NamedQuery:
        try:
            return self._queries[name]
        except KeyError:
            raise UnknownQueryError(name, list(self._queries)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._queries)

    def __len__(self) -> int:
        return len(self._queries)

    # Running a query of the catalogue with terms (rdflib nodes, or a list of them for a VALUES
    # of several rows) bound by the store: the one way query text and values meet.

    def select(self, store, name: str, bindings=None, timeout: float | None = None):
        return store.select(self[name].text, bindings, timeout)

    def select_plain(self, store, name: str, bindings=None, timeout: float | None = None):
        return store.select_plain(self[name].text, bindings, timeout)

    def ask(self, store, name: str, bindings=None, timeout: float | None = None) -> bool:
        return store.ask(self[name].text, bindings, timeout)

    def construct(self, store, name: str, bindings=None, timeout: float | None = None):
        return store.construct(self[name].text, bindings, timeout)

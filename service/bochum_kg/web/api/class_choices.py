"""The choices the forms of /api/docs offer for an iri parameter: the instances of its class."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from bochum_kg.web import i18n
from bochum_kg.web.capped import OPTIONS_SHOWN
from bochum_kg.web.context import kg, label
from bochum_kg.web.index_links import index_href_for_class


@dataclass
class ClassChoices:
    """The instances of a class an iri parameter expects: (iri, label) options for a <select>, or,
    past OPTIONS_SHOWN, none (the form has a text field) with how many and which index lists them."""

    options: list[tuple[str, str]]
    count: int
    index_href: str | None

    @property
    def cut(self) -> bool:
        return self.count > len(self.options)


def class_choices(classes: set[str]) -> dict[str, ClassChoices]:
    """The choices of each class, labelled in the request's language and sorted by label."""
    lang = i18n.request_language()
    choices = {}
    for cls in sorted(classes):
        members = [str(r["s"]) for r in kg().select("members-of-class", {"cls": URIRef(cls)}).rows if "s" in r]
        options = [(iri, label(iri, lang)) for iri in members] if len(members) <= OPTIONS_SHOWN else []
        index_href = index_href_for_class(cls)
        choices[cls] = ClassChoices(sorted(options, key=lambda o: o[1].lower()), len(members),
                                    i18n.url_with_lang(index_href) if index_href else None)
    return choices


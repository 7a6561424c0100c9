"""Shared vocabulary: labels readers see, and the stable anchors and word forms every stage derives the same way."""

from __future__ import annotations

import re
import unicodedata

DOELGROEP_LABELS = {
    "iedereen": "iedereen",
    "professionals": "professionals",
    "teamleiders": "teamleiders en leidinggevenden",
    "bestuurders": "bestuurders",
    "beleidsmakers": "beleidsmakers",
}
BOUWSTEEN_SOORTEN = {  # soort -> (label for one, heading for the overview)
    "model": ("Model", "Modellen"),
    "principe": ("Principe", "Principes"),
    "aanbeveling": ("Aanbeveling", "Aanbevelingen"),
    "patroon": ("Patroon", "Patronen die vastzetten"),
    "overtuiging": ("Overtuigingen", "Overtuigingen"),
    "werkzaam-element": ("Werkzame elementen", "Werkzame elementen"),
    "competentie": ("Competentie", "Competenties"),
    "rol": ("Rol", "Rollen"),
    "conditie": ("Condities", "Condities"),
}
# Words too common to mean anything on their own: a glossary term may not be one of these (it would link every page),
# and search treats them as noise.
DUTCH_STOP_WORDS = frozenset(
    """
aan al alle alles als altijd andere ben bij daar dan dat de der des deze die dit doch doen door dus een eens en er ge
geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je jij jou jouw kan kon kunnen
maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen
tot u uit uw van veel voor want waren was wat we wel werd wezen wie wij wil worden zal ze zelf zich zij zijn zo zonder
zou
""".split()
)
MIN_TERM_LENGTH = 3
# Anchors that the item page template itself uses; a section of a card may not take them.
RESERVED_ANCHORS = {
    "bron",
    "samenhang",
    "links",
    "materialen",
    "beschrijving",
    "reflectievragen",
    "citaten",
    "werkkaarten",
    "kaart-printen",
    "verder",
}


def slugify(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "deel"


def section_anchor(section: dict) -> str:
    """The stable anchor of a section: its explicit 'anker', or one made from its title."""
    if "anker" in section:
        return section["anker"]
    return slugify(section["titel"])


def group_anchor(group: dict) -> str:
    """The stable anchor of a question group of a vragenset."""
    return group.get("anker") or slugify(group["titel"])


def term_forms(term) -> list[str]:
    """Lower-case word forms that link to a begrip (an Item): its title plus its 'vormen'."""
    forms = [term.title.lower(), *(form.lower() for form in term.data.get("vormen", []))]
    return list(dict.fromkeys(re.sub(r"\s+", " ", form).strip() for form in forms))


def walk(parts):
    """Every onderdeel in a list, depth first, nested ones included."""
    for part in parts:
        yield part
        yield from walk(part.get("onderdelen", []))


def find_part(card, anchor: str, soort: str | None = None) -> dict | None:
    """The onderdeel of a werkkaart (an Item) with this anchor (and soort, if given)."""
    for part in walk(card.data["onderdelen"]):
        if section_anchor(part) == anchor and (soort is None or part["soort"] == soort):
            return part
    return None


def variants(card) -> list[dict]:
    return [part for part in walk(card.data["onderdelen"]) if part["soort"] == "variant"]


def dilemmas(card) -> list[dict]:
    """The facilitator card's dilemmas: its innermost onderdelen with soort 'aandachtspunten'."""
    return [
        part
        for part in walk(card.data["onderdelen"])
        if part["soort"] == "aandachtspunten" and not part.get("onderdelen")
    ]


def values_named(value, name: str, path: tuple = ()):
    """(path, value) for every string field called `name`, anywhere in nested data."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == name and isinstance(child, str):
                yield path + (key,), child
            else:
                yield from values_named(child, name, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from values_named(child, name, path + (index,))


def lists_named(value, name: str):
    """Every list field called `name`, anywhere in nested data (questions, audiences)."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == name and isinstance(child, list):
                yield child
            else:
                yield from lists_named(child, name)
    elif isinstance(value, list):
        for child in value:
            yield from lists_named(child, name)


def strings(value, path: tuple = ()):
    """(path, text) for every string anywhere in nested data."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from strings(child, path + (index,))

"""Kaartsets: which cards a facilitator prints together (kaartsets/*.yml), and the phases whose quotes form sets.

A kaartset file lets a facilitator print only what a session needs:

    id: leerbijeenkomst-casus
    titel: Leerbijeenkomst casus
    kaarten:
      - werkkaart: tijdlijn-maken
      - spanningsveld: doorgaan-en-vertragen
      - reflectievragen: doorgaan-en-vertragen     # all its reflection questions ...
        nummers: [1, 3]                           # ... or only these (SV4-1, SV4-3)
      - citaten: fase-pas-op-de-plaats            # the quotes of a phase or of one of its subcategories

kb/check/kaartsets.py reads and checks the files; kb/print/build.py turns them into cards.
"""

from __future__ import annotations

from dataclasses import dataclass

from .collection import Collection, Item
from .types import WERKKAART
from .vocabulary import section_anchor

KINDS = ("werkkaart", "spanningsveld", "reflectievragen", "citaten")
# Ids the build gives its own sets and files in kaarten/ (kb/print/build.py); a kaartset file may not take them.
STANDARD_SET_IDS = ("werkkaarten", "spanningsvelden", "reflectievragen")
ALIGNMENT_SET_ID = "uitlijntest"
QUOTE_SET_PREFIX = "citaten-"
RESERVED_SET_PREFIXES = (QUOTE_SET_PREFIX, "draaiboek-")


def reserved_set_id(set_id: str) -> bool:
    return set_id in (*STANDARD_SET_IDS, ALIGNMENT_SET_ID) or set_id.startswith(RESERVED_SET_PREFIXES)


@dataclass(frozen=True)
class Phase:
    """A phase of learning together: a top-level 'fase' section of a werkkaart that holds quotes."""

    item: Item
    number: int
    anchor: str
    title: str
    index: int  # position in item.data["onderdelen"]

    def anchors(self) -> list[str]:
        """The phase's own anchor and those of its subcategories."""
        part = self.item.data["onderdelen"][self.index]
        return [self.anchor] + [section_anchor(sub) for sub in part.get("onderdelen", [])]


def _has_quotes(part: dict) -> bool:
    return "citaten" in part or any(_has_quotes(sub) for sub in part.get("onderdelen", []))


def phases(item: Item) -> list[Phase]:
    found = []
    for index, part in enumerate(item.data["onderdelen"]):
        if part["soort"] == "fase" and _has_quotes(part):
            found.append(Phase(item, len(found) + 1, section_anchor(part), part["titel"], index))
    return found


def all_phases(collection: Collection) -> list[Phase]:
    return [phase for item in collection.of(WERKKAART) for phase in phases(item)]


def reflection_count(item: Item) -> int:
    return sum(len(group["vragen"]) for group in item.data["reflectievragen"])


@dataclass(frozen=True)
class Entry:
    """One line of a kaartset: which cards, in the order of the file."""

    kind: str  # werkkaart, spanningsveld, reflectievragen, citaten
    ref: str  # item id, or phase/subcategory anchor for citaten
    numbers: tuple[int, ...] = ()  # reflectievragen: only these (1-based); empty = all


@dataclass(frozen=True)
class Kaartset:
    id: str
    title: str
    description: str
    entries: tuple[Entry, ...]
    source: str  # kaartsets/<id>.yml

"""Which cards form a set: the standard sets and the sets defined in kaartsets/*.yml.

A kaartset file lets a facilitator print only what a session needs:

    id: leerbijeenkomst-casus
    titel: Leerbijeenkomst casus
    kaarten:
      - werkkaart: tijdlijn-maken
      - spanningsveld: doorgaan-en-vertragen
      - reflectievragen: doorgaan-en-vertragen     # all its reflection questions ...
        nummers: [1, 3]                           # ... or only these (SV4-1, SV4-3)
      - citaten: fase-pas-op-de-plaats            # the quotes of a phase or of one of its subcategories

This module only reads and checks definitions (kb.check runs it); kb/print/build.py turns them into cards.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..check import _unknown, identity_problems, read_folder, section_anchor
from ..content import SPANNINGSVELD, WERKKAART, Collection, Item
from ..load import Document
from ..problems import Problem

FOLDER = "kaartsets"
SCHEMA = "kaartset.schema.json"
KINDS = ("werkkaart", "spanningsveld", "reflectievragen", "citaten")


@dataclass(frozen=True)
class Phase:
    """A phase of learning together: a top-level 'fase' section of a werkkaart that holds quotes."""

    item: Item
    number: int
    anchor: str
    title: str
    index: int                      # position in item.data["onderdelen"]

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

    kind: str                       # werkkaart, spanningsveld, reflectievragen, citaten
    ref: str                        # item id, or phase/subcategory anchor for citaten
    numbers: tuple[int, ...] = ()   # reflectievragen: only these (1-based); empty = all


@dataclass(frozen=True)
class Kaartset:
    id: str
    title: str
    description: str
    entries: tuple[Entry, ...]
    source: str                     # kaartsets/<id>.yml


def load_kaartsets(root: Path, collection: Collection) -> tuple[list[Kaartset], list[Problem]]:
    """Read and check kaartsets/*.yml against the schema and the loaded collection."""
    valid, problems = read_folder(root, FOLDER, ".yml", SCHEMA)
    identity = identity_problems(valid)
    problems += identity
    broken = {problem.path for problem in identity}
    sets = []
    for doc in valid:
        ref_problems = _reference_problems(doc, collection)
        problems += ref_problems
        if doc.path not in broken and not ref_problems:
            sets.append(_kaartset(doc))
    return sets, problems


def _kaartset(doc: Document) -> Kaartset:
    entries = []
    for line in doc.data["kaarten"]:
        kind = next(key for key in KINDS if key in line)
        entries.append(Entry(kind, line[kind], tuple(line.get("nummers", ()))))
    return Kaartset(doc.data["id"], doc.data["titel"], doc.data.get("beschrijving", ""), tuple(entries), doc.path)


def _reference_problems(doc: Document, collection: Collection) -> list[Problem]:
    problems = []
    phase_anchors: dict[str, list[Phase]] = {}
    for phase in all_phases(collection):
        for anchor in phase.anchors():
            phase_anchors.setdefault(anchor, []).append(phase)
    for index, line in enumerate(doc.data["kaarten"]):
        kinds = [key for key in KINDS if key in line]
        if len(kinds) != 1:
            problems.append(doc.problem(("kaarten", index),
                "Elke regel onder 'kaarten' noemt precies één soort kaart: werkkaart, spanningsveld, "
                f"reflectievragen of citaten (deze regel noemt {' en '.join(kinds) or 'er geen'}). "
                "Zet elke soort op een eigen regel die met '- ' begint."))
            continue
        if "nummers" in line and kinds != ["reflectievragen"]:
            problems.append(doc.problem(("kaarten", index, "nummers"),
                "'nummers' kan alleen bij 'reflectievragen' (om losse vragen te kiezen). Haal het hier weg.", key=True))
        if "werkkaart" in line and collection.get(WERKKAART, line["werkkaart"]) is None:
            problems.append(_unknown_card(doc, (index, "werkkaart"), "werkkaart", line["werkkaart"],
                                          [i.id for i in collection.of(WERKKAART)], "werkkaarten/"))
        for key in ("spanningsveld", "reflectievragen"):
            if key in line and collection.get(SPANNINGSVELD, line[key]) is None:
                problems.append(_unknown_card(doc, (index, key), "spanningsveld", line[key],
                                              [i.id for i in collection.of(SPANNINGSVELD)], "spanningsvelden/"))
        if "reflectievragen" in line and "nummers" in line:
            item = collection.get(SPANNINGSVELD, line["reflectievragen"])
            if item is not None:
                count = reflection_count(item)
                for n, number in enumerate(line["nummers"]):
                    if number > count:
                        problems.append(doc.problem(("kaarten", index, "nummers", n),
                            f"Het spanningsveld '{item.id}' heeft {count} reflectievragen; vraag {number} "
                            f"bestaat niet. Kies een nummer van 1 tot en met {count} (de nummers staan op "
                            f"de kaarten: {item.code}-1, {item.code}-2, ...)."))
        if "citaten" in line:
            found = phase_anchors.get(line["citaten"], [])
            if not found:
                problems.append(_unknown_card(doc, (index, "citaten"), "fase met citaten", line["citaten"],
                                              sorted(phase_anchors), "de werkkaart met de fasen (de ankers)"))
            elif len(found) > 1:
                names = ", ".join(phase.item.doc.path for phase in found)
                problems.append(doc.problem(("kaarten", index, "citaten"),
                    f"Het anker '{line['citaten']}' komt in meer werkkaarten voor ({names}). "
                    "Geef in die werkkaarten de fasen een eigen 'anker'."))
    return problems


def _unknown_card(doc: Document, path, kind: str, ref: str, existing: list[str], where: str) -> Problem:
    problem = _unknown(doc, ("kaarten",) + path, kind, ref, existing, where)
    return Problem(problem.path, problem.line, problem.column,
                   problem.message + " Deze kaart bestaat niet en kan dus niet in de kaartset.")

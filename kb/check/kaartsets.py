"""Check kaartsets/*.yml against the schema and the loaded collection (the model is kb/model/kaartsets.py)."""

from __future__ import annotations

from pathlib import Path

from ..model.collection import Collection
from ..model.document import Document
from ..model.kaartsets import KINDS, Entry, Kaartset, Phase, all_phases, reflection_count, reserved_set_id
from ..model.problems import Problem
from ..model.types import KAARTSET_SCHEMA, KAARTSETS_FOLDER, SPANNINGSVELD, WERKKAART
from .files import read_folder
from .items import identity_problems, unknown


def load_kaartsets(root: Path, collection: Collection) -> tuple[list[Kaartset], list[Problem]]:
    """Read and check kaartsets/*.yml against the schema and the loaded collection."""
    valid, problems = read_folder(root, KAARTSETS_FOLDER, ".yml", KAARTSET_SCHEMA)
    identity = identity_problems(valid)
    problems += identity
    broken = {problem.path for problem in identity}
    sets = []
    for doc in valid:
        if reserved_set_id(doc.data["id"]):
            problems.append(
                doc.problem(
                    ("id",),
                    f"Het id '{doc.data['id']}' is de naam van een standaardset of "
                    "bestand van de site (werkkaarten, spanningsvelden, "
                    "reflectievragen, uitlijntest, citaten-…, draaiboek-…). Geef je "
                    "set een eigen id en hernoem het bestand mee.",
                )
            )
            broken.add(doc.path)
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
            problems.append(
                doc.problem(
                    ("kaarten", index),
                    "Elke regel onder 'kaarten' noemt precies één soort kaart: werkkaart, spanningsveld, "
                    f"reflectievragen of citaten (deze regel noemt {' en '.join(kinds) or 'er geen'}). "
                    "Zet elke soort op een eigen regel die met '- ' begint.",
                )
            )
            continue
        if "nummers" in line and kinds != ["reflectievragen"]:
            problems.append(
                doc.problem(
                    ("kaarten", index, "nummers"),
                    "'nummers' kan alleen bij 'reflectievragen' (om losse vragen te kiezen). Haal het hier weg.",
                    key=True,
                )
            )
        if "werkkaart" in line and collection.get(WERKKAART, line["werkkaart"]) is None:
            problems.append(
                _unknown_card(
                    doc,
                    (index, "werkkaart"),
                    "werkkaart",
                    line["werkkaart"],
                    [i.id for i in collection.of(WERKKAART)],
                    "werkkaarten/",
                )
            )
        for key in ("spanningsveld", "reflectievragen"):
            if key in line and collection.get(SPANNINGSVELD, line[key]) is None:
                problems.append(
                    _unknown_card(
                        doc,
                        (index, key),
                        "spanningsveld",
                        line[key],
                        [i.id for i in collection.of(SPANNINGSVELD)],
                        "spanningsvelden/",
                    )
                )
        if "reflectievragen" in line and "nummers" in line:
            item = collection.get(SPANNINGSVELD, line["reflectievragen"])
            if item is not None:
                count = reflection_count(item)
                for n, number in enumerate(line["nummers"]):
                    if number > count:
                        problems.append(
                            doc.problem(
                                ("kaarten", index, "nummers", n),
                                f"Het spanningsveld '{item.id}' heeft {count} reflectievragen; vraag {number} "
                                f"bestaat niet. Kies een nummer van 1 tot en met {count} (de nummers staan op "
                                f"de kaarten: {item.code}-1, {item.code}-2, ...).",
                            )
                        )
        if "citaten" in line:
            found = phase_anchors.get(line["citaten"], [])
            if not found:
                problems.append(
                    _unknown_card(
                        doc,
                        (index, "citaten"),
                        "fase met citaten",
                        line["citaten"],
                        sorted(phase_anchors),
                        "de werkkaart met de fasen (de ankers)",
                    )
                )
            elif len(found) > 1:
                names = ", ".join(phase.item.doc.path for phase in found)
                problems.append(
                    doc.problem(
                        ("kaarten", index, "citaten"),
                        f"Het anker '{line['citaten']}' komt in meer werkkaarten voor ({names}). "
                        "Geef in die werkkaarten de fasen een eigen 'anker'.",
                    )
                )
    return problems


def _unknown_card(doc: Document, path, kind: str, ref: str, existing: list[str], where: str) -> Problem:
    problem = unknown(doc, ("kaarten",) + path, kind, ref, existing, where)
    return Problem(
        problem.path,
        problem.line,
        problem.column,
        problem.message + " Deze kaart bestaat niet en kan dus niet in de kaartset.",
        follows_from=problem.follows_from,
    )

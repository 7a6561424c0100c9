"""Checks on the items of one type and on the references between items."""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

from ..model.collection import Collection
from ..model.document import Document
from ..model.problems import Problem
from ..model.types import BRONNEN_FILE, REFERENCE_FIELDS
from ..model.vocabulary import RESERVED_ANCHORS, section_anchor


def _published_first(docs: list[Document], published: set[str]) -> list[Document]:
    """Files whose page is already published come first: of two files that clash, the other one is the new one."""
    return sorted(docs, key=lambda doc: (str(Path(doc.path).with_suffix(".html")) not in published, doc.path))


def comparable_title(title: str) -> str:
    """Titles that look the same to a reader compare equal (composed or decomposed accents, case, spacing)."""
    return " ".join(unicodedata.normalize("NFC", title).casefold().split())


def identity_problems(docs: list[Document], published: set[str] = frozenset()) -> list[Problem]:
    """Ids match file names and are unique; numbers and titles are unique (the new file is blamed, not the published
    one); section anchors are unique per file."""
    problems = []
    by_id: dict[str, list[Document]] = {}
    by_number: dict[int, list[Document]] = {}
    by_title: dict[str, list[Document]] = {}
    for doc in _published_first(docs, published):
        by_id.setdefault(doc.data["id"], []).append(doc)
        if "nummer" in doc.data:
            by_number.setdefault(doc.data["nummer"], []).append(doc)
        if isinstance(doc.data.get("titel"), str):
            by_title.setdefault(comparable_title(doc.data["titel"]), []).append(doc)
    for item_id, same in by_id.items():
        for doc in same:
            others = ", ".join(other.path for other in same if other is not doc)
            if others:
                problems.append(
                    doc.problem(
                        ("id",),
                        f"Het id '{item_id}' wordt ook gebruikt door {others}. "
                        "Elk id moet uniek zijn: geef één van de bestanden een ander id "
                        "en een bestandsnaam die daarbij past.",
                    )
                )
            elif Path(doc.path).stem != item_id:
                suffix = Path(doc.path).suffix
                problems.append(
                    doc.problem(
                        ("id",),
                        f"Het id '{item_id}' komt niet overeen met de bestandsnaam "
                        f"'{Path(doc.path).name}'. Hernoem het bestand naar "
                        f"'{item_id}{suffix}' of pas het id aan.",
                    )
                )
    for number, same in by_number.items():
        for doc in same[1:]:
            problems.append(
                doc.problem(
                    ("nummer",),
                    f"Nummer {number} wordt al gebruikt door {same[0].path}. Kies een nummer dat nog vrij is.",
                )
            )
    for same in by_title.values():
        for doc in same[1:]:
            problems.append(
                doc.problem(
                    ("titel",),
                    f"Deze titel staat ook in {same[0].path} (ook als hij er door "
                    "accenten of hoofdletters iets anders uitziet). Geef elk item een "
                    "eigen titel, zodat lezers ze in lijsten en zoekresultaten uit "
                    "elkaar houden.",
                )
            )
    for doc in docs:
        anchors: set[str] = set()
        for path, section in _sections(doc.data.get("onderdelen", []), ("onderdelen",)):
            anchor = section_anchor(section)
            if anchor in anchors or anchor in RESERVED_ANCHORS:
                problems.append(
                    doc.problem(
                        path + ("titel",),
                        f"Het anker '{anchor}' wordt al gebruikt op deze pagina. Geef dit onderdeel een eigen 'anker'.",
                    )
                )
            anchors.add(anchor)
    return problems


def _sections(sections, path):
    for index, section in enumerate(sections):
        yield path + (index,), section
        yield from _sections(section.get("onderdelen", []), path + (index, "onderdelen"))


def reference_problems(collection: Collection) -> list[Problem]:
    problems = []
    for item in collection.all_items():
        doc = item.doc
        publication = item.data["bron"]["publicatie"]
        if collection.publications and publication not in collection.publications:
            problems.append(
                unknown(
                    doc, ("bron", "publicatie"), "publicatie", publication, list(collection.publications), BRONNEN_FILE
                )
            )
        for field, target in REFERENCE_FIELDS.items():
            for index, ref in enumerate(item.data.get(field, [])):
                if collection.get(target, ref) is None:
                    problems.append(
                        unknown(
                            doc,
                            (field, index),
                            target.name,
                            ref,
                            [other.id for other in collection.of(target)],
                            f"{target.plural}/",
                        )
                    )
                elif target is item.type and ref == item.id:
                    problems.append(doc.problem((field, index), f"Een {target.name} kan niet naar zichzelf verwijzen."))
    return problems


def unknown(doc: Document, path, kind: str, ref: str, existing: list[str], where: str) -> Problem:
    """'There is no <kind> with id <ref>' with the closest existing id, or where to look."""
    guess = difflib.get_close_matches(ref, existing, n=1, cutoff=0.5)
    if guess:
        hint = f" Bedoelde je '{guess[0]}'?"
    elif not existing:
        hint = f" Er staan nog geen bestanden in {where}."
    elif len(existing) <= 10:
        hint = f" Kies uit: {', '.join(existing)}."
    else:
        hint = f" Bestaande ids staan in {where}."
    problem = doc.problem(path, f"Er is geen {kind} met het id '{ref}'.{hint}")
    return Problem(problem.path, problem.line, problem.column, problem.message, follows_from=(kind, ref))

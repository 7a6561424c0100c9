"""Stage 2 (check): load every content file and check it against its schema and against the collection.

The result is a Collection of the items without problems, plus every problem found (`pad:regel:kolom: melding`).
The command line is kb/check/cli.py (`python -m kb.check`, `make check`).
"""
from __future__ import annotations

from pathlib import Path

from ..load.yaml_text import load_yaml_file
from ..model.collection import Collection, Item
from ..model.problems import Problem
from ..model.types import BRONNEN_FILE, BRONNEN_SCHEMA, ITEM_TYPES
from .crosscheck import crosscheck_problems
from .files import read_folder
from .items import identity_problems, reference_problems
from .kaartsets import load_kaartsets
from .schema import schema_problems
from .sessions import load_sessions


def load_collection(root: Path) -> tuple[Collection, list[Problem]]:
    """Load and check everything under root. Items with problems stay out of the collection."""
    root = Path(root)
    collection = Collection(root)
    problems: list[Problem] = []

    bronnen = load_yaml_file(root / BRONNEN_FILE, BRONNEN_FILE)
    problems += bronnen.problems
    if not bronnen.problems:
        problems += schema_problems(bronnen, BRONNEN_SCHEMA)
        if not problems:
            for index, publication in enumerate(bronnen.data["publicaties"]):
                if publication["id"] in collection.publications:
                    problems.append(bronnen.problem(("publicaties", index, "id"),
                                                    f"De publicatie '{publication['id']}' staat twee keer in de lijst."))
                collection.publications[publication["id"]] = publication

    for content_type in ITEM_TYPES:
        valid, file_problems = read_folder(root, content_type.plural, content_type.suffix, content_type.schema)
        problems += file_problems
        identity = identity_problems(valid)
        problems += identity
        broken = {problem.path for problem in identity}
        collection.put(content_type, {doc.data["id"]: Item(content_type, doc) for doc in valid if doc.path not in broken})

    problems += reference_problems(collection)
    problems += crosscheck_problems(collection)
    # Sessions and kaartsets refer to items, so they are checked last.
    collection.sessions, session_problems = load_sessions(root, collection)
    problems += session_problems
    collection.kaartsets, kaartset_problems = load_kaartsets(root, collection)
    problems += kaartset_problems
    return collection, sorted(set(problems))

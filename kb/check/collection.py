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
from .cardtext import card_text_problems
from .crosscheck import crosscheck_problems
from .files import read_folder
from .items import identity_problems, reference_problems
from .kaartsets import load_kaartsets
from .permalinks import registered_urls
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
                    problems.append(
                        bronnen.problem(
                            ("publicaties", index, "id"),
                            f"De publicatie '{publication['id']}' staat twee keer in de lijst.",
                        )
                    )
                collection.publications[publication["id"]] = publication

    published = registered_urls(root)
    broken: set[tuple[str, str]] = set()  # (type name, id) of files that stay out because of their own problems
    for content_type in ITEM_TYPES:
        valid, file_problems = read_folder(root, content_type.plural, content_type.suffix, content_type.schema)
        identity = identity_problems(valid, published)
        problems += file_problems + identity
        broken_files = {problem.path for problem in file_problems + identity}
        broken |= {(content_type.name, Path(path).stem) for path in broken_files}
        broken |= {(content_type.name, doc.data["id"]) for doc in valid if doc.path in broken_files}
        collection.put(
            content_type, {doc.data["id"]: Item(content_type, doc) for doc in valid if doc.path not in broken_files}
        )

    problems += reference_problems(collection)
    problems += crosscheck_problems(collection)
    problems += card_text_problems(collection)
    # Sessions and kaartsets refer to items, so they are checked last.
    collection.sessions, session_problems = load_sessions(root, collection)
    problems += session_problems
    collection.kaartsets, kaartset_problems = load_kaartsets(root, collection)
    problems += kaartset_problems
    return collection, root_causes_first(problems, broken)


def root_causes_first(problems: list[Problem], broken: set[tuple[str, str]]) -> list[Problem]:
    """Problems that only follow from a file that is broken itself are left out (fixing that file solves them);
    'any werkkaart' (id '*') follows from every broken werkkaart."""
    broken_types = {type_name for type_name, _ in broken}
    kept = [
        problem
        for problem in set(problems)
        if not problem.follows_from
        or (
            problem.follows_from not in broken
            and not (problem.follows_from[1] == "*" and problem.follows_from[0] in broken_types)
        )
    ]
    return sorted(kept)

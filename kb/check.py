"""Stage 2 (check): validate every content file against its schema and against the collection.

Run as `python -m kb.check` (or `make check`): prints every problem as `pad:regel:kolom: melding`
and exits with status 1 when there is any.
"""
from __future__ import annotations

import difflib
import unicodedata
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .content import BRONNEN_FILE, BRONNEN_SCHEMA, ITEM_TYPES, REFERENCE_FIELDS, Collection, Item
from .load import Document, load_file, load_yaml_file
from .problems import Problem
from .schema_messages import translate

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
# Anchors that the page template itself uses.
RESERVED_ANCHORS = {"bron", "samenhang", "links", "materialen", "beschrijving", "reflectievragen", "citaten", "werkkaarten", "kaart-printen", "verder"}
_HTML_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(javascript|data|vbscript|file):", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\bVOORBEELD\b")  # marks example text in files made by `make nieuw`


@lru_cache(maxsize=None)
def validator(schema_file: str) -> Draft202012Validator:
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
                 for path in SCHEMA_DIR.glob("*.schema.json")]
    schema = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=Registry().with_resources(resources))


# Keywords that only describe; a pre-resolved schema can drop them next to a $ref.
_ANNOTATIONS = {"description", "examples", "title", "default", "$comment"}


@lru_cache(maxsize=None)
def quick_validator(schema_file: str) -> Draft202012Validator:
    """The same schema with every $ref replaced by the schema it points to (shared objects, so recursive
    definitions stay finite). Resolving references took half of the checking time of a large collection; this
    validator only answers "valid or not", the full validator() explains what is wrong."""
    files = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMA_DIR.glob("*.schema.json")}
    resolved: dict[tuple[str, str], dict] = {}

    def target(ref: str, current: str) -> dict:
        file, _, pointer = ref.partition("#")
        file = file or current
        key = (file, pointer)
        if key not in resolved:
            node = files[file]
            for step in filter(None, pointer.split("/")):
                node = node[step]
            resolved[key] = {}  # placeholder first: a definition may refer to itself
            resolved[key].update(resolve(node, file))
        return resolved[key]

    def resolve(node, current: str):
        if isinstance(node, list):
            return [resolve(child, current) for child in node]
        if not isinstance(node, dict):
            return node
        if "$ref" not in node:
            return {key: resolve(value, current) for key, value in node.items()}
        referred = target(node["$ref"], current)
        siblings = {key: resolve(value, current) for key, value in node.items()
                    if key != "$ref" and key not in _ANNOTATIONS}
        return {"allOf": [referred, siblings]} if siblings else referred

    return Draft202012Validator(resolve(files[schema_file], schema_file))


def schema_problems(doc: Document, schema_file: str) -> list[Problem]:
    if quick_validator(schema_file).is_valid(doc.data):
        return []
    problems = []
    for error in validator(schema_file).iter_errors(doc.data):
        for path, message, at_key in translate(error):
            problems.append(doc.problem(path, message, key=at_key))
    return problems


def text_problems(doc: Document) -> list[Problem]:
    """Contributor text is Markdown, never HTML: refuse tags and script links with their exact line."""
    problems = []
    for path, text in _strings(doc.data, ()):
        for pattern, message in (
            (_HTML_TAG, "HTML is niet toegestaan in tekst. Gebruik Markdown (*cursief*, **vet**, '- ' voor een lijst); "
                        "bedoel je een kleiner-dan-teken, zet er dan een spatie achter ('a < b')."),
            (_UNSAFE_LINK, "Deze link is niet toegestaan: gebruik een webadres dat met https:// begint."),
            (_PLACEHOLDER, "Hier staat nog voorbeeldtekst ('VOORBEELD …'). Vervang hem door tekst uit je bron, "
                           "of verwijder het veld als het optioneel is."),
        ):
            match = pattern.search(text)
            if match:
                problems.append(_problem_in_text(doc, path, text, match.start(), message))
    return problems


def _strings(value, path):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, path + (index,))


def _problem_in_text(doc: Document, path, text: str, offset: int, message: str) -> Problem:
    """Point at the line inside a literal block scalar where the offending text stands."""
    line, column = doc.where(path)
    if path in doc.text and doc.text[path][1] == "|":
        start_line, _ = doc.text[path]
        line = start_line + 1 + text.count("\n", 0, offset)
        column = 1
    return Problem(doc.path, line, column, message)


def read_folder(root: Path, folder: str, suffix: str, schema_file: str) -> tuple[list[Document], list[Problem]]:
    """Every file in root/folder, parsed and checked against its schema and for unsafe text. Returns the documents
    without problems (in file order) and the problems of the others; every content folder is read this way."""
    directory = Path(root) / folder
    if not directory.is_dir():
        return [], []
    valid: list[Document] = []
    problems: list[Problem] = []
    for file in sorted(directory.iterdir()):
        if file.name.startswith(".") or file.is_dir():
            continue
        shown = _relative(Path(root), file)
        if file.suffix != suffix:
            problems.append(Problem(shown, 1, 1, f"Alleen {suffix}-bestanden horen in {folder}/. "
                                                 f"Hernoem het bestand naar {file.stem}{suffix}."))
            continue
        doc = load_file(file, shown)
        file_problems = list(doc.problems)
        if not file_problems:
            file_problems += schema_problems(doc, schema_file) + text_problems(doc)
        if not file_problems:
            valid.append(doc)
        problems += file_problems
    return valid, problems


def _relative(root: Path, file: Path) -> str:
    try:
        return str(file.relative_to(root))
    except ValueError:
        return str(file)


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
    from .crosscheck import crosscheck_problems  # imported here: crosscheck uses slugify from this module
    problems += crosscheck_problems(collection)
    from .sessions import load_sessions  # sessions refer to items, so they are checked last
    collection.sessions, session_problems = load_sessions(root, collection)
    problems += session_problems
    from .print.sets import load_kaartsets  # kaartsets name cards of items, so they are checked last too
    collection.kaartsets, kaartset_problems = load_kaartsets(root, collection)
    problems += kaartset_problems
    return collection, sorted(set(problems))


def identity_problems(docs: list[Document]) -> list[Problem]:
    """Ids match file names and are unique, numbers are unique, section anchors are unique per file."""
    problems = []
    by_id: dict[str, list[Document]] = {}
    by_number: dict[int, list[Document]] = {}
    for doc in docs:
        by_id.setdefault(doc.data["id"], []).append(doc)
        if "nummer" in doc.data:
            by_number.setdefault(doc.data["nummer"], []).append(doc)
    for item_id, same in by_id.items():
        for doc in same:
            others = ", ".join(other.path for other in same if other is not doc)
            if others:
                problems.append(doc.problem(("id",), f"Het id '{item_id}' wordt ook gebruikt door {others}. "
                                                     "Elk id moet uniek zijn: geef één van de bestanden een ander id "
                                                     "en een bestandsnaam die daarbij past."))
            elif Path(doc.path).stem != item_id:
                suffix = Path(doc.path).suffix
                problems.append(doc.problem(("id",), f"Het id '{item_id}' komt niet overeen met de bestandsnaam "
                                                     f"'{Path(doc.path).name}'. Hernoem het bestand naar "
                                                     f"'{item_id}{suffix}' of pas het id aan."))
    for number, same in by_number.items():
        for doc in same[1:]:
            problems.append(doc.problem(("nummer",), f"Nummer {number} wordt al gebruikt door {same[0].path}. "
                                                     "Kies een nummer dat nog vrij is."))
    for doc in docs:
        anchors: set[str] = set()
        for path, section in _sections(doc.data.get("onderdelen", []), ("onderdelen",)):
            anchor = section_anchor(section)
            if anchor in anchors or anchor in RESERVED_ANCHORS:
                problems.append(doc.problem(path + ("titel",),
                                            f"Het anker '{anchor}' wordt al gebruikt op deze pagina. "
                                            "Geef dit onderdeel een eigen 'anker'."))
            anchors.add(anchor)
    return problems


def _sections(sections, path):
    for index, section in enumerate(sections):
        yield path + (index,), section
        yield from _sections(section.get("onderdelen", []), path + (index, "onderdelen"))


def section_anchor(section: dict) -> str:
    """The stable anchor of a section: its explicit 'anker', or one made from its title."""
    if "anker" in section:
        return section["anker"]
    return slugify(section["titel"])


def slugify(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "deel"


def reference_problems(collection: Collection) -> list[Problem]:
    problems = []
    for item in collection.all_items():
        doc = item.doc
        publication = item.data["bron"]["publicatie"]
        if collection.publications and publication not in collection.publications:
            problems.append(_unknown(doc, ("bron", "publicatie"), "publicatie", publication,
                                     list(collection.publications), BRONNEN_FILE))
        for field, target in REFERENCE_FIELDS.items():
            for index, ref in enumerate(item.data.get(field, [])):
                if collection.get(target, ref) is None:
                    problems.append(_unknown(doc, (field, index), target.name, ref,
                                             [other.id for other in collection.of(target)], f"{target.plural}/"))
                elif target is item.type and ref == item.id:
                    problems.append(doc.problem((field, index), f"Een {target.name} kan niet naar zichzelf verwijzen."))
    return problems


def _unknown(doc: Document, path, kind: str, ref: str, existing: list[str], where: str) -> Problem:
    guess = difflib.get_close_matches(ref, existing, n=1, cutoff=0.5)
    hint = f" Bedoelde je '{guess[0]}'?" if guess else f" Bestaande ids staan in {where}."
    return doc.problem(path, f"Er is geen {kind} met het id '{ref}'.{hint}")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    github = "--github" in args
    args = [arg for arg in args if arg != "--github"]
    root = Path(args[0]) if args else Path.cwd()
    collection, problems = load_collection(root)
    for problem in problems:
        print(problem)
        if github:
            print(problem.github_annotation())
    if problems:
        print(f"\n{len(problems)} {'fout' if len(problems) == 1 else 'fouten'} gevonden. "
              "Los ze op en draai 'make check' opnieuw.", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(collection.of(t))} {t.plural}" for t in ITEM_TYPES)
    if collection.sessions:
        counts += f", {len(collection.sessions)} sessies (draaiboeken)"
    print(f"Inhoud in orde: {counts}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

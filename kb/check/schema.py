"""Check a document against its JSON schema; messages in Dutch (kb/check/schema_messages.py)."""

from __future__ import annotations

import json
from functools import cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from ..model.document import Document
from ..model.problems import Problem
from ..model.types import SCHEMA_DIR
from .schema_messages import translate


@cache
def validator(schema_file: str) -> Draft202012Validator:
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in SCHEMA_DIR.glob("*.schema.json")
    ]
    schema = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=Registry().with_resources(resources))


# Keywords that only describe; a pre-resolved schema can drop them next to a $ref.
_ANNOTATIONS = {"description", "examples", "title", "default", "$comment"}


@cache
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
        siblings = {
            key: resolve(value, current) for key, value in node.items() if key != "$ref" and key not in _ANNOTATIONS
        }
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

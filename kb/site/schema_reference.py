"""Render the schemas as a Dutch reference page: every field with its meaning and an example."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..model.types import SCHEMA_DIR
from .templating import inline

_TYPES = {"string": "tekst", "integer": "getal", "array": "lijst", "object": "blok", "boolean": "ja/nee"}


class _Schemas:
    def __init__(self, folder: Path):
        self.files = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.schema.json"))}

    def resolve(self, schema: dict, current: str) -> tuple[dict, str]:
        """Follow $ref (within a file or to another file); merge the referring schema's own description."""
        while "$ref" in schema:
            ref = schema["$ref"]
            file, _, pointer = ref.partition("#")
            file = file or current
            target = self.files[file]
            for part in pointer.strip("/").split("/") if pointer else []:
                target = target[part]
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
            current = file
        return schema, current


def _kind(schema: dict, items: dict) -> str:
    if schema.get("type") == "array":
        if "enum" in items:
            return "lijst met waarden uit: " + ", ".join(f"`{v}`" for v in items["enum"])
        return f"lijst van {_TYPES.get(items.get('type'), 'waarden')}"
    if "enum" in schema:
        return "één van: " + ", ".join(f"`{v}`" for v in schema["enum"])
    return _TYPES.get(schema.get("type"), "waarde")


def _example(schema: dict) -> str:
    for source in (schema, schema.get("items", {})):
        if source.get("examples"):
            value = source["examples"][0]
            text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip()
            return f"`{text.removesuffix('...').strip()}`"
    return ""


def _table(schemas: _Schemas, schema: dict, current: str, title: str, level: int, seen: set) -> list[str]:
    required = set(schema.get("required", []))
    rows = ["| Veld | Verplicht | Soort | Betekenis | Voorbeeld |", "|---|---|---|---|---|"]
    nested = []
    for name, raw in schema.get("properties", {}).items():
        field, file = schemas.resolve(raw, current)
        items, items_file = schemas.resolve(field.get("items", {}), file)
        rows.append(
            f"| `{name}` | {'ja' if name in required else 'nee'} | {_kind(field, items)} "
            f"| {inline(field.get('description', ''))} | {_example(field) or _example(items)} |"
        )
        for sub, sub_file, label in ((field, file, name), (items, items_file, f"{name} (elk item)")):
            if sub.get("type") == "object" and sub.get("properties") and id(sub.get("properties")) not in seen:
                seen.add(id(sub.get("properties")))
                nested.append((sub, sub_file, label))
    out = [f"{'#' * level} {title}"]
    if level == 2 and schema.get("description"):
        out.append(inline(schema["description"]))
    out.append("\n".join(rows))
    for sub, sub_file, label in nested:
        out += _table(schemas, sub, sub_file, f"{title} › {label}", min(level + 1, 4), seen)
    return out


def reference_markdown(folder: Path = SCHEMA_DIR) -> str:
    schemas = _Schemas(folder)
    parts = [
        "---\nsearch:\n  boost: 0.5\n---\n",
        "# Velden per soort inhoud",
        "Deze pagina wordt gemaakt uit de schema's in de map `schemas/`. Elk veld dat niet in deze tabellen staat, "
        "keurt `make check` af, zodat een tikfout nooit stilletjes tekst laat verdwijnen. Editors die JSON Schema "
        "kennen (bijvoorbeeld VS Code met de YAML-extensie) vullen de velden aan via de eerste regel van elk bestand.",
    ]
    for name, schema in schemas.files.items():
        if name.startswith("gemeenschappelijk") or "properties" not in schema:
            continue
        parts += _table(schemas, schema, name, f"{schema.get('title', name)} (`{name}`)", 2, set())
    return "\n\n".join(parts) + "\n"

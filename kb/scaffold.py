"""`make nieuw TYPE=werkkaart TITEL="..."`: create a new content file with every field explained.

Picks a free id (from the title) and a free number, and never overwrites an existing file. Every type with a
template in kb/sjablonen/ can be made: the card types, casussen (Markdown with front matter) and sessies.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from string import Template

import yaml

from .model.types import ITEM_TYPES, SESSIONS_FOLDER
from .model.vocabulary import slugify

TEMPLATES = Path(__file__).resolve().parent / "sjablonen"
# Type name -> (folder, file suffix). Sessies are not items of the collection, but contributors add them too.
FOLDERS = {**{t.name: (t.plural, t.suffix) for t in ITEM_TYPES}, "sessie": (SESSIONS_FOLDER, ".yml")}


def template_for(type_name: str) -> Path:
    return TEMPLATES / f"{type_name}{FOLDERS[type_name][1]}"


def free_id(folder: Path, title: str, suffix: str) -> str:
    base = slugify(title)[:50].strip("-")
    candidate, n = base, 2
    while (folder / f"{candidate}{suffix}").exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def free_number(folder: Path) -> int:
    numbers = []
    for file in folder.glob("*.yml"):
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            numbers.append(int(data["nummer"]))
        except Exception:  # a broken file is the checker's business, not the scaffold's
            continue
    return max(numbers, default=0) + 1


def create(root: Path, type_name: str, title: str) -> Path:
    types = sorted(name for name in FOLDERS if template_for(name).exists())
    if type_name not in types:
        raise SystemExit(f"Onbekend type '{type_name}'. Kies uit: {', '.join(types)}.")
    if not title.strip():
        raise SystemExit('Geef een titel mee, bijvoorbeeld: make nieuw TYPE=werkkaart TITEL="Samen een plan maken"')
    if not (root / "bronnen.yml").exists():
        raise SystemExit(f"'{root}' is geen map van de kennisbank (bronnen.yml ontbreekt). Draai dit in de projectmap.")
    plural, suffix = FOLDERS[type_name]
    folder = root / plural
    folder.mkdir(exist_ok=True)
    item_id = free_id(folder, title, suffix)
    target = folder / f"{item_id}{suffix}"
    text = Template(template_for(type_name).read_text(encoding="utf-8")).substitute(
        id=item_id, nummer=free_number(folder), titel=json.dumps(" ".join(title.split()), ensure_ascii=False)
    )
    with open(target, "x", encoding="utf-8") as out:  # "x": never overwrite
        out.write(text)
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Maak een nieuw inhoudsbestand met uitleg bij elk veld.")
    parser.add_argument("type", help=f"soort inhoud: {', '.join(FOLDERS)}")
    parser.add_argument("titel", help="titel van het nieuwe item")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="map van het project")
    args = parser.parse_args(argv)
    target = create(args.root, args.type, args.titel)
    print(f"Aangemaakt: {target.relative_to(args.root)}")
    print("Vul de velden in (zie CONTRIBUTING.md) en controleer met: make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The draaiboekmaker's data: what a plan can be made of, the example plans, and the run-sheet rules.

The builder page (docs/draaiboeken/maken.md) carries this data inline, so the draaiboekmaker also works from file://;
api/draaiboek-blokken.json holds the same. docs/assets/javascripts/draaiboek-maken.js takes every rule and every
word of the run-sheet from `regels` (kb/sessies/rules.py).
"""

from __future__ import annotations

import json

from ..model.collection import Collection, Item
from ..model.types import SPANNINGSVELD, WERKKAART
from ..model.vocabulary import DOELGROEP_LABELS, section_anchor, variants, walk
from ..print.build import single_path
from ..site.templating import render
from .model import card_parts
from .rules import rules_data

BLOCKS_JSON = "api/draaiboek-blokken.json"


def _source_minutes(parts: list[dict]) -> int | None:
    return max([p["duur_minuten"] for p in walk(parts) if "duur_minuten" in p], default=None)


def _card_questions(card: Item, variant: dict | None) -> list[str]:
    parts = card_parts(card, variant)
    chosen = parts.werkwijze + parts.vragen + parts.afronding
    return [question for part in walk(chosen) for question in part.get("vragen", [])]


def _card(card: Item) -> dict:
    return {
        "id": card.id,
        "code": card.code,
        "titel": card.title,
        "url": card.url,
        "kaart_pdf": single_path(card),
        "samenvatting": " ".join(card.data["samenvatting"].split()),
        "bron_minuten": _source_minutes(card.data["onderdelen"]),
        "vragen": _card_questions(card, None),
        "varianten": [
            {
                "anker": section_anchor(part),
                "titel": part["titel"],
                "bron_minuten": _source_minutes([part]),
                "vragen": _card_questions(card, part),
            }
            for part in variants(card)
        ],
    }


def _field(sv: Item) -> dict:
    return {
        "id": sv.id,
        "code": sv.code,
        "titel": sv.title,
        "url": sv.url,
        "kaart_pdf": single_path(sv),
        "samenvatting": " ".join(sv.data["samenvatting"].split()),
        "groepen": [{"doelgroepen": g["doelgroepen"], "vragen": g["vragen"]} for g in sv.data["reflectievragen"]],
    }


def builder_data(collection: Collection) -> dict:
    """What the session builder page can choose from, with the fields and rules its run-sheet needs."""
    return {
        "versie": 2,
        "regels": rules_data(),
        "doelgroepen": DOELGROEP_LABELS,
        "werkkaarten": [_card(card) for card in collection.of(WERKKAART)],
        "spanningsvelden": [_field(sv) for sv in collection.of(SPANNINGSVELD)],
        "draaiboeken": [
            {"id": s.id, "titel": s.title, "url": s.url, "plan": s.plan_hash()}
            for s in sorted(collection.sessions.values(), key=lambda s: s.title.lower())
        ],
    }


def builder_json(collection: Collection) -> str:
    return json.dumps(builder_data(collection), ensure_ascii=False, indent=1)


def builder_script_tag(collection: Collection) -> str:
    """The builder data inline in the page, as JSON in a script element (templates/draaiboek-blokken.md)."""
    text = json.dumps(builder_data(collection), ensure_ascii=False, separators=(",", ":"))
    return render("draaiboek-blokken.md", data=text)

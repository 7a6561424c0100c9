"""Card faces from items: what each kind of card shows, front and back.

Every card is made from the same checked content as the site; nothing is written here by hand
except fixed labels ("Doel", "Zo pak je het aan"). What a werkkaart card shows is a selection of
the card's own sentences (kb/model/cardtext.py, checked by kb/check/cardtext.py). Faces are Jinja
macros in templates/faces.html with the styles in cards.css; the layouts (profiles) only place them.
Every face carries the item's short permanent link (kb/model/addresses.py) and its source.

A face may name one list (``split``) that is allowed to continue on a deliberate "vervolg"
card when it does not fit (see kb/print/fit.py); everything else that does not fit is an error.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

from ..model import cardtext
from ..model.addresses import printed_short_link, short_url
from ..model.collection import Collection, Item
from ..model.kaartsets import Phase
from ..model.types import SPANNINGSVELD, WERKKAART
from ..model.vocabulary import DOELGROEP_LABELS, section_anchor, walk
from .markup import template_macro

FRONT, BACK = "voorkant", "achterkant"


@dataclass
class Face:
    """One side of a card: a macro in templates/faces.html and the values it shows."""

    macro: str
    context: dict
    side: str  # FRONT or BACK
    field: tuple = ()  # where the main text stands in the source (for error positions)
    split: str | None = None  # context key of a list that may continue on a vervolg card

    def html(self) -> str:
        return self._html

    @functools.cached_property
    def _html(self) -> str:  # a face is laid out from its HTML and compared by it (fit.py): made once
        return template_macro("faces.html", self.macro)(**self.context)


@dataclass
class Card:
    key: str  # stable, e.g. werkkaart/tijdlijn-maken, reflectievraag/doorgaan-en-vertragen/3
    kind: str  # werkkaart, spanningsveld, reflectievraag, citaat
    name: str  # Dutch name in messages, e.g. "WK3 Een tijdlijn maken"
    item: Item  # the item the card comes from (source file, URL)
    front: Face
    back: Face
    continues: list[Card] = field(default_factory=list)  # vervolg cards, filled in by fit.py

    @property
    def source(self) -> str:
        return self.item.doc.path

    def faces(self):
        return (self.front, self.back)

    def all_cards(self) -> list[Card]:
        """This card followed by its vervolg cards: the cards that are printed for it."""
        return [self, *self.continues]


# --- shared parts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What every card needs besides its item: the site's address and the publications."""

    site_url: str
    collection: Collection

    def source_line(self, item: Item) -> str:
        bron = item.data["bron"]
        publication = self.collection.publications.get(bron["publicatie"], {})
        title = publication.get("titel", bron["publicatie"]).split(":")[0]
        return f"{title}, {bron['sectie']}"


def _link_block(ctx: Context, item: Item) -> dict:
    """The short permanent link of the item (QR code and printed text) and its source credit."""
    return {
        "url": short_url(ctx.site_url, item),
        "printed": printed_short_link(ctx.site_url, item),
        "code": item.code,
        "kind_label": item.type.label.lower(),
        "source": ctx.source_line(item),
    }


def _audience(groups) -> str:
    return ", ".join(DOELGROEP_LABELS[group] for group in groups)


# --- werkkaart --------------------------------------------------------------------------------


def _sections(parts, path):
    for index, part in enumerate(parts):
        yield path + (index,), part
        yield from _sections(part.get("onderdelen", []), path + (index, "onderdelen"))


def _parts(data) -> list[dict]:
    return list(walk(data["onderdelen"]))


def _materials(data, sections: set[str]) -> list[str]:
    """The card's own materials, then those of the onderdelen its steps come from (all, without steps)."""
    found = list(data.get("materialen", []))
    for part in _parts(data):
        if not sections or part["titel"] in sections:
            found += [m for m in part.get("materialen", []) if m not in found]
    return found


def _durations(data, sections: set[str]) -> list[dict]:
    """Durations the source names; the part is named unless it is the one the steps come from."""
    return [
        {"minutes": part["duur_minuten"], "part": None if part["titel"] in sections else part["titel"]}
        for part in _parts(data)
        if "duur_minuten" in part
    ]


def _related(ctx: Context, item: Item) -> list[str]:
    """The werkkaarten and spanningsvelden this werkkaart names, as 'Titel (werkkaart 4)' (no code: only its own)."""
    found = [ctx.collection.get(WERKKAART, ref) for ref in item.data.get("verwijzingen", [])]
    found += [ctx.collection.get(SPANNINGSVELD, ref) for ref in item.data.get("spanningsvelden", [])]
    return [f"{other.title} ({other.type.label.lower()} {other.number})" for other in found if other is not None]


def werkkaart_card(ctx: Context, item: Item) -> Card:
    data = item.data
    steps = cardtext.steps(data)
    used = {step.section for step in steps}
    variants = [part["titel"] for part in _parts(data) if part["soort"] == "variant" and not part.get("onderdelen")]
    front = Face(
        "werkkaart_voorkant",
        {
            "code": item.code,
            "title": item.title,
            "summary": data["samenvatting"],
            "steps": [step.text for step in steps],
            "steps_from": next(iter(used)) if len(used) == 1 and used <= set(variants) else None,
            "other_variants": [title for title in variants if title not in used] if used & set(variants) else [],
            "outline": [] if steps else [part["titel"] for part in data["onderdelen"]],
            "durations": _durations(data, used),
            "materials": _materials(data, used),
            "audience": _audience(data.get("doelgroepen", [])),
            "link": _link_block(ctx, item),
        },
        FRONT,
        field=("kaart", "stappen") if "kaart" in data else ("samenvatting",),
    )
    chosen = cardtext.back(data)
    back = Face(
        "werkkaart_achterkant",
        {
            "kind": "werkkaart",
            "code": item.code,
            "title": item.title,
            "heading": "Kernvragen" if "kaart" in data else "Helpende vragen",
            "items": list(chosen.questions),
            "quote": chosen.quote,
            "related": [] if chosen.questions else _related(ctx, item),  # only beside a quote: room enough
            "link": _link_block(ctx, item),
            "more": False,
        },
        BACK,
        field=("kaart", "achterkant") if "kaart" in data else ("onderdelen",),
        split="items",
    )
    return Card(f"werkkaart/{item.id}", "werkkaart", f"{item.code} {item.title}", item, front, back)


# --- spanningsveld ----------------------------------------------------------------------------


def _reflection_questions(data) -> list[tuple[tuple, dict, str]]:
    """(source path, group, question) for every reflection question, numbered 1.. in source order."""
    found = []
    for g, group in enumerate(data["reflectievragen"]):
        for q, question in enumerate(group["vragen"]):
            found.append((("reflectievragen", g, "vragen", q), group, question))
    return found


def spanningsveld_card(ctx: Context, item: Item) -> Card:
    data = item.data
    left, right = data["polen"]
    front = Face(
        "spanningsveld_voorkant",
        {
            "code": item.code,
            "title": item.title,
            "left": left["naam"],
            "right": right["naam"],
            "summary": data["samenvatting"],
            "link": _link_block(ctx, item),
        },
        FRONT,
        field=("samenvatting",),
    )
    items = [
        {"text": question, "audience": _audience(group["doelgroepen"])}
        for _, group, question in _reflection_questions(data)
    ]
    back = Face(
        "spanningsveld_achterkant",
        {
            "kind": "spanningsveld",
            "code": item.code,
            "title": item.title,
            "heading": "Reflectievragen",
            "items": items,
            "link": _link_block(ctx, item),
            "more": False,
        },
        BACK,
        field=("reflectievragen",),
        split="items",
    )
    return Card(f"spanningsveld/{item.id}", "spanningsveld", f"{item.code} {item.title}", item, front, back)


def reflection_cards(ctx: Context, item: Item) -> list[Card]:
    """One card per reflection question of a spanningsveld, for 'trek een kaart': with its spanningsveld, and the
    earlier question it builds on when the spanningsveld names one (kaart.aanloop)."""
    cards = []
    left, right = item.data["polen"]
    found = _reflection_questions(item.data)
    lead_ins = cardtext.lead_ins(item.data)
    for number, (path, group, question) in enumerate(found, 1):
        lead_in = found[lead_ins[number] - 1][2] if number in lead_ins else None
        front = Face(
            "reflectievraag_voorkant",
            {
                "code": f"{item.code}-{number}",
                "question": question,
                "lead_in": lead_in,
                "audience": _audience(group["doelgroepen"]),
                "group_title": group.get("titel"),
                "field_title": item.title,
                "left": left["naam"],
                "right": right["naam"],
                "link": _link_block(ctx, item),
            },
            FRONT,
            field=path,
        )
        back = Face(
            "reflectievraag_achterkant",
            {
                "code": f"{item.code}-{number}",
                "field_title": item.title,
                "left": left["naam"],
                "right": right["naam"],
                "link": _link_block(ctx, item),
            },
            BACK,
            field=path,
        )
        cards.append(
            Card(
                f"reflectievraag/{item.id}/{number}",
                "reflectievraag",
                f"{item.code}-{number} reflectievraag bij '{item.title}'",
                item,
                front,
                back,
            )
        )
    return cards


# --- quotes per phase -------------------------------------------------------------------------


def quote_cards(ctx: Context, phase: Phase) -> list[Card]:
    cards = []
    part = phase.item.data["onderdelen"][phase.index]
    base = ("onderdelen", phase.index)
    for path, section in _sections([part], ()):
        # path is relative to the phase: (0, "onderdelen", i, ...); make it absolute in the item.
        absolute = base + path[1:]
        for q, quote in enumerate(section.get("citaten", [])):
            number = len(cards) + 1
            code = f"{phase.item.code}-F{phase.number}-{number}"
            subtitle = section["titel"] if section is not part else None
            front = Face(
                "citaat_voorkant",
                {
                    "code": code,
                    "text": quote["tekst"],
                    "who": quote.get("wie"),
                    "subtitle": subtitle,
                    "phase_number": phase.number,
                    "phase_title": phase.title,
                    "length": len(quote["tekst"]),
                    "link": _link_block(ctx, phase.item),
                },
                FRONT,
                field=absolute + ("citaten", q, "tekst"),
            )
            back = Face(
                "citaat_achterkant",
                {
                    "code": code,
                    "phase_number": phase.number,
                    "phase_title": phase.title,
                    "item_title": phase.item.title,
                    "link": _link_block(ctx, phase.item),
                },
                BACK,
                field=absolute + ("citaten", q),
            )
            key = f"citaat/{phase.item.id}/{section_anchor(section)}/{q + 1}"
            cards.append(Card(key, "citaat", f"{code} citaat in '{section['titel']}'", phase.item, front, back))
    return cards


# --- vervolg ----------------------------------------------------------------------------------


def continuation(card: Card, face: Face, rest: list, number: int) -> Card:
    """A deliberate vervolg card for the items of ``face``'s list that did not fit: the list on its front (which may
    continue on a next vervolg card), a cover with the QR code on its back."""
    shared = {k: face.context[k] for k in ("kind", "code", "title", "heading", "link")}
    front = Face(
        "vervolg",
        {**shared, "items": rest, "number": number, "more": False},
        FRONT,
        field=face.field,
        split="items",
    )
    back = Face("vervolg_achterkant", {**shared, "number": number}, BACK, field=face.field)
    return Card(f"{card.key}/vervolg-{number}", card.kind, f"{card.name} (vervolg {number})", card.item, front, back)


def with_items(face: Face, items: list, more: bool) -> Face:
    return replace(face, context={**face.context, "items": items, "more": more})


# --- all cards of a collection ----------------------------------------------------------------


def item_card(ctx: Context, item: Item) -> Card:
    """The card of an item (werkkaart or spanningsveld): also its single-card download."""
    return werkkaart_card(ctx, item) if item.type is WERKKAART else spanningsveld_card(ctx, item)


def all_reflection_cards(ctx: Context) -> list[Card]:
    return [card for item in ctx.collection.of(SPANNINGSVELD) for card in reflection_cards(ctx, item)]

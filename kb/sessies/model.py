"""Sessions (sessies/*.yml) once checked: a facilitated meeting made of blocks in order.

A block refers to a werkkaart (optionally one variant of it), a spanningsveld for reflection, or carries its own
questions from a source; the opening, breaks and the closing are blocks with a `soort`. kb/check/sessions.py checks
the files and builds these objects; kb/sessies/draaiboek.py prepares a draaiboek from them; kb/sessies/rules.py holds
the run-sheet rules shared with the draaiboekmaker in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.collection import Collection, FromDocument, Item
from ..model.document import Document
from ..model.types import SPANNINGSVELD, WERKKAART
from ..model.vocabulary import DOELGROEP_LABELS, find_part, section_anchor, walk
from .rules import DEFAULT_START, ROLE_LABELS, WORDING, PlanBlock, Row, RowInput, duration_label, encode_plan, rows

# The werkkaart with `draaiboek_rol: facilitator` gives every draaiboek its preparation questions and dilemmas; the
# 'afronding' of the werkkaart with `draaiboek_rol: terugkoppeling` says how participants hear back afterwards.
FACILITATOR_ROLE, FOLLOW_UP_ROLE = "facilitator", "terugkoppeling"


def card_with_role(collection: Collection, role: str) -> Item | None:
    cards = [card for card in collection.of(WERKKAART) if card.data.get("draaiboek_rol") == role]
    return cards[0] if cards else None


def follow_up_part(collection: Collection) -> dict | None:
    card = card_with_role(collection, FOLLOW_UP_ROLE)
    parts = [part for part in walk(card.data["onderdelen"]) if part["soort"] == "afronding"] if card else []
    return parts[0] if parts else None


def ancestors(parts, target, trail=()) -> tuple | None:
    """The onderdelen that contain `target`, outermost first (None if it is not in `parts`)."""
    for part in parts:
        if part is target:
            return trail
        found = ancestors(part.get("onderdelen", []), target, trail + (part,))
        if found is not None:
            return found
    return None


@dataclass
class CardParts:
    """The sections of a werkkaart a facilitator needs in one block, sorted by purpose."""

    wanneer: list[dict] = field(default_factory=list)
    context: list[dict] = field(default_factory=list)  # sections around the chosen variant
    werkwijze: list[dict] = field(default_factory=list)
    vragen: list[dict] = field(default_factory=list)
    let_op: list[dict] = field(default_factory=list)
    afronding: list[dict] = field(default_factory=list)
    voorbereiding: list[dict] = field(default_factory=list)


_PURPOSE = {
    "wanneer": "wanneer",
    "voorbereiding": "voorbereiding",
    "werkwijze": "werkwijze",
    "variant": "werkwijze",
    "vragen": "vragen",
    "inzichten": "let_op",
    "aandachtspunten": "let_op",
    "afronding": "afronding",
}
# 'voorbeelden' and 'fase' stay on the card's own page; the draaiboek links to it.


def card_parts(card: Item, variant: dict | None) -> CardParts:
    result = CardParts()
    for part in card.data["onderdelen"]:
        purpose = _PURPOSE.get(part["soort"])
        if purpose is None:
            continue
        if purpose == "werkwijze" and variant is not None:
            trail = ancestors([part], variant)
            if trail is None:
                continue  # another way of doing it; the block chose a variant
            result.context += list(trail)
            result.werkwijze.append(variant)
            continue
        getattr(result, purpose).append(part)
    chosen = result.werkwijze + result.vragen + result.afronding
    result.voorbereiding += [p for p in walk(chosen) if p["soort"] == "voorbereiding"]
    return result


@dataclass
class Block:
    """One checked block of a session, with the items it refers to."""

    data: dict
    role: str  # opening, blok, pauze, afsluiting
    minutes: int
    card: Item | None = None
    variant: dict | None = None
    sv: Item | None = None  # spanningsveld for a reflection moment
    facilitator_dilemmas: list[dict] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "wk" if self.card else "sv" if self.sv else ""

    @property
    def ref(self) -> str:
        if self.card:
            return self.card.id + (f"/{section_anchor(self.variant)}" if self.variant else "")
        if self.sv:
            return self.sv.id + (f"/{self.data['doelgroep']}" if "doelgroep" in self.data else "")
        return ""

    @property
    def code(self) -> str:
        item = self.card or self.sv
        return item.code if item else ""

    @property
    def default_title(self) -> str:
        """The title the session builder gives this block too (see draaiboek-maken.js)."""
        if self.card and self.variant:
            return WORDING["variant_titel"].format(werkkaart=self.card.title, variant=self.variant["titel"])
        if self.card:
            return self.card.title
        if self.sv and "doelgroep" in self.data:
            return WORDING["reflectie_titel_doelgroep"].format(
                spanningsveld=self.sv.title, doelgroep=DOELGROEP_LABELS[self.data["doelgroep"]]
            )
        if self.sv:
            return WORDING["reflectie_titel"].format(spanningsveld=self.sv.title)
        return ROLE_LABELS[self.role]

    @property
    def title(self) -> str:
        return self.data.get("titel", self.default_title)

    @property
    def source_minutes(self) -> int | None:
        """The longest duration the source states for the chosen werkvorm, if any."""
        if not self.card:
            return None
        parts = [self.variant] if self.variant else self.card.data["onderdelen"]
        durations = [part["duur_minuten"] for part in walk(parts) if "duur_minuten" in part]
        return max(durations) if durations else None

    def parts(self) -> CardParts:
        return card_parts(self.card, self.variant) if self.card else CardParts()

    def reflection_groups(self) -> list[dict]:
        """The spanningsveld's question groups for this block's audience (all groups without one)."""
        if not self.sv:
            return []
        audience = self.data.get("doelgroep")
        return [
            group
            for group in self.sv.data["reflectievragen"]
            if audience is None or audience in group["doelgroepen"] or "iedereen" in group["doelgroepen"]
        ]

    def plan_block(self) -> PlanBlock:
        return PlanBlock(self.role, self.kind, self.ref, self.minutes, self.data.get("titel", ""))


@dataclass
class Session(FromDocument):
    doc: Document
    blocks: list[Block]
    facilitator: Item
    follow_up: dict

    @property
    def url(self) -> str:
        return f"draaiboeken/{self.id}.html"

    @property
    def start(self) -> str:
        return self.data.get("begintijd", DEFAULT_START)

    @property
    def total(self) -> int:
        return sum(block.minutes for block in self.blocks)

    @property
    def duration_text(self) -> str:
        return duration_label(self.total)

    def rows(self) -> list[Row]:
        return plan_rows(self.start, self.blocks)

    def plan_hash(self) -> str:
        return encode_plan(self.start, self.title, [block.plan_block() for block in self.blocks])

    def publication(self, bron: dict | None) -> str:
        return (bron or {}).get("publicatie", self.data["bron"]["publicatie"])


def blocks_from_plan(collection: Collection, plan: list[PlanBlock]) -> list[Block]:
    """The blocks of a plan from a builder link, resolved like a session's blocks (unknown references are skipped,
    as the builder skips them)."""
    result = []
    for item in plan:
        target, _, detail = item.ref.partition("/")
        data = {"titel": item.title} if item.title else {}
        block = Block(data, item.role, item.minutes)
        if item.kind == "wk":
            block.card = collection.get(WERKKAART, target)
            block.variant = find_part(block.card, detail, "variant") if block.card and detail else None
            if block.card is None or (detail and block.variant is None):
                continue
        elif item.kind == "sv":
            block.sv = collection.get(SPANNINGSVELD, target)
            if block.sv is None or (detail and detail not in DOELGROEP_LABELS):
                continue
            if detail:
                data["doelgroep"] = detail
        result.append(block)
    return result


def plan_rows(start: str, blocks: list[Block]) -> list[Row]:
    return rows(start, [RowInput(b.role, b.minutes, b.code, b.title, b.source_minutes) for b in blocks])

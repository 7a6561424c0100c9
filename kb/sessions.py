"""Sessions (sessies/*.yml): load, check against the schema and the collection, resolve every block.

A session is a facilitated meeting made of blocks in order. A block refers to a werkkaart (optionally
one variant of it), a spanningsveld for reflection, or carries its own questions from a source; the
opening, breaks and the closing are blocks with a `soort`. kb/draaiboek.py renders a checked session
as a draaiboek; kb/runsheet.py holds the clock-time rules it shares with the session builder page.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .check import read_folder, section_anchor
from .content import SPANNINGSVELD, WERKKAART, Collection, FromDocument, Item
from .load import Document
from .problems import Problem
from .render import DOELGROEP_LABELS
from .runsheet import DEFAULT_START, ROLE_LABELS, PlanBlock, Row, duration_label, encode_plan, parse_clock, rows

SESSIONS_DIR = "sessies"
SESSION_SCHEMA = "sessie.schema.json"
# Werkkaart 1 gives every draaiboek its preparation questions and dilemmas; werkkaart 2's
# "Afronding" says how participants hear back after the meeting.
FACILITATOR_CARD = "rol-van-facilitator"
FOLLOW_UP_CARD, FOLLOW_UP_ANCHOR = "reflectief-gesprek", "afronding"
_OWN_TEXT_FIELDS = ("tekst", "vragen", "voorbereiding", "materialen")


def walk(parts):
    """Every onderdeel in a list, depth first, nested ones included."""
    for part in parts:
        yield part
        yield from walk(part.get("onderdelen", []))


def find_part(card: Item, anchor: str, soort: str | None = None) -> dict | None:
    for part in walk(card.data["onderdelen"]):
        if section_anchor(part) == anchor and (soort is None or part["soort"] == soort):
            return part
    return None


def ancestors(parts, target, trail=()) -> tuple | None:
    """The onderdelen that contain `target`, outermost first (None if it is not in `parts`)."""
    for part in parts:
        if part is target:
            return trail
        found = ancestors(part.get("onderdelen", []), target, trail + (part,))
        if found is not None:
            return found
    return None


def variants(card: Item) -> list[dict]:
    return [part for part in walk(card.data["onderdelen"]) if part["soort"] == "variant"]


def dilemmas(card: Item) -> list[dict]:
    """Werkkaart 1's dilemmas: its innermost onderdelen with soort 'aandachtspunten'."""
    return [part for part in walk(card.data["onderdelen"])
            if part["soort"] == "aandachtspunten" and not part.get("onderdelen")]


@dataclass
class CardParts:
    """The sections of a werkkaart a facilitator needs in one block, sorted by purpose."""

    wanneer: list[dict] = field(default_factory=list)
    context: list[dict] = field(default_factory=list)      # sections around the chosen variant
    werkwijze: list[dict] = field(default_factory=list)
    vragen: list[dict] = field(default_factory=list)
    let_op: list[dict] = field(default_factory=list)
    afronding: list[dict] = field(default_factory=list)
    voorbereiding: list[dict] = field(default_factory=list)


_PURPOSE = {"wanneer": "wanneer", "voorbereiding": "voorbereiding", "werkwijze": "werkwijze", "variant": "werkwijze",
            "vragen": "vragen", "inzichten": "let_op", "aandachtspunten": "let_op", "afronding": "afronding"}
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
    role: str                    # opening, blok, pauze, afsluiting
    minutes: int
    card: Item | None = None
    variant: dict | None = None
    sv: Item | None = None       # spanningsveld for a reflection moment
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
        if self.card:
            return self.card.title + (f": {self.variant['titel']}" if self.variant else "")
        if self.sv:
            audience = self.data.get("doelgroep")
            return f"Reflectie: {self.sv.title}" + (f" (voor {DOELGROEP_LABELS[audience]})" if audience else "")
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
        return [group for group in self.sv.data["reflectievragen"]
                if audience is None or audience in group["doelgroepen"] or "iedereen" in group["doelgroepen"]]

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


def load_sessions(root: Path, collection: Collection) -> tuple[dict[str, Session], list[Problem]]:
    """Every sessies/*.yml file, checked. Sessions with problems are left out of the result."""
    valid, problems = read_folder(root, SESSIONS_DIR, ".yml", SESSION_SCHEMA)
    sessions: dict[str, Session] = {}
    seen: dict[str, str] = {}
    for doc in valid:
        file = Path(doc.path)
        session, file_problems = _check(doc, collection)
        session_id = doc.data["id"]
        if session_id in seen:
            file_problems.append(doc.problem(("id",), f"Het id '{session_id}' wordt ook gebruikt door "
                                                      f"{seen[session_id]}. Geef elke sessie een eigen id."))
        elif file.stem != session_id:
            file_problems.append(doc.problem(("id",), f"Het id '{session_id}' komt niet overeen met de "
                                                      f"bestandsnaam '{file.name}'. Hernoem het bestand naar "
                                                      f"'{session_id}.yml' of pas het id aan."))
        seen.setdefault(session_id, doc.path)
        if not file_problems:
            sessions[session_id] = session
        problems += file_problems
    return sessions, problems


def _unknown(doc: Document, path, kind: str, ref: str, existing: list[str], where: str) -> Problem:
    guess = difflib.get_close_matches(ref, existing, n=1, cutoff=0.5)
    hint = f" Bedoelde je '{guess[0]}'?" if guess else f" Kies uit: {', '.join(existing)}." if existing else \
        f" Er staan nog geen bestanden in {where}."
    return doc.problem(path, f"Er is geen {kind} met het id '{ref}'.{hint}")


def _check(doc: Document, collection: Collection) -> tuple[Session | None, list[Problem]]:
    data = doc.data
    problems: list[Problem] = []
    problems += _source_problems(doc, collection)
    problems += _count_problems(doc)

    facilitator = collection.get(WERKKAART, FACILITATOR_CARD)
    follow_card = collection.get(WERKKAART, FOLLOW_UP_CARD)
    follow_up = find_part(follow_card, FOLLOW_UP_ANCHOR, "afronding") if follow_card else None
    if facilitator is None or follow_up is None:
        problems.append(doc.problem(("id",), f"Een draaiboek gebruikt werkkaart '{FACILITATOR_CARD}' (voorbereiding en "
                                             f"dilemma's) en het onderdeel '{FOLLOW_UP_ANCHOR}' van werkkaart "
                                             f"'{FOLLOW_UP_CARD}' (terugkoppeling), maar die ontbreken of hebben "
                                             "fouten. Los eerst de fouten in die werkkaarten op."))

    blocks, minutes = [], []
    for index, raw in enumerate(data["blokken"]):
        block, block_problems = _block(doc, index, raw, collection, facilitator)
        problems += block_problems
        if block is not None:
            blocks.append(block)
        # A broken block still counts with the minutes it states, so the total is checked in the same run.
        minutes.append(block.minutes if block is not None else raw.get("minuten"))

    problems += _order_problems(doc)
    if None not in minutes:
        problems += _total_problems(doc, minutes)
    if problems:
        return None, problems
    return Session(doc, blocks, facilitator, follow_up), []


def _source_problems(doc: Document, collection: Collection) -> list[Problem]:
    """Every 'publicatie' in the file exists in bronnen.yml."""
    problems = []
    known = list(collection.publications)
    for path, value in _fields(doc.data, (), "publicatie"):
        if known and value not in collection.publications:
            problems.append(_unknown(doc, path, "publicatie", value, known, "bronnen.yml"))
    return problems


def _fields(value, path, name):
    if isinstance(value, dict):
        for key, child in value.items():
            if key == name and isinstance(child, str):
                yield path + (key,), child
            else:
                yield from _fields(child, path + (key,), name)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _fields(child, path + (index,), name)


def _count_problems(doc: Document) -> list[Problem]:
    data = doc.data
    problems = []
    people = data["deelnemers"]
    has_range = "minimaal" in people or "maximaal" in people
    if "aantal" in people and has_range:
        problems.append(doc.problem(("deelnemers", "aantal"), "Geef bij 'deelnemers' óf 'aantal', óf 'minimaal' en "
                                                             "'maximaal', niet allebei.", key=True))
    elif "aantal" not in people and not ("minimaal" in people and "maximaal" in people):
        problems.append(doc.problem(("deelnemers",), "Geef bij 'deelnemers' het aantal: 'aantal: 6', of 'minimaal' en "
                                                     "'maximaal'. Noemt de bron geen aantal, dan komt het als voorstel "
                                                     "in het draaiboek.", key=True))
    elif has_range and people["minimaal"] > people["maximaal"]:
        problems.append(doc.problem(("deelnemers", "minimaal"), f"'minimaal' ({people['minimaal']}) is groter dan "
                                                                f"'maximaal' ({people['maximaal']}). Draai ze om."))

    if "duur_minuten" in data and "eindtijd" in data:
        problems.append(doc.problem(("eindtijd",), "Geef óf 'duur_minuten', óf 'begintijd' en 'eindtijd', niet allebei; "
                                                   "anders kunnen ze elkaar tegenspreken.", key=True))
    elif "eindtijd" in data and "begintijd" not in data:
        problems.append(doc.problem(("eindtijd",), "Bij 'eindtijd' hoort een 'begintijd'. Voeg 'begintijd' toe.", key=True))
    elif "eindtijd" in data and parse_clock(data["eindtijd"]) <= parse_clock(data["begintijd"]):
        problems.append(doc.problem(("eindtijd",), f"De eindtijd {data['eindtijd']} ligt niet na de begintijd "
                                                   f"{data['begintijd']}."))
    elif "duur_minuten" not in data and "eindtijd" not in data:
        problems.append(doc.problem(("titel",), "Geef de lengte van de bijeenkomst: 'duur_minuten', of 'begintijd' en "
                                                "'eindtijd'.", key=True))
    if "duur_bron" in data and "duur_minuten" not in data and "eindtijd" not in data:
        problems.append(doc.problem(("duur_bron",), "'duur_bron' hoort bij 'duur_minuten' of 'eindtijd'.", key=True))
    return problems


def _block(doc: Document, index: int, raw: dict, collection: Collection,
           facilitator: Item | None) -> tuple[Block | None, list[Problem]]:
    path = ("blokken", index)
    where = f"Blok {index + 1}"
    problems = []
    role = raw.get("soort", "blok")
    card = variant = sv = None

    if "werkkaart" in raw and "spanningsveld" in raw:
        problems.append(doc.problem(path + ("spanningsveld",), f"{where} noemt een werkkaart én een spanningsveld. "
                                                               "Maak er twee blokken van.", key=True))
    if "variant" in raw and "werkkaart" not in raw:
        problems.append(doc.problem(path + ("variant",), f"{where} heeft een 'variant' maar geen 'werkkaart'. Een "
                                                         "variant hoort bij een werkkaart.", key=True))
    if "doelgroep" in raw and "spanningsveld" not in raw:
        problems.append(doc.problem(path + ("doelgroep",), f"{where}: 'doelgroep' kiest reflectievragen van een "
                                                           "spanningsveld; voeg 'spanningsveld' toe of haal "
                                                           "'doelgroep' weg.", key=True))

    if "werkkaart" in raw:
        card = collection.get(WERKKAART, raw["werkkaart"])
        if card is None:
            problems.append(_unknown(doc, path + ("werkkaart",), "werkkaart", raw["werkkaart"],
                                     [c.id for c in collection.of(WERKKAART)], "werkkaarten/"))
        elif "variant" in raw:
            variant = find_part(card, raw["variant"], "variant")
            if variant is None:
                anchors = [section_anchor(p) for p in variants(card)]
                options = (f"De varianten van deze kaart zijn: {', '.join(anchors)}." if anchors
                           else "Deze kaart heeft geen varianten; haal 'variant' weg.")
                guess = difflib.get_close_matches(raw["variant"], anchors, n=1, cutoff=0.5)
                hint = f" Bedoelde je '{guess[0]}'?" if guess else ""
                problems.append(doc.problem(path + ("variant",), f"Werkkaart '{card.id}' heeft geen variant met het "
                                                                 f"anker '{raw['variant']}'.{hint} {options}"))
    if "spanningsveld" in raw:
        sv = collection.get(SPANNINGSVELD, raw["spanningsveld"])
        if sv is None:
            problems.append(_unknown(doc, path + ("spanningsveld",), "spanningsveld", raw["spanningsveld"],
                                     [s.id for s in collection.of(SPANNINGSVELD)], "spanningsvelden/"))

    own_text = [name for name in _OWN_TEXT_FIELDS if name in raw]
    if own_text and "bron" not in raw and role != "pauze":
        problems.append(doc.problem(path + (own_text[0],), f"{where} heeft eigen {own_text[0]} zonder bron. Voeg "
                                                           "'bron' met de regels toe, zodat te controleren is dat de "
                                                           "tekst uit de bron komt.", key=True))
    if role == "blok" and card is None and sv is None and "werkkaart" not in raw and "spanningsveld" not in raw:
        if "titel" not in raw:
            problems.append(doc.problem(path, f"{where} heeft geen titel. Geef een 'titel', of verwijs naar een "
                                              "'werkkaart' of 'spanningsveld'."))
        if not own_text:
            problems.append(doc.problem(path, f"{where} heeft geen inhoud. Verwijs naar een 'werkkaart' of "
                                              "'spanningsveld', of geef 'vragen' of 'tekst' uit de bron (met 'bron')."))

    chosen_dilemmas = []
    for number, anchor in enumerate(raw.get("dilemmas", [])):
        part = find_part(facilitator, anchor, "aandachtspunten") if facilitator else None
        if facilitator and part is None:
            options = [section_anchor(p) for p in dilemmas(facilitator)]
            guess = difflib.get_close_matches(anchor, options, n=1, cutoff=0.5)
            hint = f"Bedoelde je '{guess[0]}'? " if guess else ""
            problems.append(doc.problem(path + ("dilemmas", number), f"Werkkaart '{FACILITATOR_CARD}' heeft geen "
                                                                     f"dilemma met het anker '{anchor}'. {hint}Kies uit: "
                                                                     f"{', '.join(options)}."))
        elif part is not None:
            chosen_dilemmas.append(part)

    if problems:
        return None, problems
    block = Block(raw, role, raw.get("minuten", 0), card, variant, sv, chosen_dilemmas)
    if sv is not None and not block.reflection_groups():
        problems.append(doc.problem(path + ("doelgroep",), f"Spanningsveld '{sv.id}' heeft geen reflectievragen voor "
                                                           f"{raw['doelgroep']}. Kies een andere doelgroep of haal "
                                                           "'doelgroep' weg."))
    source = block.source_minutes
    if "minuten" not in raw:
        if source is None:
            problems.append(doc.problem(path, f"{where} ('{block.title}') heeft geen 'minuten'. Geef aan hoe lang het "
                                              "blok duurt; het draaiboek toont het als voorstel."))
        block.minutes = source or 0
    elif source is not None and raw["minuten"] < source:
        problems.append(doc.problem(path + ("minuten",), f"De bron noemt {source} minuten voor '{block.title}', maar "
                                                         f"{where.lower()} heeft er {raw['minuten']}. Plan minstens "
                                                         f"{source} minuten."))
    return (None if problems else block), problems


def _order_problems(doc: Document) -> list[Problem]:
    blocks = doc.data["blokken"]
    problems = []
    if blocks[0].get("soort") != "opening":
        problems.append(doc.problem(("blokken", 0), "Het eerste blok moet de opening zijn. Zet 'soort: opening' bij het "
                                                    "eerste blok, of voeg een opening toe."))
    if blocks[-1].get("soort") != "afsluiting":
        problems.append(doc.problem(("blokken", len(blocks) - 1), "Het laatste blok moet de afsluiting zijn. Zet "
                                                                  "'soort: afsluiting' bij het laatste blok, of voeg "
                                                                  "een afsluiting toe."))
    for index, block in enumerate(blocks[1:-1], 1):
        if block.get("soort") in ("opening", "afsluiting"):
            problems.append(doc.problem(("blokken", index, "soort"), f"Blok {index + 1} is een {block['soort']}, maar "
                                                                     "die hoort als eerste of laatste blok. Maak er een "
                                                                     "gewoon blok van (haal 'soort' weg)."))
    return problems


def _total_problems(doc: Document, minutes: list[int]) -> list[Problem]:
    data = doc.data
    planned = sum(minutes)
    if "duur_minuten" in data:
        expected, path, what = data["duur_minuten"], ("duur_minuten",), f"duur_minuten: {data['duur_minuten']}"
    else:
        expected = parse_clock(data["eindtijd"]) - parse_clock(data["begintijd"])
        path, what = ("eindtijd",), f"{data['begintijd']}–{data['eindtijd']}"
    if planned == expected:
        return []
    parts = " + ".join(map(str, minutes))
    if planned > expected:
        fix = f"Haal {planned - expected} minuten weg bij een of meer blokken, of maak de bijeenkomst langer."
    else:
        fix = f"Er zijn {expected - planned} minuten niet ingepland: verdeel ze over de blokken of maak de bijeenkomst korter."
    return [doc.problem(path, f"De blokken duren samen {planned} minuten ({parts}), maar de bijeenkomst duurt "
                              f"{expected} minuten ({what}). {fix}")]


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
    return rows(start, [(b.minutes, b.code, b.title, b.source_minutes) for b in blocks])

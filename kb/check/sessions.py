"""Check sessies/*.yml against the schema and the collection, and resolve every block (kb/sessies/model.py)."""

from __future__ import annotations

import difflib
from pathlib import Path

from ..model.collection import Collection, Item
from ..model.document import Document
from ..model.problems import Problem
from ..model.types import SESSION_SCHEMA, SESSIONS_FOLDER, SPANNINGSVELD, WERKKAART
from ..model.vocabulary import dilemmas, find_part, section_anchor, values_named, variants
from ..sessies.model import FACILITATOR_ROLE, Block, Session, card_with_role, follow_up_part
from ..sessies.rules import parse_clock
from .files import read_folder
from .items import unknown

_OWN_TEXT_FIELDS = ("tekst", "vragen", "voorbereiding", "materialen")


def load_sessions(root: Path, collection: Collection) -> tuple[dict[str, Session], list[Problem]]:
    """Every sessies/*.yml file, checked. Sessions with problems are left out of the result."""
    valid, problems = read_folder(root, SESSIONS_FOLDER, ".yml", SESSION_SCHEMA)
    sessions: dict[str, Session] = {}
    seen: dict[str, str] = {}
    for doc in valid:
        file = Path(doc.path)
        session, file_problems = _check(doc, collection)
        session_id = doc.data["id"]
        if session_id in seen:
            file_problems.append(
                doc.problem(
                    ("id",),
                    f"Het id '{session_id}' wordt ook gebruikt door {seen[session_id]}. Geef elke sessie een eigen id.",
                )
            )
        elif file.stem != session_id:
            file_problems.append(
                doc.problem(
                    ("id",),
                    f"Het id '{session_id}' komt niet overeen met de "
                    f"bestandsnaam '{file.name}'. Hernoem het bestand naar "
                    f"'{session_id}.yml' of pas het id aan.",
                )
            )
        seen.setdefault(session_id, doc.path)
        if not file_problems:
            sessions[session_id] = session
        problems += file_problems
    return sessions, problems


def _check(doc: Document, collection: Collection) -> tuple[Session | None, list[Problem]]:
    data = doc.data
    problems: list[Problem] = []
    problems += _source_problems(doc, collection)
    problems += _count_problems(doc)

    facilitator = card_with_role(collection, FACILITATOR_ROLE)
    follow_up = follow_up_part(collection)
    if facilitator is None or follow_up is None:
        missing = doc.problem(
            ("id",),
            "Een draaiboek gebruikt de werkkaart met 'draaiboek_rol: facilitator' "
            "(voorbereiding en dilemma's) en het onderdeel met 'soort: afronding' van de "
            "werkkaart met 'draaiboek_rol: terugkoppeling', maar die ontbreken of hebben "
            "fouten. Los eerst de fouten in de werkkaarten op.",
        )
        problems.append(
            Problem(missing.path, missing.line, missing.column, missing.message, follows_from=(WERKKAART.name, "*"))
        )

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
    for path, value in values_named(doc.data, "publicatie"):
        if known and value not in collection.publications:
            problems.append(unknown(doc, path, "publicatie", value, known, "bronnen.yml"))
    return problems


def _count_problems(doc: Document) -> list[Problem]:
    data = doc.data
    problems = []
    people = data["deelnemers"]
    has_range = "minimaal" in people or "maximaal" in people
    if "aantal" in people and has_range:
        problems.append(
            doc.problem(
                ("deelnemers", "aantal"),
                "Geef bij 'deelnemers' óf 'aantal', óf 'minimaal' en 'maximaal', niet allebei.",
                key=True,
            )
        )
    elif "aantal" not in people and not ("minimaal" in people and "maximaal" in people):
        problems.append(
            doc.problem(
                ("deelnemers",),
                "Geef bij 'deelnemers' het aantal: 'aantal: 6', of 'minimaal' en "
                "'maximaal'. Noemt de bron geen aantal, dan komt het als voorstel "
                "in het draaiboek.",
                key=True,
            )
        )
    elif has_range and people["minimaal"] > people["maximaal"]:
        problems.append(
            doc.problem(
                ("deelnemers", "minimaal"),
                f"'minimaal' ({people['minimaal']}) is groter dan 'maximaal' ({people['maximaal']}). Draai ze om.",
            )
        )

    if "duur_minuten" in data and "eindtijd" in data:
        problems.append(
            doc.problem(
                ("eindtijd",),
                "Geef óf 'duur_minuten', óf 'begintijd' en 'eindtijd', niet allebei; "
                "anders kunnen ze elkaar tegenspreken.",
                key=True,
            )
        )
    elif "eindtijd" in data and "begintijd" not in data:
        problems.append(
            doc.problem(("eindtijd",), "Bij 'eindtijd' hoort een 'begintijd'. Voeg 'begintijd' toe.", key=True)
        )
    elif "eindtijd" in data and parse_clock(data["eindtijd"]) <= parse_clock(data["begintijd"]):
        problems.append(
            doc.problem(("eindtijd",), f"De eindtijd {data['eindtijd']} ligt niet na de begintijd {data['begintijd']}.")
        )
    elif "duur_minuten" not in data and "eindtijd" not in data:
        problems.append(
            doc.problem(
                ("titel",), "Geef de lengte van de bijeenkomst: 'duur_minuten', of 'begintijd' en 'eindtijd'.", key=True
            )
        )
    if "duur_bron" in data and "duur_minuten" not in data and "eindtijd" not in data:
        problems.append(doc.problem(("duur_bron",), "'duur_bron' hoort bij 'duur_minuten' of 'eindtijd'.", key=True))
    return problems


def _block(
    doc: Document, index: int, raw: dict, collection: Collection, facilitator: Item | None
) -> tuple[Block | None, list[Problem]]:
    path = ("blokken", index)
    where = f"Blok {index + 1}"
    problems = []
    role = raw.get("soort", "blok")
    card = variant = sv = None

    if "werkkaart" in raw and "spanningsveld" in raw:
        problems.append(
            doc.problem(
                path + ("spanningsveld",),
                f"{where} noemt een werkkaart én een spanningsveld. Maak er twee blokken van.",
                key=True,
            )
        )
    if "variant" in raw and "werkkaart" not in raw:
        problems.append(
            doc.problem(
                path + ("variant",),
                f"{where} heeft een 'variant' maar geen 'werkkaart'. Een variant hoort bij een werkkaart.",
                key=True,
            )
        )
    if "doelgroep" in raw and "spanningsveld" not in raw:
        problems.append(
            doc.problem(
                path + ("doelgroep",),
                f"{where}: 'doelgroep' kiest reflectievragen van een "
                "spanningsveld; voeg 'spanningsveld' toe of haal "
                "'doelgroep' weg.",
                key=True,
            )
        )

    if "werkkaart" in raw:
        card = collection.get(WERKKAART, raw["werkkaart"])
        if card is None:
            problems.append(
                unknown(
                    doc,
                    path + ("werkkaart",),
                    "werkkaart",
                    raw["werkkaart"],
                    [c.id for c in collection.of(WERKKAART)],
                    "werkkaarten/",
                )
            )
        elif "variant" in raw:
            variant = find_part(card, raw["variant"], "variant")
            if variant is None:
                anchors = [section_anchor(p) for p in variants(card)]
                options = (
                    f"De varianten van deze kaart zijn: {', '.join(anchors)}."
                    if anchors
                    else "Deze kaart heeft geen varianten; haal 'variant' weg."
                )
                guess = difflib.get_close_matches(raw["variant"], anchors, n=1, cutoff=0.5)
                hint = f" Bedoelde je '{guess[0]}'?" if guess else ""
                problems.append(
                    doc.problem(
                        path + ("variant",),
                        f"Werkkaart '{card.id}' heeft geen variant met het anker '{raw['variant']}'.{hint} {options}",
                    )
                )
    if "spanningsveld" in raw:
        sv = collection.get(SPANNINGSVELD, raw["spanningsveld"])
        if sv is None:
            problems.append(
                unknown(
                    doc,
                    path + ("spanningsveld",),
                    "spanningsveld",
                    raw["spanningsveld"],
                    [s.id for s in collection.of(SPANNINGSVELD)],
                    "spanningsvelden/",
                )
            )

    own_text = [name for name in _OWN_TEXT_FIELDS if name in raw]
    if own_text and "bron" not in raw and role != "pauze":
        problems.append(
            doc.problem(
                path + (own_text[0],),
                f"{where} heeft eigen {own_text[0]} zonder bron. Voeg "
                "'bron' met de regels toe, zodat te controleren is dat de "
                "tekst uit de bron komt.",
                key=True,
            )
        )
    if role == "blok" and card is None and sv is None and "werkkaart" not in raw and "spanningsveld" not in raw:
        if "titel" not in raw:
            problems.append(
                doc.problem(
                    path,
                    f"{where} heeft geen titel. Geef een 'titel', of verwijs naar een 'werkkaart' of 'spanningsveld'.",
                )
            )
        if not own_text:
            problems.append(
                doc.problem(
                    path,
                    f"{where} heeft geen inhoud. Verwijs naar een 'werkkaart' of "
                    "'spanningsveld', of geef 'vragen' of 'tekst' uit de bron (met 'bron').",
                )
            )

    chosen_dilemmas = []
    for number, anchor in enumerate(raw.get("dilemmas", [])):
        part = find_part(facilitator, anchor, "aandachtspunten") if facilitator else None
        if facilitator and part is None:
            options = [section_anchor(p) for p in dilemmas(facilitator)]
            guess = difflib.get_close_matches(anchor, options, n=1, cutoff=0.5)
            hint = f"Bedoelde je '{guess[0]}'? " if guess else ""
            problems.append(
                doc.problem(
                    path + ("dilemmas", number),
                    f"Werkkaart '{facilitator.id}' heeft geen "
                    f"dilemma met het anker '{anchor}'. {hint}Kies uit: "
                    f"{', '.join(options)}.",
                )
            )
        elif part is not None:
            chosen_dilemmas.append(part)

    if problems:
        return None, problems
    block = Block(raw, role, raw.get("minuten", 0), card, variant, sv, chosen_dilemmas)
    if sv is not None and not block.reflection_groups():
        problems.append(
            doc.problem(
                path + ("doelgroep",),
                f"Spanningsveld '{sv.id}' heeft geen reflectievragen voor "
                f"{raw['doelgroep']}. Kies een andere doelgroep of haal "
                "'doelgroep' weg.",
            )
        )
    source = block.source_minutes
    if "minuten" not in raw:
        if source is None:
            problems.append(
                doc.problem(
                    path,
                    f"{where} ('{block.title}') heeft geen 'minuten'. Geef aan hoe lang het "
                    "blok duurt; het draaiboek toont het als voorstel.",
                )
            )
        block.minutes = source or 0
    elif source is not None and raw["minuten"] < source:
        problems.append(
            doc.problem(
                path + ("minuten",),
                f"De bron noemt {source} minuten voor '{block.title}', maar "
                f"{where.lower()} heeft er {raw['minuten']}. Plan minstens "
                f"{source} minuten.",
            )
        )
    return (None if problems else block), problems


def _order_problems(doc: Document) -> list[Problem]:
    blocks = doc.data["blokken"]
    problems = []
    if blocks[0].get("soort") != "opening":
        problems.append(
            doc.problem(
                ("blokken", 0),
                "Het eerste blok moet de opening zijn. Zet 'soort: opening' bij het "
                "eerste blok, of voeg een opening toe.",
            )
        )
    if blocks[-1].get("soort") != "afsluiting":
        problems.append(
            doc.problem(
                ("blokken", len(blocks) - 1),
                "Het laatste blok moet de afsluiting zijn. Zet "
                "'soort: afsluiting' bij het laatste blok, of voeg "
                "een afsluiting toe.",
            )
        )
    for index, block in enumerate(blocks[1:-1], 1):
        if block.get("soort") in ("opening", "afsluiting"):
            problems.append(
                doc.problem(
                    ("blokken", index, "soort"),
                    f"Blok {index + 1} is een {block['soort']}, maar "
                    "die hoort als eerste of laatste blok. Maak er een "
                    "gewoon blok van (haal 'soort' weg).",
                )
            )
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
        fix = (
            f"Er zijn {expected - planned} minuten niet ingepland: verdeel ze over de blokken of maak de bijeenkomst "
            "korter."
        )
    return [
        doc.problem(
            path,
            f"De blokken duren samen {planned} minuten ({parts}), maar de bijeenkomst duurt "
            f"{expected} minuten ({what}). {fix}",
        )
    ]

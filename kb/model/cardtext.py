"""What a printed card shows of an item: a selection of the item's own words, never new wording.

A werkkaart may say in its ``kaart:`` block which sentences are the steps on the front (``stappen``) and what the back
carries (``achterkant``: a few key ``vragen`` or one ``citaat``). Each step must be one or more whole sentences, word
for word, from one text of the card (an onderdeel's tekst, punten, stappen or slottekst); each question must be one of
the card's helping questions, and the quote one of its quotes. kb/check/cardtext.py reports anything else.
Without a ``kaart:`` block the card takes, by rule, the first sentence of every werkwijze, variant and preparation
part, and all helping questions (each once) or else the first quote.

A spanningsveld's ``kaart:`` block may name lead-ins (``aanloop``): questions that only make sense after an earlier
one ("Waar merk jij dat aan?") carry that earlier question on their card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import walk

STEP_SOURCES = ("tekst", "punten", "stappen", "slottekst")
RULE_STEP_SORTS = ("voorbereiding", "werkwijze", "variant")
_SENTENCE_END = re.compile(r"(?<=[.!?…:])[’”')]*\s+(?=[‘“'(A-Z0-9ÀÁÂÄÈÉÊËÍÏÓÖÚÜ-])")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def normal(text: str) -> str:
    """Text as compared: one space between words (line breaks in YAML do not count)."""
    return " ".join(str(text).split())


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(normal(text)) if part]


@dataclass(frozen=True)
class Unit:
    """One text of a card that steps may be taken from."""

    path: tuple  # where it stands in the item's data
    section: dict  # the onderdeel it belongs to
    text: str  # normalised


def units(data: dict):
    def visit(parts, base):
        for index, part in enumerate(parts):
            path = base + (index,)
            for key in STEP_SOURCES:
                value = part.get(key)
                if isinstance(value, str):
                    yield Unit(path + (key,), part, normal(value))
                elif isinstance(value, list):
                    for n, entry in enumerate(value):
                        if isinstance(entry, str):
                            yield Unit(path + (key, n), part, normal(entry))
            yield from visit(part.get("onderdelen", []), path + ("onderdelen",))

    yield from visit(data.get("onderdelen", []), ("onderdelen",))


def is_selection(step: str, text: str) -> bool:
    """True when ``step`` is one or more whole, consecutive sentences of ``text``, word for word."""
    wanted, found = normal(step), sentences(text)
    for start in range(len(found)):
        joined = ""
        for end in range(start, len(found)):
            joined = f"{joined} {found[end]}".strip()
            if joined == wanted:
                return True
            if len(joined) >= len(wanted):
                break
    return False


def source_of_step(data: dict, step: str) -> Unit | None:
    return next((unit for unit in units(data) if is_selection(step, unit.text)), None)


def questions(data: dict) -> list[str]:
    """Every helping question of a werkkaart in source order, each once (the source repeats some per variant)."""
    found: list[str] = []
    for part in walk(data.get("onderdelen", [])):
        for question in part.get("vragen", []):
            if normal(question) not in map(normal, found):
                found.append(question)
    return found


def quotes(data: dict) -> list[dict]:
    """The card's own quotes first, then those of its onderdelen, in source order."""
    return [
        *data.get("citaten", []),
        *(quote for part in walk(data.get("onderdelen", [])) for quote in part.get("citaten", [])),
    ]


@dataclass(frozen=True)
class Step:
    text: str
    section: str  # title of the onderdeel it comes from


def steps(data: dict) -> list[Step]:
    chosen = data.get("kaart", {}).get("stappen")
    if chosen is not None:
        found = [(step, source_of_step(data, step)) for step in chosen]
        return [Step(normal(step), unit.section["titel"]) for step, unit in found if unit is not None]
    by_rule = []
    for part in walk(data.get("onderdelen", [])):
        if part.get("soort") in RULE_STEP_SORTS and not part.get("onderdelen"):
            first = next((unit for unit in units({"onderdelen": [part]}) if unit.path[1] != "onderdelen"), None)
            if first is not None and sentences(first.text):
                by_rule.append(Step(_LINK.sub(r"\1", sentences(first.text)[0]), part["titel"]))
    return by_rule


@dataclass(frozen=True)
class Back:
    """What the back of a werkkaart carries: key questions, or one quote (tekst, wie)."""

    questions: tuple[str, ...] = ()
    quote: dict | None = None


def back(data: dict) -> Back:
    chosen = data.get("kaart", {}).get("achterkant")
    all_quotes = quotes(data)
    if chosen is not None:
        wanted = normal(chosen.get("citaat", ""))
        quote = next((q for q in all_quotes if normal(q["tekst"]) == wanted), None) if wanted else None
        return Back(questions=tuple(chosen.get("vragen", ())), quote=quote)
    if questions(data):
        return Back(questions=tuple(questions(data)))
    return Back(quote=all_quotes[0] if all_quotes else None)


def lead_ins(data: dict) -> dict[int, int]:
    """Reflection question number -> number of the earlier question it builds on (spanningsveld ``kaart.aanloop``)."""
    found = {}
    for entry in data.get("kaart", {}).get("aanloop", []):
        for number in entry["nummers"]:
            found[number] = entry["bij"]
    return found

"""Checks across items for the source material around the cards (casussen, vragensets, bouwstenen, begrippen).

Called by kb.check.collection.load_collection after the reference check, so every id used here already resolves or has
been reported. Every message says what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib

from ..model.collection import Collection, Item
from ..model.problems import Problem
from ..model.types import BEGRIP, BOUWSTEEN, CASUS, QUESTION_ORIGINS, SPANNINGSVELD, VRAGENSET, WERKKAART
from ..model.vocabulary import DUTCH_STOP_WORDS, MIN_TERM_LENGTH, group_anchor, lists_named, term_forms
from .items import unknown

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"'})


def normalise(text: str) -> str:
    """Compare questions regardless of line breaks, emphasis and curly quotes."""
    return " ".join(text.translate(_QUOTES).replace("*", "").split())


def questions_in(data) -> set[str]:
    """Every question anywhere in an item's data (lists named 'vragen')."""
    return {normalise(v) for questions in lists_named(data, "vragen") for v in questions if isinstance(v, str)}


def crosscheck_problems(collection: Collection) -> list[Problem]:
    problems: list[Problem] = []
    for item in collection.of(CASUS):
        problems += _question_origin_problems(collection, item)
    for item in collection.of(CASUS) + collection.of(VRAGENSET):
        problems += _card_link_problems(collection, item)
    for item in collection.of(BOUWSTEEN):
        if not any(field in item.data for field in ("inleiding", "punten", "stappen", "onderdelen")):
            problems.append(
                item.doc.problem(
                    ("titel",),
                    "Deze bouwsteen heeft geen inhoud. Geef minstens één van: "
                    "inleiding, punten, stappen of onderdelen.",
                )
            )
    for item in collection.of(VRAGENSET):
        problems += _group_anchor_problems(item)
    problems += _term_form_problems(collection)
    problems += _role_problems(collection)
    return problems


def _role_problems(collection: Collection) -> list[Problem]:
    """Each draaiboek_rol belongs to one werkkaart."""
    holders: dict[str, list[Item]] = {}
    for card in collection.of(WERKKAART):
        if "draaiboek_rol" in card.data:
            holders.setdefault(card.data["draaiboek_rol"], []).append(card)
    return [
        card.doc.problem(
            ("draaiboek_rol",),
            f"De draaiboekrol '{role}' hoort al bij {cards[0].doc.path}. "
            "Elke rol hoort bij precies één werkkaart: haal hem hier weg.",
        )
        for role, cards in holders.items()
        for card in cards[1:]
    ]


def _question_origin_problems(collection: Collection, item: Item) -> list[Problem]:
    problems = []
    for index, group in enumerate(item.data.get("reflectievragen", [])):
        path = ("reflectievragen", index)
        origins = [key for key in ("bron", *QUESTION_ORIGINS) if key in group]
        if len(origins) != 1:
            problems.append(
                item.doc.problem(
                    path,
                    "Geef bij elke groep vragen precies één herkomst: 'bron:' (waar de "
                    "vragen in de publicatie staan), of 'spanningsveld:', 'werkkaart:' "
                    "of 'vragenset:' met het id waar ze letterlijk in staan.",
                )
            )
            continue
        key = origins[0]
        if key == "bron":
            publication = group["bron"]["publicatie"]
            if collection.publications and publication not in collection.publications:
                problems.append(
                    item.doc.problem(
                        path + ("bron", "publicatie"),
                        f"Er is geen publicatie met het id '{publication}'. Bestaande ids staan in bronnen.yml.",
                    )
                )
            continue
        target_type = QUESTION_ORIGINS[key]
        target = collection.get(target_type, group[key])
        if target is None:
            problems.append(
                unknown(
                    item.doc,
                    path + (key,),
                    target_type.name,
                    group[key],
                    [other.id for other in collection.of(target_type)],
                    f"{target_type.plural}/",
                )
            )
            continue
        if group[key] not in item.data.get(target_type.plural, []):
            problems.append(
                item.doc.problem(
                    path + (key,),
                    f"Deze vragen komen uit {target_type.name} '{target.id}', "
                    f"maar die staat niet onder '{target_type.plural}:' van "
                    "deze casus. Voeg het id daar toe, zodat beide pagina's "
                    "naar elkaar linken.",
                )
            )
        known = questions_in(target.data)
        for number, question in enumerate(group["vragen"]):
            if normalise(question) not in known:
                close = difflib.get_close_matches(normalise(question), sorted(known), n=1, cutoff=0.6)
                hint = f" Bedoelde je: '{close[0]}'?" if close else ""
                problems.append(
                    item.doc.problem(
                        path + ("vragen", number),
                        f"Deze vraag staat niet letterlijk in {target_type.name} "
                        f"'{target.id}'.{hint} Neem de vraag precies over, of geef de "
                        "herkomst met 'bron:'.",
                    )
                )
    return problems


def _card_link_problems(collection: Collection, item: Item) -> list[Problem]:
    if collection.related(item, WERKKAART) or collection.related(item, SPANNINGSVELD):
        return []
    if item.data.get(WERKKAART.plural) or item.data.get(SPANNINGSVELD.plural):
        return []  # it names cards that are missing or broken: that problem is reported where it stands
    return [
        item.doc.problem(
            ("id",),
            f"Deze {item.type.name} is nog niet gekoppeld aan een werkkaart of "
            "spanningsveld. Voeg 'werkkaarten:' of 'spanningsvelden:' toe met de ids die "
            f"deze {item.type.name} laat zien, zodat lezers erheen en terug kunnen.",
            key=True,
        )
    ]


def _group_anchor_problems(item: Item) -> list[Problem]:
    problems, seen = [], set()
    for index, group in enumerate(item.data["groepen"]):
        anchor = group_anchor(group)
        if anchor in seen or anchor in ("bron", "samenhang", "citaten"):
            problems.append(
                item.doc.problem(
                    ("groepen", index, "titel"),
                    f"Het anker '{anchor}' wordt al gebruikt op deze pagina. Geef deze groep een eigen 'anker'.",
                )
            )
        seen.add(anchor)
    return problems


def _term_form_problems(collection: Collection) -> list[Problem]:
    owners: dict[str, list[Item]] = {}
    for term in collection.of(BEGRIP):
        for form in term_forms(term):
            owners.setdefault(form, []).append(term)
    problems = []
    for form, terms in owners.items():
        if form in DUTCH_STOP_WORDS or len(form) < MIN_TERM_LENGTH:
            for term in terms:
                problems.append(
                    term.doc.problem(
                        ("titel",) if form == term.title.lower() else ("vormen",),
                        f"De woordvorm '{form}' is te kort of te algemeen voor de "
                        "begrippenlijst: hij zou op bijna elke pagina naar dit begrip "
                        "linken. Kies een specifiekere titel of vorm.",
                    )
                )
        for term in terms:
            others = ", ".join(f"'{other.id}'" for other in terms if other is not term)
            if others:
                problems.append(
                    term.doc.problem(
                        ("titel",) if form == term.title.lower() else ("vormen",),
                        f"De woordvorm '{form}' hoort ook bij begrip {others}. Een woord "
                        "kan maar naar één begrip linken: haal het bij één van beide weg.",
                    )
                )
    return problems

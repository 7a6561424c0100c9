"""Checks on the ``kaart:`` blocks: a printed card shows the item's own words, selected, never rewritten."""

from __future__ import annotations

import difflib

from ..model import cardtext
from ..model.collection import Collection, Item
from ..model.problems import Problem
from ..model.types import SPANNINGSVELD, WERKKAART


def _closest(wanted: str, candidates: list[str]) -> str:
    match = difflib.get_close_matches(cardtext.normal(wanted), candidates, n=1, cutoff=0.6)
    return f" Bedoel je: '{match[0]}'?" if match else ""


def _step_problems(item: Item) -> list[Problem]:
    problems, seen = [], set()
    every_sentence = [sentence for unit in cardtext.units(item.data) for sentence in cardtext.sentences(unit.text)]
    for index, step in enumerate(item.data["kaart"].get("stappen", [])):
        path = ("kaart", "stappen", index)
        if cardtext.normal(step) in seen:
            problems.append(item.doc.problem(path, f"Stap {index + 1} staat al eerder op de kaart. Haal hem weg."))
        seen.add(cardtext.normal(step))
        if cardtext.source_of_step(item.data, step) is None:
            problems.append(
                item.doc.problem(
                    path,
                    f"Stap {index + 1} van de kaart staat niet letterlijk in de tekst van deze werkkaart. Een stap is "
                    "één of meer hele zinnen, woord voor woord overgenomen uit één tekst, één punt of één stap van een "
                    f"onderdeel; de kaart gebruikt geen eigen woorden.{_closest(step, every_sentence)}",
                )
            )
    return problems


def _back_problems(item: Item) -> list[Problem]:
    chosen = item.data["kaart"].get("achterkant", {})
    problems = []
    known = [cardtext.normal(q) for q in cardtext.questions(item.data)]
    seen = set()
    for index, question in enumerate(chosen.get("vragen", [])):
        path = ("kaart", "achterkant", "vragen", index)
        if cardtext.normal(question) in seen:
            problems.append(item.doc.problem(path, f"Vraag {index + 1} staat al eerder op de achterkant."))
        seen.add(cardtext.normal(question))
        if cardtext.normal(question) not in known:
            problems.append(
                item.doc.problem(
                    path,
                    f"Vraag {index + 1} op de achterkant is geen helpende vraag van deze werkkaart. Kies vragen die "
                    f"letterlijk in een lijst 'vragen' van een onderdeel staan.{_closest(question, known)}",
                )
            )
    if "citaat" in chosen:
        quotes = [cardtext.normal(q["tekst"]) for q in cardtext.quotes(item.data)]
        if cardtext.normal(chosen["citaat"]) not in quotes:
            problems.append(
                item.doc.problem(
                    ("kaart", "achterkant", "citaat"),
                    "Het citaat op de achterkant is geen citaat van deze werkkaart. Neem een citaat letterlijk over "
                    f"uit 'citaten' van de werkkaart of van een onderdeel.{_closest(chosen['citaat'], quotes)}",
                )
            )
    return problems


def _lead_in_problems(item: Item) -> list[Problem]:
    total = sum(len(group["vragen"]) for group in item.data["reflectievragen"])
    problems, seen = [], set()
    for index, entry in enumerate(item.data["kaart"].get("aanloop", [])):
        base = ("kaart", "aanloop", index)
        if entry["bij"] > total:
            problems.append(
                item.doc.problem(
                    base + ("bij",),
                    f"Vraag {entry['bij']} bestaat niet: dit spanningsveld heeft {total} reflectievragen.",
                )
            )
        for n, number in enumerate(entry["nummers"]):
            path = base + ("nummers", n)
            if number > total:
                problems.append(
                    item.doc.problem(
                        path, f"Vraag {number} bestaat niet: dit spanningsveld heeft {total} reflectievragen."
                    )
                )
            elif number <= entry["bij"]:
                problems.append(
                    item.doc.problem(
                        path,
                        f"Vraag {number} kan niet voortbouwen op vraag {entry['bij']}: "
                        "de aanloop is een eerdere vraag.",
                    )
                )
            if number in seen:
                problems.append(item.doc.problem(path, f"Vraag {number} heeft al een aanloop."))
            seen.add(number)
    return problems


def card_text_problems(collection: Collection) -> list[Problem]:
    problems: list[Problem] = []
    for item in collection.of(WERKKAART):
        if "kaart" in item.data:
            problems += _step_problems(item) + _back_problems(item)
    for item in collection.of(SPANNINGSVELD):
        if "kaart" in item.data:
            problems += _lead_in_problems(item)
    return problems

"""The facts box at the top of every werkkaart page, checked against the werkkaart's own YAML: a duration only when
the source names one, every material of the card and its onderdelen, the preparation onderdelen as links, and the
card as a PDF."""

from __future__ import annotations

import html
import re

import pytest

from conftest import ROOT
from kb.load.yaml_text import load_file
from kb.model.vocabulary import section_anchor
from sitehtml import normalise

BOX = re.compile(r'<div class="kaartfeiten">(.*?)</div>', re.S)
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)


def werkkaarten() -> list[dict]:
    return [load_file(path, path.name).data for path in sorted((ROOT / "werkkaarten").glob("*.yml"))]


def parts(onderdelen):
    for part in onderdelen:
        yield part
        yield from parts(part.get("onderdelen", []))


def expected(card: dict) -> dict:
    every = list(parts(card["onderdelen"]))
    return {
        "minutes": [part["duur_minuten"] for part in every if "duur_minuten" in part],
        "materials": [*card.get("materialen", []), *(m for part in every for m in part.get("materialen", []))],
        "preparation": [section_anchor(part) for part in every if part.get("soort") == "voorbereiding"],
    }


def text(fragment: str) -> str:
    return normalise(html.unescape(re.sub(r"<[^>]+>", " ", fragment)))


def facts_box(site, card: dict) -> tuple[str, str]:
    article = ARTICLE.search((site / "werkkaarten" / f"{card['id']}.html").read_text(encoding="utf-8")).group(1)
    box = BOX.search(article)
    assert box, f"{card['id']}: geen feitenblok"
    return box.group(1), article


def test_a_card_with_duration_and_materials_shows_them_at_the_top(site):
    card = next(c for c in werkkaarten() if expected(c)["minutes"] and expected(c)["materials"])
    facts = expected(card)
    box, article = facts_box(site, card)
    assert article.index('class="kaartfeiten"') < article.index("<h2"), "het feitenblok staat niet bovenaan"
    shown = text(box)
    low, high = min(facts["minutes"]), max(facts["minutes"])
    assert f"Duur: {low}{'' if low == high else f'–{high}'} minuten (volgens de bron)" in shown
    for material in facts["materials"]:
        assert normalise(material) in shown, material
    assert 'id="materialen"' in box  # the old anchor of 'Wat heb je nodig?' still leads to the materials
    assert f'href="../kaarten/los/werkkaarten/{card["id"]}.pdf"' in box
    assert "Deze kaart printen" in shown


@pytest.mark.parametrize("card", werkkaarten(), ids=lambda card: card["id"])
def test_facts_box_shows_only_what_the_source_names(site, card):
    facts = expected(card)
    box, article = facts_box(site, card)
    shown = text(box)
    assert ("Duur:" in shown) == bool(facts["minutes"])
    assert ("Nodig:" in shown) == bool(facts["materials"])
    assert ("Voorbereiding:" in shown) == bool(facts["preparation"])
    for anchor in facts["preparation"]:
        assert f'href="#{anchor}"' in box and f'id="{anchor}"' in article
    assert f'href="../kaarten/los/werkkaarten/{card["id"]}.pdf"' in box
    assert "Groepsgrootte" not in shown  # no werkkaart field names a group size, so the box never claims one

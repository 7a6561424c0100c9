"""Overview lists for the hand-written pages in docs/: per type, per soort, per doelgroep and per situatie.

This module only selects the items; the Markdown comes from the macros in kb/site/templates/overviews.md. Every
link is relative to the page that shows the list: `base` is the path from that page to the site root, e.g. "" for
docs/wegwijzer.md or "../" for docs/casussen/index.md.
"""

from __future__ import annotations

from ..model.collection import Collection, Item
from ..model.types import BOUWSTEEN, ITEM_TYPES, SITUATIE, ContentType
from ..model.vocabulary import BOUWSTEEN_SOORTEN, DOELGROEP_LABELS
from .pages import Target
from .templating import environment

# Types that a reader browses by audience or situation (situations and terms are the ways in, not the goal).
BROWSABLE = tuple(t for t in ITEM_TYPES if t.browsable)


def _render(macro: str, *data) -> str:
    return str(getattr(environment().get_template("overviews.md").module, macro)(*data))


def _audiences_in(value) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "doelgroepen" and isinstance(child, list):
                found |= set(child)
            else:
                found |= _audiences_in(child)
    elif isinstance(value, list):
        for child in value:
            found |= _audiences_in(child)
    return found


def audiences(item: Item) -> set[str]:
    """Everyone an item speaks to: its own doelgroepen plus those of its question groups."""
    return _audiences_in(item.data)


def targets(items, base: str) -> list[Target]:
    """Links to item pages from a page whose path to the site root is `base`."""
    return [Target(item, f"{base}{item.type.plural}/{item.id}.md") for item in items]


def overview(collection: Collection, content_type: ContentType, base: str = "") -> str:
    """Every item of one type as a heading with its summary, on the type's own overview page."""
    return _render("cards", [Target(item, f"{base}{item.id}.md") for item in collection.of(content_type)])


def items_list(collection: Collection, content_type: ContentType, base: str = "") -> str:
    return _render("items", targets(collection.of(content_type), base))


def by_audience(collection: Collection, doelgroep: str, base: str = "") -> str:
    """Everything meant for one audience (items for 'iedereen' included), grouped by type."""
    if doelgroep not in DOELGROEP_LABELS:
        raise ValueError(f"Onbekende doelgroep '{doelgroep}'. Kies uit: {', '.join(DOELGROEP_LABELS)}.")
    groups = []
    for content_type in BROWSABLE:
        items = [i for i in collection.of(content_type) if audiences(i) & {doelgroep, "iedereen"}]
        if items:
            groups.append((content_type.heading, targets(items, base)))
    return _render("by_audience", groups)


def situations(collection: Collection, base: str = "") -> str:
    """Every situation with its description and how many items help."""
    situation_items = collection.of(SITUATIE)
    counts = [sum(len(collection.related(situation, t)) for t in BROWSABLE) for situation in situation_items]
    return _render("situations", list(zip(targets(situation_items, base), counts, strict=False)))


def situation_links(collection: Collection, base: str = "") -> str:
    """Every situation as a short link, for the start of a journey (home page, wegwijzer)."""
    return _render("situation_links", targets(collection.of(SITUATIE), base))


def by_kind(collection: Collection, base: str = "") -> str:
    """Bouwstenen grouped by soort, in the order of BOUWSTEEN_SOORTEN."""
    groups = []
    for soort, (_, heading) in BOUWSTEEN_SOORTEN.items():
        items = [i for i in collection.of(BOUWSTEEN) if i.data["soort"] == soort]
        if items:
            groups.append((soort, heading, targets(items, base)))
    return _render("by_kind", groups)


def publications_list(collection: Collection) -> str:
    """The publications from bronnen.yml as a Markdown list."""
    return _render("publications", list(collection.publications.values()))

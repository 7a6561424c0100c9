"""Overview lists for the hand-written navigation pages: per soort, per doelgroep and per situatie.

Every function returns Markdown with links relative to the page that calls it (`base` is the path from that
page to the site root, e.g. "" for docs/wegwijzer.md or "../" for docs/casussen/index.md).
"""
from __future__ import annotations

from ..model.collection import Collection, Item
from ..model.types import BOUWSTEEN, ITEM_TYPES, SITUATIE, ContentType
from ..model.vocabulary import BOUWSTEEN_SOORTEN, DOELGROEP_LABELS
from .markdown import inline, label

# Types that a reader browses by audience or situation (situations and terms are the ways in, not the goal).
BROWSABLE = tuple(t for t in ITEM_TYPES if t.browsable)


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


def entry(item: Item, base: str, summary: bool = True) -> str:
    line = f"- [{label(item)}]({base}{item.type.plural}/{item.id}.md)"
    return line + (f": {inline(item.data['samenvatting'])}" if summary else "")


def by_audience(collection: Collection, doelgroep: str, base: str = "") -> str:
    """Everything meant for one audience (items for 'iedereen' included), grouped by type."""
    if doelgroep not in DOELGROEP_LABELS:
        raise ValueError(f"Onbekende doelgroep '{doelgroep}'. Kies uit: {', '.join(DOELGROEP_LABELS)}.")
    parts = []
    for content_type in BROWSABLE:
        items = [i for i in collection.of(content_type) if audiences(i) & {doelgroep, "iedereen"}]
        if items:
            parts.append(f"**{content_type.heading}**\n\n"
                         + "\n".join(entry(i, base, summary=False) for i in items))
    return "\n\n".join(parts) if parts else "*Nog niets voor deze doelgroep.*"


def situations(collection: Collection, base: str = "") -> str:
    """Every situation with its description and how many items help."""
    rows = []
    for situation in collection.of(SITUATIE):
        count = sum(len(collection.related(situation, t)) for t in BROWSABLE)
        rows.append(f"- **[{inline(situation.title)}]({base}situaties/{situation.id}.md)** ({count}): "
                    f"{inline(situation.data['samenvatting'])}")
    return "\n".join(rows) if rows else "*Er zijn nog geen situaties.*"


def by_kind(collection: Collection, base: str = "") -> str:
    """Bouwstenen grouped by soort, in the order of BOUWSTEEN_SOORTEN."""
    parts = []
    for soort, (_, heading) in BOUWSTEEN_SOORTEN.items():
        items = [i for i in collection.of(BOUWSTEEN) if i.data["soort"] == soort]
        if items:
            parts.append(f"## {heading} {{#{soort}}}\n\n" + "\n".join(entry(i, base) for i in items))
    return "\n\n".join(parts) if parts else "*Er zijn nog geen bouwstenen.*"


def items_list(collection: Collection, content_type: ContentType, base: str = "") -> str:
    items = collection.of(content_type)
    return "\n".join(entry(i, base) for i in items) if items else "*Er zijn nog geen items.*"


def type_counts(collection: Collection) -> dict[str, int]:
    return {t.plural: len(collection.of(t)) for t in ITEM_TYPES}


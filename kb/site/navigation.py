"""Overview lists for the hand-written pages in docs/: per type, per soort, per doelgroep and per situatie.

This module only selects the items; the Markdown comes from the macros in kb/site/templates/overviews.md. Every
link is relative to the page that shows the list: `base` is the path from that page to the site root, e.g. "" for
docs/wegwijzer.md or "../" for docs/casussen/index.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.collection import Collection, Item
from ..model.types import BOUWSTEEN, ITEM_TYPES, SITUATIE, SPANNINGSVELD, ContentType
from ..model.vocabulary import BOUWSTEEN_SOORTEN, DOELGROEP_LABELS, lists_named
from .pages import Target
from .templating import environment

# Types that a reader browses by audience or situation (situations and terms are the ways in, not the goal).
BROWSABLE = tuple(t for t in ITEM_TYPES if t.browsable)
PICK_SIZE = 3  # the wegwijzer's pick per role: at most this many spanningsvelden and this many other items


def _render(macro: str, *data) -> str:
    return str(getattr(environment().get_template("overviews.md").module, macro)(*data))


def audiences(item: Item) -> set[str]:
    """Everyone an item speaks to: its own doelgroepen plus those of its question groups."""
    return {audience for found in lists_named(item.data, "doelgroepen") for audience in found}


def targets(items, base: str) -> list[Target]:
    """Links to item pages from a page whose path to the site root is `base`."""
    return [Target(item, f"{base}{item.type.plural}/{item.id}.md") for item in items]


def overview(collection: Collection, content_type: ContentType, base: str = "") -> str:
    """Every item of one type as a heading with its summary, on the type's own overview page."""
    return _render("cards", [Target(item, f"{base}{item.id}.md") for item in collection.of(content_type)])


def items_list(collection: Collection, content_type: ContentType, base: str = "") -> str:
    return _render("items", targets(collection.of(content_type), base))


def _check_audience(doelgroep: str) -> None:
    if doelgroep not in DOELGROEP_LABELS:
        raise ValueError(f"Onbekende doelgroep '{doelgroep}'. Kies uit: {', '.join(DOELGROEP_LABELS)}.")


def _audience_groups(collection: Collection, doelgroep: str, base: str) -> list[tuple[str, list[Target]]]:
    """(type heading, links) for everything meant for one audience (items for 'iedereen' included)."""
    groups = []
    for content_type in BROWSABLE:
        items = [i for i in collection.of(content_type) if audiences(i) & {doelgroep, "iedereen"}]
        if items:
            groups.append((content_type.heading, targets(items, base)))
    return groups


def by_audience(collection: Collection, doelgroep: str, base: str = "") -> str:
    """Everything meant for one audience (items for 'iedereen' included), grouped by type."""
    _check_audience(doelgroep)
    return _render("by_audience", _audience_groups(collection, doelgroep, base))


@dataclass(frozen=True)
class SessionLink:
    """A draaiboek as a link from a hand-written page."""

    title: str
    href: str
    duration: str
    summary: str


@dataclass(frozen=True)
class RolePick:
    """The wegwijzer's short pick for one role (templates/overviews.md role_pick)."""

    doelgroep: str
    label: str
    start: SessionLink | None  # one draaiboek to begin with
    sessions: int  # how many draaiboeken name this role
    spanningsvelden: list[Target]  # with reflection questions for this role
    spanningsvelden_total: int
    items: list[Target]  # a few other items that name this role
    groups: list[tuple[str, list[Target]]]  # everything for this role, by type
    base: str
    draaiboeken: str  # the folder of the draaiboek pages


def _named_for(item: Item, doelgroep: str) -> bool:
    """Whether the item or one of its question groups names this role itself (not only 'iedereen')."""
    return doelgroep in audiences(item)


def role_pick(collection: Collection, doelgroep: str, draaiboeken: str, base: str = "") -> str:
    """For one role: a draaiboek to begin with (the one meant for the fewest roles, then the shortest), the
    spanningsvelden with reflection questions for the role, a few other items that name it, and everything for
    the role in a closed list. `draaiboeken` is the folder of the draaiboek pages (kb/sessies/draaiboek.py)."""
    _check_audience(doelgroep)
    sessions = [s for s in collection.sessions.values() if doelgroep in s.data.get("doelgroepen", [])]
    start = None
    if sessions:
        first = min(sessions, key=lambda s: (len(s.data["doelgroepen"]), s.total, s.title.lower()))
        href = f"{base}{draaiboeken}/{first.id}.md"
        start = SessionLink(first.title, href, first.duration_text, first.data.get("samenvatting", ""))
    fields = [i for i in collection.of(SPANNINGSVELD) if _named_for(i, doelgroep)]
    others = [i for t in BROWSABLE if t is not SPANNINGSVELD for i in collection.of(t) if _named_for(i, doelgroep)]
    others.sort(key=lambda i: len(audiences(i) - {"iedereen"}))  # the most specific first; stable within
    return _render(
        "role_pick",
        RolePick(
            doelgroep,
            DOELGROEP_LABELS[doelgroep],
            start,
            len(sessions),
            targets(fields[:PICK_SIZE], base),
            len(fields),
            targets(others[:PICK_SIZE], base),
            _audience_groups(collection, doelgroep, base),
            base,
            draaiboeken,
        ),
    )


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

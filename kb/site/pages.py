"""Stage 3 (render): checked items as Markdown pages for MkDocs.

Each content type has its page template kb/site/templates/<type name>.md (found from the registry, so a new type
needs no code here). This module only prepares what a template shows: links to related items, citations,
anchors and the front matter.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

import yaml

from ..model.collection import Collection, Item
from ..model.types import BY_NAME, ITEM_TYPES, QUESTION_ORIGINS, SPANNINGSVELD, WERKKAART
from ..model.vocabulary import BOUWSTEEN_SOORTEN, DOELGROEP_LABELS, group_anchor, section_anchor
from .glossary import occurrences
from .templating import render


@dataclass(frozen=True)
class Page:
    path: str  # path inside docs/, e.g. werkkaarten/tijdlijn-maken.md
    markdown: str


@dataclass(frozen=True)
class Target:
    """An item as a link from another page: the template writes its label, the href is relative to that page."""

    item: Item
    href: str

    @property
    def id(self) -> str:
        return self.item.id


def target(from_item: Item, to_item: Item) -> Target:
    """Relative link between two item pages, so MkDocs validates it."""
    prefix = "" if from_item.type is to_item.type else f"../{to_item.type.plural}/"
    return Target(to_item, f"{prefix}{to_item.id}.md")


def session_items(session) -> list[Item]:
    """The werkkaarten and spanningsvelden a session's blocks use (kb/sessies/model.py Block), each once, in order."""
    used: list[Item] = []
    for block in session.blocks:
        for item in (block.card, block.sv):
            if item is not None and item not in used:
                used.append(item)
    return used


@dataclass(frozen=True)
class SessionLink:
    """A draaiboek as a link from an item page (the session's page is generated from sessies/<id>.yml)."""

    session: object  # kb.sessies.model.Session
    href: str

    @property
    def title(self) -> str:
        return self.session.title


def session_link(from_item: Item, session) -> SessionLink:
    page = session.url.removesuffix(".html") + ".md"
    return SessionLink(session, posixpath.relpath(page, posixpath.dirname(from_item.page_path)))


def citation(collection: Collection, bron: dict) -> dict:
    """What a citation line names: publication title, publisher, year and section of a `bron`."""
    publication = collection.publications.get(bron["publicatie"], {})
    return {
        "titel": publication.get("titel", bron["publicatie"]),
        "uitgever": publication.get("uitgever"),
        "jaar": publication.get("jaar"),
        "sectie": bron["sectie"],
    }


@dataclass(frozen=True)
class Section:
    """An onderdeel of an item with its stable anchor and its own onderdelen."""

    part: dict
    anchor: str
    children: tuple[Section, ...]


def sections(parts) -> tuple[Section, ...]:
    return tuple(Section(part, section_anchor(part), sections(part.get("onderdelen", []))) for part in parts)


def all_sections(nodes: tuple[Section, ...]):
    """Every section in page order: each one, then its own sections."""
    for node in nodes:
        yield node
        yield from all_sections(node.children)


# The place in a page template where hooks/kaarten.py puts the button for the item's own card as a PDF. An HTML
# comment: contributor text can never make one (kb/site/templating.py), and without the hook it is simply dropped.
PRINT_SLOT = "<!-- kb:kaart-printen -->"


@dataclass(frozen=True)
class Facts:
    """What a facilitator wants to know before the text, taken only from the item's own fields:
    the onderdelen with a duration the source names, everything the card and its onderdelen list as materials
    (each once, card first) and the onderdelen that are preparation."""

    timed: tuple[Section, ...]
    materials: tuple[str, ...]
    preparation: tuple[Section, ...]

    @property
    def minutes(self) -> tuple[int, int] | None:
        """Shortest and longest duration the source names, or None."""
        found = [node.part["duur_minuten"] for node in self.timed]
        return (min(found), max(found)) if found else None


def facts(data: dict, nodes: tuple[Section, ...]) -> Facts:
    every = list(all_sections(nodes))
    materials: list[str] = []
    for material in [*data.get("materialen", []), *(m for node in every for m in node.part.get("materialen", []))]:
        if material not in materials:
            materials.append(material)
    return Facts(
        tuple(node for node in every if "duur_minuten" in node.part),
        tuple(materials),
        tuple(node for node in every if node.part.get("soort") == "voorbereiding"),
    )


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same output, seven times faster


def front_matter_yaml(**fields) -> str:
    return yaml.dump(fields, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


class ItemPage:
    """Everything an item page template needs besides the item's own data, worked out when the template asks."""

    def __init__(self, collection: Collection, item: Item):
        self.collection, self.item = collection, item

    def _target(self, other: Item) -> Target:
        return target(self.item, other)

    @property
    def front_matter(self) -> str:
        item = self.item
        # Plain text: hooks/sanitize.py escapes title and description (once) before the theme writes them.
        return front_matter_yaml(
            title=f"{item.code} {item.title}" if item.type.coded else item.title,
            description=" ".join(item.data["samenvatting"].split()),
            template="item.html",
            kb_type=item.type.name,
            kb_code=item.code,
            kb_id=item.id,
            kb_url=item.url,
        )

    @functools.cached_property
    def related(self) -> dict[str, list[Target]]:
        """Per type name, the items linked to this one from either side."""
        return {t.name: [self._target(other) for other in self.collection.related(self.item, t)] for t in ITEM_TYPES}

    @functools.cached_property
    def named(self) -> dict[str, list[Target]]:
        """Per type name, the items this item names itself, in its own order."""
        return {
            t.name: [self._target(self.collection.get(t, ref)) for ref in self.item.references(t)] for t in ITEM_TYPES
        }

    @functools.cached_property
    def draaiboeken(self) -> list[SessionLink]:
        """The draaiboeken whose blocks use this item, by title."""
        sessions = sorted(self.collection.sessions.values(), key=lambda s: s.title.lower())
        return [session_link(self.item, s) for s in sessions if self.item in session_items(s)]

    @functools.cached_property
    def matching_draaiboek(self) -> SessionLink | None:
        """For a situatie: the draaiboek whose blocks use most of the cards that help here (none if no overlap).

        Ties go to the draaiboek with fewer other cards, then by title."""
        helpful = {other.url for t in (WERKKAART, SPANNINGSVELD) for other in self.collection.related(self.item, t)}
        scored = []
        for session in self.collection.sessions.values():
            used = session_items(session)
            overlap = sum(1 for item in used if item.url in helpful)
            if overlap:
                scored.append((-overlap, len(used) - overlap, session.title.lower(), session))
        return session_link(self.item, min(scored, key=lambda s: s[:3])[3]) if scored else None

    @property
    def source(self) -> dict:
        return citation(self.collection, self.item.data["bron"])

    @property
    def question_origins(self) -> list[dict]:
        """Per question group: the linked item it comes from (`link`) or the publication (`citation`)."""
        return [self._origin(group) for group in self.item.data.get("reflectievragen", [])]

    def _origin(self, group: dict) -> dict:
        for key, content_type in QUESTION_ORIGINS.items():
            if key in group:
                return {"kind": key, "link": self._target(self.collection.get(content_type, group[key]))}
        return {"citation": citation(self.collection, group["bron"])} if "bron" in group else {}

    @property
    def sections(self) -> tuple[Section, ...]:
        return sections(self.item.data.get("onderdelen", []))

    @property
    def facts(self) -> Facts:
        return facts(self.item.data, self.sections)

    @property
    def group_anchors(self) -> list[str]:
        return [group_anchor(group) for group in self.item.data.get("groepen", [])]

    @property
    def occurrences(self) -> list[Target]:
        """For a begrip: the items whose text uses it."""
        return [self._target(other) for other in occurrences(self.collection, self.item)]


# Vocabulary the templates look labels up in.
VOCABULARY = {
    "types": BY_NAME,
    "doelgroepen": DOELGROEP_LABELS,
    "bouwsteen_soorten": BOUWSTEEN_SOORTEN,
    "print_slot": PRINT_SLOT,
}


def item_page(collection: Collection, item: Item) -> Page:
    page = ItemPage(collection, item)
    return Page(item.page_path, render(f"{item.type.name}.md", item=item, data=item.data, page=page, **VOCABULARY))


def item_pages(collection: Collection) -> list[Page]:
    return [item_page(collection, item) for item in collection.all_items()]

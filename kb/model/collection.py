"""Items and the collection that holds them once loaded (the types themselves are in kb/model/types.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .types import ITEM_TYPES, WERKKAART, ContentType


class FromDocument:
    """Something read from one checked content file (`doc`): an item, or a session."""

    doc: Document

    @property
    def data(self) -> dict:
        return self.doc.data

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def title(self) -> str:
        return self.data["titel"]


@dataclass
class Item(FromDocument):
    """One loaded item: its data, the document it came from and its type."""

    type: ContentType
    doc: Document

    @property
    def number(self) -> int | None:
        return self.data.get("nummer")

    @property
    def code(self) -> str:
        return f"{self.type.code}{self.number}" if self.number is not None else self.type.code

    @property
    def url(self) -> str:
        """Permanent URL relative to the site root; derived from the stable id only."""
        return f"{self.type.plural}/{self.id}.html"

    @property
    def page_path(self) -> str:
        return f"{self.type.plural}/{self.id}.md"

    def references(self, target: ContentType) -> list[str]:
        """Ids of items of the target type that this item names itself."""
        ids = list(self.data.get(target.plural, []))
        if target is WERKKAART and self.type is WERKKAART:
            ids += [ref for ref in self.data.get("verwijzingen", []) if ref not in ids]
        return ids


@dataclass
class Collection:
    root: Path
    items: dict[str, dict[str, Item]] = field(default_factory=dict)  # type name -> id -> item
    publications: dict[str, dict] = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # id -> kb.sessies.model.Session (sessies/*.yml)
    kaartsets: list = field(default_factory=list)  # kb.model.kaartsets.Kaartset (kaartsets/*.yml)

    # Derived views, computed once per collection: related() runs for every item on every page, and recomputing
    # them there made the build quadratic in the number of items. put() clears them.
    _ordered: dict[str, list[Item]] = field(default_factory=dict, init=False, repr=False)
    _positions: dict[str, dict[str, int]] = field(default_factory=dict, init=False, repr=False)
    _named_by: dict[tuple[str, str], dict[str, set[str]]] | None = field(default=None, init=False, repr=False)
    _derived: dict[str, object] = field(default_factory=dict, init=False, repr=False)

    def put(self, content_type: ContentType, items: dict[str, Item]) -> None:
        """Set the items of one type (used while loading)."""
        self.items[content_type.name] = items
        self._ordered.clear()
        self._positions.clear()
        self._named_by = None
        self._derived.clear()

    def derived(self, name: str, compute):
        """compute(collection), worked out once per loaded collection (for views that other stages need often)."""
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]

    def of(self, content_type: ContentType) -> list[Item]:
        if content_type.name not in self._ordered:

            def order(item: Item):
                return (item.number if item.number is not None else 10**6, item.title.lower(), item.id)

            self._ordered[content_type.name] = sorted(self.items.get(content_type.name, {}).values(), key=order)
        return list(self._ordered[content_type.name])

    def get(self, content_type: ContentType, item_id: str) -> Item | None:
        return self.items.get(content_type.name, {}).get(item_id)

    def all_items(self) -> list[Item]:
        return [item for content_type in ITEM_TYPES for item in self.of(content_type)]

    def related(self, item: Item, target: ContentType) -> list[Item]:
        """Items of the target type linked to this item from either side, in collection order."""
        ids = set(item.references(target)) | self._items_naming(item).get(target.name, set())
        ids.discard(item.id if target is item.type else None)
        found = [other for other in (self.get(target, i) for i in ids) if other is not None]
        if target.name not in self._positions:
            self._positions[target.name] = {other.id: n for n, other in enumerate(self.of(target))}
        positions = self._positions[target.name]
        return sorted(found, key=lambda other: positions[other.id])

    def _items_naming(self, item: Item) -> dict[str, set[str]]:
        """Per type name, the ids of the items that name this item in their own fields."""
        if self._named_by is None:
            self._named_by = {}
            for items in self.items.values():
                for other in items.values():
                    for target in ITEM_TYPES:
                        for ref in other.references(target):
                            self._named_by.setdefault((target.name, ref), {}).setdefault(other.type.name, set()).add(
                                other.id
                            )
        return self._named_by.get((item.type.name, item.id), {})

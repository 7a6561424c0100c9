"""The kinds of content in the kennisbank and the collection that holds them once loaded."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .load import Document


@dataclass(frozen=True)
class ContentType:
    name: str          # werkkaart, spanningsveld, ...
    plural: str        # also the folder in the repository and in the site
    schema: str        # file in schemas/
    code: str          # short code prefix printed on cards (WK3, SV4)
    label: str         # Dutch label for readers


WERKKAART = ContentType("werkkaart", "werkkaarten", "werkkaart.schema.json", "WK", "Werkkaart")
SPANNINGSVELD = ContentType("spanningsveld", "spanningsvelden", "spanningsveld.schema.json", "SV", "Spanningsveld")
ITEM_TYPES = (WERKKAART, SPANNINGSVELD)
BRONNEN_FILE = "bronnen.yml"
BRONNEN_SCHEMA = "bronnen.schema.json"


@dataclass
class Item:
    """One werkkaart or spanningsveld: its data, the document it came from and its type."""

    type: ContentType
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

    @property
    def code(self) -> str:
        return f"{self.type.code}{self.data['nummer']}"

    @property
    def url(self) -> str:
        """Permanent URL relative to the site root; derived from the stable id only."""
        return f"{self.type.plural}/{self.id}.html"

    @property
    def page_path(self) -> str:
        return f"{self.type.plural}/{self.id}.md"


@dataclass
class Collection:
    root: Path
    items: dict[str, dict[str, Item]] = field(default_factory=dict)  # type name -> id -> item
    publications: dict[str, dict] = field(default_factory=dict)

    def of(self, content_type: ContentType) -> list[Item]:
        return sorted(self.items.get(content_type.name, {}).values(), key=lambda item: (item.data["nummer"], item.id))

    def get(self, content_type: ContentType, item_id: str) -> Item | None:
        return self.items.get(content_type.name, {}).get(item_id)

    def all_items(self) -> list[Item]:
        return [item for content_type in ITEM_TYPES for item in self.of(content_type)]

    def related_spanningsvelden(self, werkkaart: Item) -> list[Item]:
        """Spanningsvelden linked to a werkkaart from either side."""
        ids = set(werkkaart.data.get("spanningsvelden", []))
        ids |= {sv.id for sv in self.of(SPANNINGSVELD) if werkkaart.id in sv.data.get("werkkaarten", [])}
        return [sv for sv in self.of(SPANNINGSVELD) if sv.id in ids]

    def related_werkkaarten(self, spanningsveld: Item) -> list[Item]:
        """Werkkaarten linked to a spanningsveld from either side."""
        ids = set(spanningsveld.data.get("werkkaarten", []))
        ids |= {wk.id for wk in self.of(WERKKAART) if spanningsveld.id in wk.data.get("spanningsvelden", [])}
        return [wk for wk in self.of(WERKKAART) if wk.id in ids]

    def referenced_by(self, werkkaart: Item) -> list[Item]:
        """Werkkaarten whose text refers to this werkkaart."""
        return [wk for wk in self.of(WERKKAART) if werkkaart.id in wk.data.get("verwijzingen", [])]

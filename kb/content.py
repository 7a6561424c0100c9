"""The kinds of content in the kennisbank and the collection that holds them once loaded.

Adding a kind of content = one ContentType entry in TYPES, a schema in schemas/, and a renderer in kb/render.py.
Top-level fields named after a type's plural (for example `werkkaarten:` or `spanningsvelden:`) are references
to items of that type; the checker resolves them and the site links them both ways.
"""
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
    suffix: str = ".yml"  # ".md" for Markdown files with YAML front matter
    coded: bool = True    # links and titles show the code (WK3); False for types without cards


WERKKAART = ContentType("werkkaart", "werkkaarten", "werkkaart.schema.json", "WK", "Werkkaart")
SPANNINGSVELD = ContentType("spanningsveld", "spanningsvelden", "spanningsveld.schema.json", "SV", "Spanningsveld")
# Source material around the cards: cases, question sets, building blocks, glossary terms and situations.
CASUS = ContentType("casus", "casussen", "casus.schema.json", "CA", "Casus", ".md", coded=False)
VRAGENSET = ContentType("vragenset", "vragensets", "vragenset.schema.json", "VS", "Vragenset", coded=False)
BOUWSTEEN = ContentType("bouwsteen", "bouwstenen", "bouwsteen.schema.json", "BS", "Bouwsteen", coded=False)
BEGRIP = ContentType("begrip", "begrippen", "begrip.schema.json", "BG", "Begrip", coded=False)
SITUATIE = ContentType("situatie", "situaties", "situatie.schema.json", "SI", "Situatie", coded=False)
ITEM_TYPES: tuple[ContentType, ...] = (WERKKAART, SPANNINGSVELD, CASUS, VRAGENSET, BOUWSTEEN, BEGRIP, SITUATIE)
BY_PLURAL = {t.plural: t for t in ITEM_TYPES}
# Besides type plurals, werkkaarten refer to each other with `verwijzingen`.
REFERENCE_FIELDS = {**BY_PLURAL, "verwijzingen": WERKKAART}
BRONNEN_FILE = "bronnen.yml"
BRONNEN_SCHEMA = "bronnen.schema.json"


@dataclass
class Item:
    """One loaded item: its data, the document it came from and its type."""

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
    sessions: dict = field(default_factory=dict)  # id -> kb.sessions.Session (sessies/*.yml)
    kaartsets: list = field(default_factory=list)  # kb.print.sets.Kaartset (kaartsets/*.yml)

    def of(self, content_type: ContentType) -> list[Item]:
        def order(item: Item):
            return (item.number if item.number is not None else 10**6, item.title.lower(), item.id)
        return sorted(self.items.get(content_type.name, {}).values(), key=order)

    def get(self, content_type: ContentType, item_id: str) -> Item | None:
        return self.items.get(content_type.name, {}).get(item_id)

    def all_items(self) -> list[Item]:
        return [item for content_type in ITEM_TYPES for item in self.of(content_type)]

    def related(self, item: Item, target: ContentType) -> list[Item]:
        """Items of the target type linked to this item from either side, in collection order."""
        ids = set(item.references(target))
        ids |= {other.id for other in self.of(target) if item.id in other.references(item.type)}
        ids.discard(item.id if target is item.type else None)
        return [other for other in self.of(target) if other.id in ids]

"""A checked session (kb/sessies/model.py) prepared as a draaiboek: one Markdown text for the site page and the PDF.

The draaiboek is what a facilitator takes into the room: a cover (goal, audience, duration, people),
a preparation checklist, the timed run-sheet, every block with instructions, the words of the
invitation, questions and what to watch for, the reflection moments, the closing with follow-up, and
the sources. All text comes from the content files and the templates in templates/ (draaiboek.md and the files it
imports); this module only chooses and orders: which blocks and card parts, the citation numbers, the merged
materials, the run-sheet rows.

Links differ between the site (relative links to .md pages, checked by MkDocs) and the PDF (absolute
site URLs), so every draaiboek takes a `Links` object.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property

from ..model.collection import Collection, Item
from ..model.vocabulary import DOELGROEP_LABELS, dilemmas, section_anchor, values_named, walk
from ..print import layout
from ..print.build import session_set_path
from ..site.templating import render
from .model import FOLLOW_UP_ROLE, Block, CardParts, Session, card_with_role
from .rules import ROLE_LABELS, WORDING, Row

DRAAIBOEK_DIR = "draaiboeken"
BUILDER_PAGE = "maken"


@dataclass(frozen=True)
class Links:
    """How the draaiboek links to other pages: relative Markdown links on the site, full URLs in the PDF."""

    site_url: str = ""
    for_pdf: bool = False

    def item(self, item: Item, anchor: str = "") -> str:
        fragment = f"#{anchor}" if anchor else ""
        if self.for_pdf:
            return f"{self.site_url}{item.url}{fragment}"
        return f"../{item.type.plural}/{item.id}.md{fragment}"

    def builder(self, session: Session) -> str:
        """The session builder with this session's plan (an HTML link: MkDocs would check the hash as an anchor)."""
        prefix = f"{self.site_url}{DRAAIBOEK_DIR}/" if self.for_pdf else ""
        return f"{prefix}{BUILDER_PAGE}.html#{session.plan_hash()}"

    def cards(self, session: Session, home: bool = True) -> str:
        """The PDF with this session's cards (kb/print/build.py): A4 to print at home, or A6 for the print shop."""
        path = session_set_path(session.id, layout.THUIS if home else layout.DRUKKER)
        if self.for_pdf:
            return f"{self.site_url}{path}"
        return posixpath.relpath(path, DRAAIBOEK_DIR)


@dataclass(frozen=True)
class Citation:
    """Where a text comes from: the number of its publication in the list under Bronnen, the section of that
    publication where the source file names it, and the lines of the text version (only for the Verantwoording)."""

    number: int
    section: str
    lines: str


@dataclass
class CitedSection:
    """One section of a publication that the draaiboek cites, with every line range cited there (Verantwoording)."""

    number: int
    section: str
    lines: list[str]


def first_line(lines: str) -> int:
    head = lines.split(",")[0].split("-")[0].strip()
    return int(head) if head.isdigit() else 0


def nested_sources(value, top: bool = True):
    """Every `bron` (and `duur_bron`) in the session's data below the top level (the session's own bron is listed
    apart)."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key in ("bron", "duur_bron") and isinstance(child, dict):
                if not top or key != "bron":
                    yield child
            else:
                yield from nested_sources(child, top=False)
    elif isinstance(value, list):
        for child in value:
            yield from nested_sources(child, top=False)


class Citations:
    """The publications a draaiboek cites, numbered in order of first use (the session's own source first)."""

    def __init__(self, collection: Collection, session: Session, items: list[Item]):
        used = {session.data["bron"]["publicatie"]}
        used |= {value for _, value in values_named(session.data, "publicatie")}
        used |= {item.data["bron"]["publicatie"] for item in items}
        order = [session.data["bron"]["publicatie"]] + [p for p in collection.publications if p in used]
        self.numbers: dict[str, int] = {}
        for publication in order:
            self.numbers.setdefault(publication, len(self.numbers) + 1)
        self.session = session

    def find(self, bron: dict | None) -> Citation:
        """A text's source as the reader sees it: the publication's number and, where the file names it, the
        section. Without its own section only the number: the session's section may not be where the text is."""
        bron = bron or {}
        number = self.numbers[self.session.publication(bron)]
        return Citation(number, str(bron.get("sectie", "")), str(bron.get("regels", "")))

    def sections(self) -> list[CitedSection]:
        """Every cited (publication, section) with its lines in the text version, by publication and first line."""
        found: dict[tuple[int, str], CitedSection] = {}
        for bron in nested_sources(self.session.data):
            citation = self.find(bron)
            if not citation.lines:
                continue
            entry = found.setdefault(
                (citation.number, citation.section), CitedSection(citation.number, citation.section, [])
            )
            if citation.lines not in entry.lines:
                entry.lines.append(citation.lines)
        for entry in found.values():
            entry.lines.sort(key=first_line)
        return sorted(found.values(), key=lambda e: (e.number, first_line(e.lines[0])))


def materials(block: Block) -> list[str]:
    """What the block needs, as the source words it: from the card (or the chosen variant) and the block."""
    found = []
    if block.card is not None:
        if block.variant is None:
            found += block.card.data.get("materialen", [])
            scope = block.card.data["onderdelen"]
        else:
            scope = [block.variant]
        found += [m for part in walk(scope) for m in part.get("materialen", [])]
    found += block.data.get("materialen", [])
    return found


@dataclass
class Material:
    text: str
    users: list[str]  # titles of the blocks that need it


def merged_materials(session: Session) -> list[Material]:
    """All materials of all blocks in one list, each once, with the blocks that need it."""
    merged: dict[str, Material] = {}
    for block in session.blocks:
        for text in materials(block):
            material = merged.setdefault(" ".join(text.lower().split()), Material(text, []))
            if block.title not in material.users:
                material.users.append(block.title)
    return list(merged.values())


def context_text(part: dict) -> str:
    """The text of a section around a chosen variant, without the sentence that introduces the other variants."""
    paragraphs = [p for p in part.get("tekst", "").split("\n\n") if p.strip()]
    if paragraphs and paragraphs[-1].rstrip().endswith(":"):
        paragraphs = paragraphs[:-1]
    return "\n\n".join(paragraphs)


@dataclass
class BlockView:
    """One block with what its part of the draaiboek shows (templates/draaiboek-blok.md)."""

    number: int
    block: Block
    row: Row
    parts: CardParts
    contexts: list[tuple[dict, str]]  # (section, its text) around the chosen variant, where there is text


class Draaiboek:
    """One session prepared for one medium (site page or PDF); the templates read its fields."""

    def __init__(self, collection: Collection, session: Session, links: Links):
        self.collection = collection
        self.session = session
        self.links = links
        self.rows = session.rows()
        self.citations = Citations(collection, session, self.items_cited)

    @cached_property
    def items_used(self) -> list[Item]:
        """The werkkaarten and spanningsvelden of the blocks, each once, in order."""
        used = []
        for block in self.session.blocks:
            item = block.card or block.sv
            if item is not None and item not in used:
                used.append(item)
        return used

    @property
    def items_cited(self) -> list[Item]:
        """Every item a text of the draaiboek comes from: the facilitator's werkkaart first."""
        facilitator = self.session.facilitator
        return [facilitator] + [item for item in self.items_used if item is not facilitator]

    @property
    def has_proposals(self) -> bool:
        """Whether a duration in the run-sheet is not from the source (then the page explains 'voorstel')."""
        return any(row.status != WORDING["volgens_de_bron"] for row in self.rows)

    @cached_property
    def blocks(self) -> list[BlockView]:
        views = []
        for number, (block, row) in enumerate(zip(self.session.blocks, self.rows, strict=True), 1):
            parts = block.parts()
            contexts = [(part, context_text(part)) for part in parts.context]
            views.append(BlockView(number, block, row, parts, [(p, text) for p, text in contexts if text]))
        return views

    @property
    def facilitator_preparation(self) -> list[dict]:
        return [part for part in walk(self.session.facilitator.data["onderdelen"]) if part["soort"] == "voorbereiding"]

    @property
    def block_preparations(self) -> list[BlockView]:
        """The blocks that ask for preparation (from their werkkaart or their own list)."""
        return [view for view in self.blocks if view.parts.voorbereiding or "voorbereiding" in view.block.data]

    @property
    def materials(self) -> list[Material]:
        return merged_materials(self.session)

    @property
    def follow_up_card(self) -> Item:
        return card_with_role(self.collection, FOLLOW_UP_ROLE)

    @property
    def other_dilemmas(self) -> list[dict]:
        """The facilitator's dilemmas that no block names, for the support section."""
        named = {id(part) for block in self.session.blocks for part in block.facilitator_dilemmas}
        return [part for part in dilemmas(self.session.facilitator) if id(part) not in named]

    def cite(self, bron: dict | None) -> Citation:
        return self.citations.find(bron)

    def publication(self, key: str) -> dict:
        return self.collection.publications.get(key, {})

    def context(self) -> dict:
        """What the templates see."""
        return {
            "draaiboek": self,
            "session": self.session,
            "data": self.session.data,
            "links": self.links,
            "rows": self.rows,
            "anchor": section_anchor,
            "role_labels": ROLE_LABELS,
            "doelgroep_labels": DOELGROEP_LABELS,
        }


def draaiboek_markdown(collection: Collection, session: Session, links: Links) -> str:
    """The whole draaiboek as Markdown (without front matter)."""
    return render("draaiboek.md", **Draaiboek(collection, session, links).context())


@dataclass(frozen=True)
class DraaiboekPage:
    path: str
    markdown: str


def draaiboek_pages(collection: Collection) -> list[DraaiboekPage]:
    """The site pages: front matter and the draaiboek with links for the site."""
    return [
        DraaiboekPage(
            f"{DRAAIBOEK_DIR}/{session.id}.md",
            render("draaiboek-pagina.md", **Draaiboek(collection, session, Links()).context()),
        )
        for session in collection.sessions.values()
    ]


def overview(collection: Collection) -> str:
    """Markdown list of all draaiboeken for docs/draaiboeken/index.md."""
    sessions = sorted(collection.sessions.values(), key=lambda s: s.title.lower())
    return render("draaiboeken-overzicht.md", sessions=sessions, doelgroep_labels=DOELGROEP_LABELS)

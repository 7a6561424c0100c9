"""The print profiles: where card faces go on the pages.

- drukker: one face per page at A6 (105 x 148 mm, the TrimBox) with 3 mm bleed (the BleedBox) and a 7 mm
  slug around that with the crop marks and one line of information (impose.py); front and back alternate, so
  the print shop prints duplex (or cuts single faces) straight from the file. Written as PDF/X-4 (pdf.py).
- thuis: A4 sheets with 2 x 2 cards at 92 % and cut lines. Each sheet of fronts is followed by its
  sheet of backs, placed for duplex printing that flips on the long edge: the back of the card at
  (row r, column c) sits at (row r, column COLUMNS-1-c).

Both profiles wrap the same face HTML (cards.py) in the same card CSS, so text that fits at the
printer fits at home too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .cards import BACK, FRONT, Card, Face
from .markup import template_macro
from .pdf import render_document

PRINT_DIR = Path(__file__).resolve().parent
PALETTE_CSS = PRINT_DIR / "palette.css"
CARDS_CSS = PRINT_DIR / "cards.css"
DRUKKER_CSS = PRINT_DIR / "drukker.css"
THUIS_CSS = PRINT_DIR / "thuis.css"
UA_CSS = PRINT_DIR / "ua.css"  # the user-agent stylesheet of every card document
DECK = "Samen Lerend Doen Wat Werkt"

CARD_W, CARD_H = 105.0, 148.0  # mm, A6 trim size
BLEED = 3.0  # mm, drukker: artwork runs this far past the trim (the PDF's BleedBox)
SLUG = 7.0  # mm, drukker: outside the bleed, for crop marks and the slug line (CSS bleed = BLEED + SLUG)
MARK_GAP = 0.5  # mm between the bleed edge and the start of a crop mark
MARK_LENGTH = 5.0  # mm; a mark ends 1.5 mm inside the page edge
SLUG_INDENT = 1.5  # mm: the slug line starts this far right of the trim's left edge (clear of the crop marks)
SLUG_LINE_Y = 2.3  # mm from the bleed edge to the top of the slug line (centred in the slug)
A4_W, A4_H = 210.0, 297.0
COLUMNS, ROWS = 2, 2
SCALE = 0.92  # home sheets: cards at 92 % so they stay inside printable margins
SLOT_W, SLOT_H = CARD_W * SCALE, CARD_H * SCALE
MARGIN_X = (A4_W - COLUMNS * SLOT_W) / 2
MARGIN_Y = (A4_H - ROWS * SLOT_H) / 2
FLIP_EDGE = "lange zijde"
FLIP_INSTRUCTION = "Dubbelzijdig afdrukken, omslaan via de lange zijde, op ware grootte (100 %)."
PROOF_TITLE = "PROEF: "  # before the title of every PDF of a build without a real site address
PROOF_NOTE = "PROEF — geen echt webadres (SITE_URL ontbreekt)"  # in the slug (drukker) and sheet label (thuis)
SLUG_TITLE_CHARS = 48  # longer set titles are shortened in the slug line (the full title is in the PDF title)
SHEET_LABEL_X, SHEET_LABEL_Y = 10.0, 5.0  # mm: the top-left corner of a home sheet's label (thuis.css .sheet-label)


@dataclass(frozen=True)
class Profile:
    id: str  # in file names
    description: str  # Dutch, in the PDF and on the download page
    pdf_variant: str | None = None  # WeasyPrint's pdf_variant for this profile's PDFs


DRUKKER = Profile(
    "drukker",
    "A6 (105 × 148 mm), één kaartzijde per pagina, 3 mm afloop, snijtekens buiten de afloop; "
    "voorkant en achterkant wisselen elkaar af. PDF/X-4 voor ISO Coated v2 (FOGRA39).",
    "pdf/x-4",
)
THUIS = Profile(
    "thuis",
    f"A4, {COLUMNS * ROWS} kaarten per vel met snijlijnen; na elk vel voorkanten volgt het vel "
    f"achterkanten. {FLIP_INSTRUCTION}",
)
PROFILES = (DRUKKER, THUIS)


@dataclass(frozen=True)
class PlacedFace:
    face: Face
    card: Card


def render(html: str, stylesheets: list):
    """Lay out a card document (faces, sheets, slug lines, labels, alignment test): relative addresses from
    kb/print, and the cards' own user-agent stylesheet (ua.css) instead of WeasyPrint's."""
    return render_document(html, str(PRINT_DIR), stylesheets, UA_CSS)


def pdf_title(title: str, proof: bool) -> str:
    """The title of a card PDF (document information and XMP)."""
    return f"{PROOF_TITLE if proof else ''}{DECK}: {title}"


def slug_text(title: str, card: Card, side: str, number: int, total: int) -> tuple[str, ...]:
    """The slug line of one drukker page: set, card code and side, page number; in pieces that many lines share
    (impose.TextLines lays out each piece once)."""
    title = " ".join(title.split())  # one line, however written
    if len(title) > SLUG_TITLE_CHARS:
        title = title[: SLUG_TITLE_CHARS - 1].rstrip() + "…"
    code = card.name.split(" ", 1)[0]
    if "/vervolg-" in card.key:
        code += " vervolg " + card.key.rsplit("-", 1)[1]
    return f"{title} · ", f"{code} ", f"{side} · ", f"pagina {number} ", f"van {total}"


def slug_html(pieces: list[str], proof: bool) -> str:
    """Every piece of the slug lines of a build in one document (laid out once; impose.slug_lines paints them)."""
    return _document("slug", "", _macro("slug_lines")(pieces, PROOF_NOTE if proof else None), DRUKKER)


def slot_origin(row: int, column: int) -> tuple[float, float]:
    """Top-left corner (mm) of a card slot on an A4 sheet."""
    return MARGIN_X + column * SLOT_W, MARGIN_Y + row * SLOT_H


def back_slot(row: int, column: int) -> tuple[int, int]:
    """Where the back of the card at (row, column) goes, for duplex flipped on the long edge."""
    return row, COLUMNS - 1 - column


def _macro(name: str):
    return template_macro("sheets.html", name)


@dataclass(frozen=True)
class Grid:
    """Where the cut lines of an A4 sheet run (mm from the top-left corner)."""

    width: float = A4_W
    height: float = A4_H
    cut_x: tuple[float, ...] = tuple(MARGIN_X + column * SLOT_W for column in range(COLUMNS + 1))
    cut_y: tuple[float, ...] = tuple(MARGIN_Y + row * SLOT_H for row in range(ROWS + 1))


GRID = Grid()


def _document(title: str, description: str, body: str, profile: Profile) -> str:
    return str(_macro("document")(profile.id, title, description, DECK, Markup(body)))


def drukker_html(faces: list[PlacedFace], title: str) -> str:
    """One face per page; faces[i] gets data-face=i (fit.py finds them back by that number)."""
    return _document(title, f"{DECK}: {DRUKKER.description}", _macro("faces")(faces), DRUKKER)


def sheets(cards: list[Card]) -> list[list[Card]]:
    per_sheet = COLUMNS * ROWS
    return [cards[i : i + per_sheet] for i in range(0, len(cards), per_sheet)]


@dataclass(frozen=True)
class Slot:
    card: Card
    side: str  # cards.FRONT or cards.BACK
    row: int
    column: int

    @property
    def origin(self) -> tuple[float, float]:
        return slot_origin(self.row, self.column)


@dataclass(frozen=True)
class Sheet:
    """One side of one A4 sheet: its label and which face goes where (the rest is the same on every sheet of that
    side: blank_sheets_html)."""

    label: tuple[str, ...]  # in pieces, as impose.TextLines lays it out
    side: str  # "front" (cut lines) or "back"
    slots: tuple[Slot, ...]


SHEET_SIDES = ("front", "back")


def blank_sheets_html() -> str:
    """A sheet of fronts and a sheet of backs without cards and labels: cut lines (fronts) and the instruction."""
    body = "".join(str(_macro("sheet")(side, GRID, FLIP_INSTRUCTION)) for side in SHEET_SIDES)
    return thuis_html(body, "kaarten")


def sheet_labels_html(pieces: list[str]) -> str:
    """Pieces of the labels of many sheets in one document, one line each (laid out once; impose.TextLines paints
    them)."""
    return thuis_html(str(_macro("label_lines")(pieces)), "kaarten")


def thuis_sheets(cards: list[Card], title: str, proof: bool = False) -> list[Sheet]:
    """Sheet pairs for a list of cards: a sheet of fronts, then its sheet of backs (mirrored)."""
    out = []
    groups = sheets(cards)
    for number, group in enumerate(groups, 1):
        fronts, backs = [], []
        for index, card in enumerate(group):
            row, column = divmod(index, COLUMNS)
            fronts.append(Slot(card, FRONT, row, column))
            backs.append(Slot(card, BACK, *back_slot(row, column)))
        where = (f"{PROOF_NOTE + ' · ' if proof else ''}{DECK} · {title} · ", f"vel {number} ", f"van {len(groups)} · ")
        out.append(Sheet((*where, "voorkanten"), "front", tuple(fronts)))
        out.append(Sheet((*where, "achterkanten"), "back", tuple(backs)))
    return out


def thuis_html(body: str, title: str) -> str:
    return _document(title, f"{DECK}: {THUIS.description}", body, THUIS)


@dataclass(frozen=True)
class TestMark:
    number: int
    x: float
    y: float


@dataclass(frozen=True)
class TestSide:
    side: str  # "front" or "back"
    name: str  # Dutch, on each mark
    label: str
    marks: tuple[TestMark, ...]


def _test_side(side: str, name: str, proof: bool) -> TestSide:
    marks = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            where = (row, column) if side == "front" else back_slot(row, column)
            marks.append(TestMark(row * COLUMNS + column + 1, *slot_origin(*where)))
    note = f"{PROOF_NOTE} · " if proof else ""
    return TestSide(side, name, f"{note}{DECK} · uitlijntest · {name}", tuple(marks))


def alignment_test_html(proof: bool = False) -> str:
    """One sheet (front and back) to test duplex registration before printing a whole set."""
    sides = (_test_side("front", "voorkant", proof), _test_side("back", "achterkant", proof))
    body = str(_macro("alignment_test")(sides, GRID, FLIP_INSTRUCTION))
    return thuis_html(body, pdf_title("Uitlijntest thuis printen", proof))

"""The print profiles: where card faces go on the pages.

- drukker: one face per page at A6 (105 x 148 mm) with 3 mm bleed and crop marks; front and back
  alternate, so the print shop prints duplex (or cuts single faces) straight from the file.
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

PRINT_DIR = Path(__file__).resolve().parent
PALETTE_CSS = PRINT_DIR / "palette.css"
CARDS_CSS = PRINT_DIR / "cards.css"
DRUKKER_CSS = PRINT_DIR / "drukker.css"
THUIS_CSS = PRINT_DIR / "thuis.css"
DECK = "Samen Lerend Doen Wat Werkt"

CARD_W, CARD_H = 105.0, 148.0  # mm, A6 trim size
BLEED = 3.0  # mm, drukker
A4_W, A4_H = 210.0, 297.0
COLUMNS, ROWS = 2, 2
SCALE = 0.92  # home sheets: cards at 92 % so they stay inside printable margins
SLOT_W, SLOT_H = CARD_W * SCALE, CARD_H * SCALE
MARGIN_X = (A4_W - COLUMNS * SLOT_W) / 2
MARGIN_Y = (A4_H - ROWS * SLOT_H) / 2
FLIP_EDGE = "lange zijde"
FLIP_INSTRUCTION = "Dubbelzijdig afdrukken, omslaan via de lange zijde, op ware grootte (100 %)."


@dataclass(frozen=True)
class Profile:
    id: str  # in file names
    description: str  # Dutch, in the PDF and on the download page


DRUKKER = Profile(
    "drukker",
    "A6 (105 × 148 mm), één kaartzijde per pagina, 3 mm afloop en snijtekens; "
    "voorkant en achterkant wisselen elkaar af.",
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
    """One side of one A4 sheet: the chrome (cut lines, label) and which face goes where."""

    label: str
    side: str  # "front" (cut lines) or "back"
    slots: tuple[Slot, ...]

    def chrome_html(self) -> str:
        return str(_macro("sheet")(self.label, self.side, GRID, FLIP_INSTRUCTION))


def thuis_sheets(cards: list[Card], title: str) -> list[Sheet]:
    """Sheet pairs for a list of cards: a sheet of fronts, then its sheet of backs (mirrored)."""
    out = []
    groups = sheets(cards)
    for number, group in enumerate(groups, 1):
        fronts, backs = [], []
        for index, card in enumerate(group):
            row, column = divmod(index, COLUMNS)
            fronts.append(Slot(card, FRONT, row, column))
            backs.append(Slot(card, BACK, *back_slot(row, column)))
        where = f"{DECK} · {title} · vel {number} van {len(groups)}"
        out.append(Sheet(f"{where} · voorkanten", "front", tuple(fronts)))
        out.append(Sheet(f"{where} · achterkanten", "back", tuple(backs)))
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


def _test_side(side: str, name: str) -> TestSide:
    marks = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            where = (row, column) if side == "front" else back_slot(row, column)
            marks.append(TestMark(row * COLUMNS + column + 1, *slot_origin(*where)))
    return TestSide(side, name, f"{DECK} · uitlijntest · {name}", tuple(marks))


def alignment_test_html() -> str:
    """One sheet (front and back) to test duplex registration before printing a whole set."""
    sides = (_test_side("front", "voorkant"), _test_side("back", "achterkant"))
    return thuis_html(str(_macro("alignment_test")(sides, GRID, FLIP_INSTRUCTION)), "Uitlijntest thuis printen")

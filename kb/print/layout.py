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

import html
from dataclasses import dataclass
from pathlib import Path

from .cards import BACK, FRONT, Card, Face

PRINT_DIR = Path(__file__).resolve().parent
CARDS_CSS = PRINT_DIR / "cards.css"
DRUKKER_CSS = PRINT_DIR / "drukker.css"
THUIS_CSS = PRINT_DIR / "thuis.css"
DECK = "Samen Lerend Doen Wat Werkt"

CARD_W, CARD_H = 105.0, 148.0          # mm, A6 trim size
BLEED = 3.0                            # mm, drukker
A4_W, A4_H = 210.0, 297.0
COLUMNS, ROWS = 2, 2
SCALE = 0.92                           # home sheets: cards at 92 % so they stay inside printable margins
SLOT_W, SLOT_H = CARD_W * SCALE, CARD_H * SCALE
MARGIN_X = (A4_W - COLUMNS * SLOT_W) / 2
MARGIN_Y = (A4_H - ROWS * SLOT_H) / 2
FLIP_EDGE = "lange zijde"
FLIP_INSTRUCTION = "Dubbelzijdig afdrukken, omslaan via de lange zijde, op ware grootte (100 %)."


@dataclass(frozen=True)
class Profile:
    id: str             # in file names
    label: str          # Dutch, on the download page
    description: str


DRUKKER = Profile("drukker", "Drukker",
                  "A6 (105 × 148 mm), één kaartzijde per pagina, 3 mm afloop en snijtekens; "
                  "voorkant en achterkant wisselen elkaar af.")
THUIS = Profile("thuis", "Thuis printen",
                f"A4, {COLUMNS * ROWS} kaarten per vel met snijlijnen; na elk vel voorkanten volgt het vel "
                f"achterkanten. {FLIP_INSTRUCTION}")
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


def face_html(face: Face, card: Card, number: int) -> str:
    return (f'<section class="face face-{card.kind} side-{face.side}" data-face="{number}">'
            f"{face.html()}</section>")


def _document(title: str, description: str, body: str, profile: Profile) -> str:
    return (f'<!DOCTYPE html><html lang="nl" class="profile-{profile.id}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>"
            f'<meta name="description" content="{html.escape(description)}">'
            f'<meta name="author" content="{html.escape(DECK)}">'
            f"</head><body>{body}</body></html>")


def drukker_html(faces: list[PlacedFace], title: str) -> str:
    """One face per page; faces[i] gets data-face=i (fit.py finds them back by that number)."""
    body = "".join(face_html(placed.face, placed.card, number) for number, placed in enumerate(faces))
    return _document(title, f"{DECK}: {DRUKKER.description}", body, DRUKKER)


def sheets(cards: list[Card]) -> list[list[Card]]:
    per_sheet = COLUMNS * ROWS
    return [cards[i:i + per_sheet] for i in range(0, len(cards), per_sheet)]


def _cut_lines() -> str:
    lines = []
    for column in range(COLUMNS + 1):
        x = MARGIN_X + column * SLOT_W
        lines.append(f'<div class="cut cut-v" style="left:{x:.3f}mm"></div>')
    for row in range(ROWS + 1):
        y = MARGIN_Y + row * SLOT_H
        lines.append(f'<div class="cut cut-h" style="top:{y:.3f}mm"></div>')
    return "".join(lines)


def _slot(content: str, row: int, column: int) -> str:
    x, y = slot_origin(row, column)
    return f'<div class="slot" style="left:{x:.3f}mm;top:{y:.3f}mm">{content}</div>'


def _sheet_label(text: str, side: str) -> str:
    return f'<p class="sheet-label sheet-label-{side}">{html.escape(text)}</p>'


@dataclass(frozen=True)
class Slot:
    card: Card
    side: str           # cards.FRONT or cards.BACK
    row: int
    column: int

    @property
    def origin(self) -> tuple[float, float]:
        return slot_origin(self.row, self.column)


@dataclass(frozen=True)
class Sheet:
    """One side of one A4 sheet: the chrome (cut lines, label) and which face goes where."""

    label: str
    side: str           # "front" (cut lines) or "back"
    slots: tuple[Slot, ...]

    def chrome_html(self) -> str:
        lines = _cut_lines() if self.side == "front" else ""
        return (f'<div class="sheet sheet-{self.side}">{lines}{_sheet_label(self.label, self.side)}'
                f'<p class="sheet-instruction">{html.escape(FLIP_INSTRUCTION)}</p></div>')


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


def alignment_test_html() -> str:
    """One sheet (front and back) to test duplex registration before printing a whole set."""
    instructions = (
        "<p>Druk dit ene vel af zoals je de kaarten gaat afdrukken: " + html.escape(FLIP_INSTRUCTION) + "</p>"
        "<p>Houd het vel tegen het licht: achter elke voorkant staat de achterkant met hetzelfde nummer, "
        "en de kruisjes vallen over elkaar. Staat een achterkant op zijn kop of achter een ander nummer, "
        "kies dan in het afdrukvenster de andere manier van omslaan.</p>")

    def marks(side: str) -> str:
        out = []
        for row in range(ROWS):
            for column in range(COLUMNS):
                number = row * COLUMNS + column + 1
                r, c = (row, column) if side == "front" else back_slot(row, column)
                label = "voorkant" if side == "front" else "achterkant"
                text = instructions if side == "front" else ""
                out.append(_slot(f'<div class="test-card test-{side}"><p class="test-number">{number}</p>'
                                 f'<p class="test-side">{label} van kaart {number}</p>'
                                 f'<div class="test-cross"></div><div class="test-text">{text}</div></div>', r, c))
        return "".join(out)

    bottom = f'<p class="sheet-instruction">{html.escape(FLIP_INSTRUCTION)}</p>'
    body = ('<div class="sheet sheet-front">' + marks("front") + _cut_lines()
            + _sheet_label(f"{DECK} · uitlijntest · voorkant", "front") + bottom + "</div>"
            + '<div class="sheet sheet-back">' + marks("back")
            + _sheet_label(f"{DECK} · uitlijntest · achterkant", "back") + bottom + "</div>")
    return thuis_html(body, "Uitlijntest thuis printen")

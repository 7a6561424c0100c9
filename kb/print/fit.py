"""Does the text fit on its card face? Measured in WeasyPrint's layout, never guessed from lengths.

Every face has one ``.fit`` area (``data-fit``): all laid-out content must end above its bottom edge.
A face that names a ``split`` list (questions) continues on a deliberate vervolg card; any other
face that does not fit is an error that names the source file, the card and the side.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.problems import Problem
from . import layout
from .cards import BACK, FRONT, Card, Face, continuation, with_items
from .pdf import render_document

PX_TO_MM = 25.4 / 96
TOLERANCE_PX = 0.5
MAX_ROUNDS = 20
BATCH = 64  # faces per WeasyPrint document; layout time per page grows with the page count


@dataclass(frozen=True)
class Measure:
    excess_mm: float  # how far the content runs past the bottom of the text area (<= 0: fits)
    fitting_items: int  # leading items of the split list that fit (if the face has one)
    page: int = -1  # index of the page the face is on

    @property
    def overflows(self) -> bool:
        return self.excess_mm > TOLERANCE_PX * PX_TO_MM


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _bottom(box) -> float:
    return box.position_y + box.margin_height()


def _content_bottom(box) -> float:
    """Lowest laid-out point inside a box, descending into children (absolute or not)."""
    lowest = box.position_y + box.margin_height() if hasattr(box, "margin_height") else box.position_y
    for child in getattr(box, "children", ()):
        lowest = max(lowest, _content_bottom(child))
    return lowest


def measure(document) -> dict[int, Measure]:
    """Measure every face (by its data-face number) in a rendered document.

    A face may have several areas marked data-fit (text area, QR footer); the face's excess is the
    largest, and the split list is counted in the area that holds it.
    """
    found: dict[int, Measure] = {}
    for page_index, page in enumerate(document.pages):
        face_number = None
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None or box.element_tag not in ("section", "div", "footer"):
                continue
            if box.element_tag == "section" and element.get("data-face") is not None:
                face_number = int(element.get("data-face"))
                found[face_number] = Measure(float("-inf"), 0, page_index)
            elif element.get("data-fit") is not None and face_number is not None:
                limit = box.content_box_y() + box.height
                lowest = max((_content_bottom(child) for child in box.children), default=limit)
                split = next(
                    (
                        b
                        for b in _boxes(box)
                        if getattr(b, "element_tag", None) == "ul"
                        and b.element is not None
                        and b.element.get("data-split")
                    ),
                    None,
                )
                fitting = found[face_number].fitting_items
                if split is not None:
                    fitting = 0
                    for item in split.children:
                        if _bottom(item) > limit + TOLERANCE_PX:
                            break
                        fitting += 1
                excess = max(found[face_number].excess_mm, (lowest - limit) * PX_TO_MM)
                found[face_number] = Measure(excess, fitting, page_index)
    return found


def render_faces(faces: list[layout.PlacedFace], title: str = "proef"):
    """Lay out faces one per page, the way the drukker profile does."""
    return render_document(
        layout.drukker_html(faces, title),
        str(layout.PRINT_DIR),
        [layout.PALETTE_CSS, layout.CARDS_CSS, layout.DRUKKER_CSS],
    )


class CardsDoNotFit(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def overflow_problem(card: Card, face: Face, excess_mm: float, detail: str = "") -> Problem:
    line, column = card.item.doc.where(face.field)
    side = "voorkant" if face.side == FRONT else "achterkant"
    message = (
        f"Kaart '{card.name}' ({card.key}), {side}: de tekst past niet op de kaart "
        f"({excess_mm:.1f} mm te lang). {detail}Maak de tekst korter in {card.source}; "
        "de kaart toont deze tekst letterlijk, dus inkorten moet in de bron gebeuren."
    )
    return Problem(card.source, line, column, message)


@dataclass
class Layout:
    """Every face laid out once as an A6 page, after moving list items that did not fit to vervolg cards."""

    pages: dict[tuple[str, str], object]  # (card key, side) -> weasyprint Page
    document: object  # a document of these pages (for metadata when writing)


def lay_out(cards: list[Card]) -> Layout:
    """Lay out and measure all faces of these cards (and of the vervolg cards they need).

    The first round lays out every face. A face whose split list does not fit keeps the items that
    fit; the rest goes to a vervolg card (or, on a vervolg card's front, to its back). Only the faces
    that changed are laid out again, in the next round. Faces that do not fit and cannot split are
    collected as problems; ``CardsDoNotFit`` is raised with all of them.
    """
    pages: dict[tuple[str, str], object] = {}
    problems: list[Problem] = []
    first_document = None
    # (card that owns the vervolg cards, card the face is on, which face)
    todo = [(card, card, side) for card in cards for side in (FRONT, BACK)]
    for _ in range(MAX_ROUNDS):
        if not todo:
            break
        placed = [layout.PlacedFace(_face(on, side), on) for _, on, side in todo]
        laid_out = []  # (document, measures) per batch: WeasyPrint slows down on documents of many pages
        for start in range(0, len(placed), BATCH):
            document = render_faces(placed[start : start + BATCH])
            first_document = first_document or document
            laid_out.append((document, measure(document)))
        again: dict[tuple[str, str], tuple] = {}
        for number, (owner, on, side) in enumerate(todo):
            face = _face(on, side)
            document, measures = laid_out[number // BATCH]
            result = measures.get(number % BATCH)
            if result is None:
                problems.append(
                    Problem(
                        on.source,
                        1,
                        1,
                        f"Kaart '{on.name}': de kaartzijde is niet gevonden in de opmaak (fout in de kaartsjablonen).",
                    )
                )
                continue
            pages[(on.key, side)] = document.pages[result.page]
            if not result.overflows:
                continue
            if not face.split:
                problems.append(overflow_problem(on, face, result.excess_mm))
                continue
            items = face.context[face.split]
            if result.fitting_items == 0:
                problems.append(
                    overflow_problem(
                        on, face, result.excess_mm, "Zelfs het eerste item van de lijst past niet op een kaart. "
                    )
                )
                continue
            keep, rest = items[: result.fitting_items], items[result.fitting_items :]
            _set_face(on, side, with_items(face, keep, more=True))
            again[(on.key, side)] = (owner, on, side)
            if side == FRONT:  # a vervolg card's front: continue on its own back
                _set_face(on, BACK, with_items(on.back, rest, more=False))
                again[(on.key, BACK)] = (owner, on, BACK)
            else:  # a back: continue on a new vervolg card
                extra = continuation(owner, face, rest, len(owner.continues) + 1)
                owner.continues.append(extra)
                again[(extra.key, FRONT)] = (owner, extra, FRONT)
                again[(extra.key, BACK)] = (owner, extra, BACK)
        todo = list(again.values())
    if problems:
        raise CardsDoNotFit(sorted(set(problems)))
    return Layout(pages, first_document)


def _face(card: Card, side: str) -> Face:
    return card.front if side == FRONT else card.back


def _set_face(card: Card, side: str, face: Face) -> None:
    if side == FRONT:
        card.front = face
    else:
        card.back = face

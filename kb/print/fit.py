"""Does the text fit on its card face? Measured in WeasyPrint's layout, never guessed from lengths.

Every face has one ``.fit`` area (``data-fit``): all laid-out content must end above its bottom edge.
A face that names a ``split`` list (questions) continues on a deliberate vervolg card; any other
face that does not fit is an error that names the source file, the card and the side.

Vervolg rules: a vervolg card exists only when a list does not fit, and it holds at least
MIN_VERVOLG_ITEMS items (never one or two). Its front carries the list; when that does not fit
either, the list continues on the next vervolg card (the back is a cover). When only one or two
items do not fit, items move from the face before onto the vervolg card (the card's own face
keeps at least one item, a vervolg card at least MIN_VERVOLG_ITEMS).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model.problems import Problem
from . import layout
from .cards import BACK, FRONT, Card, Face, continuation, with_items
from .painted import PaintedFace, release, stacked_css

PX_TO_MM = 25.4 / 96
TOLERANCE_PX = 0.5
MAX_ROUNDS = 20
BATCH = 64  # faces per WeasyPrint document; layout time per page grows with the page count
FACES_PER_PAGE = 16  # faces laid out on one tall page: every page costs time of its own (page styles, margins)
MIN_VERVOLG_ITEMS = 3  # a vervolg card holds at least this many list items (never one or two lines)


@dataclass(frozen=True)
class Measure:
    excess_mm: float  # how far the content runs past the bottom of the text area (<= 0: fits)
    fitting_items: int  # leading items of the split list that fit (if the face has one)
    page: int = -1  # index of the page the face is on
    list_overflows: bool = False  # the area that holds the split list runs past its bottom
    box: object = field(default=None, compare=False, repr=False)  # the face's laid-out box

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
                found[face_number] = Measure(float("-inf"), 0, page_index, box=box)
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
                fitting, list_overflows = found[face_number].fitting_items, found[face_number].list_overflows
                if split is not None:
                    fitting = 0
                    for item in split.children:
                        if _bottom(item) > limit + TOLERANCE_PX:
                            break
                        fitting += 1
                    list_overflows = lowest > limit + TOLERANCE_PX
                excess = max(found[face_number].excess_mm, (lowest - limit) * PX_TO_MM)
                found[face_number] = Measure(excess, fitting, page_index, list_overflows, found[face_number].box)
    return found


def render_faces(faces: list[layout.PlacedFace], title: str = "proef", per_page: int = 1):
    """Lay out faces the way the drukker profile does: one per page, or ``per_page`` below each other on one tall
    page (measure and painted.PaintedFace find each face's box)."""
    sheets = [layout.PALETTE_CSS, layout.CARDS_CSS, layout.DRUKKER_CSS]
    if per_page > 1:
        sheets.append(stacked_css(".face", layout.CARD_W, layout.CARD_H, per_page))
    return layout.render(layout.drukker_html(faces, title), sheets)


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
    """Every printed face laid out once as an A6 page and painted once (painted.PaintedFace), after moving list
    items that did not fit to vervolg cards."""

    pages: dict[tuple[str, str], PaintedFace]  # (card key, side) -> the painted face
    document: object  # a weasyprint Document without pages, to write PDFs from (metadata, colour profiles)


@dataclass
class _Chain:
    """The faces one split list runs over: the card's own face, then the fronts of its vervolg cards."""

    owner: Card
    faces: list[tuple[Card, str]]

    def index(self, card: Card, side: str) -> int:
        return next(i for i, (on, on_side) in enumerate(self.faces) if on.key == card.key and on_side == side)


def lay_out(cards: list[Card]) -> Layout:
    """Lay out, measure and paint all faces of these cards (and of the vervolg cards they need).

    The first round lays out every face. A face whose split list does not fit keeps the items that
    fit; the rest moves to the next face of its chain (a new vervolg card after the last one), with
    the vervolg rules above. Only the faces that changed are laid out again, in the next round. Every
    face that fits is painted at once, so its layout can be dropped. Faces that do not fit and cannot
    split are collected as problems; ``CardsDoNotFit`` is raised with all of them.
    """
    pages: dict[tuple[str, str], PaintedFace] = {}
    problems: list[Problem] = []
    chains: dict[str, _Chain] = {}
    excess: dict[tuple[str, str], float] = {}  # (card key, side) -> mm too long, of every face that did not fit
    base = None
    # (card that owns the vervolg cards, card the face is on, which face)
    todo, copies = _distinct_faces([(card, card, side) for card in cards for side in (FRONT, BACK)])
    for _ in range(MAX_ROUNDS):
        if not todo:
            break
        overflowing = []
        for start in range(0, len(todo), BATCH):  # WeasyPrint slows down on documents of many pages
            base = _lay_out_batch(todo[start : start + BATCH], pages, overflowing, problems) or base
            release()  # the layout is painted: free it now (nothing may still point into it)
        excess.update({(on.key, side): result.excess_mm for _, on, side, result in overflowing})
        todo = _split_lists(overflowing, chains, problems)
    for _, on, side in todo:
        problems.append(overflow_problem(on, _face(on, side), 0, "De lijst blijft verschuiven over vervolgkaarten. "))
    for shown, same in copies.items():
        for _, on, side in same:
            if shown in pages:
                pages[(on.key, side)] = pages[shown]
            else:  # the face it prints like did not fit: so does this card, and the message names it too
                problems.append(overflow_problem(on, _face(on, side), excess.get(shown, 0)))
    if problems:
        raise CardsDoNotFit(sorted(set(problems)))
    return Layout(pages, base)


def _distinct_faces(todo: list[tuple]) -> tuple[list[tuple], dict[tuple[str, str], list[tuple]]]:
    """The faces to lay out, and the copies: a face without a split list that prints exactly like an earlier one
    (the cover on the back of every reflection question of one spanningsveld, of every quote of one phase) is
    laid out and painted once. Copies: (card key, side) of the face laid out -> the faces printed like it."""
    shown: dict[tuple, tuple[str, str]] = {}
    distinct, copies = [], {}
    for owner, on, side in todo:
        face = _face(on, side)
        if face.split is None:
            signature = (on.kind, side, face.html())  # the kind and side are classes of the face's section
            if signature in shown:
                copies.setdefault(shown[signature], []).append((owner, on, side))
                continue
            shown[signature] = (on.key, side)
        distinct.append((owner, on, side))
    return distinct, copies


def _lay_out_batch(batch: list[tuple], pages: dict, overflowing: list, problems: list[Problem]):
    """Lay out one batch of faces, paint the ones that fit and collect the ones that do not; returns a document
    without pages to write PDFs from."""
    document = render_faces([layout.PlacedFace(_face(on, side), on) for _, on, side in batch], per_page=FACES_PER_PAGE)
    measures = measure(document)
    for number, (owner, on, side) in enumerate(batch):
        result = measures.get(number)
        if result is None:
            problems.append(_not_found(on))
        elif result.overflows:
            overflowing.append((owner, on, side, replace(result, box=None)))
        else:
            pages[(on.key, side)] = PaintedFace(document.pages[result.page], document, result.box)
    return document.copy([])


def _split_lists(overflowing: list, chains: dict[str, _Chain], problems: list[Problem]) -> list[tuple]:
    """Move the items that did not fit along their chains; returns the faces to lay out again."""
    first: dict[str, tuple] = {}  # owner key -> (chain index, measure) of its first overflowing face
    again: dict[tuple[str, str], tuple] = {}
    for owner, on, side, result in overflowing:
        face = _face(on, side)
        if not face.split or not result.list_overflows:
            problems.append(overflow_problem(on, face, result.excess_mm))
            continue
        chain = chains.setdefault(owner.key, _Chain(owner, [(owner, side)]))
        index = chain.index(on, side)
        if owner.key in first and first[owner.key][0] < index:
            again[(on.key, side)] = (owner, on, side)  # measured before the items in front of it moved
            continue
        if owner.key in first:
            stale = chain.faces[first[owner.key][0]]
            again[(stale[0].key, stale[1])] = (owner, *stale)
        first[owner.key] = (index, result)
    for owner_key, (index, result) in first.items():
        chain = chains[owner_key]
        changed = _move_items(chain, index, result, problems)
        for number in changed:
            on, side = chain.faces[number]
            again[(on.key, side)] = (chain.owner, on, side)
            if number == len(chain.faces) - 1 and side == FRONT and on is not chain.owner:
                again[(on.key, BACK)] = (chain.owner, on, BACK)  # a new vervolg card: its cover too
    return list(again.values())


def _move_items(chain: _Chain, index: int, result: Measure, problems: list[Problem]) -> set[int]:
    """Cut the list of face ``index`` of the chain after the items that fit and move the rest on; returns the
    chain positions whose faces changed (a new vervolg card is appended to the chain and to the owner)."""
    owner, faces = chain.owner, [_face(on, side) for on, side in chain.faces]
    items = [list(face.context[face.split]) for face in faces]
    # All items may fit while the list's area still overflows (text after the list): move at least one.
    keep = min(result.fitting_items, len(items[index]) - 1)
    if result.fitting_items == 0 or keep < 1:
        detail = "Zelfs het eerste item van de lijst past niet op een kaart. "
        problems.append(overflow_problem(chain.faces[index][0], faces[index], result.excess_mm, detail))
        return set()
    rest = items[index][keep:]
    items[index] = items[index][:keep]
    changed = {index, index + 1}
    if index + 1 < len(items):
        items[index + 1] = rest + items[index + 1]
    else:
        items.append(rest)
        need = MIN_VERVOLG_ITEMS - len(rest)
        for giver in range(index, -1, -1):  # the face before gives first; each keeps its own minimum
            if need <= 0:
                break
            give = min(need, len(items[giver]) - (1 if giver == 0 else MIN_VERVOLG_ITEMS))
            if give <= 0:
                continue
            for position in range(giver, len(items) - 1):  # shift along the chain to the new last card
                moved = items[position][-give:]
                items[position] = items[position][:-give]
                items[position + 1] = moved + items[position + 1]
                changed.update({position, position + 1})
            need -= give
        if need > 0:
            detail = (
                f"Wat niet past is te weinig voor een vervolgkaart (die krijgt minstens {MIN_VERVOLG_ITEMS} items "
                "en de kaart zelf houdt er minstens één). "
            )
            problems.append(overflow_problem(owner, faces[0], result.excess_mm, detail))
            return set()
        extra = continuation(owner, faces[0], items[-1], len(owner.continues) + 1)
        owner.continues.append(extra)
        chain.faces.append((extra, FRONT))
        faces.append(extra.front)
    last = len(items) - 1
    for number in changed:
        on, side = chain.faces[number]
        _set_face(on, side, with_items(faces[number], items[number], more=number < last))
    return changed


def _not_found(card: Card) -> Problem:
    message = f"Kaart '{card.name}': de kaartzijde is niet gevonden in de opmaak (fout in de kaartsjablonen)."
    return Problem(card.source, 1, 1, message)


def _face(card: Card, side: str) -> Face:
    return card.front if side == FRONT else card.back


def _set_face(card: Card, side: str, face: Face) -> None:
    if side == FRONT:
        card.front = face
    else:
        card.back = face

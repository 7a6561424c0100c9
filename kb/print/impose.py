"""Imposition: put already laid-out card faces on pages without laying them out again.

A card face is laid out once, as an A6 drukker page (kb/print/drukker.css: the page box is the trim, CSS
``bleed`` is the 3 mm bleed plus the 7 mm slug). For the drukker PDFs, a ``CropMarkedPage`` paints the face
and then, in the slug, the crop marks and the slug line of that page. For the home sheets, an
``ImposedPage`` paints each face page moved to its slot, scaled and clipped to the trim size (so bleed and
slug stay off the sheet), and then the sheet's own page on top (cut lines and labels, laid out by WeasyPrint).

Both offer what WeasyPrint's PDF writer reads from a ``weasyprint.Page`` (size, bleed, links, anchors,
bookmarks, forms, ``paint``); WeasyPrint is pinned in requirements.txt and tests/test_cards.py and
tests/test_print_shop.py check the result, so a change in that interface shows up at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import layout
from .cards import BACK, FRONT, Card
from .painted import PaintedText

MM_TO_PX = 96 / 25.4
REGISTRATION = (1, 1, 1, 1)  # DeviceCMYK: the marks print on every plate
MARK_WIDTH_PT = 0.25


class ImposedPage:
    def __init__(self, sheet_page, faces, scale: float, label=None):
        """``faces``: (face page, x mm, y mm) for the top-left corner of each slot on the sheet; ``sheet_page``: what
        is the same on every sheet of its side (cut lines, instruction); ``label``: the sheet's own label line
        (TextLines), painted where thuis.css puts .sheet-label."""
        self._sheet = sheet_page
        self._faces = list(faces)
        self._scale = scale
        self._label = label
        self.width = sheet_page.width
        self.height = sheet_page.height
        self.bleed = dict(sheet_page.bleed)
        self.bookmarks = []
        self.links = []
        self.anchors = {}
        self.forms = {None: []}

    def paint(self, stream, scale=1):
        for page, x_mm, y_mm in self._faces:
            with stream.stacked():
                stream.transform(e=x_mm * MM_TO_PX * scale, f=y_mm * MM_TO_PX * scale)
                stream.transform(a=self._scale, d=self._scale)
                stream.rectangle(0, 0, page.width * scale, page.height * scale)
                stream.clip()
                stream.end()
                page.paint(stream, scale)
        self._sheet.paint(stream, scale)  # cut lines and instruction on top of the cards
        if self._label is not None:
            with stream.stacked():
                stream.transform(a=scale, d=scale)
                self._label.paint(stream, layout.SHEET_LABEL_X * MM_TO_PX, layout.SHEET_LABEL_Y * MM_TO_PX)


def mark_segments(width: float, height: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The 8 crop marks (CSS px, origin at the trim's top-left corner): in line with the trim edges, from
    MARK_GAP outside the bleed outwards, so they lie entirely in the slug."""
    near = (layout.BLEED + layout.MARK_GAP) * MM_TO_PX
    far = near + layout.MARK_LENGTH * MM_TO_PX
    segments = []
    for x, out_x in ((0, -1), (width, 1)):
        for y, out_y in ((0, -1), (height, 1)):
            segments.append(((x + out_x * near, y), (x + out_x * far, y)))  # horizontal, beside the corner
            segments.append(((x, y + out_y * near), (x, y + out_y * far)))  # vertical, above or below it
    return segments


class TextLines:
    """Many single lines of text of a build (the slug lines of the drukker pages, the labels of the home sheets). Each
    line is given as its pieces (set title, card and side, page number): every distinct piece is laid out once, one
    piece per text line in blocks of class ``block_class``, and painted once (painted.PaintedText); a line is drawn as
    its pieces side by side, aligned like that block (text-align). With ``lead``, each chunk's first block is one
    extra line (the proof note), kept as ``lead``."""

    CHUNK = 500  # pieces per document: the layout time of one page grows faster than its number of lines

    def __init__(self, lines: list[tuple[str, ...]], html, stylesheet, block_class: str, line_mm: float, lead=False):
        unique = list(dict.fromkeys(_one_line(piece) for line in lines for piece in line))
        self._pieces: dict[str, PaintedText] = {}
        self.lead = None
        for start in range(0, max(len(unique), 1), self.CHUNK):
            chunk = unique[start : start + self.CHUNK]
            height = (len(chunk) + 2) * line_mm + 10  # mm, room for the lines and the lead
            page_size = f"@page {{ size: 220mm {height:.0f}mm; margin: 0; bleed: 0 }}"
            document = layout.render(html(chunk), [stylesheet, page_size])
            blocks = [block for page in document.pages for block in _blocks(page._page_box, block_class)]
            if lead:
                first = blocks.pop(0)
                self.lead = self.lead or Line((PaintedText(first.children[0], document),), *_alignment(first))
            self._block = _alignment(blocks[0])
            painted = [PaintedText(line, document) for block in blocks for line in block.children]
            self._pieces.update(zip(chunk, painted, strict=True))

    def box(self, pieces: tuple[str, ...]) -> Line:
        return Line(tuple(self._pieces[_one_line(piece)] for piece in pieces), *self._block)


def _one_line(text: str) -> str:
    """A piece as it is laid out: every run of white space (a newline in a title) one space."""
    return re.sub(r"\s+", " ", text)


def _alignment(block) -> tuple[float, str]:
    """Width and text-align of a block that holds lines."""
    return block.width, block.style["text_align_all"]


@dataclass(frozen=True)
class Line:
    """One line of a TextLines build: its pieces side by side, placed in a block of ``width`` as ``align`` says."""

    pieces: tuple[PaintedText, ...]
    width: float
    align: str

    @property
    def height(self) -> float:
        return max(piece.height for piece in self.pieces)

    def paint(self, stream, x: float, y: float) -> None:
        """Paint the line with its block's top-left corner at (x, y) in CSS px."""
        room = self.width - sum(piece.width for piece in self.pieces)
        x += {"center": room / 2, "right": room, "end": room}.get(self.align, 0)
        for piece in self.pieces:
            piece.paint(stream, x, y)
            x += piece.width


def slug_lines(texts: list[tuple[str, ...]], proof: bool) -> TextLines:
    """The slug lines of the drukker pages (a .slug-line is 2.4 mm high), with the proof note as lead."""
    return TextLines(texts, lambda chunk: layout.slug_html(chunk, proof), layout.DRUKKER_CSS, "slug-line", 2.4, proof)


def sheet_labels(texts: list[tuple[str, ...]]) -> TextLines:
    """The labels of the home sheets (8 pt, about 3.4 mm a line)."""
    return TextLines(texts, layout.sheet_labels_html, layout.THUIS_CSS, "sheet-label-lines", 3.4)


def _blocks(box, block_class: str):
    """The div blocks of this class, in document order."""
    element = getattr(box, "element", None)
    if element is not None and box.element_tag == "div" and block_class in (element.get("class") or "").split():
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _blocks(child, block_class)


class CropMarkedPage:
    """A drukker page: the face, then in the slug (outside the bleed) the crop marks in registration colour
    and the slug line (and, for a proof, the proof note above the card).

    WeasyPrint's own ``marks: crop`` paints them under the page content, inside its bleed, and as an SVG
    per page, which is slow; these are plain lines and one line of text painted from pre-laid-out pieces.
    """

    def __init__(self, page, slug_line=None, proof_line=None):
        self._page = page
        self._slug_line, self._proof_line = slug_line, proof_line
        self.width, self.height = page.width, page.height
        self.bleed = dict(page.bleed)
        self.bookmarks, self.links, self.anchors, self.forms = page.bookmarks, page.links, page.anchors, page.forms
        self.print_bleed_mm = layout.BLEED  # pdf.py writes the BleedBox from this

    def paint(self, stream, scale=1):
        self._page.paint(stream, scale)
        with stream.stacked():
            stream.transform(a=scale, d=scale)  # CSS px from here, origin at the trim's top-left corner
            stream.set_color_space("DeviceCMYK", stroke=True)
            stream.set_color_special(None, True, *REGISTRATION)
            stream.set_line_width(MARK_WIDTH_PT / 0.75)
            for (x1, y1), (x2, y2) in mark_segments(self.width, self.height):
                stream.move_to(x1, y1)
                stream.line_to(x2, y2)
            stream.stroke()
            x = layout.SLUG_INDENT * MM_TO_PX
            below = (layout.BLEED + layout.SLUG_LINE_Y) * MM_TO_PX
            if self._slug_line is not None:
                self._slug_line.paint(stream, x, self.height + below)
            if self._proof_line is not None:
                self._proof_line.paint(stream, x, -below - self._proof_line.height)


def drukker_pages(face_pages: dict, jobs: dict[str, tuple[str, list[Card]]], proof: bool) -> dict[str, list]:
    """The drukker pages of every job: ``jobs`` maps a job key to (set title, printed cards);
    ``face_pages`` maps (card key, side) to the laid-out face. All slug lines are laid out together."""
    texts = {}
    for key, (title, cards) in jobs.items():
        faces = [(card, side) for card in cards for side in (FRONT, BACK)]
        texts[key] = [
            layout.slug_text(title, card, side, number, len(faces)) for number, (card, side) in enumerate(faces, 1)
        ]
    slugs = slug_lines([text for lines in texts.values() for text in lines], proof)
    out = {}
    for key, (_, cards) in jobs.items():
        faces = [(card, side) for card in cards for side in (FRONT, BACK)]
        out[key] = [
            CropMarkedPage(face_pages[(card.key, side)], slugs.box(text), slugs.lead)
            for (card, side), text in zip(faces, texts[key], strict=True)
        ]
    return out

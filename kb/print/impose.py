"""Imposition: put already laid-out card faces on A4 sheets without laying them out again.

A card face is laid out once, as an A6 drukker page. For the home sheets, an ``ImposedPage`` paints
each face page moved to its slot, scaled and clipped to the trim size (so the bleed stays off the
sheet), and then the sheet's own page on top (cut lines and labels, laid out by WeasyPrint).

``ImposedPage`` offers what WeasyPrint's PDF writer reads from a ``weasyprint.Page``
(size, bleed, links, anchors, bookmarks, forms, ``paint``); WeasyPrint is pinned in requirements.txt
and tests/test_cards.py checks the result, so a change in that interface shows up at once.
"""

from __future__ import annotations

MM_TO_PX = 96 / 25.4


class ImposedPage:
    def __init__(self, sheet_page, faces, scale: float):
        """``faces``: (face page, x mm, y mm) for the top-left corner of each slot on the sheet."""
        self._sheet = sheet_page
        self._faces = list(faces)
        self._scale = scale
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
        self._sheet.paint(stream, scale)  # cut lines and labels on top of the cards


class CropMarkedPage:
    """A drukker page with crop marks drawn on top of everything, in the outer half of the bleed.

    WeasyPrint's own ``marks: crop`` paints them under the page content (hidden by artwork that runs
    into the bleed) and as an SVG per page, which is slow; these are four pairs of plain lines.
    """

    def __init__(self, page):
        self._page = page
        self.width, self.height = page.width, page.height
        self.bleed = dict(page.bleed)
        self.bookmarks, self.links, self.anchors, self.forms = page.bookmarks, page.links, page.anchors, page.forms

    def paint(self, stream, scale=1):
        self._page.paint(stream, scale)
        width, height = self.width * scale, self.height * scale
        top, right = self.bleed["top"] * scale, self.bleed["right"] * scale
        bottom, left = self.bleed["bottom"] * scale, self.bleed["left"] * scale
        segments = [
            ((-left, 0), (-left / 2, 0)),
            ((0, -top), (0, -top / 2)),  # top left
            ((width + right, 0), (width + right / 2, 0)),
            ((width, -top), (width, -top / 2)),  # top right
            ((-left, height), (-left / 2, height)),
            ((0, height + bottom), (0, height + bottom / 2)),
            ((width + right, height), (width + right / 2, height)),
            ((width, height + bottom), (width, height + bottom / 2)),
        ]
        for color, line_width in (((1, 1, 1), 1.0), ((0, 0, 0), 0.3)):  # white halo, black mark
            with stream.stacked():
                stream.set_color_rgb(*color, stroke=True)
                stream.set_line_width(line_width)
                for (x1, y1), (x2, y2) in segments:
                    stream.move_to(x1, y1)
                    stream.line_to(x2, y2)
                stream.stroke()

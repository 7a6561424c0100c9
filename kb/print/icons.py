"""The kind icons of the cards (icons/<kind>.svg), each drawn once and reused on every face that shows it.

A face shows its kind's icon two or three times (templates/faces.html: ``<img src="icons/<kind>.svg">``). Drawing an
SVG walks its shapes and parses their colours every time, so each icon is drawn once into a PDF form
(painted.form_of) and WeasyPrint is handed a ready image for its address: ``image_cache`` is passed to every
render as WeasyPrint's image cache, which is looked up before anything is fetched (weasyprint.images).

The large faint icon in the band (``icons/<kind>-merk.svg``, no file of its own) is the white icon as it would look at
MARK_OPACITY over the kind's colour, mixed beforehand: the kind's colour from palette.css with each ink at
1 - MARK_OPACITY. A print file then has no transparency (nothing for the print shop's RIP to flatten), and a face
is painted and written faster.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from xml.etree import ElementTree

from . import painted

ICON_DIR = Path(__file__).resolve().parent / "icons"
KINDS = ("werkkaart", "spanningsveld", "reflectievraag", "citaat")
PALETTE = Path(__file__).resolve().parent / "palette.css"  # layout.PALETTE_CSS (not imported: pdf -> icons)
MARK_OPACITY = 0.3  # how much of the white icon shows through in the faint copy in the band


class PaintedIcon:
    """What WeasyPrint's image cache holds for an icon: its sizes from the SVG, drawn from one painting."""

    def __init__(self, path: Path, name: str, fill: str | None = None):
        from weasyprint.images import SVGImage

        root = ElementTree.parse(path).getroot()
        if fill is not None:
            root.set("fill", fill)
        self._svg = SVGImage(root, path.as_uri(), None, None)
        _, _, self._width, self._height = self._svg._svg.get_viewbox()
        self.name = f"kb-icon-{name}"
        self._form = painted.form_of(
            lambda stream: self._svg.draw(stream, self._width, self._height, None), self._width, self._height
        )

    def get_intrinsic_size(self, image_resolution, font_size):
        return self._svg.get_intrinsic_size(image_resolution, font_size)

    def draw(self, stream, concrete_width, concrete_height, _style):
        painted.draw_form(stream, self.name, self._form, concrete_width / self._width, concrete_height / self._height)


def icon_url(kind: str) -> str:
    return (ICON_DIR / f"{kind}.svg").as_uri()


def mark_url(kind: str) -> str:
    return (ICON_DIR / f"{kind}-merk.svg").as_uri()


def mark_fill(kind: str) -> str:
    """The colour of the faint icon of a kind: its palette colour with white at MARK_OPACITY on top, in DeviceCMYK
    (white has no ink, so every ink keeps 1 - MARK_OPACITY of its value)."""
    found = re.search(rf"--{kind}:\s*device-cmyk\(([^)]*)\)", PALETTE.read_text(encoding="utf-8"))
    if found is None:
        raise ValueError(f"{PALETTE.name}: geen kleur --{kind} in device-cmyk(...)")
    inks = (float(ink) * (1 - MARK_OPACITY) for ink in found.group(1).split())
    return f"device-cmyk({' '.join(f'{ink:.4g}' for ink in inks)})"


@functools.lru_cache(maxsize=1)
def image_cache() -> dict:
    """WeasyPrint's image cache for every render of this process: the painted icons and faint band icons by address
    (WeasyPrint adds the other images it loads, such as the QR codes, so each is decoded once)."""
    cache = {}
    for kind in KINDS:
        path = ICON_DIR / f"{kind}.svg"
        cache[icon_url(kind)] = PaintedIcon(path, kind)
        cache[mark_url(kind)] = PaintedIcon(path, f"{kind}-merk", mark_fill(kind))
    return cache

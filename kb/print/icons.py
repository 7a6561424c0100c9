"""The kind icons of the cards (icons/<kind>.svg), each drawn once and reused on every face that shows it.

A face shows its kind's icon two or three times (templates/faces.html: ``<img src="icons/<kind>.svg">``). Drawing an
SVG walks its shapes and parses their colours every time, so each icon is drawn once into a PDF form
(painted.form_of) and WeasyPrint is handed a ready image for its address: ``image_cache`` is passed to every
render as WeasyPrint's image cache, which is looked up before anything is fetched (weasyprint.images).
"""

from __future__ import annotations

import functools
from pathlib import Path
from xml.etree import ElementTree

from . import painted

ICON_DIR = Path(__file__).resolve().parent / "icons"
KINDS = ("werkkaart", "spanningsveld", "reflectievraag", "citaat")


class PaintedIcon:
    """What WeasyPrint's image cache holds for an icon: its sizes from the SVG, drawn from one painting."""

    def __init__(self, path: Path):
        from weasyprint.images import SVGImage

        self._svg = SVGImage(ElementTree.parse(path).getroot(), path.as_uri(), None, None)
        _, _, self._width, self._height = self._svg._svg.get_viewbox()
        self.name = f"kb-icon-{path.stem}"
        self._form = painted.form_of(
            lambda stream: self._svg.draw(stream, self._width, self._height, None), self._width, self._height
        )

    def get_intrinsic_size(self, image_resolution, font_size):
        return self._svg.get_intrinsic_size(image_resolution, font_size)

    def draw(self, stream, concrete_width, concrete_height, _style):
        painted.draw_form(stream, self.name, self._form, concrete_width / self._width, concrete_height / self._height)


def icon_url(kind: str) -> str:
    return (ICON_DIR / f"{kind}.svg").as_uri()


@functools.lru_cache(maxsize=1)
def image_cache() -> dict:
    """WeasyPrint's image cache for every render of this process: the painted icons by address (WeasyPrint adds the
    other images it loads, such as the QR codes, so each is decoded once)."""
    return {icon_url(kind): PaintedIcon(ICON_DIR / f"{kind}.svg") for kind in KINDS}

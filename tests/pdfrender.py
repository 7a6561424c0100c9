"""Card PDFs as pictures: pages rendered with pdftoppm, QR codes decoded with zxing-cpp, grey values compared.

A QR code is read from the rendered page as a phone camera would read it from print, whatever way the PDF draws it.
"""

from __future__ import annotations

import subprocess
import tempfile
from functools import cache
from pathlib import Path

import zxingcpp
from pdfread import Box, Page
from PIL import Image, ImageChops, ImageDraw


@cache
def render(path: Path, number: int, dpi: int, gray: bool = True) -> Image.Image:
    """One page as an image (pdftoppm); the whole MediaBox."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "page"
        colour = ["-gray"] if gray else []
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                *colour,
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(path),
                str(out),
            ],
            check=True,
        )
        image = Image.open(next(Path(folder).iterdir()))
        image.load()
        return image


QR_DPI = 200  # a module of a 20 mm QR code with 33 modules is 5 pixels: decodes reliably and renders fast


def qr_codes(path: Path, number: int) -> list[str]:
    """The texts of all QR codes on a page, as a phone would read them from print."""
    return [
        code.text
        for code in zxingcpp.read_barcodes(render(path, number, QR_DPI), formats=zxingcpp.BarcodeFormat.QRCode)
    ]


def crop_mm(
    image: Image.Image, page_: Page, area: Box, dpi: int, mask_text: bool = False
) -> tuple[Image.Image, Image.Image]:
    """The part of a rendered page inside area (PDF points), and a mask that is black where text stands."""
    scale = dpi / 72

    def px(x: float, y: float) -> tuple[int, int]:
        return round((x - page_.media.x0) * scale), round((y - page_.media.top) * scale)

    region = (*px(area.x0, area.top), *px(area.x1, area.bottom))
    mask = Image.new("L", image.size, 255)
    if mask_text:
        draw = ImageDraw.Draw(mask)
        for char in page_.chars:
            draw.rectangle((*px(char.box.x0 - 1, char.box.top - 1), *px(char.box.x1 + 1, char.box.bottom + 1)), fill=0)
    return image.crop(region), mask.crop(region)


def share_different(a: Image.Image, b: Image.Image, mask: Image.Image, levels: int) -> float:
    """Share of the pixels (where mask is white) whose grey value differs by more than `levels` between a and b."""
    difference = ImageChops.difference(a.convert("L"), b.convert("L")).point(lambda v: 255 if v > levels else 0)
    counted = mask.histogram()[255]
    different = ImageChops.multiply(difference, mask).histogram()[255]
    return different / counted if counted else 0.0

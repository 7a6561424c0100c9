"""The HTML of printed cards: contributor text as safe inline HTML, printed links and QR codes, and the one Jinja
environment (autoescaping) of the card templates (templates/faces.html, templates/sheets.html)."""

from __future__ import annotations

import base64
import functools
import html
import re
import struct
import zlib
from pathlib import Path

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..site.templating import bytecode_cache

TEMPLATES = Path(__file__).resolve().parent / "templates"


# --- text -------------------------------------------------------------------------------------

_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def inline(text: str) -> Markup:
    """Contributor Markdown on one line as safe HTML: escaped, with **vet**, *cursief*; links keep their text."""
    plain = _LINK.sub(r"\1", " ".join(str(text).split()))
    escaped = html.escape(plain, quote=False)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return Markup(_EM.sub(r"<em>\1</em>", escaped))


def paragraphs(text: str) -> list[Markup]:
    return [inline(part) for part in re.split(r"\n\s*\n", str(text)) if part.strip()]


def short_link(url: str) -> Markup:
    """The permanent URL as printed: without https://, allowed to wrap after each slash."""
    shown = re.sub(r"^https?://", "", url)
    return Markup("/<wbr>".join(html.escape(part) for part in shown.split("/")))


@functools.lru_cache(maxsize=4096)
def qr_image(url: str) -> Markup:
    """QR code as a tiny PNG (one pixel per module, no border), printed sharp with image-rendering: pixelated.

    A PNG is drawn as one image per URL in the PDF; an SVG path of every module is much slower to draw.
    """
    code = segno.make(url, error="m", micro=False)
    return Markup(f'<img class="qr-code" alt="QR-code naar {html.escape(url)}" src="{_grey_png_uri(code.matrix)}">')


def _grey_png_uri(matrix) -> str:
    """An 8-bit greyscale PNG (dark modules 0, light 255) as a data: URI. Not segno's 1-bit PNG: WeasyPrint turns
    1-bit images into RGB, and a print-shop PDF (PDF/X) may only hold grey or CMYK images."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes(0 if module else 255 for module in row) for row in matrix)
    header = struct.pack(">IIBBBBB", len(matrix[0]), len(matrix), 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# --- templates --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(),
    )
    env.filters["inline"] = inline
    env.filters["paragraphs"] = paragraphs
    env.filters["short_link"] = short_link
    env.filters["qr"] = qr_image
    return env


@functools.lru_cache(maxsize=64)
def template_macro(template: str, name: str):
    """A macro of one of the HTML templates (faces.html for the faces, sheets.html for the documents around them)."""
    return getattr(_environment().get_template(template).module, name)

"""The HTML of printed cards: contributor text as safe inline HTML, printed links and QR codes, and the one Jinja
environment (autoescaping) of the card templates (templates/faces.html, templates/sheets.html)."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

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
    return Markup(
        f'<img class="qr-code" alt="QR-code naar {html.escape(url)}" src="{code.png_data_uri(scale=1, border=0)}">'
    )


# --- templates --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
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

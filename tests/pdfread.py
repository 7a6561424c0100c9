"""Read the card PDFs the way a reader, a phone camera and a print shop see them.

Pages are parsed with pdfplumber (characters with size, font and colour, words, thin lines, images and the PDF
boxes), once per page and only when a test asks for that page. A drukker PDF is split into printed cards: page
2i is the front of card i, page 2i+1 its back, and a vervolg card follows its card as a card of its own. On each
face the kind label at the top ("WERKKAART", "Vervolg 1" ...) marks the header, the QR code, the printed link and
the source credit ("Bron:") in the lower half mark the footer, and what lies in between is the body text.
Rendering and QR codes: pdfrender.py. Coordinates are PDF points measured from
the top of the page (pdfplumber's), boxes too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
from pypdf import PdfReader
from pypdf.generic import IndirectObject

MM = 72 / 25.4
KINDS = ("werkkaart", "spanningsveld", "reflectievraag", "citaat")
VERVOLG = "vervolg"
FRONT, BACK = "voorkant", "achterkant"
HEADER_ZONE = 50 * MM  # the kind label stands in the upper third of the card (lower on a cover than in a strip)
LINK = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+/\S*", re.I)  # a printed web address: host/path
CODE = re.compile(r"\b(WK|SV)\d+", re.I)  # the code of the item a card comes from: WK3, SV1-2 -> SV1
THIN = 1.5  # points: a graphic thinner than this is a line (crop mark, rule), not an area


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def contains(self, other: Box, tolerance: float = 0.01) -> bool:
        return (
            other.x0 >= self.x0 - tolerance
            and other.x1 <= self.x1 + tolerance
            and other.top >= self.top - tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def overlaps(self, other: Box, tolerance: float = 0.01) -> bool:
        """True when the two boxes share an area (touching edges do not count)."""
        return (
            other.x0 < self.x1 - tolerance
            and other.x1 > self.x0 + tolerance
            and other.top < self.bottom - tolerance
            and other.bottom > self.top + tolerance
        )


def _box(obj) -> Box:
    return Box(obj["x0"], obj["top"], obj["x1"], obj["bottom"])


@dataclass(frozen=True)
class Char:
    text: str
    size: float  # points as printed (font size times the scale of the page, e.g. 92 % on home sheets)
    font: str
    space: str  # colour space of the fill: DeviceCMYK, DeviceRGB, DeviceGray ...
    colour: tuple
    box: Box


@dataclass(frozen=True)
class Line:
    """Words on one line of text, left to right (words far apart on the same height are separate lines)."""

    words: tuple[str, ...]
    box: Box

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Stroke:
    """A thin straight graphic: a line, or a rectangle or path less than THIN points wide."""

    box: Box
    colour: tuple

    @property
    def vertical(self) -> bool:
        return self.box.width <= THIN and self.box.height > THIN


@dataclass(frozen=True)
class Page:
    path: Path
    number: int  # 1-based, as pdftoppm counts
    media: Box
    bleed: Box
    trim: Box
    chars: tuple[Char, ...]
    lines: tuple[Line, ...]
    strokes: tuple[Stroke, ...]
    areas: tuple[Box, ...]  # filled shapes thicker than THIN (bands, backgrounds)
    images: tuple[Box, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@cache
def _plumber(path: Path):
    return pdfplumber.open(path)


@cache
def page_count(path: Path) -> int:
    return len(_plumber(path).pages)


def _lines(words: list[dict]) -> tuple[Line, ...]:
    """Group words into lines: the same baseline (within 2 pt) and less than 12 pt apart."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        row = next(
            (r for r in rows if abs(r[-1]["bottom"] - word["bottom"]) <= 2 and 0 <= word["x0"] - r[-1]["x1"] < 12), None
        )
        if row is None:
            rows.append([word])
        else:
            row.append(word)
    lines = [
        Line(
            tuple(w["text"] for w in row),
            Box(row[0]["x0"], min(w["top"] for w in row), row[-1]["x1"], max(w["bottom"] for w in row)),
        )
        for row in rows
    ]
    return tuple(sorted(lines, key=lambda line: (line.box.top, line.box.x0)))


def _strokes(plumbed) -> tuple[Stroke, ...]:
    found = []
    for obj in [*plumbed.lines, *plumbed.curves, *plumbed.rects]:
        box = _box(obj)
        if min(box.width, box.height) <= THIN:
            colour = obj["stroking_color"] if obj.get("stroke") else obj["non_stroking_color"]
            found.append(Stroke(box, tuple(colour) if isinstance(colour, (list, tuple)) else (colour,)))
    return tuple(found)


@cache
def page(path: Path, number: int) -> Page:
    plumbed = _plumber(path).pages[number - 1]
    chars = tuple(
        Char(
            c["text"],
            c["size"],
            c["fontname"].split("+")[-1],
            str(c.get("ncs")),
            tuple(c["non_stroking_color"] or ()),
            _box(c),
        )
        for c in plumbed.chars
        if c["text"].strip()
    )
    # x_tolerance 1: the kind label and the code badge next to it are separate words
    words = plumbed.extract_words(x_tolerance=1, y_tolerance=2)
    result = Page(
        path,
        number,
        Box(*plumbed.mediabox),
        Box(*plumbed.bleedbox),
        Box(*plumbed.trimbox),
        chars,
        _lines(words),
        _strokes(plumbed),
        tuple(_box(r) for r in plumbed.rects if r["fill"] and min(r["width"], r["height"]) > THIN),
        tuple(_box(image) for image in plumbed.images),
    )
    plumbed.flush_cache()
    return result


# --- faces and cards ----------------------------------------------------------------------------------------


def squash(text: str) -> str:
    """Text without whitespace, hyphens and Markdown emphasis: line breaks differ between PDF and YAML."""
    return re.sub(r"[\s*\-\u00ad]+", "", text)


@dataclass(frozen=True)
class Face:
    page: Page
    side: str  # FRONT or BACK
    label: str | None  # kind word in the header ("werkkaart" ... or "vervolg"); None when there is none
    header: tuple[Line, ...]
    body: tuple[Line, ...]
    footer: tuple[Line, ...]

    @property
    def text(self) -> str:
        return self.page.text

    @property
    def body_text(self) -> str:
        return " ".join(line.text for line in self.body)

    @property
    def code(self) -> str | None:
        """The item code (WK3, SV1) named in the header, else anywhere on the face."""
        for text in (" ".join(line.text for line in self.header), self.text):
            if found := CODE.search(text):
                return found.group(0).upper()
        return None

    @property
    def vervolg_number(self) -> int | None:
        found = re.search(r"vervolg\s*(\d+)", " ".join(line.text for line in self.header), re.I)
        return int(found.group(1)) if found else None

    def qr_boxes(self) -> list[Box]:
        """Square images of at least 8 mm: the QR codes (WeasyPrint embeds them as images)."""
        return [b for b in self.page.images if b.width >= 8 * MM and abs(b.width - b.height) < 1]

    def body_chars(self) -> list[Char]:
        if not self.body:
            return []
        area = Box(self.page.trim.x0, self.body[0].box.top - 1, self.page.trim.x1, self.body[-1].box.bottom + 1)
        return [c for c in self.page.chars if area.contains(c.box, 1)]


def _label(line: Line) -> str | None:
    text = line.text.lower()
    if VERVOLG in text:
        return VERVOLG
    return next((kind for kind in KINDS if kind in text), None)


def _header_end(p: Page, strip: Line) -> float:
    """The bottom of the header: of the band behind the kind label, else of the label's lines (it may wrap)."""
    bands = [a for a in p.areas if a.contains(strip.box, 1) and a.height <= HEADER_ZONE + 10 * MM]
    end = max([strip.box.bottom, *(band.bottom for band in bands)])
    for line in p.lines:  # lines right under the label, less than 3 pt apart, continue it
        if line.box.top > strip.box.top and 0 <= line.box.top - end < 3:
            end = line.box.bottom
    return end


def face(path: Path, number: int) -> Face:
    """One drukker page as a card face: header (down to the kind label), body, footer."""
    p = page(path, number)
    side = FRONT if number % 2 else BACK
    top_lines = [line for line in p.lines if line.box.top < p.trim.top + HEADER_ZONE]
    strip = next((line for line in top_lines if _label(line)), None)
    header_end = _header_end(p, strip) if strip else p.trim.top
    middle = (p.trim.top + p.trim.bottom) / 2
    markers = [b.top for b in p.images if b.top > middle]
    markers += [
        line.box.top
        for line in p.lines
        if line.box.top > middle and (line.text.startswith("Bron:") or any(LINK.fullmatch(w) for w in line.words))
    ]
    footer_start = min(markers, default=p.trim.bottom)
    header = tuple(line for line in p.lines if line.box.bottom <= header_end + 0.5)
    footer = tuple(line for line in p.lines if line not in header and line.box.bottom > footer_start + 0.5)
    body = tuple(line for line in p.lines if line not in header and line not in footer)
    return Face(p, side, _label(strip) if strip else None, header, body, footer)


@dataclass(frozen=True)
class Card:
    index: int  # 0-based position in the PDF
    kind: str | None  # the kind of the card; a vervolg card has the kind of the card it continues
    front: Face
    back: Face

    @property
    def vervolg(self) -> bool:
        return self.front.label == VERVOLG

    @property
    def faces(self) -> tuple[Face, Face]:
        return (self.front, self.back)

    @property
    def code(self) -> str | None:
        return self.front.code or self.back.code

    @property
    def name(self) -> str:
        pages = f"{self.front.page.number}-{self.back.page.number}"
        return f"{self.front.page.path.name} kaart {self.index + 1} (pagina {pages})"


@cache
def cards(path: Path) -> tuple[Card, ...]:
    count = page_count(path)
    assert count % 2 == 0, f"{path.name}: {count} pagina's; elke kaart heeft een voor- en een achterkant"
    found: list[Card] = []
    for index in range(count // 2):
        front, back = face(path, 2 * index + 1), face(path, 2 * index + 2)
        kind = front.label
        if kind == VERVOLG:
            kind = found[-1].kind if found else None
        found.append(Card(index, kind, front, back))
    return tuple(found)


# --- fonts and the document catalogue -------------------------------------------------------------------------


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


@cache
def fonts(path: Path) -> dict[str, bool]:
    """Every font used anywhere in the PDF (pages and form XObjects): base name -> embedded (has a font file)."""
    found: dict[str, bool] = {}
    seen: set[int] = set()

    def descriptor_has_file(font) -> bool:
        if font.get("/Subtype") == "/Type0":
            font = _resolve(font["/DescendantFonts"])[0].get_object()
        descriptor = _resolve(font.get("/FontDescriptor"))
        return bool(descriptor) and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))

    def walk(resources) -> None:
        resources = _resolve(resources)
        if not resources or id(resources) in seen:
            return
        seen.add(id(resources))
        for font in (_resolve(resources.get("/Font")) or {}).values():
            font = _resolve(font)
            name = str(font.get("/BaseFont", font.get("/Subtype")))
            found[name] = found.get(name, True) and descriptor_has_file(font)
        for xobject in (_resolve(resources.get("/XObject")) or {}).values():
            xobject = _resolve(xobject)
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for p in PdfReader(path).pages:
        walk(p.get("/Resources"))
    return found


@cache
def catalogue(path: Path):
    reader = PdfReader(path)
    return reader.trailer["/Root"], reader.metadata or {}

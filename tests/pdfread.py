"""Read the card PDFs the way a reader, a phone camera and a print shop see them.

Pages are parsed with PyMuPDF (characters with size and font, words, thin lines, filled rectangles and images;
the PDF boxes with pypdf), once per page and only when a test asks for that page; colours as the PDF writes them
(CMYK) come from pdfplumber, only where a test asks for them (inks()). A drukker PDF is split into printed cards: page
2i is the front of card i, page 2i+1 its back, and a vervolg card follows its card as a card of its own. On each
face the kind label at the top ("WERKKAART", "Vervolg 1" ...) marks the header, the QR code, the printed link and
the source credit ("Bron:") in the lower half mark the footer, and what lies in between is the body text.
Rendering and QR codes: pdfrender.py. Coordinates are PDF points from the top left corner of the
MediaBox, boxes too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pymupdf
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


@dataclass(frozen=True)
class Char:
    text: str
    size: float  # points as printed (font size times the scale of the page, e.g. 92 % on home sheets)
    font: str
    box: Box


@dataclass(frozen=True)
class Ink:
    """A character with the colour it is printed in, as the PDF states it (not converted to RGB)."""

    text: str
    size: float
    space: str  # colour space of the fill: DeviceCMYK, DeviceRGB, DeviceGray ...
    colour: tuple


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
    colour: tuple  # RGB

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
def _document(path: Path):
    return pymupdf.open(path)


@cache
def page_count(path: Path) -> int:
    return len(_document(path))


def _flipped(pdf_box, media) -> Box:
    """A PDF box [left bottom right top] in the coordinates of this module (from the top left of the MediaBox)."""
    left, bottom, right, top = (float(v) for v in pdf_box)
    x0, y1 = float(media[0]), float(media[3])
    return Box(left - x0, y1 - top, right - x0, y1 - bottom)


@cache
def _reader(path: Path) -> PdfReader:
    """The PDF's objects as written (boxes, fonts, catalogue), read once per file."""
    return PdfReader(path)


@cache
def _page_boxes(path: Path) -> tuple[tuple[Box, Box, Box], ...]:
    """Media, bleed and trim box of every page, as the PDF states them."""
    return tuple(
        tuple(_flipped(box, p.mediabox) for box in (p.mediabox, p.bleedbox, p.trimbox)) for p in _reader(path).pages
    )


def _words(chars: list[Char]) -> list[tuple[str, Box]]:
    """Characters into words (text, box), as pdfplumber's extract_words(x_tolerance=1, y_tolerance=2) groups them:
    rows of tops less than 2 pt apart, left to right, a new word at a space or a gap of more than 1 pt (so the kind
    label and the code badge next to it are separate words)."""
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: c.box.top):
        if rows and char.box.top - rows[-1][-1].box.top <= 2:
            rows[-1].append(char)
        else:
            rows.append([char])
    words: list[list[Char]] = []
    for row in rows:
        current: list[Char] = []
        for char in sorted(row, key=lambda c: c.box.x0):
            if char.text.isspace():
                current = []
                continue
            last = current[-1] if current else None
            if last and (
                char.box.x0 < last.box.x0 or char.box.x0 > last.box.x1 + 1 or abs(char.box.top - last.box.top) > 2
            ):
                current = []
            if not current:
                words.append(current)
            current.append(char)
    return [("".join(c.text for c in word), _around(c.box for c in word)) for word in words]


def _around(boxes) -> Box:
    boxes = list(boxes)
    return Box(
        min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes), max(b.bottom for b in boxes)
    )


def _lines(words: list[tuple[str, Box]]) -> tuple[Line, ...]:
    """Group words into lines: the same baseline (within 2 pt) and less than 12 pt apart."""
    rows: list[list[tuple[str, Box]]] = []
    for word in sorted(words, key=lambda w: (round(w[1].bottom), w[1].x0)):
        row = next(
            (r for r in rows if abs(r[-1][1].bottom - word[1].bottom) <= 2 and 0 <= word[1].x0 - r[-1][1].x1 < 12),
            None,
        )
        if row is None:
            rows.append([word])
        else:
            row.append(word)
    lines = [Line(tuple(text for text, _ in row), _around(box for _, box in row)) for row in rows]
    return tuple(sorted(lines, key=lambda line: (round(line.box.top, 1), line.box.x0)))


def _subpaths(items) -> list[tuple[str, list[tuple[float, float]]]]:
    """The subpaths of a drawn path, as pdfminer (pdfplumber) splits them: a rectangle on its own, and lines and
    curves that continue where the previous one ended together; each with its points."""
    found: list[tuple[str, list[tuple[float, float]]]] = []
    end = None
    for item in items:
        if item[0] in ("re", "qu"):
            corners = (item[1].tl, item[1].br) if item[0] == "re" else (item[1].ul, item[1].lr)
            found.append((item[0], [(point.x, point.y) for point in corners]))
            end = None
            continue
        points = [(point.x, point.y) for point in item[1:]]  # "l" (line) or "c" (curve)
        if end is not None and abs(points[0][0] - end[0]) < 0.01 and abs(points[0][1] - end[1]) < 0.01:
            found[-1] = ("c", found[-1][1] + points[1:])
        else:
            found.append((item[0], points))
        end = points[-1]
    return found


def _graphics(drawn) -> tuple[tuple[Stroke, ...], tuple[Box, ...]]:
    """The thin graphics (each subpath on its own) and the filled rectangles."""
    strokes, areas = [], []
    for path in drawn:
        colour = path["color"] if path.get("color") is not None else path.get("fill")
        for kind, points in _subpaths(path["items"]):
            xs, ys = [x for x, _ in points], [y for _, y in points]
            box = Box(min(xs), min(ys), max(xs), max(ys))
            if min(box.width, box.height) <= THIN:
                strokes.append(Stroke(box, tuple(colour or ())))
            elif kind in ("re", "qu") and path.get("fill") is not None:
                areas.append(box)
    return tuple(strokes), tuple(areas)


def _characters(mupdf) -> list[Char]:
    """Every character of a page, spaces too. A ligature is one character with all its letters (as in pdfplumber):
    MuPDF gives its second letter without a glyph and without width."""
    found: list[Char] = []
    for span in mupdf.get_texttrace():
        size, font = span["size"], span["font"].split("+")[-1]
        first = len(found)
        for code, glyph, _, bbox in span["chars"]:
            if glyph < 0 and len(found) > first:
                last = found[-1]
                found[-1] = Char(last.text + chr(code), last.size, last.font, last.box)
            else:
                found.append(Char(chr(code), size, font, Box(*bbox)))
    return found


@cache
def page(path: Path, number: int) -> Page:
    mupdf = _document(path)[number - 1]
    media, bleed, trim = _page_boxes(path)[number - 1]
    every = _characters(mupdf)
    strokes, areas = _graphics(mupdf.get_drawings())
    return Page(
        path,
        number,
        media,
        bleed,
        trim,
        tuple(c for c in every if c.text.strip()),
        _lines(_words(every)),
        strokes,
        areas,
        tuple(Box(*image["bbox"]) for image in mupdf.get_image_info()),
    )


def text(path: Path, pages: int | None = None) -> str:
    """All text of a PDF (or of its first pages), page by page."""
    document = _document(path)
    return "\n".join(document[n].get_text() for n in range(min(pages or len(document), len(document))))


@cache
def _plumber(path: Path):
    import pdfplumber  # a quarter of a second to import, and only inks() needs it

    return pdfplumber.open(path)


def inks(path: Path, number: int) -> tuple[Ink, ...]:
    """The characters of a page with their colour as written in the PDF (pdfplumber: PyMuPDF, which reads the rest,
    gives colours converted to RGB, and K-only black must be told from rich black)."""
    plumbed = _plumber(path).pages[number - 1]
    found = tuple(
        Ink(c["text"], c["size"], str(c.get("ncs")), tuple(c["non_stroking_color"] or ()))
        for c in plumbed.chars
        if c["text"].strip()
    )
    plumbed.flush_cache()
    return found


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

    for p in _reader(path).pages:
        walk(p.get("/Resources"))
    return found


@cache
def catalogue(path: Path):
    reader = _reader(path)
    return reader.trailer["/Root"], reader.metadata or {}

"""The card PDFs as a print shop and a home printer get them: boxes and crop marks, fonts, type sizes, colour, proofs.

Drukker PDFs: one A6 face per page, TrimBox 105 x 148 mm, 3 mm bleed, crop marks in a slug outside the bleed,
PDF/X with a CMYK output intent and small text in pure black. Thuis PDFs: A4 sheets, backs mirrored for a
long-edge flip. A build with a placeholder site address marks every PDF as proof; a build for a real host has no
trace of the placeholder. Read with tests/pdfread.py (PyMuPDF, pdfplumber for colours, pypdf, pdftoppm, zxing-cpp).
"""

from __future__ import annotations

import re
import subprocess
from itertools import combinations
from pathlib import Path

import pytest
from pdfread import MM, Box, catalogue, face, fonts, inks, page, page_count, squash, text
from pdfrender import crop_mm, qr_codes, render, share_different
from PIL import Image, ImageChops, ImageOps
from pypdf import PdfReader

from conftest import PUBLISHED_HOST, ROOT

A6 = (105 * MM, 148 * MM)
A4 = (210 * MM, 297 * MM)
BLEED = 3 * MM
MIN_SLUG = 5 * MM  # room beyond the bleed for crop marks (the spec: about 7 mm)
REAL_HOST = PUBLISHED_HOST
BODY_PT, MIN_PT, RICH_BLACK_BELOW_PT = 10.0, 8.0, 12.0


@pytest.fixture(scope="session")
def kaarten(site) -> Path:
    return site / "kaarten"


def drukker_pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*-drukker.pdf"))


def sample_faces(kaarten: Path) -> list:
    """Faces of every kind: all werkkaarten and spanningsvelden, the first cards of the question and quote sets.

    Type sizes and colours come from one template per kind, so these faces show them all."""
    quotes = sorted(kaarten.glob("citaten-*-drukker.pdf"))[0]
    found = []
    for path, pages in (
        (kaarten / "werkkaarten-drukker.pdf", None),
        (kaarten / "spanningsvelden-drukker.pdf", None),
        (kaarten / "reflectievragen-drukker.pdf", 8),
        (quotes, 8),
    ):
        found += [face(path, n) for n in range(1, (pages or page_count(path)) + 1)]
    return found


# --- drukker: boxes and crop marks ---------------------------------------------------------------------------


def _edges(box) -> list[float]:
    return [float(v) for v in box]  # left, bottom, right, top (PDF coordinates)


def test_drukker_pages_have_trim_bleed_and_slug(kaarten):
    for path in drukker_pdfs(kaarten):
        for number, p in enumerate(PdfReader(path).pages, 1):
            where = f"{path.name} pagina {number}"
            trim, bleed, media = _edges(p.trimbox), _edges(p.bleedbox), _edges(p.mediabox)
            assert trim[2] - trim[0] == pytest.approx(A6[0], abs=0.2), where
            assert trim[3] - trim[1] == pytest.approx(A6[1], abs=0.2), where
            expected = [trim[0] - BLEED, trim[1] - BLEED, trim[2] + BLEED, trim[3] + BLEED]
            assert bleed == pytest.approx(expected, abs=0.1), f"{where}: BleedBox is niet TrimBox + 3 mm"
            slug = [bleed[0] - media[0], bleed[1] - media[1], media[2] - bleed[2], media[3] - bleed[3]]
            assert min(slug) >= MIN_SLUG, f"{where}: geen snijtekenrand buiten de afloop ({[s / MM for s in slug]} mm)"


def _marks(p) -> tuple[list, list]:
    """Thin lines outside the trim (all of them, and those that print: not white)."""
    outside = [s for s in p.strokes if not p.trim.overlaps(s.box)]
    white = {(1.0,) * 3, (0.0,) * 4}
    return outside, [s for s in outside if tuple(round(float(v), 3) for v in s.colour) not in white]


@pytest.mark.parametrize("which", ["first", "last"])
def test_crop_marks_are_in_the_slug_aligned_with_the_trim(kaarten, which):
    for path in drukker_pdfs(kaarten):
        p = page(path, 1 if which == "first" else page_count(path))
        where = f"{path.name} pagina {p.number}"
        outside, marks = _marks(p)
        inside_bleed = [s.box for s in outside if p.bleed.overlaps(s.box)]
        assert not inside_bleed, f"{where}: snijtekens in de afloop (binnen de BleedBox): {inside_bleed[:4]}"
        assert len(marks) == 8, f"{where}: {len(marks)} snijtekens in plaats van 8"
        at = []
        for mark in marks:
            if mark.vertical:
                x = (mark.box.x0 + mark.box.x1) / 2
                edge = next(
                    (e for e in ("left", "right") if abs(x - getattr(p.trim, {"left": "x0"}.get(e, "x1"))) < 0.3), None
                )
                at.append((edge, "top" if mark.box.bottom <= p.trim.top else "bottom"))
            else:
                y = (mark.box.top + mark.box.bottom) / 2
                edge = next((e for e in ("top", "bottom") if abs(y - getattr(p.trim, e)) < 0.3), None)
                at.append((edge, "left" if mark.box.x1 <= p.trim.x0 else "right"))
            assert at[-1][0], f"{where}: snijteken {mark.box} ligt niet in het verlengde van een snijrand"
            assert max(mark.box.width, mark.box.height) >= 3 * MM, f"{where}: snijteken korter dan 3 mm"
        assert len(set(at)) == 8, f"{where}: niet elke hoek heeft twee snijtekens: {sorted(at)}"


# --- fonts and type sizes ------------------------------------------------------------------------------------


def test_every_font_is_embedded_and_lato(kaarten):
    for path in sorted(kaarten.rglob("*.pdf")):
        used = fonts(path)
        assert used, path.name
        not_embedded = [name for name, embedded in used.items() if not embedded]
        assert not not_embedded, f"{path.name}: lettertypen niet ingesloten: {not_embedded}"
        other = [name for name in used if "Lato" not in name]
        assert not other, f"{path.name}: andere lettertypen dan Lato: {other}"


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def test_drukker_text_is_at_least_8_pt_and_body_at_least_10_pt(kaarten):
    small, body = [], []
    for f in sample_faces(kaarten):
        where = f"{f.page.path.name} pagina {f.page.number}"
        on_card = [c for c in f.page.chars if f.page.trim.overlaps(c.box)]  # not the slug (set, page, PROEF)
        small += [f"{where}: '{c.text}' {c.size:.1f} pt" for c in on_card if c.size < MIN_PT - 0.05]
        sizes = [c.size for c in f.body_chars()]
        if sizes and _median(sizes) < BODY_PT - 0.05:
            body.append(f"{where}: lopende tekst {_median(sizes):.1f} pt")
    assert not small, f"tekst kleiner dan {MIN_PT} pt: {small[:8]}"
    assert not body, f"lopende tekst kleiner dan {BODY_PT} pt: {body[:8]}"


def _width_of(p, wanted: str) -> float | None:
    """Width of the first line on page ``p`` that reads ``wanted`` (the same line on card and sheet: their ratio is
    the scale of the sheet)."""
    line = next((line for line in p.lines if line.text == wanted), None)
    return line.box.width if line else None


def test_thuis_body_text_is_at_least_10_pt(kaarten):
    """The home sheets print the drukker faces smaller (92 %): the body text must still be 10 pt there.

    The scale is measured: the first card's kind label on the drukker page and on the first home sheet."""
    for name in ("werkkaarten", "spanningsvelden", "reflectievragen"):
        drukker, thuis = kaarten / f"{name}-drukker.pdf", kaarten / f"{name}-thuis.pdf"
        texts = {p: [line.text for line in page(p, 1).lines] for p in (drukker, thuis)}
        # A header line of card 1 that stands exactly once on both pages (so it is that card's line on the sheet).
        label = next(
            line.text for line in face(drukker, 1).header if all(t.count(line.text) == 1 for t in texts.values())
        )
        on_sheet, on_card = _width_of(page(thuis, 1), label), _width_of(page(drukker, 1), label)
        assert on_sheet and on_card, f"{thuis.name}: kaart 1 ('{label}') niet gevonden op vel 1"
        for n in range(1, 9):
            sizes = [c.size for c in face(drukker, n).body_chars()]
            body = _median(sizes) * on_sheet / on_card
            assert body >= BODY_PT - 0.05, f"{thuis.name}: lopende tekst van {drukker.name} pagina {n} is {body:.1f} pt"


# --- colour for the print shop --------------------------------------------------------------------------------


def test_drukker_pdfs_are_pdfx_with_a_cmyk_output_intent(kaarten):
    for path in drukker_pdfs(kaarten):
        root, _ = catalogue(path)
        intents = [intent.get_object() for intent in root.get("/OutputIntents", [])]
        pdfx = [intent for intent in intents if intent.get("/S") == "/GTS_PDFX"]
        assert pdfx, f"{path.name}: geen OutputIntent /GTS_PDFX (PDF/X)"
        profile = pdfx[0].get("/DestOutputProfile")
        assert profile is not None, f"{path.name}: OutputIntent zonder ICC-profiel (DestOutputProfile)"
        assert profile.get_object().get("/N") == 4, f"{path.name}: het ICC-profiel is geen CMYK-profiel"


def _rgb(space: str, colour: tuple) -> tuple[float, ...]:
    if len(colour) == 4:
        c, m, y, k = colour
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return tuple(colour) * 3 if len(colour) == 1 else tuple(colour)


def test_small_text_is_pure_black_never_rich_black(kaarten):
    """Text below 12 pt that looks black or dark grey is printed with K ink only (DeviceCMYK 0 0 0 k)."""
    wrong = set()
    for f in sample_faces(kaarten):
        for c in inks(f.page.path, f.page.number):
            rgb = _rgb(c.space, c.colour) if c.colour else (0.0, 0.0, 0.0)
            dark_neutral = max(rgb) < 0.35 and max(rgb) - min(rgb) < 0.1
            if c.size < RICH_BLACK_BELOW_PT and dark_neutral:
                if c.space != "DeviceCMYK" or any(abs(v) > 0.001 for v in c.colour[:3]):
                    wrong.add(f"{f.page.path.name} p{f.page.number}: {c.space} {c.colour}")
    assert not wrong, f"kleine donkere tekst niet in puur zwart (alleen K): {sorted(wrong)[:8]}"


def test_the_four_kinds_differ_in_greyscale(kaarten):
    """The top strip of each kind's front (text masked out) differs visibly from every other kind in greyscale.

    Visibly: a difference of more than 48 of 255 grey levels (19 %), which survives a black-and-white copy, over
    at least 2 % of the strip (about 20 mm², a small icon or a pattern). The current colour bands alone differ by
    at most 36 levels in grey, so colour alone does not pass.
    """
    dpi, levels, share = 100, 48, 0.02
    fronts = {
        "werkkaart": kaarten / "werkkaarten-drukker.pdf",
        "spanningsveld": kaarten / "spanningsvelden-drukker.pdf",
        "reflectievraag": kaarten / "reflectievragen-drukker.pdf",
        "citaat": sorted(kaarten.glob("citaten-*-drukker.pdf"))[0],
    }
    faces = {kind: face(path, 1) for kind, path in fronts.items()}
    assert all(f.header for f in faces.values()), "elke voorkant heeft bovenaan zijn soort"
    height = max([10 * MM, *(f.header[0].box.bottom + 2 * MM - f.page.trim.top for f in faces.values())])
    strips = {}
    for kind, f in faces.items():
        area = Box(f.page.trim.x0, f.page.trim.top, f.page.trim.x1, f.page.trim.top + height)
        strips[kind] = crop_mm(render(fronts[kind], 1, dpi), f.page, area, dpi, mask_text=True)
    for a, b in combinations(strips, 2):
        mask = ImageChops.multiply(strips[a][1], strips[b][1])
        different = share_different(strips[a][0], strips[b][0], mask, levels)
        assert different >= share, f"{a} en {b} zijn in grijs bovenaan gelijk ({different:.1%} van de strook anders)"


# --- proof or publishing ------------------------------------------------------------------------------------------


def test_placeholder_build_marks_every_pdf_as_proof(kaarten):
    from mkdocs.config import load_config

    from kb.model.addresses import is_placeholder

    if not is_placeholder(load_config(str(ROOT / "mkdocs.yml")).site_url):
        pytest.skip("deze testrun bouwt voor een echt adres (SITE_URL)")
    for path in sorted(kaarten.rglob("*.pdf")):
        _, info = catalogue(path)
        assert str(info.get("/Title", "")).startswith("PROEF"), f"{path.name}: titel begint niet met PROEF"
        first = page(path, 1)
        if path.name.endswith("-drukker.pdf"):
            slug = [line.text for line in first.lines if not first.bleed.overlaps(line.box)]
            assert any("PROEF" in text for text in slug), f"{path.name}: de snijtekenrand zegt niet PROEF"
        else:
            assert "PROEF" in first.text, f"{path.name}: het vel zegt niet PROEF"


@pytest.fixture(scope="session")
def published(published_site) -> Path:
    """All card PDFs of a build for publishing at a real host (conftest.published_site)."""
    return published_site / "kaarten"


def test_publishing_build_has_no_placeholder_and_is_no_proof(published):
    pdfs = sorted(published.rglob("*.pdf"))
    for path in pdfs:
        _, info = catalogue(path)
        assert not str(info.get("/Title", "")).startswith("PROEF"), f"{path.name}: als proef gemarkeerd"
        printed = text(path)
        assert not re.search("example", printed, re.I), f"{path.name}: het voorbeeldadres staat erop"
        assert "PROEF" not in printed, f"{path.name}: zegt PROEF"
    # QR codes: every werkkaart, and the first card of every other drukker set and of the home sheets
    werkkaarten = published / "werkkaarten-drukker.pdf"
    pages = [(werkkaarten, n) for n in range(1, page_count(werkkaarten) + 1)]
    pages += [(path, n) for path in drukker_pdfs(published) for n in (1, 2)]
    pages += [(published / "werkkaarten-thuis.pdf", n) for n in (1, 2)]
    decoded = [code for path, n in pages for code in qr_codes(path, n)]
    assert decoded, "geen QR-codes gevonden"
    wrong = sorted({code for code in decoded if not code.startswith(REAL_HOST)})
    assert not wrong, f"QR-codes niet naar {REAL_HOST}: {wrong[:5]}"


# --- thuis: A4 sheets, backs mirrored ---------------------------------------------------------------------------


def test_thuis_pages_are_a4_sheet_pairs(kaarten):
    for path in [*kaarten.glob("*-thuis.pdf"), *kaarten.glob("los/*/*.pdf")]:
        reader = PdfReader(path)
        assert len(reader.pages) % 2 == 0, path.name
        for sheet in reader.pages:
            assert float(sheet.mediabox.width) == pytest.approx(A4[0], abs=0.2)
            assert float(sheet.mediabox.height) == pytest.approx(A4[1], abs=0.2)
            assert [float(v) for v in sheet.trimbox] == [float(v) for v in sheet.mediabox]
        assert "lange zijde" in reader.metadata.subject, "de PDF zegt over welke zijde je omslaat"
        assert "langezijde" in squash(text(path, pages=1))


@pytest.mark.parametrize("name", ["werkkaarten-thuis.pdf", "spanningsvelden-thuis.pdf"])
def test_every_thuis_sheet_names_its_set_number_and_side_at_the_top(kaarten, name):
    """The label ('… · vel 2 van 5 · achterkanten') is centred in the top margin of its own sheet, the printing
    instruction in the bottom margin: loose sheets can be put back in order and the right way round."""
    path = kaarten / name
    sheets = page_count(path) // 2
    for number in range(1, page_count(path) + 1):
        p = page(path, number)
        width, height = p.media.width, p.media.height
        top = [line for line in p.lines if line.box.bottom < 12 * MM]
        bottom = [line for line in p.lines if line.box.top > height - 12 * MM]
        assert len(top) == 1 and len(bottom) == 1, f"{name} p. {number}: {[line.text for line in top + bottom]}"
        label, instruction = top[0], bottom[0]
        side = "voorkanten" if number % 2 else "achterkanten"
        sheet = (number + 1) // 2
        assert label.text.endswith(f"· vel {sheet} van {sheets} · {side}"), f"{name} p. {number}: {label.text}"
        assert "Samen Lerend Doen Wat Werkt" in label.text
        assert "lange zijde" in instruction.text
        for line in (label, instruction):
            assert (line.box.x0 + line.box.x1) / 2 == pytest.approx(width / 2, abs=1.5), f"{line.text} niet gecentreerd"
            assert line.box.x0 >= 10 * MM - 0.5 and line.box.x1 <= width - 10 * MM + 0.5


def _render(pdf: Path, page: int, out: Path, dpi: int = 30) -> Image.Image:
    prefix = out / f"{pdf.stem}-{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    return Image.open(f"{prefix}.png").convert("RGB")


def _colour_boxes(image: Image.Image) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Bounding box of the strongly coloured pixels (card bands) in each quarter of the sheet.

    The cards meet at the middle of the sheet, so a few pixels around the middle lines are left out.
    """
    width, height = image.size
    gap = 3
    boxes = {}
    saturation = image.convert("HSV").split()[1].point(lambda s: 255 if s > 150 else 0)
    for row in range(2):
        for column in range(2):
            left = 0 if column == 0 else width // 2 + gap
            right = width // 2 - gap if column == 0 else width
            top = 0 if row == 0 else height // 2 + gap
            bottom = height // 2 - gap if row == 0 else height
            box = saturation.crop((left, top, right, bottom)).getbbox()
            if box:
                boxes[(row, column)] = (box[0] + left, box[1] + top, box[2] + left, box[3] + top)
    return boxes


def _codes(pdf: Path, page: int) -> dict[str, set[tuple[bool, bool]]]:
    """Cards on a sheet, by the short link printed on both faces (k/wk3): in which half (left?, top?) it stands.

    (A bare code such as WK3 can also stand in a card's text, e.g. under 'Past bij' on a werkkaart's back.)"""
    width, height = (float(v) for v in PdfReader(pdf).pages[page - 1].mediabox[2:])
    result = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[str, set] = {}
    for x0, y0, x1, y1, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', result
    ):
        if link := re.search(r"/k/((?:wk|sv)\d+)/?$", word):
            word = link.group(1).upper()
            x, y = (float(x0) + float(x1)) / 2, (float(y0) + float(y1)) / 2
            found.setdefault(word, set()).add((x < width / 2, y < height / 2))
    return found


@pytest.mark.parametrize("name", ["werkkaarten-thuis.pdf", "spanningsvelden-thuis.pdf", "uitlijntest-thuis.pdf"])
def test_backs_are_mirrored_for_a_long_edge_flip(kaarten, tmp_path, name):
    pdf = kaarten / name
    pages = len(PdfReader(pdf).pages)
    for front_page in range(1, pages + 1, 2):
        front = _render(pdf, front_page, tmp_path)
        back = _render(pdf, front_page + 1, tmp_path)
        # Flipping over the long edge of a portrait sheet mirrors left and right.
        seen_through = ImageOps.mirror(back)
        front_boxes, back_boxes = _colour_boxes(front), _colour_boxes(seen_through)
        assert set(front_boxes) == set(back_boxes), f"{name} vel {front_page}: andere posities voor en achter"
        for slot, box in front_boxes.items():
            # the coloured top of each card (band on the front, strip or cover on the back) lines up
            assert box[0] == pytest.approx(back_boxes[slot][0], abs=2), (name, front_page, slot)
            assert box[2] == pytest.approx(back_boxes[slot][2], abs=2), (name, front_page, slot)
            assert box[1] == pytest.approx(back_boxes[slot][1], abs=2), (name, front_page, slot)
        # Identity: each card's code is in the same row, and in the mirrored column, on the back.
        front_codes, back_codes = _codes(pdf, front_page), _codes(pdf, front_page + 1)
        assert front_codes or name.startswith("uitlijntest"), f"{name} vel {front_page}: geen korte links gevonden"
        for code, places in front_codes.items():
            mirrored = {(not left, top) for left, top in places}
            assert back_codes.get(code) == mirrored, f"{name} vel {front_page}: achterkant van {code} niet gespiegeld"

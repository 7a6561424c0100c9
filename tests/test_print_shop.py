"""The print-shop profile (drukker) read back from the PDF: page boxes, crop marks in the slug, the slug line,
PDF/X-4 with its output intent, only CMYK and grey, small text in pure black, and proof marking.

Builds two werkkaarten as one set (with a placeholder and with a real site address), not the whole site.
"""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from conftest import ROOT
from kb.check.collection import load_collection
from kb.model.types import WERKKAART
from kb.print import build, layout, pdf
from kb.print import cards as C

MM = 72 / 25.4
TOLERANCE = 0.05 * MM
PLACEHOLDER = "https://samenlerend.example.nl/"
REAL = "https://kennisbank.samenlerend.nl/"
TITLE = "Proefset drukkerij"
REGISTRATION = (1, 1, 1, 1)


def _build(site_url: str) -> dict[str, bytes]:
    collection, problems = load_collection(ROOT)
    assert not problems
    ctx = C.Context(site_url, collection)
    cards = [C.item_card(ctx, item) for item in collection.of(WERKKAART)[:2]]
    paths = {profile.id: f"kaarten/proef-{profile.id}.pdf" for profile in layout.PROFILES}
    job = build.Job("set", "proef", TITLE, cards, paths)
    job.key = job.fingerprint(site_url)
    files, _ = build._build([job], build.is_placeholder(site_url))[job]
    return {file.profile: file.content for file in files}


@pytest.fixture(scope="module")
def proof() -> dict[str, bytes]:
    return _build(PLACEHOLDER)


@pytest.fixture(scope="module")
def real() -> dict[str, bytes]:
    return _build(REAL)


def _pages(data: bytes):
    import pdfplumber  # a quarter of a second to import: only when this runs, not when the tests are collected

    with pdfplumber.open(io.BytesIO(data)) as document:
        yield from document.pages


def _inside(box, outer) -> bool:
    x0, top, x1, bottom = box
    return (
        x0 >= outer[0] - TOLERANCE
        and top >= outer[1] - TOLERANCE
        and x1 <= outer[2] + TOLERANCE
        and (bottom <= outer[3] + TOLERANCE)
    )


def _overlaps(box, outer) -> bool:
    x0, top, x1, bottom = box
    return (
        x0 < outer[2] - TOLERANCE
        and x1 > outer[0] + TOLERANCE
        and top < outer[3] - TOLERANCE
        and (bottom > outer[1] + TOLERANCE)
    )


def _grow(box, amount):
    return (box[0] - amount, box[1] - amount, box[2] + amount, box[3] + amount)


def _bbox(obj):
    return (obj["x0"], obj["top"], obj["x1"], obj["bottom"])


def test_drukker_pages_have_trim_bleed_and_slug(proof):
    for page in _pages(proof["drukker"]):
        trim = page.trimbox
        assert trim[2] - trim[0] == pytest.approx(105 * MM, abs=TOLERANCE)
        assert trim[3] - trim[1] == pytest.approx(148 * MM, abs=TOLERANCE)
        assert page.bleedbox == pytest.approx(_grow(trim, layout.BLEED * MM), abs=TOLERANCE)
        assert page.mediabox == pytest.approx(_grow(trim, (layout.BLEED + layout.SLUG) * MM), abs=TOLERANCE)


def test_crop_marks_are_in_the_slug_in_line_with_the_trim(proof):
    for page in _pages(proof["drukker"]):
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        marks = [line for line in page.lines if tuple(line["stroking_color"] or ()) == REGISTRATION]
        assert len(marks) == 8, f"pagina {page.page_number}: {len(marks)} snijtekens"
        for mark in marks:
            box = _bbox(mark)
            assert not _overlaps(box, bleed), f"snijteken {box} ligt (deels) in de afloop {bleed}"
            assert _inside(box, media)
        horizontal = sorted((round(m["top"], 1), m["x0"] < trim[0]) for m in marks if m["top"] == m["bottom"])
        vertical = sorted((round(m["x0"], 1), m["top"] < trim[1]) for m in marks if m["x0"] == m["x1"])
        edges_y = [round(trim[1], 1), round(trim[3], 1)]
        edges_x = [round(trim[0], 1), round(trim[2], 1)]
        assert horizontal == [(y, side) for y in edges_y for side in (False, True)]
        assert vertical == [(x, side) for x in edges_x for side in (False, True)]
        # Nothing else is drawn outside the bleed: artwork stops at 3 mm.
        for obj in [*page.rects, *page.curves, *page.images]:
            assert _inside(_bbox(obj), bleed), f"pagina {page.page_number}: {obj['object_type']} buiten de afloop"


def test_slug_line_names_set_card_side_and_page(proof, real):
    for data, proof_build in ((proof, True), (real, False)):
        pages = list(_pages(data["drukker"]))
        for number, page in enumerate(pages, 1):
            bleed = page.bleedbox
            slug_chars = [c for c in page.chars if not _inside(_bbox(c), page.trimbox)]
            assert all(not _overlaps(_bbox(c), bleed) for c in slug_chars), "tekst in de snijrand valt in de afloop"
            assert all(c["size"] < 8 and tuple(c["non_stroking_color"]) == (0, 0, 0, 1) for c in slug_chars)
            below = page.within_bbox((page.mediabox[0], bleed[3], page.mediabox[2], page.mediabox[3]))
            side = C.FRONT if number % 2 else C.BACK
            assert re.fullmatch(
                rf"{TITLE} · WK\d+ {side} · pagina {number} van {len(pages)}", below.extract_text().strip()
            ), below.extract_text()
            above = page.within_bbox((page.mediabox[0], page.mediabox[1], page.mediabox[2], bleed[1])).extract_text()
            assert above.strip() == (layout.PROOF_NOTE if proof_build else "")


def test_drukker_pdf_is_pdf_x4_with_a_cmyk_output_intent(proof):
    reader = pypdf.PdfReader(io.BytesIO(proof["drukker"]))
    assert reader.pdf_header == "%PDF-1.6"
    root = reader.trailer["/Root"]
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4
    icc = profile.get_data()
    assert (icc[12:16], icc[16:20], icc[20:24]) == (b"prtr", b"CMYK", b"Lab ")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert f'<rdf:li xml:lang="x-default">{reader.metadata.title}</rdf:li>' in xmp
    assert reader.metadata["/Trapped"] == "/False"
    assert "/CreationDate" in reader.metadata and "/ModDate" in reader.metadata
    assert "/ID" in reader.trailer


def _colour_problems(data: bytes) -> list[str]:
    """Every use of RGB in a PDF: colour operators and images (PDF/X-4 with a CMYK intent allows CMYK and grey)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    problems = set()
    for number, page in enumerate(reader.pages, 1):
        streams = [page]
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject["/Subtype"] == "/Image":
                if xobject.get("/ColorSpace") not in ("/DeviceGray", "/DeviceCMYK"):
                    problems.add(f"pagina {number}: afbeelding in {xobject.get('/ColorSpace')}")
            else:
                streams.append(xobject)
        for stream in streams:
            content = pypdf.generic.ContentStream(stream.get_contents() if stream is page else stream, reader)
            for operands, operator in content.operations:
                if operator in (b"rg", b"RG") or (operator in (b"cs", b"CS") and operands[0] == "/DeviceRGB"):
                    problems.add(f"pagina {number}: {operator.decode()} {operands}")
    return sorted(problems)


def test_drukker_pdf_uses_only_cmyk_and_grey(proof):
    """Also SVG icons (fill="device-cmyk(...)", not "#fff") and QR codes (8-bit grey, not 1-bit: WeasyPrint makes
    1-bit images RGB)."""
    assert not _colour_problems(proof["drukker"])


def test_small_text_is_pure_black_or_white_knock_out(proof):
    wrong = {}
    for page in _pages(proof["drukker"]):
        for char in page.chars:
            colour = tuple(char["non_stroking_color"] or ())
            if char["size"] < 12 and char["text"].strip() and colour not in ((0, 0, 0, 1), (0, 0, 0, 0)):
                wrong.setdefault((char["ncs"], colour, round(char["size"], 1)), []).append(char["text"])
    assert not wrong, {key: "".join(text)[:60] for key, text in wrong.items()}


def test_a_placeholder_address_makes_every_pdf_a_proof(proof, real):
    for profile in ("drukker", "thuis"):
        proof_reader, real_reader = (pypdf.PdfReader(io.BytesIO(d[profile])) for d in (proof, real))
        assert proof_reader.metadata.title.startswith("PROEF: ")
        assert "PROEF" not in real_reader.metadata.title
        assert "PROEF" in proof_reader.pages[0].extract_text()
        assert all("PROEF" not in page.extract_text() for page in real_reader.pages)
    thuis = pypdf.PdfReader(io.BytesIO(proof["thuis"]))
    assert all(layout.PROOF_NOTE in page.extract_text() for page in thuis.pages), "elk vel zegt PROEF"


def test_thuis_pdf_is_not_pdf_x(real):
    """Home printers get plain PDFs: no output intent (that would change colours in some viewers)."""
    root = pypdf.PdfReader(io.BytesIO(real["thuis"])).trailer["/Root"]
    assert "/OutputIntents" not in root


def test_drukker_pdf_is_reproducible(monkeypatch):
    """Dates from SOURCE_DATE_EPOCH and a document id from the title: the same input gives the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    html = layout.drukker_html([], "Reproduceerbaar")
    written = []
    for _ in range(2):
        document = pdf.render_document(html, str(layout.PRINT_DIR), [layout.PALETTE_CSS, layout.DRUKKER_CSS])
        written.append(pdf.document_to_pdf(document, layout.DRUKKER.pdf_variant))
    assert written[0] == written[1]
    assert b"2023-11-14T22:13:20" in written[0]

"""Vervolg rules and painted faces (kb/print/fit.py, kb/print/painted.py), with cards made in memory.

A card is made from a real spanningsveld the way the build makes it (kb.print.cards), then its list of reflection
questions is replaced by generated questions of one length, so the number of questions that fit on a face can be
measured and the lists can be made exactly one, two, three ... questions too long. A vervolg card is never made for
one or two questions (issue 13): the tests say 3, not fit.MIN_VERVOLG_ITEMS.
"""

from __future__ import annotations

import functools
import io
import subprocess
from functools import cache

import pytest

from conftest import ROOT

QUESTION_WORDS = 12  # about two lines per question
C_FRONT, C_BACK = "voorkant", "achterkant"  # kb.print.cards.FRONT and BACK


@cache
def _context():
    from kb.check.collection import load_collection
    from kb.print import cards as C

    collection, _ = load_collection(ROOT)
    return C.Context("https://kaarten.example.nl/", collection)


def questions(count: int, words: int = QUESTION_WORDS) -> list[str]:
    filler = " ".join(["werkwijze"] * (words - 3))
    return [f"Vraag {number:02d}: {filler}?" for number in range(1, count + 1)]


def card_with(items: list[str]):
    """A spanningsveld card whose back lists ``items`` (a fresh card: lay_out adds vervolg cards to it)."""
    from kb.model.types import SPANNINGSVELD
    from kb.print import cards as C

    ctx = _context()
    card = C.item_card(ctx, ctx.collection.of(SPANNINGSVELD)[0])
    card.back = C.with_items(card.back, items, more=False)
    return card


def fitting(card, face) -> int:
    from kb.print import fit, layout

    return fit.measure(fit.render_faces([layout.PlacedFace(face, card)]))[0].fitting_items


@cache
def capacity() -> int:
    """How many generated questions fit on the back of a card."""
    card = card_with(questions(40))
    return fitting(card, card.back)


@cache
def vervolg_capacity() -> int:
    """How many generated questions fit on the front of a vervolg card."""
    from kb.print import cards as C

    card = card_with(questions(40))
    extra = C.continuation(card, card.back, questions(40), 1)
    return fitting(extra, extra.front)


def lay_out(items: list[str]):
    from kb.print import fit

    card = card_with(items)
    fit.lay_out([card])
    return card


def lists(card) -> list[list[str]]:
    """The list on the card's back, then the list on each vervolg card's front."""
    return [card.back.context["items"], *(extra.front.context["items"] for extra in card.continues)]


def test_a_list_that_fits_makes_no_vervolg_card():
    card = lay_out(questions(capacity()))
    assert card.continues == []
    assert lists(card) == [questions(capacity())]
    assert card.back.context["more"] is False


@pytest.mark.parametrize("over", [1, 2])
def test_one_or_two_questions_too_many_move_three_to_the_vervolg_card(over):
    total = capacity() + over
    card = lay_out(questions(total))
    assert [len(items) for items in lists(card)] == [total - 3, 3]
    assert sum(lists(card), []) == questions(total), "the questions keep their order"
    assert card.back.context["more"] is True, "the card says the list goes on"


def test_three_questions_too_many_go_to_the_vervolg_card_as_they_are():
    card = lay_out(questions(capacity() + 3))
    assert [len(items) for items in lists(card)] == [capacity(), 3]


def test_a_vervolg_front_that_does_not_fit_continues_on_a_new_vervolg_card():
    """The vervolg card's back is a cover (no list): the list goes on on the front of vervolg card 2."""
    total = capacity() + vervolg_capacity() + 1
    card = lay_out(questions(total))
    counts = [len(items) for items in lists(card)]
    assert len(card.continues) == 2, counts
    assert vervolg_capacity() - 2 >= 3, "vervolg 1 can give two questions to vervolg 2 and keep three"
    assert counts == [capacity(), vervolg_capacity() - 2, 3]
    assert sum(lists(card), []) == questions(total)
    for number, extra in enumerate(card.continues, 1):
        assert extra.key.endswith(f"/vervolg-{number}")
        assert extra.back.split is None and "items" not in extra.back.context, "a vervolg back is a cover"
    assert [extra.front.context["more"] for extra in card.continues] == [True, False]


def test_every_vervolg_card_holds_at_least_three_questions():
    for total in range(capacity() + 1, capacity() + vervolg_capacity() + 5, 2):
        card = lay_out(questions(total))
        assert card.continues, total
        assert all(len(items) >= 3 for items in lists(card)[1:]), (total, lists(card))
        assert len(lists(card)[0]) >= 1
        assert sum(lists(card), []) == questions(total)


def long_questions_of_which_one_fits() -> list[str]:
    """Two questions so long that the first fits on the back and the second does not."""
    words = QUESTION_WORDS
    while True:
        words += 10
        card = card_with(questions(2, words))
        if fitting(card, card.back) == 1:
            return questions(2, words)


def test_a_list_too_short_for_a_vervolg_card_is_an_error_in_dutch():
    """One question that does not fit cannot go to a vervolg card on its own, and the card keeps its first one."""
    from kb.print.fit import CardsDoNotFit

    items = long_questions_of_which_one_fits()
    with pytest.raises(CardsDoNotFit) as raised:
        lay_out(items)
    (problem,) = raised.value.problems
    assert problem.path.startswith("spanningsvelden/")
    assert "te weinig voor een vervolgkaart" in problem.message
    assert "minstens 3 items" in problem.message
    assert "Maak de tekst korter" in problem.message


def test_a_question_longer_than_a_card_is_an_error_in_dutch():
    from kb.print.fit import CardsDoNotFit

    with pytest.raises(CardsDoNotFit) as raised:
        lay_out(questions(1, 400))
    assert "Zelfs het eerste item van de lijst past niet op een kaart" in raised.value.problems[0].message


# --- faces that print the same ----------------------------------------------------------------------------------


def _reflection_cards():
    from kb.model.types import SPANNINGSVELD
    from kb.print import cards as C

    ctx = _context()
    return C.reflection_cards(ctx, ctx.collection.of(SPANNINGSVELD)[0])


def test_the_same_cover_is_laid_out_once_and_printed_on_every_card():
    """The back of every reflection question of one spanningsveld is the same cover: laid out and painted once, and
    every card gets that painting (fronts stay their own)."""
    from kb.print import fit

    cards = _reflection_cards()
    assert len(cards) >= 3
    laid_out = fit.lay_out(cards)
    backs = {id(laid_out.pages[(card.key, C_BACK)]) for card in cards}
    fronts = {id(laid_out.pages[(card.key, C_FRONT)]) for card in cards}
    assert len(backs) == 1
    assert len(fronts) == len(cards)


def test_a_shared_cover_that_does_not_fit_names_every_card():
    """A cover that does not fit is laid out once, but the error names each card that prints it."""
    from dataclasses import replace

    from kb.print import fit

    cards = _reflection_cards()
    too_long = " ".join(["spanningsveld"] * 120)
    for card in cards:
        card.back = replace(card.back, context={**card.back.context, "field_title": too_long})
    with pytest.raises(fit.CardsDoNotFit) as raised:
        fit.lay_out(cards)
    named = [problem.message for problem in raised.value.problems if "achterkant" in problem.message]
    assert len(named) == len(cards)
    for card in cards:
        assert sum(f"({card.key})" in message for message in named) == 1
    assert all("te lang" in message and "Maak de tekst korter" in message for message in named)


# --- a painted face prints like the page ---------------------------------------------------------------------


def _pixels(pdf: bytes, tmp_path, name: str, number: int):
    from PIL import Image

    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    page = ["-f", str(number), "-l", str(number)]
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", *page, f"{name}.pdf", name], cwd=tmp_path, check=True
    )
    return Image.open(tmp_path / f"{name}.png").convert("L")


def test_a_painted_face_prints_like_the_page_itself(tmp_path):
    """painted.PaintedFace draws a face, laid out with others on one page, from one painting; the PDF must show
    exactly what painting the face laid out on a page of its own shows (text, icons, QR code, colours), on the
    drukker page and scaled on the home sheets."""
    from PIL import ImageChops
    from pypdf import PdfReader

    from kb.print import fit, layout
    from kb.print.impose import ImposedPage, sheet_labels
    from kb.print.painted import PaintedFace
    from kb.print.pdf import document_to_pdf

    card = card_with(questions(4))
    placed = [layout.PlacedFace(face, card) for face in card.faces()]
    document = fit.render_faces(placed)
    laid_out = {side: page for side, page in zip((C_FRONT, C_BACK), document.pages, strict=True)}
    together = fit.render_faces(placed * 2, per_page=4)  # below other faces on one page, as the build does
    boxes = [measured.box for _, measured in sorted(fit.measure(together).items())][2:]
    painted = {
        side: PaintedFace(together.pages[0], together, box) for side, box in zip((C_FRONT, C_BACK), boxes, strict=True)
    }
    sheets = layout.thuis_sheets([card], "Proef")
    chrome = layout.render(layout.blank_sheets_html(), [layout.THUIS_CSS])
    blank = dict(zip(layout.SHEET_SIDES, chrome.pages, strict=True))
    labels = sheet_labels([sheet.label for sheet in sheets])

    def imposed(faces):
        return [
            ImposedPage(
                blank[sheet.side],
                [(faces[slot.side], *slot.origin) for slot in sheet.slots],
                layout.SCALE,
                labels.box(sheet.label),
            )
            for sheet in sheets
        ]

    for name, before, after in (
        ("drukker", document.copy(list(laid_out.values())), document.copy(list(painted.values()))),
        ("thuis", chrome.copy(imposed(laid_out)), chrome.copy(imposed(painted))),
    ):
        pdfs = document_to_pdf(before), document_to_pdf(after)
        texts = ["\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages) for pdf in pdfs]
        assert texts[0] == texts[1] and "Vraag 04" in texts[1], name
        for number in range(1, len(before.pages) + 1):
            # Averaged over 4 x 4 pixels: Poppler smooths the edges of a few glyphs a little differently in a form,
            # but a missing or moved shape, text or colour stays.
            images = [_pixels(pdf, tmp_path, f"{name}-{index}", number).reduce(4) for index, pdf in enumerate(pdfs)]
            histogram = ImageChops.difference(*images).histogram()
            changed = sum(histogram[16:]) / sum(histogram)
            assert changed < 0.002, f"{name} pagina {number}: {changed:.3%} van de pixels verschilt"


class _LinePage:
    """A page of the size of ``like`` that only draws one TextLines line, with its block's top-left corner at
    (x, y) px, as CropMarkedPage and ImposedPage draw theirs."""

    def __init__(self, line, like, x: float, y: float):
        self.line, self.x, self.y = line, x, y
        self.width, self.height, self.bleed = like.width, like.height, like.bleed
        self.bookmarks, self.links, self.anchors, self.forms = [], [], {}, {None: []}

    def paint(self, stream, scale=1):
        with stream.stacked():
            stream.transform(a=scale, d=scale)
            self.line.paint(stream, self.x, self.y)


@pytest.mark.parametrize("lines", ["slug", "label"])
def test_a_line_painted_from_pieces_prints_like_the_line_laid_out_whole(lines):
    """impose.TextLines lays out every piece of the slug lines and sheet labels once and draws a line as its pieces
    side by side, aligned like its block (the labels are centred): that must print the same characters in the same
    places as WeasyPrint printing the whole line in that block."""
    import pdfplumber

    from kb.print import build, impose, layout
    from kb.print.pdf import document_to_pdf

    card = build.standard_sets(_context())[2].cards[11]  # a reflection question
    if lines == "slug":
        pieces = layout.slug_text("Alle werkkaarten", card, C_BACK, 7, 16)
        made, html, css, block = impose.slug_lines([pieces], False), layout.slug_html, layout.DRUKKER_CSS, "slug-line"
        html = functools.partial(html, proof=False)
    else:
        pieces = layout.thuis_sheets([card] * 9, "Alle werkkaarten", proof=True)[3].label
        made, html, css, block = (
            impose.sheet_labels([pieces]),
            layout.sheet_labels_html,
            layout.THUIS_CSS,
            "sheet-label-lines",
        )
    whole = layout.render(html(["".join(pieces)]), [css, "@page { size: 220mm 40mm; margin: 0; bleed: 0 }"])
    page = whole.pages[0]
    place = next(impose._blocks(page._page_box, block))
    ours = whole.copy([_LinePage(made.box(pieces), page, place.content_box_x(), place.content_box_y())])
    drawn = []
    for pdf in (document_to_pdf(whole), document_to_pdf(ours)):
        with pdfplumber.open(io.BytesIO(pdf)) as read:
            drawn.append([(char["text"], char["x0"], char["top"]) for char in read.pages[0].chars])
    assert ["".join(text for text, _, _ in chars) for chars in drawn] == ["".join(pieces)] * 2
    for (text, whole_x, whole_top), (_, x, top) in zip(*drawn, strict=True):
        assert x == pytest.approx(whole_x, abs=0.5) and top == pytest.approx(whole_top, abs=0.1), text


# --- the faint icon in the band ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["werkkaart", "spanningsveld", "reflectievraag", "citaat"])
def test_the_faint_band_icon_is_the_kinds_colour_with_30_percent_white_without_transparency(kind):
    """The large faint icon in the band and strips is pre-mixed (icons.py): drawn in the kind's colour from
    palette.css with every ink at 70 %, which is what the white icon at 30 % opacity over that colour prints as in
    CMYK. The print-shop PDF has no transparency, and the icon's shape is still there."""
    import re

    from pypdf import PdfReader

    from kb.print import build, fit, layout
    from kb.print.pdf import document_to_pdf

    ctx = _context()
    card = next(card for card_set in build.standard_sets(ctx) for card in card_set.cards if card.kind == kind)
    placed = [layout.PlacedFace(face, card) for face in card.faces()]
    assert any(f'src="icons/{kind}-merk.svg"' in str(face.html()) for face in card.faces())
    reader = PdfReader(io.BytesIO(document_to_pdf(fit.render_faces(placed), layout.DRUKKER.pdf_variant)))

    palette = layout.PALETTE_CSS.read_text(encoding="utf-8")
    colour = [float(ink) for ink in re.search(rf"--{kind}:\s*device-cmyk\(([^)]*)\)", palette).group(1).split()]
    marks = []

    def walk(resources) -> None:
        states = resources.get("/ExtGState", {})
        assert all(float(state.get(key, 1)) == 1 for state in states.values() for key in ("/ca", "/CA")), "doorzichtig"
        for name, x_object in resources.get("/XObject", {}).items():
            x_object = x_object.get_object()
            assert "/Group" not in x_object, f"{name}: een transparantiegroep in de drukker-PDF"
            if name == f"/kb-icon-{kind}-merk":
                marks.append(x_object.get_data().decode("latin-1"))
            if "/Resources" in x_object:
                walk(x_object["/Resources"])

    for page in reader.pages:
        walk(page["/Resources"])
    assert len(marks) >= 1, "geen vage icoon in de band"
    for content in marks:
        inks = re.search(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (?:scn|k)\b", content)
        assert inks, content
        assert [float(ink) for ink in inks.groups()] == pytest.approx([0.7 * ink for ink in colour], abs=0.001)
        assert re.search(r"\b(re|c|l)\b", content) and re.search(r"\bf\*?\b", content), "de vorm ontbreekt"


# --- the cards' own user-agent stylesheet -------------------------------------------------------------------------


def _laid_out(document) -> list[tuple]:
    """Every box of a laid-out document: kind, element, place and size, and for text its text, font and colour."""
    found = []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            shape = tuple(round(value, 3) for value in (box.position_x, box.position_y, box.width, box.height))
            text = getattr(box, "text", None)
            looks = (text, box.style["font_style"], box.style["font_weight"], str(box.style["color"])) if text else ()
            found.append((type(box).__name__, getattr(box, "element_tag", None), shape, looks))
            stack.extend(reversed(getattr(box, "children", ())))
    return found


@cache
def _all_faces() -> list:
    """Every face of every card of the real content, in batches as the build lays them out."""
    from kb.print import build, layout

    cards = build._distinct([card for card_set in build.all_sets(_context()) for card in card_set.cards])
    faces = [layout.PlacedFace(face, card) for card in cards for face in card.faces()]
    assert {placed.card.kind for placed in faces} == {"werkkaart", "spanningsveld", "reflectievraag", "citaat"}
    assert len(faces) > 300
    return [faces[start : start + 64] for start in range(0, len(faces), 64)]


def _other_documents() -> list[tuple[str, list]]:
    """The card documents besides the faces, with their stylesheets: sheets, alignment test, slug lines, labels."""
    from kb.print import layout

    card = _all_faces()[0][0].card
    slugs = list(layout.slug_text("Alle werkkaarten", card, C_FRONT, 1, 16))
    labels = [piece for sheet in layout.thuis_sheets([card] * 5, "Proef", proof=True) for piece in sheet.label]
    return [
        (layout.blank_sheets_html(), [layout.THUIS_CSS]),
        (layout.alignment_test_html(True), [layout.THUIS_CSS]),
        (layout.slug_html(slugs, True), [layout.DRUKKER_CSS]),
        (layout.sheet_labels_html(labels), [layout.THUIS_CSS]),
    ]


def test_every_card_document_lays_out_the_same_with_the_cards_user_agent_stylesheet_and_parser(monkeypatch):
    """A card document is parsed by kb/print/html_tree.py and styled with kb/print/ua.css (the rules of WeasyPrint's
    user-agent stylesheet for the elements the card templates write): every face of the real cards, the sheets, the
    slug lines, the labels and the alignment test must give the same boxes (place, size, text, font, colour) as
    with WeasyPrint's own parser and stylesheet."""
    from kb.print import fit, layout

    def documents() -> list:
        made = [fit.render_faces(batch, per_page=16) for batch in _all_faces()]
        made += [layout.render(html, sheets) for html, sheets in _other_documents()]
        return [_laid_out(document) for document in made]

    ours = documents()
    monkeypatch.setattr(layout, "UA_CSS", None)
    assert ours == documents()


def _tree(element) -> tuple:
    return (element.tag, element.attrib, element.text, element.tail, [_tree(child) for child in element])


def test_card_documents_parse_to_the_tree_of_weasyprints_html5_parser():
    """html_tree.parse must give exactly the tree tinyhtml5 (WeasyPrint's parser) gives, for every card document."""
    import tinyhtml5

    from kb.print import html_tree, layout

    documents = [layout.drukker_html(batch, "Proef") for batch in _all_faces()]
    documents += [html for html, _ in _other_documents()]
    for html in documents:
        assert _tree(html_tree.parse(html)) == _tree(tinyhtml5.parse(html, namespace_html_elements=False))


@pytest.mark.parametrize(
    "text",
    ["**a *b** c*", "*a **b* c**", "een </p> te veel", "<!-- opmerking -->", "</br>", "niet gesloten <em>"],
)
def test_a_card_document_that_is_not_well_formed_parses_as_weasyprints_html5_parser_repairs_it(text):
    """Overlapping markers in contributor text give overlapping tags (markup.inline), and html_tree.parse only knows
    well-formed documents: such a document (and one with a stray end tag, a comment or an element left open) must
    still get the tree tinyhtml5 makes of it."""
    import tinyhtml5
    from markupsafe import Markup

    from kb.print import html_tree
    from kb.print.markup import inline

    body = str(inline(text)) if text.startswith("*") else Markup(text)
    html = f'<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><p class="a">{body}</p></body></html>'
    assert _tree(html_tree.parse(html)) == _tree(tinyhtml5.parse(html, namespace_html_elements=False))

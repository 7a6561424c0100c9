"""Printable card sets, read from the PDFs of the real site build: which cards, what each face shows, links.

Expected cards are read straight from the YAML files (not from kb.print), so a card that goes missing from a PDF
is caught. Each drukker PDF is split into cards and faces (tests/pdfread.py): every face shows its kind and body
text, every card credits its source, vervolg cards continue a list with at least three items, and every QR code
decodes (as a phone reads it from the rendered page) to the short link printed beside it.
Geometry, fonts, colours and proofs: test_card_print.py.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml
from pdfread import cards, squash, text
from pdfrender import qr_codes
from pypdf import PdfReader

from conftest import ROOT, check, mkdocs_build
from sitehtml import parse

PROFILES = ("drukker", "thuis")
DECK = "Samen Lerend Doen Wat Werkt"  # the name of the deck, printed on covers: not the content of a face
MIN_BODY_LETTERS = 12  # a face needs more than a word or two beyond its header and footer (a title counts)
MIN_VERVOLG_ITEMS = 3  # a vervolg card is never made for one or two items of a list


# --- what the content says should be printed ------------------------------------------------------


def _load(folder: str) -> list[dict]:
    # the C parser, as kb's loader: the sets are read when the tests are collected, in every test process
    return [yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) for path in sorted((ROOT / folder).glob("*.yml"))]


def _anchor(section: dict) -> str:
    from kb.model.vocabulary import section_anchor

    return section_anchor(section)


def _quotes(section: dict) -> list[str]:
    found = [quote["tekst"] for quote in section.get("citaten", [])]
    for sub in section.get("onderdelen", []):
        found += _quotes(sub)
    return found


@cache
def expected_sets() -> dict[str, list[str]]:
    """Set id -> texts that must each appear in that set's PDFs (one per card)."""
    werkkaarten, spanningsvelden = _load("werkkaarten"), _load("spanningsvelden")
    sets = {
        "werkkaarten": [wk["titel"] for wk in werkkaarten],
        "spanningsvelden": [sv["titel"] for sv in spanningsvelden],
        "reflectievragen": [q for sv in spanningsvelden for group in sv["reflectievragen"] for q in group["vragen"]],
    }
    phases = {}
    for wk in werkkaarten:
        for part in wk["onderdelen"]:
            if part["soort"] == "fase" and _quotes(part):
                sets[f"citaten-{_anchor(part)}"] = _quotes(part)
                phases[_anchor(part)] = _quotes(part)
                for sub in part.get("onderdelen", []):
                    phases[_anchor(sub)] = _quotes(sub)
    by_id = {item["id"]: item for item in werkkaarten + spanningsvelden}
    for kaartset in _load("kaartsets"):
        texts = []
        for line in kaartset["kaarten"]:
            if "werkkaart" in line or "spanningsveld" in line:
                texts.append(by_id[line.get("werkkaart") or line.get("spanningsveld")]["titel"])
            elif "reflectievragen" in line:
                questions = [q for g in by_id[line["reflectievragen"]]["reflectievragen"] for q in g["vragen"]]
                numbers = line.get("nummers") or range(1, len(questions) + 1)
                texts += [questions[n - 1] for n in numbers]
            else:
                texts += phases[line["citaten"]]
        sets[kaartset["id"]] = texts
    return sets


@cache
def pdf_text(path: Path) -> str:
    """All text of a PDF in the order it is drawn: card by card, also on the home sheets."""
    return squash(text(path))


@pytest.fixture(scope="session")
def kaarten(site) -> Path:
    return site / "kaarten"


@pytest.fixture(scope="session")
def site_url() -> str:
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml")).site_url


@pytest.fixture(scope="session")
def items() -> dict:
    """Item code (WK1, SV3) -> the werkkaart or spanningsveld, as the build loads it."""
    from kb.check.collection import load_collection
    from kb.model.addresses import has_short_link

    collection, problems = load_collection(ROOT)
    assert not problems
    return {item.code: item for item in collection.all_items() if has_short_link(item)}


# --- every set, both profiles, every card -------------------------------------------------------


def test_every_set_is_built_in_both_profiles(kaarten):
    built = {path.name for path in kaarten.glob("*.pdf")}
    for set_id in expected_sets():
        for profile in PROFILES:
            assert f"{set_id}-{profile}.pdf" in built
    assert "uitlijntest-thuis.pdf" in built


@pytest.mark.parametrize("profile", PROFILES)
def test_every_card_of_every_set_is_in_the_pdf(kaarten, profile):
    for set_id, texts in expected_sets().items():
        text = pdf_text(kaarten / f"{set_id}-{profile}.pdf")
        missing = [t[:60] for t in texts if squash(t) not in text]
        assert not missing, f"{set_id}-{profile}.pdf mist: {missing}"


def test_drukker_pages_are_cards_front_then_back(kaarten):
    """Each werkkaart is one card (front, back), its vervolg cards right after it; the back names the same card."""
    werkkaarten = _load("werkkaarten")
    printed = cards(kaarten / "werkkaarten-drukker.pdf")
    main = [card for card in printed if not card.vervolg]
    assert [card.front.label for card in main] == ["werkkaart"] * len(werkkaarten)
    assert sorted(card.code for card in main) == sorted(f"WK{wk['nummer']}" for wk in werkkaarten)
    for card in printed:
        assert card.front.code == card.back.code or card.back.code is None, f"{card.name}: voor en achter anders"
        if card.vervolg:
            before = printed[card.index - 1]
            assert card.code == before.code, f"{card.name}: vervolgkaart staat niet na zijn kaart"


# --- every face, every card (the standard sets hold every card there is) ---------------------------------------


def standard_sets() -> list[str]:
    return [
        s
        for s in expected_sets()
        if s in ("werkkaarten", "spanningsvelden", "reflectievragen") or s.startswith("citaten-")
    ]


@pytest.mark.parametrize("name", standard_sets())
def test_every_face_shows_its_kind_and_body_text(kaarten, name):
    """No blank faces: beyond the header (kind label) and the footer (QR code, link, source) a face has content."""
    blank, unlabelled = [], []
    for card in cards(kaarten / f"{name}-drukker.pdf"):
        for face in card.faces:
            if face.label is None:
                unlabelled.append(f"{card.name} {face.side}")
            letters = re.sub(r"\W", "", face.body_text.replace(DECK, ""))
            if len(letters) < MIN_BODY_LETTERS:
                blank.append(f"{card.name} {face.side}: {face.body_text!r}")
    assert not unlabelled, f"zijden zonder soort bovenaan: {unlabelled}"
    assert not blank, f"lege zijden (alleen kop, QR-code en bron): {blank}"


@pytest.mark.parametrize("name", standard_sets())
def test_every_card_credits_its_source(kaarten, name):
    missing = [
        card.name
        for card in cards(kaarten / f"{name}-drukker.pdf")
        if not any(line.text.startswith("Bron:") for face in card.faces for line in face.page.lines)
    ]
    assert not missing, f"kaarten zonder bronregel 'Bron: ...': {missing}"


def _list_items(value, in_list: bool = False) -> list[str]:
    """Every text in a list of the content (questions, steps, materials): the items a vervolg card can hold."""
    if isinstance(value, str):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", value)  # a Markdown link prints as its text
        return [squash(text)] if in_list and " " in value.strip() else []
    if isinstance(value, list):
        return [text for v in value for text in _list_items(v, True)]
    if isinstance(value, dict):
        return [text for v in value.values() for text in _list_items(v)]
    return []


def _items_on(face, items: list[str]) -> int:
    body = squash(face.body_text)
    return sum(1 for item in set(items) if item in body)


@pytest.mark.parametrize("name", ["werkkaarten", "spanningsvelden"])
def test_vervolg_cards_continue_a_list_with_at_least_three_items(kaarten, items, name):
    found = []
    for card in cards(kaarten / f"{name}-drukker.pdf"):
        if not card.vervolg:
            continue
        texts = _list_items(items[card.code].data)
        front = _items_on(card.front, texts)
        found.append(card.name)
        assert front >= MIN_VERVOLG_ITEMS and len(card.front.body) >= 3, (
            f"{card.name}: vervolgkaart voor {front} lijstitem(s) in {len(card.front.body)} regel(s); "
            f"een vervolgkaart komt er alleen als er minstens {MIN_VERVOLG_ITEMS} niet passen"
        )
    if name == "spanningsvelden":
        assert found, "de langste lijst reflectievragen loopt door op een vervolgkaart (zie hieronder)"


@pytest.mark.parametrize("name", ["werkkaarten", "spanningsvelden"])
def test_vervolg_backs_are_covers(kaarten, items, name):
    """The back of a vervolg card is a cover (kind, title, QR code, link), not the rest of the list."""
    for card in cards(kaarten / f"{name}-drukker.pdf"):
        if card.vervolg:
            held = _items_on(card.back, _list_items(items[card.code].data))
            assert held == 0, f"{card.name}: achterkant van een vervolgkaart met {held} lijstitem(s)"


# --- QR codes and short links ------------------------------------------------------------------------------------


def _printed_on_one_line(face, printed: str) -> bool:
    pattern = re.compile(rf"(?<![\w./-]){re.escape(printed)}/?(?![\w/-])")
    return any(pattern.search(line.text) for line in face.page.lines)


def _check_links(path: Path, card, expected: str, printed: str) -> None:
    decoded = {face.side: qr_codes(path, face.page.number) for face in card.faces}
    assert any(decoded.values()), f"{card.name}: geen leesbare QR-code"
    for face in card.faces:
        wrong = [code for code in decoded[face.side] if code != expected]
        assert not wrong, f"{card.name} {face.side}: QR-code {wrong} in plaats van {expected}"
        if decoded[face.side]:
            assert _printed_on_one_line(face, printed), (
                f"{card.name} {face.side}: '{printed}' staat niet heel, op één regel, naast de QR-code"
            )


@pytest.mark.parametrize("name", ["werkkaarten", "spanningsvelden"])
def test_qr_codes_decode_to_the_short_link_printed_beside_them(kaarten, site_url, items, name):
    from kb.model.addresses import printed_short_link, short_url

    path = kaarten / f"{name}-drukker.pdf"
    for card in cards(path):  # vervolg cards too: their back is a cover with QR code and link
        item = items[card.code]
        _check_links(path, card, short_url(site_url, item), printed_short_link(site_url, item))


@pytest.mark.parametrize("name", [s for s in standard_sets() if s not in ("werkkaarten", "spanningsvelden")])
def test_question_and_quote_cards_link_to_their_spanningsveld_or_werkkaart(kaarten, site_url, items, name):
    """One card per item in each set: all cards from one spanningsveld or werkkaart share its short link."""
    from kb.model.addresses import printed_short_link, short_url

    path, seen = kaarten / f"{name}-drukker.pdf", set()
    for card in cards(path):
        assert card.code in items, f"{card.name}: noemt geen werkkaart of spanningsveld (WK1, SV1 ...)"
        if card.code not in seen:
            seen.add(card.code)
            item = items[card.code]
            _check_links(path, card, short_url(site_url, item), printed_short_link(site_url, item))


# --- item pages and the download page ----------------------------------------------------------------------------


def test_item_pages_offer_their_card_as_pdf(site):
    for folder in ("werkkaarten", "spanningsvelden"):
        for path in (ROOT / folder).glob("*.yml"):
            page = site / folder / f"{path.stem}.html"
            link = f"../kaarten/los/{folder}/{path.stem}.pdf"
            assert link in parse(page).links, page
            single = site / "kaarten" / "los" / folder / f"{path.stem}.pdf"
            assert (
                yaml.safe_load(path.read_text(encoding="utf-8"))["titel"].split()[0]
                in PdfReader(single).pages[0].extract_text()
            )


def test_download_page_lists_every_pdf_with_pages_and_size(site, kaarten):
    page = site / "kaarten" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = parse(page).links
    for path in kaarten.glob("*.pdf"):
        assert path.name in links, path.name
        pages = len(PdfReader(path).pages)
        row = html[html.index(f'href="{path.name}"') :][:300]
        assert f"{pages} pagina" in row, path.name
        kilobytes = max(1, round(path.stat().st_size / 1024))
        assert f"{kilobytes} kB" in row or "MB" in row, path.name
        if path.name.endswith("-thuis.pdf") and path.name != "uitlijntest-thuis.pdf":
            assert "omslaan via de lange zijde" in row
    assert "kaarten/index.html" in (site / "index.html").read_text(encoding="utf-8")  # in the navigation


# --- failures: too much text, unknown cards in a kaartset ---------------------------------------


def test_text_too_long_for_a_card_fails_the_build_naming_file_and_card(project, tmp_path):
    path = project / "werkkaarten" / "kunst-inzetten.yml"
    text = path.read_text(encoding="utf-8")
    long_title = "Kunst inzetten " + " ".join(["en nog veel meer woorden op de kaart"] * 12)
    path.write_text(text.replace("titel: Kunst inzetten\n", f"titel: {long_title}\n", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"werkkaarten/kunst-inzetten\.yml:\d+:\d+: Kaart 'WK7 Kunst inzetten", output), output[-2000:]
    assert "voorkant" in output and "past niet op de kaart" in output and "mm te lang" in output
    assert not (tmp_path / "site" / "kaarten").exists()


def test_long_question_lists_continue_on_vervolg_cards(kaarten):
    """A deliberate vervolg card instead of an error: the longest list of questions is split, nothing lost."""
    longest = max(
        _load("spanningsvelden"), key=lambda sv: sum(len(q) for g in sv["reflectievragen"] for q in g["vragen"])
    )
    text = pdf_text(kaarten / "los" / "spanningsvelden" / f"{longest['id']}.pdf")
    assert "Vervolg1" in text.replace("VERVOLG", "Vervolg")
    for group in longest["reflectievragen"]:
        for question in group["vragen"]:
            assert squash(question) in text


def _write_kaartset(project: Path, body: str) -> Path:
    if not (project / "kaartsets").exists():
        shutil.copytree(ROOT / "kaartsets", project / "kaartsets")
    path = project / "kaartsets" / "proef.yml"
    path.write_text(body, encoding="utf-8")
    return path


def test_checker_reports_unknown_cards_in_a_kaartset(project):
    _write_kaartset(
        project,
        "id: proef\ntitel: Proef\nkaarten:\n  - werkkaart: tijdlijn-make\n"
        "  - reflectievragen: doorgaan-en-vertragen\n    nummers: [1, 99]\n"
        "  - citaten: fase-bestaat-niet\n",
    )
    result = check(project)
    assert result.returncode == 1
    out = result.stdout
    assert (
        "kaartsets/proef.yml:4:16: Er is geen werkkaart met het id 'tijdlijn-make'. Bedoelde je 'tijdlijn-maken'?"
        in out
    )
    assert re.search(
        r"kaartsets/proef\.yml:6:\d+: Het spanningsveld 'doorgaan-en-vertragen' heeft \d+ reflectievragen; "
        r"vraag 99 bestaat niet",
        out,
    )
    assert "kaartsets/proef.yml:7:14: Er is geen fase met citaten met het id 'fase-bestaat-niet'" in out


def test_checker_reports_schema_errors_in_a_kaartset_in_dutch(project):
    _write_kaartset(project, "id: proef\ntitel: Proef\nkaarten:\n  - werkkaart: perspectiefwissel\n    kleur: rood\n")
    (project / "kaartsets" / "twee-soorten.yml").write_text(
        "id: twee-soorten\ntitel: Twee soorten\nkaarten:\n  - werkkaart: perspectiefwissel\n"
        "    spanningsveld: doorgaan-en-vertragen\n",
        encoding="utf-8",
    )
    result = check(project)
    assert result.returncode == 1
    assert "kaartsets/proef.yml:5:5: Onbekend veld 'kleur'" in result.stdout
    assert "kaartsets/twee-soorten.yml:4:5: Elke regel onder 'kaarten' noemt precies één soort kaart" in result.stdout

"""Printable card sets: every set in both profiles, checked on the PDFs of the real site build.

Expected cards are read straight from the YAML files (not from kb.print), so a card that goes
missing from a PDF is caught. Geometry is checked in the PDF boxes (pypdf) and on rendered pages
(pdftoppm), identity by the text on the cards (pdftotext).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import segno
import yaml
from PIL import Image, ImageOps
from pypdf import PdfReader

from conftest import ROOT, check, mkdocs_build
from sitehtml import parse

MM = 72 / 25.4
A6 = (105 * MM, 148 * MM)
A4 = (210 * MM, 297 * MM)
BLEED = 3 * MM
PROFILES = ("drukker", "thuis")


# --- what the content says should be printed ------------------------------------------------------


def _load(folder: str) -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((ROOT / folder).glob("*.yml"))]


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


def squash(text: str) -> str:
    """Compare text without whitespace and Markdown emphasis (line breaks differ between PDF and YAML)."""
    return re.sub(r"\s+|\*", "", text)


@cache
def pdf_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


@pytest.fixture(scope="session")
def kaarten(site) -> Path:
    return site / "kaarten"


@pytest.fixture(scope="session")
def site_url() -> str:
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml")).site_url


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


def test_drukker_pages_are_a6_with_bleed_and_trim_box(kaarten):
    for path in kaarten.glob("*-drukker.pdf"):
        reader = PdfReader(path)
        assert len(reader.pages) % 2 == 0, f"{path.name}: voor- en achterkant horen bij elkaar"
        for page in reader.pages:
            trim, media, bleed = page.trimbox, page.mediabox, page.bleedbox
            assert float(trim.width) == pytest.approx(A6[0], abs=0.2)
            assert float(trim.height) == pytest.approx(A6[1], abs=0.2)
            assert float(media.width) == pytest.approx(A6[0] + 2 * BLEED, abs=0.2)
            assert float(media.height) == pytest.approx(A6[1] + 2 * BLEED, abs=0.2)
            assert float(trim.left) - float(media.left) == pytest.approx(BLEED, abs=0.1)
            assert float(media.top) - float(trim.top) == pytest.approx(BLEED, abs=0.1)
            assert [float(v) for v in bleed] == pytest.approx([float(v) for v in media], abs=0.1)


def test_drukker_alternates_front_and_back_per_card(kaarten):
    werkkaarten = _load("werkkaarten")
    reader = PdfReader(kaarten / "werkkaarten-drukker.pdf")
    fronts = [squash(page.extract_text()).lower() for page in reader.pages[0::2]]
    backs = [squash(page.extract_text()).lower() for page in reader.pages[1::2]]
    main = [index for index, text in enumerate(fronts) if text.startswith("werkkaart")]
    assert len(main) == len(werkkaarten)  # one main card per werkkaart ...
    assert all(text.startswith("vervolg") for index, text in enumerate(fronts) if index not in main)  # + vervolg
    for wk in werkkaarten:
        index = next(i for i in main if squash(wk["titel"]).lower() in fronts[i])
        assert f"werkkaartwk{wk['nummer']}" in backs[index]  # its back follows it


def test_thuis_pages_are_a4_sheet_pairs(kaarten):
    for path in [*kaarten.glob("*-thuis.pdf"), *kaarten.glob("los/*/*.pdf")]:
        reader = PdfReader(path)
        assert len(reader.pages) % 2 == 0, path.name
        for page in reader.pages:
            assert float(page.mediabox.width) == pytest.approx(A4[0], abs=0.2)
            assert float(page.mediabox.height) == pytest.approx(A4[1], abs=0.2)
            assert [float(v) for v in page.trimbox] == [float(v) for v in page.mediabox]
        assert "lange zijde" in reader.metadata.subject, "de PDF zegt over welke zijde je omslaat"
        assert "langezijde" in pdf_text(path)


def _font_sizes(path: Path, pages: int = 6) -> list[float]:
    sizes = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.append(font_size * scale)

    for page in PdfReader(path).pages[:pages]:
        page.extract_text(visitor_text=visitor)
    return sizes


def test_no_text_is_smaller_than_8_points(kaarten):
    """No text on a card is below 8.7 pt, so even on the home sheets (cards at 92 %) it is at least 8 pt."""
    for name in ("werkkaarten", "spanningsvelden", "reflectievragen", next(iter(expected_sets()))):
        drukker = _font_sizes(kaarten / f"{name}-drukker.pdf")
        thuis = _font_sizes(kaarten / f"{name}-thuis.pdf")
        assert drukker and min(drukker) >= 8.7 - 0.05, name
        assert thuis and min(thuis) >= 8.0 - 0.05, name
        body = sorted(drukker)[len(drukker) // 2]
        assert body >= 9.0, f"{name}: lopende tekst is minstens 9 pt"


# --- links and QR codes -------------------------------------------------------------------------


def _qr_matrix(image: Image.Image) -> list[list[bool]]:
    gray = image.convert("L")
    return [[gray.getpixel((x, y)) < 128 for x in range(gray.width)] for y in range(gray.height)]


def test_qr_codes_and_short_links_point_to_the_permanent_url(kaarten, site_url):
    reader = PdfReader(kaarten / "werkkaarten-drukker.pdf")
    backs = reader.pages[1::2]
    for wk in _load("werkkaarten"):
        url = site_url.rstrip("/") + f"/werkkaarten/{wk['id']}.html"
        assert squash(url.split("://", 1)[1]) in pdf_text(kaarten / "werkkaarten-drukker.pdf")
        expected = [list(map(bool, row)) for row in segno.make(url, error="m", micro=False).matrix]
        found = [_qr_matrix(image.image) for page in backs for image in page.images]
        assert expected in found, f"geen QR-code naar {url}"


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


# --- duplex registration on rendered pages -------------------------------------------------------


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
    """Card codes (WK3, SV4 ...) on a page: in which half (left?, top?) each is printed."""
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
        if re.fullmatch(r"(WK|SV)\d+", word):
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
        for code, places in front_codes.items():
            mirrored = {(not left, top) for left, top in places}
            assert back_codes.get(code) == mirrored, f"{name} vel {front_page}: achterkant van {code} niet gespiegeld"


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
    reader = PdfReader(kaarten / "los" / "spanningsvelden" / f"{longest['id']}.pdf")
    text = squash(" ".join(page.extract_text() for page in reader.pages))
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

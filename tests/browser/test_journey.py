"""The facilitator's journey in Chromium: from 'our case is stuck' on the home page to the printed cards of the
matching draaiboek, by clicking what a reader sees. The card PDF must hold exactly the cards the draaiboek uses."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from conftest import ROOT

from .conftest import DESKTOP

PHONE = {"width": 360, "height": 740}
CARD_CODE = re.compile(r"\b(?:WK|SV)\d+\b(?!-)")


def _codes_of(session_id: str) -> list[str]:
    """The codes of the cards a session's blocks name (from the YAML, not from the build)."""
    codes = {}
    for kind, folder, prefix in (("werkkaart", "werkkaarten", "WK"), ("spanningsveld", "spanningsvelden", "SV")):
        for path in (ROOT / folder).glob("*.yml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            codes[(kind, data["id"])] = f"{prefix}{data['nummer']}"
    found: list[str] = []
    session = yaml.safe_load((ROOT / "sessies" / f"{session_id}.yml").read_text(encoding="utf-8"))
    for block in session["blokken"]:
        for kind in ("werkkaart", "spanningsveld"):
            if kind in block and codes[(kind, block[kind])] not in found:
                found.append(codes[(kind, block[kind])])
    return found


def _printed_codes(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "kaarten.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    found: list[str] = []
    for code in CARD_CODE.findall(text):
        if code not in found:
            found.append(code)
    return found


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "telefoon"])
def test_home_to_situatie_to_draaiboek_to_its_cards(page, base_url, tmp_path, viewport):
    page.set_viewport_size(viewport)
    page.goto(base_url + "index.html")
    article = page.locator("article")
    # The three tasks come first, before any tile or list.
    buttons = article.locator(".taken .md-button")
    assert [b.inner_text().strip() for b in buttons.all()] == [
        "Een bijeenkomst voorbereiden",
        "Kaarten printen",
        "Reflecteren op je werk",
    ]
    buttons.first.click()
    page.wait_for_url("**/index.html#bijeenkomst")

    article.locator(".situatiekeuze").get_by_role("link", name="De hulp stagneert").click()
    page.wait_for_url("**/situaties/hulp-stagneert.html")
    begin = page.locator("article .begin-hier")
    assert begin.inner_text().startswith("Begin hier.")
    begin.locator("a[href*='draaiboeken/']").first.click()
    page.wait_for_url(re.compile(r".*/draaiboeken/[a-z0-9-]+\.html$"))
    session_id = page.url.rsplit("/", 1)[1].removesuffix(".html")
    page.screenshot(path=str(tmp_path / "draaiboek.png"))

    cards = page.get_by_role("link", name="Kaarten voor deze bijeenkomst")
    assert cards.is_visible()
    pdf_button = page.get_by_role("link", name="PDF om te printen (A4)")
    assert abs(cards.bounding_box()["y"] - pdf_button.bounding_box()["y"]) < 60  # beside (or just below) it
    href = cards.get_attribute("href")
    response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    expected = _codes_of(session_id)
    assert expected, f"het draaiboek {session_id} gebruikt geen kaarten"
    assert _printed_codes(response.body(), tmp_path) == expected


def test_404_page_is_dutch_and_searches(page, base_url):
    page.goto(base_url + "404.html")
    assert page.locator("article h1").inner_text() == "Pagina niet gevonden"
    page.get_by_label("Zoek in de kennisbank").fill("tijdlijn")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_url("**/index.html?q=tijdlijn")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search__input").input_value() == "tijdlijn"


def test_footer_is_dutch(page, base_url):
    page.goto(base_url + "index.html")
    footer = page.locator("footer").inner_text()
    assert "Made with" not in footer
    assert "Gemaakt met" in footer


def test_builder_asks_before_an_example_replaces_a_built_plan(page, base_url):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "draaiboeken/maken.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.select_option("#dm-keuze", "opening||")
    page.fill("#dm-minuten", "15")
    page.get_by_role("button", name="Toevoegen").click()
    built = page.input_value("#dm-link")
    example = page.locator("#dm-voorbeeld option").nth(1).get_attribute("value")

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.select_option("#dm-voorbeeld", example)
    assert asked and "vervangen" in asked[0]
    assert page.input_value("#dm-link") == built
    assert page.input_value("#dm-voorbeeld") == ""

    page.once("dialog", lambda dialog: dialog.accept())
    page.select_option("#dm-voorbeeld", example)
    assert page.input_value("#dm-link") != built

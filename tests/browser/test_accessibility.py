"""WCAG 2.1 AA with axe-core: no serious or critical violation on any kind of page, on screen or printed.

axe runs every rule it has (WCAG 2.0/2.1 A and AA plus best practices); we fail on the impacts 'serious' and
'critical'. The theme's own violations are fixed in overrides/ and docs/assets/stylesheets/toegankelijkheid.css.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .chromium import serve
from .page_types import (
    CARD_SETS_MISSING,
    SESSION_BUILDER_MISSING,
    card_set_pages,
    hand_written_pages,
    representative_pages,
    session_builder_pages,
)

AXE = Axe()
BLOCKING = {"serious", "critical"}
KINDS = [
    "start",
    "overzicht werkkaarten",
    "overzicht spanningsvelden",
    "werkkaart",
    "spanningsveld",
    "over",
    "niet gevonden (404)",
]


@pytest.fixture(scope="module")
def axe_url(tmp_path_factory):
    """axe-core as a script file on a local web server: the browser keeps the file and its compiled code, where
    handing its 550 kB to every page (page.evaluate) had it sent and compiled anew for each page."""
    folder = tmp_path_factory.mktemp("axe")
    (folder / "axe.min.js").write_text(AXE.axe_script, encoding="utf-8")
    with serve(folder) as url:
        yield url + "axe.min.js"


def violations(page, axe_url: str) -> list[str]:
    """axe on the page as it is now; axe is put into the page once per page load (a second medium reuses it)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=axe_url)
    result = page.evaluate("() => axe.run({resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def check(page, axe_url: str, url: str, media=("screen",)) -> list[str]:
    """axe on the page at url in each of the media: loaded once (on screen), then switched to each medium in turn;
    axe reads the styles of the medium that is active when it runs."""
    page.emulate_media(media="screen")
    page.goto(url)
    found = []
    for medium in media:
        page.emulate_media(media=medium)
        found += [f"{url} [{medium}] {v}" for v in violations(page, axe_url)]
    return found


BOTH = ("screen", "print")


@pytest.mark.parametrize("kind", KINDS)
def test_page_kind_has_no_serious_violations_on_screen_and_in_print(page, base_url, site, axe_url, kind):
    url = base_url + representative_pages(site)[kind]
    found = check(page, axe_url, url, BOTH)
    assert not found, "\n".join(found)


def test_every_hand_written_page_has_no_serious_violations(page, base_url, site, axe_url):
    """The hand-written pages that no other test here already checks on screen and in print (the page kinds
    above, the tool pages below)."""
    covered = {*representative_pages(site).values(), *card_set_pages(site), *session_builder_pages(site)}
    pages = [path for path in hand_written_pages(site) if path not in covered]
    assert pages
    found = []
    for path in pages:
        found += check(page, axe_url, base_url + path)
    assert not found, "\n".join(found)


def test_open_search_with_results_has_no_serious_violations(page, base_url, axe_url):
    page.goto(base_url + "index.html")
    page.locator("input.md-search__input").click()
    page.keyboard.type("tijdlijn")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label") == "Zoeken"
    found = violations(page, axe_url)
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "find, missing",
    [(card_set_pages, CARD_SETS_MISSING), (session_builder_pages, SESSION_BUILDER_MISSING)],
    ids=["kaartsets downloaden", "draaiboekmaker"],
)
def test_tool_pages_have_no_serious_violations(page, base_url, site, axe_url, find, missing):
    pages = find(site)
    assert pages, missing
    kinds = set(representative_pages(site).values())  # checked on screen and in print above (the 404 has a form)
    found = []
    for path in pages:
        if path not in kinds:
            found += check(page, axe_url, base_url + path, BOTH)
    assert not found, "\n".join(found)

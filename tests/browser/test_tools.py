"""The two pages other parts of the project add: the card-set downloads and the session builder (draaiboekmaker).
Both are used with a mouse, a keyboard and without network; the tests skip, with the reason, while a build has
no such page yet."""

from __future__ import annotations

import re

import pytest

from .page_types import CARD_SETS_MISSING, SESSION_BUILDER_MISSING, card_set_pages, session_builder_pages
from .test_reading import FOCUS_STATE


def test_every_card_set_on_the_download_page_downloads_as_a_pdf(page, base_url, site):
    pages = card_set_pages(site)
    if not pages:
        pytest.fail(CARD_SETS_MISSING)
    for path in pages:
        page.goto(base_url + path)
        hrefs = page.eval_on_selector_all("article a[href$='.pdf']", "links => links.map(a => a.href)")
        # Our own PDFs; a werkkaart may also link to a PDF of its source elsewhere, which is not ours to fetch.
        hrefs = [href for href in hrefs if href.startswith(base_url)]
        assert hrefs, path
        for href in hrefs:
            response = page.request.get(href)
            assert response.ok, href
            assert response.body()[:5] == b"%PDF-", href


def test_session_builder_controls_are_reachable_by_keyboard_with_visible_focus(page, base_url, site):
    pages = session_builder_pages(site)
    if not pages:
        pytest.fail(SESSION_BUILDER_MISSING)
    page.goto(base_url + pages[0])
    controls = page.locator(
        "article input:visible, article select:visible, article button:visible, article textarea:visible"
    )
    expected = controls.count()
    assert expected > 0
    page.locator("article h1").click()  # start the keyboard from the top of the content
    reached = set()
    for _ in range(expected * 3 + 20):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["body"]:
            break
        if page.evaluate("!!document.activeElement.closest('article')"):
            assert state["visible"] and state["ring"], f"Geen zichtbare focus op: {state['name']}"
            reached.add(page.evaluate("document.activeElement.id || document.activeElement.outerHTML.slice(0, 60)"))
    assert len(reached) >= expected, f"Met Tab bereikt: {len(reached)} van {expected} bedieningselementen"


def test_session_builder_has_labels_for_every_control(page, base_url, site):
    pages = session_builder_pages(site)
    if not pages:
        pytest.fail(SESSION_BUILDER_MISSING)
    page.goto(base_url + pages[0])
    unnamed = page.evaluate("""() => [...document.querySelectorAll('article input, article select, article textarea')]
        .filter(el => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
        .map(el => el.outerHTML.slice(0, 80))""")
    assert not unnamed, unnamed
    assert re.search(r"\S", page.locator("article h1").inner_text())

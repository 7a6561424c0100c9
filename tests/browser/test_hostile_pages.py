"""Hostile text that passes `make check` (conftest.HOSTILE: it is plain text, so it may stand in content) built into
a real site (conftest.edited_site), then read in a real browser: no script runs (no dialog), no page navigates by
itself, no attribute list or event handler from content reaches the HTML, and the head of every page keeps its own
meaning."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from .chromium import serve


class Attributes(HTMLParser):
    """Every (tag, attribute, value) of a page, as a browser's parser sees them."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found += [(tag, name, value or "") for name, value in attrs]


EVENTS_ON_EVERY_ELEMENT = """() => {
    for (const element of document.querySelectorAll("article *")) {
        for (const type of ["mouseover", "mouseenter", "mousemove", "focus", "focusin", "animationstart"]) {
            element.dispatchEvent(new Event(type, {bubbles: true}));
        }
    }
}"""
PAGES = [
    "kaarten/index.html",
    "werkkaarten/fasen-samen-leren.html",
    "werkkaarten/geno-sociogram-maken.html",
    "werkkaarten/index.html",
    "draaiboeken/gesprek-jongere-droom.html",
    "draaiboeken/index.html",
    "casussen/denise.html",
    "casussen/index.html",
    "wegwijzer.html",
]


@pytest.mark.parametrize("page_path", PAGES)
def test_no_event_handler_or_refresh_from_content_reaches_the_html(edited_site, page_path):
    html = (edited_site / page_path).read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]  # the theme's own links are not content
    attributes = Attributes(html).found
    assert not [a for a in attributes if a[1].startswith("on")]
    assert not [a for a in attributes if a[1] == "http-equiv"]
    assert not [
        a
        for a in Attributes("<article" + article).found
        if a[1] in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):", a[2], re.I)
    ]
    head = Attributes(html.split("</head>")[0]).found
    assert not [a for a in head if a[0] == "meta" and a[1] not in ("charset", "name", "content")], head


def test_hostile_pages_run_no_script_and_stay_where_they_are(edited_site, page):
    """Each page in turn in the reader's tab: every event fired, then 300 ms for whatever an injected handler or
    timer would do, then the tab must still be on its page. (A tab per page, all open at once, cost twice the CPU:
    every open page keeps running the theme's scripts.)"""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(edited_site) as base:
        for path in PAGES:
            page.goto(base + path)
            # Every pointer and focus event that an injected handler could listen to, on every element of the article.
            page.evaluate(EVENTS_ON_EVERY_ELEMENT)
            page.wait_for_timeout(300)
            # Material writes the heading in view into the URL's #fragment; anything else is a navigation.
            assert page.url.split("#")[0] == base + path, f"{path} navigeerde zelf naar {page.url}"
            buttons = page.eval_on_selector_all("article a.md-button", "all => all.map(a => a.getAttribute('href'))")
            assert not [href for href in buttons if (href or "").lower().startswith(("javascript", "data"))], path
    assert not dialogs, dialogs

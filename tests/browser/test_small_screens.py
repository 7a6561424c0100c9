"""Small screens and paper.

A phone of 360 px wide: no page of any kind scrolls sideways. The pages are chosen from the built site itself
(page_types.py and api/index.json): one of every kind of page, one draaiboek and one item of every content type.
One browser page visits them all in turn, to keep this fast.

A printed item page is a handout: title, summary, facts, text and source, without the lists of links onward.
"""

from __future__ import annotations

import json

from .page_types import card_set_pages, hand_written_pages, representative_pages, session_builder_pages

PHONE = {"width": 360, "height": 740}

# The element that sticks out furthest to the right, to name in the failure message.
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.querySelectorAll('body *')) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 1 && (!worst || right > worst.right)) {
      worst = {right: Math.round(right), tag: el.tagName.toLowerCase(), cls: el.className.toString().slice(0, 60),
               text: (el.innerText || '').trim().slice(0, 60)};
    }
  }
  return {scroll: document.documentElement.scrollWidth, worst};
}"""


def pages_of_every_kind(site) -> list[str]:
    feed = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    chosen = [
        *representative_pages(site).values(),
        *hand_written_pages(site),
        *card_set_pages(site),
        *session_builder_pages(site),
        *[session["url"] for session in feed.get("draaiboeken", [])[:1]],
    ]
    first_of_type: dict[str, str] = {}
    for item in feed["items"]:
        first_of_type.setdefault(item["type"], item["url"])
    chosen += first_of_type.values()
    return list(dict.fromkeys(chosen))  # each once, in order


def test_no_page_scrolls_sideways_at_360_px(page, base_url, site):
    page.set_viewport_size(PHONE)
    too_wide = []
    for path in pages_of_every_kind(site):
        page.goto(base_url + path, wait_until="load")
        state = page.evaluate(WIDEST)
        if state["scroll"] > PHONE["width"]:
            too_wide.append(f"{path}: {state['scroll']} px breed, o.a. {state['worst']}")
    assert not too_wide, "Horizontaal scrollen op 360 px:\n" + "\n".join(too_wide)


# Per part of a printed item page: is it shown? (None when the page has no such part.)
PRINTED = """() => {
  const shown = sel => {
    const el = document.querySelector(sel);
    return el ? getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0 : null;
  };
  return {
    title: shown('article h1'), summary: shown('article .samenvatting'), facts: shown('article .kaartfeiten'),
    source: shown('article h2#bron'), text: shown('article h2:not(#bron)'),
    samenhang: shown('#samenhang'), verder: shown('#verder'), draaiboeken: shown('#draaiboeken'),
    verantwoording: shown('.verantwoording'), permalink: shown('.kb-vaste-link'), print_button: shown('.kaart-printen'),
  };
}"""


def test_a_printed_werkkaart_is_a_handout_without_link_lists(page, base_url, site):
    feed = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    # A werkkaart used in a draaiboek has every kind of link list there is.
    used = {item["url"] for session in feed.get("draaiboeken", []) for item in session.get("items", [])}
    cards = [item["url"] for item in feed["items"] if item["type"] == "werkkaart"]
    path = next((url for url in cards if url in used), cards[0])
    page.goto(base_url + path)
    on_screen = page.evaluate(PRINTED)
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    for part in ("title", "summary", "facts", "source", "text"):
        assert printed[part], f"{path}: {part} ontbreekt bij printen"
    for part in ("samenhang", "verder", "draaiboeken", "verantwoording", "permalink", "print_button"):
        assert on_screen[part] is None or printed[part] is False, f"{path}: {part} wordt geprint"
    assert on_screen["permalink"] and on_screen["print_button"] and on_screen["samenhang"]


def test_a_printed_spanningsveld_leaves_out_its_print_block_and_links_onward(page, base_url, site):
    path = representative_pages(site)["spanningsveld"]
    page.goto(base_url + path)
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert printed["title"] and printed["summary"] and printed["source"]
    for part in ("verder", "draaiboeken", "permalink", "print_button"):
        assert printed[part] is not True, f"{path}: {part} wordt geprint"

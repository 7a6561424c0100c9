"""A reader in Chromium: the home page, an item page, the keyboard, and printing."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from .page_types import item_page, representative_pages

FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    name: (el.getAttribute('aria-label') || el.innerText || el.value || el.tagName).trim().slice(0, 40),
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
    inside: box.bottom > 0 && box.top < innerHeight,
    body: el === document.body,
  };
}"""


def heading(locator) -> str:
    return locator.inner_text().replace("¶", "").strip()  # without the permalink sign


def items(site, kind=None):
    data = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))["items"]
    return [item for item in data if kind is None or item["type"] == kind]


def test_home_page_is_dutch_and_leads_to_every_werkkaart(page, base_url, site):
    page.goto(base_url + "index.html")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert heading(page.locator("h1").first) == "Samen Lerend Doen Wat Werkt"
    page.locator("article").get_by_role("link", name="Werkkaarten", exact=True).first.click()
    page.wait_for_url("**/werkkaarten/index.html")
    article = page.locator("article")
    for item in items(site, "werkkaart"):
        assert article.get_by_role("link", name=item["title"]).count() >= 1, item["title"]


def test_item_page_from_the_overview_shows_the_card_and_its_source(page, base_url, site):
    item = items(site, "werkkaart")[0]
    page.goto(base_url + "werkkaarten/index.html")
    page.locator("article").get_by_role("link", name=item["title"]).first.click()
    page.wait_for_url("**/" + item["url"])
    assert heading(page.locator("article h1")) == item["title"]
    assert item["title"] in page.title()
    article = page.locator("article")
    assert article.locator(".samenvatting").is_visible()
    assert article.get_by_role("heading", name="Bron").is_visible()
    # The table of contents takes the reader to each section.
    toc = page.locator(".md-sidebar--secondary a.md-nav__link")
    assert toc.count() >= 2
    last = toc.last
    target = last.get_attribute("href").split("#")[1]
    last.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=target)
    assert page.locator(f"[id='{target}']").is_visible()


def test_related_items_are_one_click_away(page, base_url, site):
    item = items(site, "spanningsveld")[0]
    page.goto(base_url + item["url"])
    related = page.locator("article a[href*='werkkaarten/']")
    if related.count() == 0:
        pytest.skip(f"{item['url']} noemt geen werkkaarten")
    href = related.first.get_attribute("href")
    related.first.click()
    page.wait_for_load_state()
    assert page.url.endswith(href.split("/")[-1])
    assert page.locator("article h1").is_visible()


@pytest.mark.parametrize("kind", ["start", "werkkaart", "spanningsveld"])
def test_keyboard_reaches_everything_with_a_visible_focus_ring(page, base_url, site, kind):
    page.goto(base_url + representative_pages(site)[kind])
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["body"]:
            break
        seen.append(state)
        assert state["visible"], f"Focus op een onzichtbaar element: {state['name']}"
        assert state["ring"], f"Geen zichtbare focusrand op: {state['name']}"
        assert state["inside"], f"Element met focus staat buiten beeld: {state['name']}"
    assert seen and seen[0]["name"] == "Ga naar inhoud", seen[:1]
    assert any(s["name"] == "Zoeken" for s in seen)


def test_skip_link_moves_the_keyboard_past_the_navigation(page, base_url, site):
    page.goto(base_url + item_page(site, "werkkaart"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    in_content = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert in_content, page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


def test_search_opens_from_the_keyboard_and_leads_to_a_page(page, base_url):
    page.goto(base_url + "index.html")
    page.keyboard.press("/")
    page.keyboard.type("tijdlijn")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/werkkaarten/tijdlijn-maken.html*")


PRINT_STATE = """() => {
  const hidden = sel => [...document.querySelectorAll(sel)].every(el => {
    const s = getComputedStyle(el);
    return s.display === 'none' || s.visibility === 'hidden' || el.offsetParent === null;
  });
  const external = [...document.querySelectorAll('article a[href^="http"]')]
    .filter(a => !a.closest('.kb-vaste-link'))
    .map(a => ({href: a.getAttribute('href'), after: getComputedStyle(a, '::after').content}));
  return {
    header: hidden('.md-header'), tabs: hidden('.md-tabs'), sidebars: hidden('.md-sidebar'),
    footer: hidden('.md-footer'), top: hidden('.md-top'), buttons: hidden('article .md-content__button, .md-source'),
    headerlinks: hidden('article .headerlink'), search: hidden('.md-search'),
    article: getComputedStyle(document.querySelector('article')).display !== 'none',
    external,
  };
}"""


class _ExternalLinks(HTMLParser):
    """External links in the article, except the page's own permanent link (which print CSS leaves as it is)."""

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: inside the article and not in the permanent link
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        inside = self.stack[-1] if self.stack else False
        if tag == "article":
            inside = True
        if "kb-vaste-link" in (attrs.get("class") or ""):
            inside = False
        if tag == "a" and inside and (attrs.get("href") or "").startswith("http"):
            self.found.append(attrs["href"])
        if tag not in VOID:
            self.stack.append(inside)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def pages_with_external_links(site):
    pages = []
    for item in items(site):
        parser = _ExternalLinks()
        parser.feed((site / item["url"]).read_text(encoding="utf-8"))
        if parser.found:
            pages.append(item["url"])
    return pages


def test_printing_shows_only_the_content_with_link_targets(page, base_url, site):
    candidates = pages_with_external_links(site)
    assert candidates, "Geen enkele itempagina heeft een externe link; kies een andere pagina om printen te testen."
    page.goto(base_url + candidates[0])
    page.emulate_media(media="print")
    state = page.evaluate(PRINT_STATE)
    for part in ("header", "tabs", "sidebars", "footer", "top", "buttons", "headerlinks", "search"):
        assert state[part], f"Zichtbaar bij printen: {part}"
    assert state["article"]
    assert state["external"]
    for link in state["external"]:
        assert link["href"] in link["after"], link  # the printed page shows where the link goes
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


@pytest.mark.parametrize("width", [768])  # 360 px (phones): every kind of page in test_small_screens.py
def test_small_screens_have_no_horizontal_scrolling(page, base_url, site, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in (representative_pages(site)["werkkaart"], representative_pages(site)["spanningsveld"]):
        page.goto(base_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} is {overflow}px te breed op {width}px"

"""Without internet: the downloadable zip works from file:// and from a plain intranet web server, and no page
ever asks for anything from another host (every request outside this machine is blocked and recorded)."""

from __future__ import annotations

import re
import zipfile

import pytest

from kb.site.offline import FOLDER, ZIP_PATH

from .chromium import guarded_context, serve
from .page_types import SESSION_BUILDER_MISSING, item_page, session_builder_pages
from .searching import search

PRIMARY = "rgb(11, 85, 99)"  # --md-primary-fg-color in kennisbank.css: proves our stylesheet loaded


@pytest.fixture(scope="module")
def unpacked(site, tmp_path_factory):
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site / ZIP_PATH) as archive:
        archive.extractall(target)
    return target / FOLDER


@pytest.fixture
def offline(context):
    """A browser context on a machine without network: only file:// and 127.0.0.1 get an answer (conftest.py:
    every request to another host is blocked and recorded; the test fails if there was one, or a JavaScript error)."""
    return context


def open_page(context, url):
    page = context.new_page()
    page.on("pageerror", lambda error: context.errors.append(str(error)))
    page.goto(url)
    return page


def read_like_a_reader(page, base: str, site):
    """Home page with our styles, search for a word, open the result, follow a link back to an overview."""
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == PRIMARY
    results = search(page, base, "tijdlijnen")
    assert results and results[0] == "werkkaarten/tijdlijn-maken.html", results
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_url("**/werkkaarten/tijdlijn-maken.html*")
    # A reader reads before clicking on; leaving while the new page's search worker still loads its scripts makes
    # the browser abort those loads and report them as errors of the page being left.
    page.wait_for_load_state("networkidle")
    assert "tijdlijn" in page.locator("article h1").inner_text().lower()
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Spanningsvelden").first.click()
    page.wait_for_url("**/spanningsvelden/index.html")


def test_the_site_offers_the_offline_zip_and_it_downloads(page, base_url):
    page.goto(base_url + "over.html")
    link = page.locator(f"article a[href$='{ZIP_PATH}']")
    assert link.count() == 1
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    assert {f"{FOLDER}/index.html", f"{FOLDER}/LEESMIJ.txt", f"{FOLDER}/search/search_index.js"} <= names


def test_offline_copy_works_from_file_urls(offline, unpacked, site):
    base = unpacked.as_uri() + "/"
    page = open_page(offline, base + "index.html")
    read_like_a_reader(page, base, site)


def test_offline_copy_works_on_an_intranet_web_server(offline, unpacked, site):
    with serve(unpacked) as base:
        page = open_page(offline, base + "index.html")
        read_like_a_reader(page, base, site)
        item = open_page(offline, base + item_page(site, "spanningsveld"))
        assert item.locator("article h1").is_visible()


def test_offline_copy_points_to_the_newest_version_online(unpacked):
    over = (unpacked / "over.html").read_text(encoding="utf-8")
    sitemap = (unpacked / "sitemap.xml").read_text(encoding="utf-8")
    site_url = re.search(r"<loc>(https?://[^<]*?/)[^/<]*</loc>", sitemap).group(1)
    assert f'href="{site_url}{ZIP_PATH}"' in over
    assert "LEESMIJ" not in over and (unpacked / "LEESMIJ.txt").read_text(encoding="utf-8").startswith("Samen")


def test_no_page_loads_fonts_styles_or_scripts_from_another_host(site):
    loads_from_outside = re.compile(
        r'<(?:script|img|iframe|source)\b[^>]*\bsrc="(?:https?:)?//|<link\b[^>]*\bhref="(?:https?:)?//|'
        r'@import\s+url\(["\']?(?:https?:)?//|@font-face[^}]*url\(["\']?(?:https?:)?//'
    )
    offenders = []
    for path in list(site.rglob("*.html")) + list(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in loads_from_outside.finditer(text):
            if 'rel="canonical"' not in text[match.start() : match.start() + 200].split(">")[0]:
                offenders.append(f"{path.relative_to(site)}: {match.group(0)[:80]}")
    assert not offenders, offenders


def test_session_builder_works_from_file_urls(offline, unpacked, site):
    pages = session_builder_pages(site)
    if not pages:
        pytest.fail(SESSION_BUILDER_MISSING)
    page = open_page(offline, (unpacked / pages[0]).as_uri())
    page.wait_for_load_state("load")
    assert page.locator("article form, article select, article input").first.is_visible()


def test_requests_to_other_hosts_are_blocked_and_recorded(browser, base_url):
    """The guard of every browser test: the site's own requests get their answer, anything else is stopped before
    it leaves and recorded (a host name, an IP address, a look-alike of 127.0.0.1)."""
    context = guarded_context(browser)
    try:
        page = context.new_page()
        failed = {}
        page.on("requestfailed", lambda request: failed.setdefault(request.url, request.failure))
        page.goto(base_url + "index.html")
        outside = ["https://example.org/x.js", "http://10.0.0.1/", "http://127.0.0.1.example.org/"]
        answers = page.evaluate(
            "urls => Promise.all(urls.map(url => fetch(url).then(() => 'antwoord', () => 'geblokkeerd')))",
            [base_url + "index.html", *outside],
        )
        assert answers == ["antwoord"] + ["geblokkeerd"] * len(outside)
        blocked = "net::ERR_PROXY_CONNECTION_FAILED"  # stopped by the guard (chromium.py), not by a missing network
        assert {url: failed.get(url) for url in outside} == dict.fromkeys(outside, blocked)
        assert [url for url in outside if url not in context.external] == []
        assert not [url for url in context.external if url.startswith(base_url)]
    finally:
        context.close()

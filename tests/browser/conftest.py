"""Browser fixtures: one system Chromium per test session, the built site on a local web server, and pages that
may not reach any host but this machine (every test fails if one of its pages tried).

Each test process has one desktop context with one tab, the reader's tab, that every test gets as `page`; it is
emptied between tests. A new context per test cost about 0.6 s of CPU, a new tab per test still 0.15 s (opening
and closing it, and a page in a new tab loads twice as slowly as in a tab that has loaded one before). What a test
could leave behind is removed when it ends (and before the next one, if that did not get to the end): the tabs it
opened itself, the reader's tab back on about:blank with the desktop viewport, screen media and no dialog
handler, the cookies, permissions and every kind of storage of the origins it visited (localStorage,
sessionStorage, IndexedDB, ...), the recorded errors and outside requests. A test that needs another language or
its own browser makes its own context.
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from .chromium import guarded_context, launch, serve

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def base_url(site):
    """The site from the `site` fixture on a plain web server at 127.0.0.1, as on an intranet."""
    with serve(site) as url:
        yield url


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme == "file":
        return "file://"
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


@pytest.fixture(scope="session")
def desktop_context(browser):
    """The one guarded desktop context of this test process and its reader's tab (context.tab); tests get them
    through the `context` and `page` fixtures."""
    context = guarded_context(browser, viewport=DESKTOP)
    context.visited = set()  # the origins of the documents its tabs showed: what _clean empties

    def follow(page):
        page.on("framenavigated", lambda frame: context.visited.add(_origin(frame.url)))

    context.on("page", follow)
    context.errors = []
    context.tab = context.new_page()
    context.tab.on("pageerror", lambda error: context.errors.append(str(error)))
    context.tab_session = context.new_cdp_session(context.tab)
    context.clean = True  # a new tab on about:blank
    yield context
    context.close()


def _clean(context) -> list[str]:
    """Close the tabs a test opened, empty the reader's tab and forget everything stored, as a new context would.
    Returns the outside requests recorded until the tab was emptied (each is recorded when it fails at the proxy,
    a moment after it was made)."""
    tab = context.tab
    for page in context.pages:
        if page is not tab:
            page.close()
    # A handler from page.once("dialog") that never fired. (The public API removes one handler at a time, by name.)
    tab._impl_obj.remove_all_listeners("dialog")
    tab.goto("about:blank")  # stops the page's scripts and timers; the next test starts from nothing
    external = list(context.external)
    tab.set_viewport_size(DESKTOP)
    tab.emulate_media(media="screen")
    for origin in sorted(origin for origin in context.visited if origin):
        # "all" includes the sessionStorage of the reader's tab
        context.tab_session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    context.clear_cookies()
    context.clear_permissions()
    context.visited.clear()
    context.external.clear()
    context.errors = []
    context.clean = True
    return external


@contextlib.contextmanager
def in_use(context):
    """The reader's tab for one test (or one shared fixture): empty at the start, emptied at the end, and then no
    outside request and no JavaScript error may have happened on its pages."""
    if not context.clean:  # the teardown of the test before did not get to the end
        _clean(context)
    context.clean = False
    try:
        yield context
    finally:
        errors = list(context.errors)
        external = _clean(context)  # leaving the page aborts scripts that are still loading: no error of the site
    assert not external, f"De pagina probeerde iets van buiten te laden: {external}"
    assert not errors, f"JavaScript-fouten op de pagina: {errors}"


@pytest.fixture
def context(desktop_context):
    with in_use(desktop_context) as context:
        yield context


@pytest.fixture
def page(context):
    """The reader's tab, empty (about:blank), desktop viewport, screen media."""
    return context.tab

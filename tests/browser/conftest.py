"""Browser fixtures: one system Chromium per test session, the built site on a local web server, and pages that
may not reach any host but this machine (every test fails if one of its pages tried).

Each test gets a new page in one desktop context per test process, cleaned between tests: a new context cost
about 0.6 s of CPU per test, more than most tests themselves. The context keeps one blank page open all the time
(the keeper); without it, Chromium starts from nothing again for the next page, and that saving is lost. What a
test could leave behind is removed before the next one starts: its pages, the cookies, permissions and every kind
of storage of the origins it visited (localStorage, IndexedDB, ...; sessionStorage belongs to a page), the
recorded errors and outside requests. Viewport and media are settings of a page, so each test starts with the
desktop viewport and screen media. A test that needs another language or its own browser makes its own context.
"""

from __future__ import annotations

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
    """The one guarded desktop context of this test process; tests get it through the `context` fixture."""
    context = guarded_context(browser, viewport=DESKTOP)
    context.visited = set()
    context.on("request", lambda request: context.visited.add(_origin(request.url)))
    context.keeper = context.new_page()  # about:blank, never navigated; also clears the storage between tests
    yield context
    context.close()


def _clean(context) -> None:
    """Close the pages a test left open and forget everything it stored, as a new context would have it."""
    for page in context.pages:
        if page is not context.keeper:
            page.close()
    origins = sorted(origin for origin in context.visited if origin)
    if origins:
        session = context.new_cdp_session(context.keeper)
        for origin in origins:
            session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        session.detach()
    context.clear_cookies()
    context.clear_permissions()
    context.visited.clear()
    context.external.clear()
    context.errors = []


@pytest.fixture
def context(desktop_context):
    context = desktop_context
    _clean(context)  # also after a test whose teardown did not get this far
    yield context
    errors, external = list(context.errors), list(context.external)
    _clean(context)  # closing aborts scripts that are still loading; that is no error of the site
    assert not external, f"De pagina probeerde iets van buiten te laden: {external}"
    assert not errors, f"JavaScript-fouten op de pagina: {errors}"


@pytest.fixture
def page(context):
    page = context.new_page()
    page.on("pageerror", lambda error: context.errors.append(str(error)))
    return page

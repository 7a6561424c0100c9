"""Browser fixtures: one system Chromium per test session, the built site on a local web server, and pages that
may not reach any host but this machine (every test fails if one of its pages tried)."""

from __future__ import annotations

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


@pytest.fixture
def context(browser):
    context = guarded_context(browser, viewport=DESKTOP)
    context.errors = []
    yield context
    errors = list(context.errors)  # closing aborts scripts that are still loading; that is no error of the site
    context.close()
    assert not context.external, f"De pagina probeerde iets van buiten te laden: {context.external}"
    assert not errors, f"JavaScript-fouten op de pagina: {errors}"


@pytest.fixture
def page(context):
    page = context.new_page()
    page.on("pageerror", lambda error: context.errors.append(str(error)))
    return page

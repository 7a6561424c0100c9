"""The browser tests share one tab per test process (conftest.py): what one test leaves in it must be gone before
the next one starts, as if the next one had a new browser."""

from __future__ import annotations

from .conftest import DESKTOP, _clean


def test_the_readers_tab_is_emptied_between_tests(context, page, base_url):
    page.goto(base_url + "over.html")
    page.evaluate("sessionStorage.setItem('kb-proef', '1'); localStorage.setItem('kb-proef', '2')")
    context.add_cookies([{"name": "kb-proef", "value": "3", "url": base_url}])
    page.set_viewport_size({"width": 360, "height": 640})
    page.emulate_media(media="print")
    page.once("dialog", lambda dialog: dialog.accept())  # a handler that never fired
    context.new_page().goto(base_url + "index.html")

    _clean(context)

    assert context.pages == [page] and page.url == "about:blank"
    assert page.viewport_size == DESKTOP
    page.goto(base_url + "over.html")
    assert page.evaluate("matchMedia('screen').matches")
    stored = "[sessionStorage.getItem('kb-proef'), localStorage.getItem('kb-proef'), document.cookie]"
    assert page.evaluate(stored) == [None, None, ""]
    assert page.evaluate("confirm('Doorgaan?')") is False  # no handler left: the dialog is dismissed

"""The system Chromium driven by Playwright, a local web server for a built site, and a guard against requests
to any other host. Used by the browser fixtures (conftest.py) and by bench/search_recall.py.

Never downloads a browser: Playwright starts Debian's /usr/bin/chromium (override with KB_CHROMIUM).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("KB_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}
# Every URL that is not surely local, matched inside Playwright itself: the site's own requests (a page loads some
# twenty) then need no round trip through Python, which cost about a twentieth of the browser tests' time.
NOT_LOCAL = re.compile(
    r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:[/?#]|$))"
    r"(?!(?:" + "|".join(sorted(LOCAL_SCHEMES)) + r"):)",
    re.I,
)


def launch(playwright):
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"Chromium niet gevonden op {CHROMIUM}. Installeer het Debian-pakket 'chromium' "
            "(make test doet dat als root) of wijs met KB_CHROMIUM naar een ander Chromium-programma."
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser closing a connection early is no error of the site; real failures show in the tests


@contextlib.contextmanager
def serve(directory: Path):
    """A plain web server for a built site on 127.0.0.1 (a free port); yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.scheme in ("http", "https", "ws") and parts.hostname in LOCAL_HOSTS)


def guarded_context(browser, **options):
    """A browser context in which every request to another host is blocked and recorded in context.external.

    Routing catches requests before they leave; the request listener also sees what routing cannot (for example
    requests from workers), so nothing that was attempted goes unnoticed.
    """
    context = browser.new_context(**{"locale": "nl-NL", **options})  # a test may choose another locale
    attempted: list[str] = []

    def route(route_):
        url = route_.request.url
        if is_local(url):  # NOT_LOCAL is the first filter; this is the exact one
            route_.continue_()
        else:
            attempted.append(url)
            route_.abort("blockedbyclient")

    def seen(request):
        if not is_local(request.url) and request.url not in attempted:
            attempted.append(request.url)

    context.route(NOT_LOCAL, route)
    context.on("request", seen)
    context.external = attempted
    return context

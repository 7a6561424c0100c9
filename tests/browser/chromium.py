"""The system Chromium driven by Playwright, a local web server for a built site, and a guard against requests
to any other host. Used by the browser fixtures (conftest.py) and by bench/search_recall.py.

Never downloads a browser: Playwright starts Debian's headless Chromium, /usr/bin/chromium-headless-shell (package
chromium-headless-shell; override with KB_CHROMIUM). It is the same Blink as the chromium package without the
desktop browser around it, as Playwright's own headless mode uses: a page load costs about 40% less CPU.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("KB_CHROMIUM", "/usr/bin/chromium-headless-shell"))


def _refusing_port() -> int:
    """A port on 127.0.0.1 that refuses every connection: bound by this process (so nothing else can take it) but
    never listening."""
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    _HELD.append(holder)
    return holder.getsockname()[1]


_HELD: list[socket.socket] = []
# The guard against requests to other hosts: every request goes through a proxy that refuses all connections,
# except those to this machine (Chromium never sends 127.0.0.1, localhost or [::1] through a proxy). So nothing
# leaves and no host name is even looked up; guarded_context records what was attempted. (Routing every request
# through Playwright did the same, but turned off the browser's cache: a page cost a third more.)
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    f"--proxy-server=http://127.0.0.1:{_refusing_port()}",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}


def launch(playwright):
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"Chromium niet gevonden op {CHROMIUM}. Installeer het Debian-pakket 'chromium-headless-shell' "
            "(make test doet dat als root) of wijs met KB_CHROMIUM naar een ander Chromium-programma."
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        # A built site does not change while it is served: the browser may keep what it loaded (styles, scripts,
        # fonts, the search index) instead of asking again on every page, as it would from a real web server.
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()


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
    """A browser context that records in context.external every request to another host; the browser itself
    (LAUNCH_ARGS: the refusing proxy) makes sure none of them gets anywhere. Each of them fails at the proxy, so
    listening for failed requests sees them all, from the pages and from their workers. (Listening for every
    request made Playwright send each of a page's many requests from the browser to the test.)"""
    context = browser.new_context(**{"locale": "nl-NL", **options})  # a test may choose another locale
    attempted: list[str] = []

    def failed(request):
        if not is_local(request.url) and request.url not in attempted:
            attempted.append(request.url)

    context.on("requestfailed", failed)
    context.external = attempted
    return context

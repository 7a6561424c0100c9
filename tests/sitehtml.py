"""Small helpers to read the built site the way a reader (or a link checker) sees it."""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes through which a page links to or loads another file.
URL_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []  # <a href>
        self.urls: list[str] = []  # every URL_ATTRIBUTES value: links, scripts, stylesheets, images, ...
        self.ids: set[str] = set()  # id attributes
        self.anchors: set[str] = set()  # id and name attributes: what a #fragment can point to
        self.lang: str | None = None
        self.text: list[str] = []
        self.attribute_names: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.attribute_names |= {name for name, _ in attrs}
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("id", "name"):
            if attrs.get(key):
                self.anchors.add(attrs[key])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for element, attribute in URL_ATTRIBUTES:
            if tag == element and attrs.get(attribute):
                self.urls.append(attrs[attribute])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


_parsed: dict[bytes, _Page] = {}  # content digest -> parsed page
_digests: dict[tuple, bytes] = {}  # (path, inode, size, mtime) -> content digest


def parse(path: Path) -> _Page:
    """The page's links, URLs, ids and text. Pages with the same bytes are parsed once per test run: several tests
    walk every page of the site, and the offline zip holds the same pages again. Do not change what it returns."""
    stat = path.stat()
    version = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    key = _digests.get(version)
    if key is None:
        content = path.read_bytes()
        key = _digests[version] = hashlib.sha256(content).digest()
        if key not in _parsed:
            page = _Page()
            page.feed(content.decode("utf-8"))
            _parsed[key] = page
    return _parsed[key]


def article_text(path: Path) -> str:
    """The visible text of the page's main article, whitespace collapsed."""
    source = path.read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', source, re.S)
    page = _Page()
    page.feed(match.group(1) if match else source)
    return normalise("".join(page.text))


def normalise(text: str) -> str:
    """Compare source text and rendered text: drop Markdown emphasis, unify quotes and whitespace."""
    text = html.unescape(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # Markdown links -> their text
    text = text.replace("*", "").replace("’", "'").replace("‘", "'")
    return " ".join(text.split())


def internal_targets(site: Path, page_path: Path, href: str):
    """Resolve a relative link on a page to (file, fragment), or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    if parts.path.startswith("/"):  # 404.html links from the site root (site_url's path is "/")
        target = (site / unquote(parts.path).lstrip("/")).resolve()
    else:
        target = page_path if not parts.path else (page_path.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)

"""Small helpers to read the built site the way a reader (or a link checker) sees it."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.attribute_names: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.attribute_names |= {name for name, _ in attrs}
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


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

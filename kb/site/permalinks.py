"""Permanent links in the built site: a small static page for every redirect (redirects.yml) and for every short link
on a printed card (k/wk1/, see kb/model/addresses.py), and newly published URLs added to permalinks.yml (outside CI).
The rules themselves are checked in kb/check/permalinks.py."""

from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path

from ..model.addresses import short_page
from ..model.collection import Item
from ..model.types import REGISTRY_FILE

_REGISTRY_HEADER = """\
# Elk webadres dat ooit gepubliceerd is. `make build` voegt nieuwe adressen automatisch toe; commit die mee.
# Haal nooit een adres weg: als een pagina een ander id krijgt, zet dan een doorverwijzing in redirects.yml.
"""


def record_new_urls(root: Path, new_urls: list[str]) -> None:
    """Append newly published URLs to the registry (skipped in CI, where the registry must already be committed)."""
    if not new_urls or os.environ.get("CI"):
        return
    path = root / REGISTRY_FILE
    existing = path.read_text(encoding="utf-8") if path.exists() else _REGISTRY_HEADER + "adressen:\n"
    if not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + "".join(f"  - {url}\n" for url in new_urls), encoding="utf-8")


def redirect_page(old: str, new: str, label: str | None = None) -> str:
    """A static page that forwards to the new address; works offline and keeps the #anchor.

    Without a label it is a moved page (redirects.yml); with one (a short link) it names where it goes."""
    relative = posixpath.relpath(new, posixpath.dirname(old) or ".")
    target = html.escape(relative, quote=True)
    if label is None:
        title, text = "Deze pagina is verhuisd", f'Deze pagina is verhuisd naar <a href="{target}">{target}</a>.'
    else:
        title = html.escape(label, quote=False)
        text = f'Je gaat naar <a href="{target}">{title}</a>.'
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
<script>location.replace({relative!r} + location.hash);</script>
</head>
<body>
<p>{text}</p>
</body>
</html>
"""


def short_link_page(item: Item) -> tuple[str, str]:
    """The page that serves an item's short link (k/wk1/index.html) and its HTML: a redirect to the item."""
    label = f"{item.code} {item.title}" if item.type.coded else item.title
    return short_page(item), redirect_page(short_page(item), item.url, label)

"""Where the site lives and the short permanent links printed on cards.

Every printed card (werkkaart, spanningsveld) has a short link such as ``k/wk1/``: a redirect page to the item
that is registered in permalinks.yml like every other address, so a card that was printed once keeps working.
The QR code on the card encodes the full short link; the card prints it without ``https://``.

The site's address comes from SITE_URL (mkdocs.yml). Without it the build uses PLACEHOLDER_URL, which is not a
real host: such a build is a proof (the card PDFs say so) and a build for publishing refuses it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from .collection import Collection, Item
from .types import SPANNINGSVELD, WERKKAART

PLACEHOLDER_URL = "https://samenlerend.example.nl/"
SHORT_LINK_FOLDER = "k"
SHORT_LINK_TYPES = (WERKKAART, SPANNINGSVELD)  # the items that are printed as cards
PUBLISH_VARIABLE = "KB_PUBLICEREN"  # set (to 1) by a build for publishing, e.g. .github/workflows/publiceren.yml
SITE_URL_VARIABLE = "SITE_URL"  # read by mkdocs.yml (site_url: !ENV [SITE_URL, ...])


def is_placeholder(site_url: str) -> bool:
    """True when the site address is not a real host (unset, the placeholder, or an example.* domain)."""
    host = (urlsplit(site_url or "").hostname or "").lower()
    if not host:
        return True
    labels = host.split(".")
    return "example" in labels or host in ("localhost", "127.0.0.1") or host.endswith(".invalid")


def base_url(site_url: str) -> str:
    return (site_url or PLACEHOLDER_URL).rstrip("/") + "/"


def has_short_link(item: Item) -> bool:
    return item.type in SHORT_LINK_TYPES


def short_path(item: Item) -> str:
    """The short link of a printed item, relative to the site root: ``k/wk1/`` (a folder with index.html)."""
    return f"{SHORT_LINK_FOLDER}/{item.code.lower()}/"


def short_page(item: Item) -> str:
    """The file that serves the short link: ``k/wk1/index.html``."""
    return short_path(item) + "index.html"


def short_url(site_url: str, item: Item) -> str:
    """What the QR code encodes: the full short link, with the trailing slash (no extra redirect)."""
    return base_url(site_url) + short_path(item)


def printed_short_link(site_url: str, item: Item) -> str:
    """What the card prints next to the QR code: host and path, without scheme and trailing slash."""
    return short_url(site_url, item).split("://", 1)[-1].rstrip("/")


def printed_items(collection: Collection) -> list[Item]:
    """The items that have a short link, in collection order (werkkaarten first)."""
    return [item for content_type in SHORT_LINK_TYPES for item in collection.of(content_type)]


def publishing(environ: Mapping[str, str] = os.environ) -> bool:
    """True for a build that will be published: KB_PUBLICEREN is set to anything but empty or 0."""
    return environ.get(PUBLISH_VARIABLE, "").strip() not in ("", "0")


def placeholder_refusal(site_url: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """The Dutch message that stops a build for publishing with a placeholder site address (None: go ahead)."""
    if not publishing(environ) or not is_placeholder(site_url):
        return None
    given = environ.get(SITE_URL_VARIABLE, "").strip()
    if given:
        why = f"{SITE_URL_VARIABLE} is '{given}', een voorbeeldadres (example, localhost of .invalid)"
    else:
        why = f"{SITE_URL_VARIABLE} is niet gezet, dus de site krijgt het voorbeeldadres {base_url(site_url)}"
    return (
        f"{PUBLISH_VARIABLE}=1 (bouwen om te publiceren): {why}. QR-codes en korte links op de kaarten zouden "
        f"nergens heen wijzen. Zet {SITE_URL_VARIABLE} op het echte adres van de site, bijvoorbeeld "
        f"{SITE_URL_VARIABLE}=https://kennisbank.jouw-organisatie.nl/ {PUBLISH_VARIABLE}=1 make build. "
        f"Een proefbouw zonder {PUBLISH_VARIABLE} mag wel (de kaarten heten dan PROEF)."
    )

"""The machine-readable index at site/api/index.json that intranet pages and tests read."""

from __future__ import annotations

import json

from ..model.addresses import has_short_link, short_path
from ..model.collection import Collection
from .pages import session_items

FEED_VERSION = 1


def index_feed(collection: Collection) -> dict:
    items = []
    for item in collection.all_items():
        bron = item.data["bron"]
        publication = collection.publications.get(bron["publicatie"], {})
        entry = {
            "type": item.type.name,
            "id": item.id,
            "code": item.code,
            "title": item.title,
            "summary": " ".join(item.data["samenvatting"].split()),
            "url": item.url,
        }
        if has_short_link(item):  # the printed cards: werkkaarten and spanningsvelden
            entry["short_url"] = short_path(item)
        entry["source"] = {
            "publication": bron["publicatie"],
            "title": publication.get("titel", ""),
            "section": bron["sectie"],
        }
        items.append(entry)
    return {"version": FEED_VERSION, "items": items, "draaiboeken": draaiboeken_feed(collection)}


def draaiboeken_feed(collection: Collection) -> list[dict]:
    """Every draaiboek (sessies/*.yml) with its page, its A4 PDF and the items its blocks use."""
    found = []
    for session in sorted(collection.sessions.values(), key=lambda s: s.title.lower()):
        used = session_items(session)
        found.append(
            {
                "id": session.id,
                "title": session.title,
                "summary": " ".join(session.data["samenvatting"].split()),
                "url": session.url,
                "pdf": session.url.removesuffix(".html") + ".pdf",
                "minutes": session.total,
                "items": [{"type": item.type.name, "id": item.id, "url": item.url} for item in used],
            }
        )
    return found


def index_json(collection: Collection) -> str:
    return json.dumps(index_feed(collection), ensure_ascii=False, indent=1) + "\n"

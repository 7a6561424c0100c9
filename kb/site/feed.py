"""The machine-readable index at site/api/index.json that intranet pages and tests read."""

from __future__ import annotations

import json

from ..model.collection import Collection

FEED_VERSION = 1


def index_feed(collection: Collection) -> dict:
    items = []
    for item in collection.all_items():
        bron = item.data["bron"]
        publication = collection.publications.get(bron["publicatie"], {})
        items.append(
            {
                "type": item.type.name,
                "id": item.id,
                "code": item.code,
                "title": item.title,
                "summary": " ".join(item.data["samenvatting"].split()),
                "url": item.url,
                "source": {
                    "publication": bron["publicatie"],
                    "title": publication.get("titel", ""),
                    "section": bron["sectie"],
                },
            }
        )
    return {"version": FEED_VERSION, "items": items}


def index_json(collection: Collection) -> str:
    return json.dumps(index_feed(collection), ensure_ascii=False, indent=1) + "\n"

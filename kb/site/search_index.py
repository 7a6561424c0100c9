"""Stage 4b (search): add each item's search terms (kb.search_terms) to Material's search index.

Material's search plugin writes search/search_index.json with one entry per page section; its browser side
indexes every field named in the plugin's `fields` setting. We add the field `trefwoorden` (declared with its
boost in mkdocs.yml) to the first entry of each item page only: a match then ranks the item page itself, shown
with its title and summary, instead of some section that happens to contain the word.
"""

from __future__ import annotations

import json
from pathlib import Path

FIELD = "trefwoorden"


def add_search_terms(index_path: Path, terms_by_url: dict[str, str]) -> int:
    """Adds the terms to the page entries of the given URLs; returns how many entries got terms."""
    data = json.loads(index_path.read_text(encoding="utf-8"))
    added = 0
    for entry in data["docs"]:
        terms = terms_by_url.get(entry["location"])
        if terms:
            entry[FIELD] = terms
            added += 1
    index_path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=True), encoding="utf-8")
    return added

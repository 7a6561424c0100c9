"""MkDocs hook: the search terms of every item (kb.search_terms) go into Material's search index.

All logic lives in kb.search_terms and kb.search_index; this file only connects it to MkDocs events.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from kb.site import state as build_state
from kb.site.search_index import add_search_terms
from kb.site.search_terms import search_terms


@event_priority(-50)  # after the search plugin wrote search_index.json, before the offline plugin (-100) copies it
def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        collection = build_state.current()
        pages = [*collection.all_items(), *collection.sessions.values()]  # draaiboeken have a title and trefwoorden too
        add_search_terms(index, {page.url: search_terms(page) for page in pages})

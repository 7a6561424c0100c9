"""MkDocs hook: one generated page and one A4 PDF per session in sessies/, plus the session builder's data.

The sessions are loaded and checked with the rest of the content (kb.check.collection.load_collection, called by
hooks/kennisbank.py), so a broken session file already stops the build there. All logic lives in
kb.sessies; this file only connects it to MkDocs events.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from kb.print.cache import Store
from kb.sessies.builder import BLOCKS_JSON, builder_json
from kb.sessies.draaiboek import DRAAIBOEK_DIR, draaiboek_pages
from kb.sessies.pdf import draaiboek_pdf
from kb.site import state as build_state

log = logging.getLogger("mkdocs.hooks.draaiboeken")


def on_files(files, config):
    collection = build_state.current()
    for page in draaiboek_pages(collection):
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    for session_id in collection.sessions:
        # Placeholder so that links to the PDF are validated like any other link; written in on_post_build.
        files.append(File.generated(config, f"{DRAAIBOEK_DIR}/{session_id}.pdf", content=b""))
    files.append(File.generated(config, BLOCKS_JSON, content=builder_json(collection)))
    return files


def on_post_build(config):
    collection = build_state.current()
    site_dir = Path(config.site_dir)
    store = Store.from_environment()  # the cache of the card PDFs; keyed by content, so every build can share it
    for session in collection.sessions.values():
        target = site_dir / DRAAIBOEK_DIR / f"{session.id}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(draaiboek_pdf(collection, session, config.site_url or "", store))
    log.info("Draaiboeken: %d PDF's geschreven.", len(collection.sessions))

"""MkDocs hook: the first time a glossary term (begrippen/) appears on a page, it links to the term's page.

All logic lives in kb.glossary; this file only connects it to MkDocs.
"""

from __future__ import annotations

from kb.site import state as build_state
from kb.site.glossary import link_terms, terms


def on_page_content(html, page, config, files):
    if page.is_homepage:  # the start page is a signpost: its links lead to sections, not to word explanations
        return html
    return link_terms(html, terms(build_state.current()), page.file.url)

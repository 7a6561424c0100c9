"""MkDocs hook: the one sanitising layer (kb/site/sanitize.py) on every page.

- Page titles and descriptions are escaped before the theme writes them into the <head>.
- Every page's HTML goes through the allow-list sanitiser after all other hooks changed it (the glossary links
  included). Only a hand-written page in docs/ can opt out with `html_vertrouwd: true` in its front matter (the
  draaiboekmaker, whose form is part of the page); generated pages have no way to set it.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from kb.site.sanitize import clean_html, escape_meta

TRUSTED = "html_vertrouwd"


@event_priority(100)  # before anything reads the title
def on_page_markdown(markdown, page, config, files):
    if page.meta.get(TRUSTED) and page.file.generated_by:
        raise PluginError(f"{page.file.src_uri}: een gegenereerde pagina mag '{TRUSTED}' niet zetten.")
    for field in ("title", "description"):
        if field in page.meta:
            page.meta[field] = escape_meta(page.meta[field])
    return markdown


@event_priority(-100)  # after the glossary links (hooks/begrippen.py) and every other change to the content
def on_page_content(html, page, config, files):
    if page.meta.get(TRUSTED) is True:
        return html
    return clean_html(html)

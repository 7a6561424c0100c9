"""MkDocs hook: the printable card sets (kb/print) as files of the site and a download link on every item page
(at the top of a werkkaart, in its facts box; at the end of the other pages).
Runs after hooks/kennisbank.py, which loads and checks the content. The download page itself is
docs/kaarten/index.md; its tables come from the macro kaartdownloads (hooks/macros.py).
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from kb.print import downloads
from kb.print.build import build_cards
from kb.print.fit import CardsDoNotFit
from kb.site import state as build_state

log = logging.getLogger("mkdocs.hooks.kaarten")


def on_files(files, config):
    if not config.site_url:
        raise PluginError(
            "site_url ontbreekt in mkdocs.yml (of SITE_URL is leeg): de QR-codes op de kaarten "
            "hebben het vaste adres van de site nodig."
        )
    try:
        built = build_cards(build_state.current(), config.site_url)
    except CardsDoNotFit as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(
            f"{len(error.problems)} kaart(en) te vol; zie hierboven. "
            "De kaarten worden niet gemaakt zolang een tekst niet past."
        ) from None
    downloads.remember(built)
    for pdf in built.files():
        files.append(File.generated(config, pdf.path, content=pdf.content))
    # The download page (docs/kaarten/index.md) goes after its PDFs, where it stood when it was generated here:
    # the search index and the sitemap keep their order.
    page = files.get_file_from_path(downloads.PAGE)
    files.remove(page)
    files.append(page)
    return files


def on_page_markdown(markdown, page, config, files):
    item_url = page.meta.get("kb_url")
    if not item_url:
        return markdown
    return downloads.place_item_download(markdown, downloads.current(), item_url, page.file.src_uri)

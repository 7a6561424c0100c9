"""MkDocs hook: the printable card sets (kb/print) as files of the site, the download page and
a download link on every item page. Runs after hooks/kennisbank.py, which loads and checks the content.
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from kb.site import state as build_state
from kb.print.build import build_cards
from kb.print.downloads import PAGE, downloads_page, item_download
from kb.print.fit import CardsDoNotFit

log = logging.getLogger("mkdocs.hooks.kaarten")
_built = None  # kb.print.build.CardBuild of the current build


def on_files(files, config):
    global _built
    if not config.site_url:
        raise PluginError("site_url ontbreekt in mkdocs.yml (of SITE_URL is leeg): de QR-codes op de kaarten "
                          "hebben het vaste adres van de site nodig.")
    try:
        _built = build_cards(build_state.current(), config.site_url)
    except CardsDoNotFit as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(f"{len(error.problems)} kaart(en) te vol; zie hierboven. "
                          "De kaarten worden niet gemaakt zolang een tekst niet past.") from None
    for pdf in _built.files():
        files.append(File.generated(config, pdf.path, content=pdf.content))
    files.append(File.generated(config, PAGE, content=downloads_page(_built)))
    return files


def on_page_markdown(markdown, page, config, files):
    item_url = page.meta.get("kb_url")
    if _built is None or not item_url:
        return markdown
    return markdown + item_download(_built, item_url, page.file.src_uri)

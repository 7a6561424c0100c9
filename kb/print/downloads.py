"""What the download page (docs/kaarten/index.md) and the download block on each item page show.

The prose of the download page is hand-written in docs/kaarten/index.md; its tables and the block on the item
pages come from templates in kb/print/templates. This module only prepares the data: files, sizes, page counts and
labels. All links are relative Markdown links, so MkDocs checks that every linked PDF exists.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..site.pages import PRINT_SLOT
from ..site.templating import render
from . import layout
from .build import ALIGNMENT_PATH, FOLDER, CardBuild, PdfFile, SetSummary

PAGE = f"{FOLDER}/index.md"
ANCHOR = "kaart-printen"

_current: CardBuild | None = None  # the card build of the current MkDocs build (hooks/kaarten.py)


def remember(build: CardBuild) -> None:
    global _current
    _current = build


def current() -> CardBuild:
    if _current is None:
        raise RuntimeError("De kaarten zijn nog niet gemaakt: de hook hooks/kaarten.py moet in mkdocs.yml staan.")
    return _current


def size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"


def pages_label(pages: int) -> str:
    return f"{pages} pagina{'' if pages == 1 else '’s'}"


def cards_label(count: int, continuation: int) -> str:
    label = f"{count} {'kaart' if count == 1 else 'kaarten'}"
    if continuation:
        label += f" + {continuation} vervolgkaart{'' if continuation == 1 else 'en'}"
    return label


@dataclass(frozen=True)
class Download:
    """One PDF as a link from a page: its address relative to that page and its size for readers."""

    href: str
    extent: str  # e.g. "6 pagina’s, 70 kB"
    thuis: bool  # printed at home (flip on the long edge) rather than by the print shop


def download(pdf: PdfFile, page_dir: str) -> Download:
    return Download(
        posixpath.relpath(pdf.path, page_dir),
        f"{pages_label(pdf.pages)}, {size_label(pdf.size)}",
        pdf.profile == layout.THUIS.id,
    )


@dataclass(frozen=True)
class SetRow:
    set: SetSummary
    cards: str
    drukker: Download
    thuis: Download


@dataclass(frozen=True)
class DownloadPage:
    """The data docs/kaarten/index.md shows: profile descriptions, the alignment test and the tables of sets."""

    thuis: str  # description of the home profile
    drukker: str  # description of the print shop profile
    uitlijntest: Download
    standaard: str  # Markdown table of the sets the build makes: all cards, quotes per phase, one set per draaiboek
    eigen: str  # Markdown table of the sets in kaartsets/, empty when there are none


def _table(build: CardBuild, own: bool) -> str:
    rows = [
        SetRow(
            summary,
            cards_label(summary.cards, summary.continuation_cards),
            download(build.pdfs[(summary.id, layout.DRUKKER.id)], FOLDER),
            download(build.pdfs[(summary.id, layout.THUIS.id)], FOLDER),
        )
        for summary in build.sets
        if bool(summary.source) == own
    ]
    return render("kaartsets-tabel.md", rows=rows, flip_edge=layout.FLIP_EDGE) if rows else ""


def download_page(build: CardBuild) -> DownloadPage:
    alignment = build.alignment
    return DownloadPage(
        layout.THUIS.description,
        layout.DRUKKER.description,
        Download(
            posixpath.relpath(ALIGNMENT_PATH, FOLDER),
            f"{pages_label(alignment.pages)}, {size_label(alignment.size)}",
            True,
        ),
        _table(build, own=False),
        _table(build, own=True),
    )


def item_download(build: CardBuild, item_url: str, page_path: str, in_box: bool = False) -> str:
    """Markdown for an item page's own card as a PDF: a row of the facts box at the top (in_box), else a block
    for the end of the page."""
    pdf = build.singles.get(item_url)
    if pdf is None:
        return ""
    page_dir = posixpath.dirname(page_path)
    return render(
        "kaart-printen.md",
        anchor=ANCHOR,
        in_box=in_box,
        pdf=download(pdf, page_dir),
        flip_edge=layout.FLIP_EDGE,
        overview=posixpath.relpath(PAGE, page_dir),
    )


def place_item_download(markdown: str, build: CardBuild, item_url: str, page_path: str) -> str:
    """An item page with its card as a PDF: in the page's print slot (kb/site/pages.py) if its template has one,
    otherwise at the end."""
    if PRINT_SLOT in markdown:
        return markdown.replace(PRINT_SLOT, item_download(build, item_url, page_path, in_box=True), 1)
    return markdown + item_download(build, item_url, page_path)

"""The download page (kaarten/index.md) and the download link on each item page.

Both are Markdown with relative links, so MkDocs checks that every linked PDF exists.
"""
from __future__ import annotations

import html
import posixpath

from . import layout
from .build import ALIGNMENT_PATH, FOLDER, CardBuild, PdfFile

PAGE = f"{FOLDER}/index.md"
ANCHOR = "kaart-printen"


def size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"


def pages_label(pages: int) -> str:
    return f"{pages} pagina{'' if pages == 1 else '’s'}"


def _text(value: str) -> str:
    """Set titles and descriptions on one line, without HTML or table breakers."""
    return html.escape(" ".join(value.split()), quote=False).replace("|", "&#124;")


def _file_cell(pdf: PdfFile, base: str, title: str) -> str:
    link = posixpath.relpath(pdf.path, base)
    thuis = pdf.profile == layout.THUIS.id
    extra = f", omslaan via de {layout.FLIP_EDGE}" if thuis else ""
    name = f"{_text(title)}, {'thuis printen' if thuis else 'drukker'} (PDF)"  # link text says which file
    return f"[{name}]({link}) · {pages_label(pdf.pages)}, {size_label(pdf.size)}{extra}"


def _cards_label(count: int, continuation: int) -> str:
    label = f"{count} {'kaart' if count == 1 else 'kaarten'}"
    if continuation:
        label += f" + {continuation} vervolgkaart{'' if continuation == 1 else 'en'}"
    return label


def downloads_page(build: CardBuild) -> str:
    base = FOLDER
    rows = {True: [], False: []}  # own set (kaartsets/) or standard
    for summary in build.sets:
        drukker = build.pdfs[(summary.id, layout.DRUKKER.id)]
        thuis = build.pdfs[(summary.id, layout.THUIS.id)]
        title = f"**{_text(summary.title)}**"
        if summary.description:
            title += f"<br>{_text(summary.description)}"
        if summary.source:
            title += f"<br><small>Gemaakt van `{summary.source}`</small>"
        rows[bool(summary.source)].append(
            f"| {title} | {_cards_label(summary.cards, summary.continuation_cards)} | "
            f"{_file_cell(drukker, base, summary.title)} | {_file_cell(thuis, base, summary.title)} |")
    header = ("| Set | Kaarten | Drukker: A6 met 3 mm afloop | Thuis printen: A4 |\n"
              "| --- | --- | --- | --- |")
    alignment = build.alignment
    parts = [
        "---\ntitle: Kaarten printen\ndescription: Alle kaartsets als PDF, voor de drukker en om thuis te printen.\n---",
        "# Kaarten printen",
        "Alle kaarten worden bij elke versie van deze site opnieuw gemaakt uit dezelfde tekst als de "
        "webpagina's. Een geprinte kaart verschilt dus nooit van de site. De QR-code en de link op een kaart "
        "wijzen naar het vaste adres van de pagina; dat adres blijft werken, ook als de kaart oud is.",
        "## Zo print je de kaarten {#zo-print-je}",
        f"- **{layout.THUIS.label}** (A4): {_text(layout.THUIS.description)} Knip langs de stippellijnen. "
        f"Druk eerst de [uitlijntest]({posixpath.relpath(ALIGNMENT_PATH, base)}) af "
        f"({pages_label(alignment.pages)}, {size_label(alignment.size)}): dan zie je of de achterkanten "
        "goed achter de voorkanten vallen.",
        f"- **{layout.DRUKKER.label}** (A6): {_text(layout.DRUKKER.description)} Geef de PDF zo aan de "
        "drukker; de snijtekens staan in de afloop.",
        "- Eén kaart nodig? Op de pagina van elke werkkaart en elk spanningsveld staat de kaart ook los als PDF.",
        "## Standaardsets {#standaardsets}",
        header + "\n" + "\n".join(rows[False]),
    ]
    if rows[True]:
        parts += ["## Eigen sets {#eigen-sets}",
                  "Deze sets staan als bestand in de map `kaartsets/`.",
                  header + "\n" + "\n".join(rows[True])]
    parts += [
        "## Een eigen set maken {#eigen-set-maken}",
        "Print alleen wat een bijeenkomst nodig heeft: maak een bestand in `kaartsets/`, bijvoorbeeld "
        "`kaartsets/mijn-bijeenkomst.yml`, met een `id` (gelijk aan de bestandsnaam), een `titel` en onder "
        "`kaarten` per regel een `werkkaart`, `spanningsveld`, `reflectievragen` (met eventueel `nummers`) "
        "of `citaten` (het anker van een fase). `make check` meldt kaarten die niet bestaan; de volgende "
        "versie van de site heeft dan ook PDF's van jouw set.",
    ]
    return "\n\n".join(parts) + "\n"


def item_download(build: CardBuild, item_url: str, page_path: str) -> str:
    """Markdown for the end of an item page: its own card as a PDF."""
    pdf = build.singles.get(item_url)
    if pdf is None:
        return ""
    base = posixpath.dirname(page_path)
    link = posixpath.relpath(pdf.path, base)
    overview = posixpath.relpath(PAGE, base)
    return (f"\n\n## Deze kaart printen {{#{ANCHOR}}}\n\n"
            f"[Deze kaart als PDF]({link}){{ .md-button }} "
            f"A4 om thuis te printen, {pages_label(pdf.pages)}, {size_label(pdf.size)}: dubbelzijdig, "
            f"omslaan via de {layout.FLIP_EDGE}, op ware grootte. Alle kaartsets, ook voor de drukker, "
            f"staan op [Kaarten printen]({overview}).\n")

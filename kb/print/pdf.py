"""The one shared HTML -> PDF entry point: WeasyPrint with the fonts shipped in fonts/.

Every generator that makes a PDF (card sets, draaiboeken) goes through here, so all
PDFs use the same fonts, are built offline (no URL outside the repository is fetched)
and are rendered the same way.

    from kb.print.pdf import html_to_pdf
    pdf_bytes = html_to_pdf(html, base_url=str(template_dir), stylesheets=[my_css_path])

Use ``font-family: Lato`` (weights 400, 700, 900; italic 400) in your own CSS.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from pathlib import Path

PRINT_DIR = Path(__file__).resolve().parent
FONTS_CSS = PRINT_DIR / "fonts.css"
FONTS_DIR = PRINT_DIR.parent.parent / "fonts"
FONT_FAMILY = "Lato"


# The only files a PDF may read: the print stylesheets and templates, the draaiboek stylesheet and the fonts.
ALLOWED_DIRS = (PRINT_DIR, PRINT_DIR.parent / "sessies", FONTS_DIR)


class ProjectFilesOnly(Exception):
    """Raised for any address outside ALLOWED_DIRS; WeasyPrint then leaves the resource out."""


def _allowed_file(url: str) -> Path | None:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    if not path.is_file() or not any(path.is_relative_to(folder) for folder in ALLOWED_DIRS):
        return None
    return path


@functools.lru_cache(maxsize=1)
def _offline_fetcher():
    """Only the project's own files (ALLOWED_DIRS) and data: URIs (the QR codes): a PDF never reads other files of
    the build machine (file:///etc/..., /dev/zero) and never fetches anything from the network."""
    import weasyprint

    class Fetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:") or _allowed_file(url) is not None:
                return super().fetch(url, headers)
            raise ProjectFilesOnly(f"Niet toegestaan in een PDF: {url[:80]}")

    return Fetcher(allowed_protocols={"file", "data"})


@functools.lru_cache(maxsize=1)
def _fonts():
    """FontConfiguration + fonts stylesheet, created once per process (fonts load once)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    # WeasyPrint logs every unsupported CSS property at warning level; keep build output clean.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    font_config = FontConfiguration()
    css = weasyprint.CSS(filename=str(FONTS_CSS), font_config=font_config, url_fetcher=_offline_fetcher())
    return font_config, css


@functools.lru_cache(maxsize=32)
def _stylesheet(path: str, mtime: float):
    import weasyprint

    font_config, _ = _fonts()
    return weasyprint.CSS(filename=path, font_config=font_config, url_fetcher=_offline_fetcher())


def _css(stylesheets: Iterable[str | Path]):
    import weasyprint

    font_config, fonts_css = _fonts()
    sheets = [fonts_css]
    for sheet in stylesheets:
        if isinstance(sheet, Path):
            sheets.append(_stylesheet(str(sheet), sheet.stat().st_mtime))
        else:  # CSS source text
            sheets.append(weasyprint.CSS(string=sheet, font_config=font_config, url_fetcher=_offline_fetcher()))
    return font_config, sheets


def render_document(html: str, base_url: str, stylesheets: Iterable[str | Path] = ()):
    """Lay out ``html`` and return the ``weasyprint.Document`` (pages, boxes) before writing.

    ``base_url``: directory (or file) that relative URLs in ``html`` resolve against.
    ``stylesheets``: ``Path`` objects are CSS files (cached), ``str`` items are CSS text.
    """
    import weasyprint

    font_config, sheets = _css(stylesheets)
    document = weasyprint.HTML(string=html, base_url=_as_base_url(base_url), url_fetcher=_offline_fetcher())
    return document.render(stylesheets=sheets, font_config=font_config)


def document_to_pdf(document) -> bytes:
    """Write a rendered document (from ``render_document``) as PDF bytes."""
    return document.write_pdf()


def html_to_pdf(html: str, base_url: str, stylesheets: Iterable[str | Path] = ()) -> bytes:
    """HTML -> PDF bytes with the shipped fonts. See ``render_document`` for the arguments."""
    return document_to_pdf(render_document(html, base_url, stylesheets))


def _as_base_url(base_url: str | Path) -> str:
    path = Path(base_url)
    if path.exists():
        resolved = path.resolve()
        uri = resolved.as_uri()
        return uri + "/" if resolved.is_dir() else uri
    return str(base_url)

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


class _SizedArraysOnce:
    """WeasyPrint's font subsetting (weasyprint.pdf.fonts) asks cffi for ``hb_codepoint_t[N]`` with the glyph count
    N of each font in each PDF, and cffi parses every C type it has not seen before with pycparser (some 4 ms): with
    37 PDFs of 3 to 4 fonts, a tenth of the time spent writing them. An array filled from a sequence of exactly N
    items is the same array as ``hb_codepoint_t[]`` filled from it, whose type is parsed once."""

    def __init__(self, ffi):
        self._ffi = ffi

    def new(self, cdecl: str, init=None):
        base, bracket, size = cdecl.partition("[")
        if bracket and init is not None and size == f"{len(init)}]":
            cdecl = f"{base}[]"
        return self._ffi.new(cdecl, init)

    def __getattr__(self, name: str):
        return getattr(self._ffi, name)


@functools.lru_cache(maxsize=1)
def _fonts():
    """FontConfiguration + fonts stylesheet, created once per process (fonts load once)."""
    import weasyprint
    import weasyprint.pdf.fonts
    from weasyprint.text.fonts import FontConfiguration

    weasyprint.pdf.fonts.ffi = _SizedArraysOnce(weasyprint.pdf.fonts.ffi)
    # WeasyPrint logs every unsupported CSS property at warning level; keep build output clean.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    font_config = FontConfiguration()
    css = weasyprint.CSS(filename=str(FONTS_CSS), font_config=font_config, url_fetcher=_offline_fetcher())
    return font_config, css


@functools.lru_cache(maxsize=32)
def _stylesheet(path: str, mtime: float):
    """A CSS file, parsed once; its ``@color-profile`` rules (read once) go with it as ``color_profiles``."""
    import weasyprint

    font_config, _ = _fonts()
    profiles: dict = {}
    css = weasyprint.CSS(
        filename=path, font_config=font_config, url_fetcher=_offline_fetcher(), color_profiles=profiles
    )
    css.color_profiles = profiles
    return css


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


def render_document(html: str, base_url: str, stylesheets: Iterable[str | Path] = (), user_agent: Path | None = None):
    """Lay out ``html`` and return the ``weasyprint.Document`` (pages, boxes) before writing.

    ``base_url``: directory (or file) that relative URLs in ``html`` resolve against.
    ``stylesheets``: ``Path`` objects are CSS files (cached), ``str`` items are CSS text.
    ``user_agent``: for a document from our own card templates (layout.render): the CSS file used instead of
    WeasyPrint's user-agent stylesheet (kb/print/ua.css); the document is then parsed by html_tree.py.
    """
    import weasyprint

    from .icons import image_cache

    font_config, sheets = _css(stylesheets)
    profiles = {name: profile for sheet in sheets for name, profile in getattr(sheet, "color_profiles", {}).items()}
    html_class = _card_document(str(user_agent), user_agent.stat().st_mtime) if user_agent else weasyprint.HTML
    document = html_class(string=html, base_url=_as_base_url(base_url), url_fetcher=_offline_fetcher())
    return document.render(stylesheets=sheets, font_config=font_config, color_profiles=profiles, cache=image_cache())


@functools.lru_cache(maxsize=4)
def _card_document(user_agent: str, mtime: float):
    """For our own card documents: a weasyprint.HTML that parses with html_tree.py and has the user-agent stylesheet
    ``user_agent`` (parsed once). It sets what weasyprint.HTML.__init__ sets after parsing (WeasyPrint is pinned;
    the tests lay out every card document both ways)."""
    import cssselect2
    import weasyprint

    sheet = _stylesheet(user_agent, mtime)

    class CardDocument(weasyprint.HTML):
        def __init__(self, string: str, base_url: str, url_fetcher):
            from .html_tree import parse

            self.base_url, self.url_fetcher, self.media_type = base_url, url_fetcher, "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(parse(string), content_language=None)
            self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, forms=False):
            return [sheet]

    return CardDocument


def document_to_pdf(document, variant: str | None = None) -> bytes:
    """Write a rendered document (from ``render_document``) as PDF bytes.

    ``variant``: a WeasyPrint ``pdf_variant`` such as ``"pdf/x-4"`` (the document's stylesheets then need an
    ``@color-profile device-cmyk`` rule for the output intent). The file stays reproducible: its dates come from
    SOURCE_DATE_EPOCH when set, its XMP document id from its title. Pages that have ``print_bleed_mm``
    (impose.CropMarkedPage) get a BleedBox that far around the TrimBox.
    """
    if not variant:
        return document.write_pdf()
    import hashlib

    if not document.metadata.created:
        document.metadata.created = document.metadata.modified = _build_date()
    # The file identifier from title, date and page count: WeasyPrint's default hashes every object of the file
    # (a second serialisation of the whole PDF).
    identity = f"{document.metadata.title}|{document.metadata.created}|{len(document.pages)}"
    identifier = hashlib.md5(identity.encode(), usedforsecurity=False).hexdigest().encode()
    return document.write_pdf(pdf_variant=variant, pdf_identifier=identifier, finisher=_print_boxes)


def _build_date() -> str:
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch.isdigit()
        else datetime.datetime.now(datetime.UTC)
    )
    return when.strftime("%Y-%m-%dT%H:%M:%S+00:00")


# The registered print condition of the output intent (kb/print/icc/README.md): ISO Coated v2 is FOGRA39.
OUTPUT_CONDITION = {
    "OutputConditionIdentifier": "FOGRA39",
    "OutputCondition": "Offset, ISO 12647-2:2004/Amd 1, gestreken papier (paper type 1/2), FOGRA39",
    "RegistryName": "http://www.color.org",
}


@functools.lru_cache(maxsize=4)
def _compressed_profile(src: str) -> bytes | None:
    """An ICC profile of the project as every PDF holds it: the file's own bytes, compressed once per process. Not
    what WeasyPrint embeds (Pillow's ``tobytes``): once a profile has been read, Pillow writes it out differently
    (178,900 bytes the first time, 179,000 after), so the first PDF of a process would differ from the same PDF made
    later. None for a profile that is not a file of the project (WeasyPrint's own sRGB)."""
    import zlib

    path = _allowed_file(src)
    return None if path is None else zlib.compress(path.read_bytes(), 9)


def _print_boxes(document, pdf) -> None:
    """WeasyPrint's finisher: BleedBox at the print bleed (its own lies between TrimBox and MediaBox, at most
    10 pt from the trim), the ICC profiles as their files (_compressed_profile), the registered print condition in
    the output intent, and a stable XMP document id instead of a random one."""
    import re
    import uuid

    import pydyf

    kids = pdf.pages["Kids"]
    for page, number in zip(document.pages, kids[::3], strict=True):
        bleed_mm = getattr(page, "print_bleed_mm", None)
        if bleed_mm is None:
            continue
        pdf_page, bleed = pdf.objects[number], bleed_mm * 72 / 25.4
        left, bottom, right, top = pdf_page["TrimBox"]
        pdf_page["BleedBox"] = pydyf.Array([left - bleed, bottom - bleed, right + bleed, top + bleed])
    for profile in document.color_profiles.values():
        compressed = _compressed_profile(profile.src)
        if compressed is not None:
            stream = pdf.objects[int(profile.pdf_reference.split()[0])]
            stream.stream, stream.compress = [compressed], False
            stream.extra["Filter"] = "/FlateDecode"
    for intent in pdf.catalog.get("OutputIntents", ()):
        intent["Info"] = intent.get("OutputConditionIdentifier")  # the profile's own description
        intent.update({key: pydyf.String(value) for key, value in OUTPUT_CONDITION.items()})
    metadata = next(
        (o for o in pdf.objects if isinstance(o, pydyf.Stream) and o.extra.get("Type") == "/Metadata"), None
    )
    if metadata is not None:
        stable = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, document.metadata.title or '')}".encode()
        metadata.stream = [re.sub(rb"xmp\.did:[0-9a-f-]{36}", stable, part) for part in metadata.stream]


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

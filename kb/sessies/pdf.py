"""The draaiboek as an A4 PDF, through the shared WeasyPrint entry point in kb/print/pdf.py.

The Markdown is the site page's (kb/sessies/draaiboek.py, with full URLs as links); templates/draaiboek.html puts it in
an HTML page with a running header and footer, in an HTML environment that escapes every value.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..model.collection import Collection
from ..print.cache import PdfFile, Store, fingerprint
from ..site.sanitize import clean_html
from ..site.templating import bytecode_cache
from .draaiboek import DRAAIBOEK_DIR, Links, draaiboek_markdown
from .model import Session

HERE = Path(__file__).resolve().parent
PRINT_CSS = HERE / "draaiboek_print.css"
_MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition"]


@functools.lru_cache(maxsize=1)
def _html_environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        undefined=StrictUndefined,
        bytecode_cache=bytecode_cache(),
    )


def draaiboek_html(collection: Collection, session: Session, site_url: str) -> str:
    import markdown

    body = markdown.markdown(
        draaiboek_markdown(collection, session, Links(site_url, for_pdf=True)),
        extensions=_MARKDOWN_EXTENSIONS,
        output_format="html",
    )
    # The same allow-list as every site page (kb/site/sanitize.py): nothing from content can make WeasyPrint fetch.
    return (
        _html_environment()
        .get_template("draaiboek.html")
        .render(session=session, footer=f"{site_url}{session.url}", body=Markup(clean_html(body)))
    )


def draaiboek_pdf(collection: Collection, session: Session, site_url: str, store: Store | None = None) -> bytes:
    """The A4 PDF. With a store (the cache of the card PDFs, kb/print/cache.py), an unchanged draaiboek is not laid
    out again (WeasyPrint is the slow part): the key is the page itself, its print styles and the print code."""
    from ..print import pdf

    page = draaiboek_html(collection, session, site_url)
    path = f"{DRAAIBOEK_DIR}/{session.id}.pdf"
    key = fingerprint("draaiboek", path, page, PRINT_CSS.read_text(encoding="utf-8"))
    cached = store.get(key, {path}) if store else None
    if cached:
        [file], _ = cached
        return file.content
    document = pdf.render_document(page, str(PRINT_CSS.parent), [PRINT_CSS])
    content = pdf.document_to_pdf(document)
    if store:
        store.put(key, [PdfFile(path, content, len(document.pages), "draaiboek")], {})
    return content

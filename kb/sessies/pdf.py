"""The draaiboek as an A4 PDF, through the shared WeasyPrint entry point in kb/print/pdf.py.

The Markdown is the site page's (kb/sessies/draaiboek.py, with full URLs as links); templates/draaiboek.html puts it in
an HTML page with a running header and footer, in an HTML environment that escapes every value.
"""
from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..model.collection import Collection
from .draaiboek import Links, draaiboek_markdown
from .model import Session

HERE = Path(__file__).resolve().parent
PRINT_CSS = HERE / "draaiboek_print.css"
_MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition"]


@functools.lru_cache(maxsize=1)
def _html_environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True, undefined=StrictUndefined)


def draaiboek_html(collection: Collection, session: Session, site_url: str) -> str:
    import markdown

    body = markdown.markdown(draaiboek_markdown(collection, session, Links(site_url, for_pdf=True)),
                             extensions=_MARKDOWN_EXTENSIONS, output_format="html")
    return _html_environment().get_template("draaiboek.html").render(
        session=session, footer=f"{site_url}{session.url}", body=Markup(body))


def draaiboek_pdf(collection: Collection, session: Session, site_url: str, cache_dir: Path | None = None) -> bytes:
    """The A4 PDF. With a cache_dir, an unchanged draaiboek is not laid out again (WeasyPrint is the slow part)."""
    from ..print import pdf

    page = draaiboek_html(collection, session, site_url)
    cached = None
    if cache_dir is not None:
        key = hashlib.sha256("\0".join([page, PRINT_CSS.read_text(encoding="utf-8"),
                                        Path(pdf.__file__).read_text(encoding="utf-8"),
                                        pdf.FONTS_CSS.read_text(encoding="utf-8")]).encode()).hexdigest()
        cached = Path(cache_dir) / f"{session.id}-{key[:20]}.pdf"
        if cached.exists():
            return cached.read_bytes()
    result = pdf.html_to_pdf(page, base_url=str(PRINT_CSS.parent), stylesheets=[PRINT_CSS])
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob(f"{session.id}-*.pdf"):
            if re.fullmatch(rf"{re.escape(session.id)}-[0-9a-f]{{20}}\.pdf", old.name):
                old.unlink()
        cached.write_bytes(result)
    return result

"""The draaiboek as an A4 PDF, through the shared WeasyPrint entry point in kb/print/pdf.py.

The Markdown is the site page's (kb/sessies/draaiboek.py, with full URLs as links); templates/draaiboek.html puts it in
an HTML page with a running header and footer, in an HTML environment that escapes every value.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..model.collection import Collection
from ..site.sanitize import clean_html
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


def draaiboek_pdf(collection: Collection, session: Session, site_url: str, cache_dir: Path | None = None) -> bytes:
    """The A4 PDF. With a cache_dir, an unchanged draaiboek is not laid out again (WeasyPrint is the slow part)."""
    from ..print import pdf

    page = draaiboek_html(collection, session, site_url)
    if cache_dir is None:
        return pdf.html_to_pdf(page, base_url=str(PRINT_CSS.parent), stylesheets=[PRINT_CSS])
    key = hashlib.sha256(
        "\0".join(
            [
                page,
                PRINT_CSS.read_text(encoding="utf-8"),
                Path(pdf.__file__).read_text(encoding="utf-8"),
                pdf.FONTS_CSS.read_text(encoding="utf-8"),
            ]
        ).encode()
    ).hexdigest()[:20]
    cached = _from_cache(Path(cache_dir), session.id, key)
    if cached is not None:
        return cached
    result = pdf.html_to_pdf(page, base_url=str(PRINT_CSS.parent), stylesheets=[PRINT_CSS])
    _to_cache(Path(cache_dir), session.id, key, result)
    return result


def _cache_files(cache_dir: Path, session_id: str):
    """(file, input key, content hash) of every cached PDF of a session: `<id>-<key>-<sha256 of the PDF>.pdf`."""
    pattern = re.compile(rf"{re.escape(session_id)}-([0-9a-f]{{20}})-([0-9a-f]{{16}})\.pdf")
    for file in cache_dir.glob(f"{session_id}-*.pdf") if cache_dir.is_dir() else ():
        match = pattern.fullmatch(file.name)
        if match:
            yield file, match[1], match[2]


def _from_cache(cache_dir: Path, session_id: str, key: str) -> bytes | None:
    """The cached PDF only if its content still has the hash in its name; a damaged file is rebuilt."""
    for file, file_key, content_hash in _cache_files(cache_dir, session_id):
        if file_key != key:
            continue
        try:
            content = file.read_bytes()
        except OSError:
            return None
        if content.startswith(b"%PDF-") and hashlib.sha256(content).hexdigest()[:16] == content_hash:
            return content
    return None


def _to_cache(cache_dir: Path, session_id: str, key: str, content: bytes) -> None:
    """Keep one PDF per session; a cache folder that cannot be written only costs time next build."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        legacy = re.compile(rf"{re.escape(session_id)}-[0-9a-f]{{20}}\.pdf")  # before the content hash was added
        for old in [file for file, _, _ in _cache_files(cache_dir, session_id)] + [
            file for file in cache_dir.glob(f"{session_id}-*.pdf") if legacy.fullmatch(file.name)
        ]:
            old.unlink()
        target = cache_dir / f"{session_id}-{key}-{hashlib.sha256(content).hexdigest()[:16]}.pdf"
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
    except OSError:
        pass

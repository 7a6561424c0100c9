"""The one Jinja environment for generated Markdown: item pages, draaiboeken and the card download page.

Every `{{ value }}` in a template passes through `finalize` (and not through HTML escaping: autoescape is on only
so that macros return Markup): contributor text is Markdown but never HTML or an
attribute list, so '<', '{' and '}' are neutralised there, once, and a template cannot forget it. Markdown that a
filter or macro builds on purpose (a heading with its `{#anker}`, a div around a list) is marked `Markup` and
passes unchanged. The HTML that MkDocs makes of the result is sanitised once more (kb/site/sanitize.py).
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

KB_DIR = Path(__file__).resolve().parent.parent
# Templates of every stage that writes Markdown; names are unique across these folders.
TEMPLATE_DIRS = (KB_DIR / "site" / "templates", KB_DIR / "sessies" / "templates", KB_DIR / "print" / "templates")


KEEP_DAYS = 14  # compiled templates not used for this long are removed (as the card cache does)


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, for which a folder that cannot be read or written only costs time: the
    template is then compiled as if there were no cache (a damaged entry Jinja itself compiles again). An entry that
    is used is marked as used (its time), so that prune() removes only what no build asked for in KEEP_DAYS days:
    the templates of scratch copies of the project (tests, benchmark) would otherwise pile up."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
            if bucket.code is not None:
                os.utime(self._get_cache_filename(bucket))
        except OSError:
            bucket.reset()

    def prune(self) -> None:
        limit = time.time() - KEEP_DAYS * 86400
        for entry in Path(self.directory).glob("__jinja2_*.cache"):
            try:
                if entry.stat().st_mtime < limit:
                    entry.unlink()
            except OSError:
                pass

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.cache
def bytecode_cache() -> FileSystemBytecodeCache | None:
    """Where every Jinja environment of a build (the theme's too, hooks/kennisbank.py) keeps its compiled templates:
    compiling the 70 templates took a tenth of each build. Jinja checks each template's source against what it
    compiled, so a changed template is compiled again. $XDG_CACHE_HOME/kennisbank/sjablonen, else
    ~/.cache/kennisbank/sjablonen; none when KB_KAARTEN_CACHE=uit (no cache at all) or the folder cannot be made."""
    if os.environ.get("KB_KAARTEN_CACHE") == "uit":
        return None
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kennisbank" / "sjablonen"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    cache = _TemplateCache(str(folder))
    cache.prune()
    return cache


def neutralise(text: str) -> str:
    """Contributor Markdown with raw HTML and attribute lists made inert (the text itself is kept)."""
    return str(text).replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")


def _finalize(value):
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(neutralise(value))


def block(text: str) -> Markup:
    """Contributor Markdown as a block (paragraphs, lists), neutralised and trimmed."""
    return Markup(neutralise(text).strip())


def inline(text: str) -> Markup:
    """Contributor text on one line (list items, headings, table cells)."""
    return Markup(" ".join(neutralise(text).split()))


def blockquote(text: str) -> Markup:
    """Contributor Markdown as a block quote: every line starts with '> '."""
    return Markup("> " + "\n> ".join(neutralise(text).strip().splitlines()))


def markdown(text: str) -> Markup:
    """Markdown built by our own code (already neutralised where it holds contributor text)."""
    return Markup(text)


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(d) for d in TEMPLATE_DIRS]),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
        bytecode_cache=bytecode_cache(),
    )
    env.filters.update(block=block, inline=inline, blockquote=blockquote, markdown=markdown)
    return env


def render(template: str, **context) -> str:
    """A template from TEMPLATE_DIRS rendered with the given data."""
    return environment().get_template(template).render(**context)

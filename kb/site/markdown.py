"""Contributor text as Markdown in code that still builds Markdown itself (kb/site/schema_reference.py).

Generated pages come from templates (kb/site/templating.py, whose `inline` filter does the same). Contributor text
is Markdown but never HTML: `safe()` escapes '<' and braces so that raw HTML and attribute lists cannot get in,
while *emphasis*, lists and links keep working.
"""

from __future__ import annotations


def safe(text: str) -> str:
    """Contributor Markdown with HTML and attribute lists neutralised."""
    return text.replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;").strip()


def inline(text: str) -> str:
    """Contributor text on one line (list items, headings)."""
    return " ".join(safe(text).split())

"""Markdown helpers that kb/sessies/draaiboek.py still uses while it moves to templates.

Item pages and overview lists come from templates (kb/site/templates); their macros in macros.md produce the same
output as these functions. Contributor text is Markdown but never HTML: `safe()` escapes '<' and braces so that
raw HTML and attribute lists cannot get in, while *emphasis*, lists and links keep working.
"""

from __future__ import annotations

from .pages import front_matter_yaml


def safe(text: str) -> str:
    """Contributor Markdown with HTML and attribute lists neutralised."""
    return text.replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;").strip()


def inline(text: str) -> str:
    """Contributor text on one line (list items, headings)."""
    return " ".join(safe(text).split())


def front_matter(**fields) -> str:
    return "---\n" + front_matter_yaml(**fields) + "---\n\n"


def wrap(css: str, markdown: str) -> str:
    """A div with a CSS class around Markdown (md_in_html keeps the Markdown working inside)."""
    return f'<div class="{css}" markdown>\n\n{markdown}\n\n</div>'


def bullet_list(lines, ordered: bool = False, css: str | None = None) -> str:
    items = [f"{f'{n}.' if ordered else '-'} {inline(line)}" for n, line in enumerate(lines, 1)]
    block = "\n".join(items)
    return wrap(css, block) if css else block


def quotes(citaten) -> str:
    blocks = []
    for citaat in citaten:
        text = "\n> ".join(safe(citaat["tekst"]).splitlines())
        who = f"\n>\n> — *{inline(citaat['wie'])}*" if "wie" in citaat else ""
        blocks.append(wrap("citaat", f"> {text}{who}"))
    return "\n\n".join(blocks)


def part_text(part: dict, with_quotes: bool = True) -> list[str]:
    """The text of one werkkaart onderdeel in source order, as Markdown blocks (site and draaiboek alike)."""
    out = []
    if "tekst" in part:
        out.append(safe(part["tekst"]))
    if "punten" in part:
        out.append(bullet_list(part["punten"]))
    if "stappen" in part:
        out.append(bullet_list(part["stappen"], ordered=True))
    if "vragen" in part:
        out.append(bullet_list(part["vragen"], css="vragen"))
    if "citaten" in part and with_quotes:
        out.append(quotes(part["citaten"]))
    if "slottekst" in part:
        out.append(safe(part["slottekst"]))
    return out

"""Markdown building blocks shared by every generated page and the draaiboek.

Contributor text is Markdown but never HTML: `safe()` escapes '<' and braces so that raw HTML and attribute lists
cannot get in, while *emphasis*, lists and links keep working.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import yaml

from ..model.collection import Collection, Item
from ..model.vocabulary import section_anchor


@dataclass(frozen=True)
class Page:
    path: str       # path inside docs/, e.g. werkkaarten/tijdlijn-maken.md
    markdown: str


def safe(text: str) -> str:
    """Contributor Markdown with HTML and attribute lists neutralised."""
    return text.replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;").strip()


def inline(text: str) -> str:
    """Contributor text on one line (list items, headings)."""
    return " ".join(safe(text).split())


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same output, seven times faster


def front_matter(**fields) -> str:
    return "---\n" + yaml.dump(fields, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n"


def link(from_item: Item, to_item: Item) -> str:
    """Relative Markdown link between two item pages, so MkDocs validates it."""
    prefix = "" if from_item.type is to_item.type else f"../{to_item.type.plural}/"
    return f"[{label(to_item)}]({prefix}{to_item.id}.md)"


def label(item: Item) -> str:
    """How a link names an item: with its card code (WK3 · ...) when the type has numbered cards."""
    return f"{item.code} · {inline(item.title)}" if item.type.coded else inline(item.title)


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


def heading(level: int, title: str, anchor: str) -> str:
    return f"{'#' * level} {inline(title)} {{#{anchor}}}"


def section(part: dict, level: int) -> str:
    out = [heading(level, part["titel"], section_anchor(part))]
    facts = []
    if "duur_minuten" in part:
        facts.append(f"**Duur:** {part['duur_minuten']} minuten (volgens de bron)")
    if "materialen" in part:
        facts.append("**Nodig:** " + "; ".join(inline(m) for m in part["materialen"]))
    if facts:
        out.append("  \n".join(facts) + "\n{: .feiten }")
    out += part_text(part)
    for child in part.get("onderdelen", []):
        out.append(section(child, min(level + 1, 6)))
    return "\n\n".join(out)


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


def source_block(collection: Collection, item: Item) -> str:
    out = [heading(2, "Bron", "bron"), citation(collection, item.data["bron"])]
    if "correcties" in item.data:
        fixes = [f"{inline(c['was'])} → {inline(c['wordt'])}: {inline(c['reden'])}" for c in item.data["correcties"]]
        out.append("Verbeterd ten opzichte van de bron:\n\n" + bullet_list(fixes))
    return "\n\n".join(out)


def citation(collection: Collection, bron: dict) -> str:
    """One line naming the publication, publisher, year and section of a `bron`."""
    publication = collection.publications.get(bron["publicatie"], {})
    line = f"*{inline(publication.get('titel', bron['publicatie']))}*"
    if publication.get("uitgever"):
        line += f", {inline(publication['uitgever'])}"
    if publication.get("jaar"):
        line += f" ({publication['jaar']})"
    line += f". {inline(bron['sectie'])}."
    return line


def keywords_block(item: Item) -> str:
    words = item.data.get("trefwoorden")
    if not words:
        return ""
    return "Zoekwoorden: " + ", ".join(inline(w) for w in words) + "\n{: .trefwoorden }"


def item_front_matter(item: Item) -> str:
    # Material puts title and description into the HTML without escaping: escape them here.
    return front_matter(
        title=html.escape(f"{item.code} {item.title}" if item.type.coded else item.title),
        description=html.escape(" ".join(item.data["samenvatting"].split())),
        template="item.html",
        kb_type=item.type.name,
        kb_code=item.code,
        kb_id=item.id,
        kb_url=item.url,
    )

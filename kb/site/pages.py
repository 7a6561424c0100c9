"""Stage 3 (render): turn checked items into Markdown pages for MkDocs, one renderer per content type."""
from __future__ import annotations

import html

from ..model.collection import Collection, Item
from ..model.types import (BEGRIP, BOUWSTEEN, CASUS, ITEM_TYPES, QUESTION_ORIGINS, SITUATIE, SPANNINGSVELD,
                           VRAGENSET, WERKKAART)
from ..model.vocabulary import BOUWSTEEN_SOORTEN, DOELGROEP_LABELS, group_anchor
from .glossary import occurrences
from .markdown import (Page, bullet_list, citation, front_matter, heading, inline, item_front_matter, keywords_block,
                       label, link, quotes, safe, section, source_block, wrap)


def intro(item: Item) -> str:
    return "\n\n".join([
        f"# {inline(item.title)}",
        f"{item.type.label} {item.data['nummer']} · **{item.code}**\n{{: .kaartcode }}",
        inline(item.data["samenvatting"]) + "\n{: .samenvatting }",
    ])


def werkkaart_page(collection: Collection, item: Item) -> Page:
    data = item.data
    parts = [intro(item), safe(data["inleiding"])]
    if "citaten" in data:
        parts.append(quotes(data["citaten"]))
    if "materialen" in data:
        parts += [heading(2, "Wat heb je nodig?", "materialen"), bullet_list(data["materialen"])]
    parts += [section(part, 2) for part in data["onderdelen"]]
    if "links" in data:
        parts += [heading(2, "Meer lezen", "links"),
                  bullet_list([f"[{link_['titel']}]({link_['url']})" for link_ in data["links"]])]
    related = [link(item, collection.get(WERKKAART, ref)) for ref in item.references(WERKKAART)]
    back = [link(item, other) for other in collection.related(item, WERKKAART)
            if other.id not in item.references(WERKKAART)]
    fields = [link(item, sv) for sv in collection.related(item, SPANNINGSVELD)]
    if related or back or fields:
        parts.append(heading(2, "Samenhang", "samenhang"))
        if related:
            parts.append("Deze kaart verwijst naar:\n\n" + "\n".join(f"- {r}" for r in related))
        if back:
            parts.append("Andere kaarten die naar deze kaart verwijzen:\n\n" + "\n".join(f"- {r}" for r in back))
        if fields:
            parts.append("Spanningsvelden waarbij deze werkvorm helpt:\n\n" + "\n".join(f"- {r}" for r in fields))
    parts += [in_practice(collection, item), source_block(collection, item), keywords_block(item)]
    return Page(item.page_path, item_front_matter(item) + "\n\n".join(p for p in parts if p) + "\n")


def poles(item: Item) -> str:
    left, right = item.data["polen"]
    return (
        '<div class="polen" role="img" aria-label="'
        + html.escape(f"Spanningsveld tussen {left['naam']} en {right['naam']}") + '">'
        + f'<span class="pool pool--links">{html.escape(left["naam"])}</span>'
        + '<span class="polen__lijn" aria-hidden="true"></span>'
        + f'<span class="pool pool--rechts">{html.escape(right["naam"])}</span></div>'
    )


def spanningsveld_page(collection: Collection, item: Item) -> Page:
    data = item.data
    parts = [intro(item), poles(item)]
    pole_lines = [f"**{inline(p['naam'])}**: {inline(p['toelichting'])}" for p in data["polen"] if "toelichting" in p]
    parts += [heading(2, "Beschrijving", "beschrijving"), safe(data["beschrijving"])]
    if pole_lines:
        parts.append(bullet_list(pole_lines))
    parts.append(heading(2, "Reflectievragen", "reflectievragen"))
    for number, group in enumerate(data["reflectievragen"], 1):
        audience = ", ".join(DOELGROEP_LABELS[d] for d in group["doelgroepen"])
        title = group.get("titel", f"Vragen voor {audience}")
        parts.append(heading(3, title, f"vragen-{number}"))
        if "titel" in group:
            parts.append(f"*Voor {audience}*")
        parts.append(bullet_list(group["vragen"], css="vragen"))
    if "citaten" in data:
        parts += [heading(2, "Citaten uit de praktijk", "citaten"), quotes(data["citaten"])]
    cards = [link(item, wk) for wk in collection.related(item, WERKKAART)]
    if cards:
        parts += [heading(2, "Werkkaarten die helpen", "werkkaarten"), "\n".join(f"- {c}" for c in cards)]
    parts += [in_practice(collection, item), source_block(collection, item), keywords_block(item)]
    return Page(item.page_path, item_front_matter(item) + "\n\n".join(p for p in parts if p) + "\n")


def overview(collection: Collection, content_type, base: str = "") -> str:
    """Markdown list of all items of one type with their summaries (for hand-written overview pages)."""
    rows = []
    for item in collection.of(content_type):
        rows.append(f"### [{label(item)}]({base}{item.id}.md)\n\n{inline(item.data['samenvatting'])}")
    return "\n\n".join(rows) if rows else "*Er zijn nog geen items.*"


def publications_list(collection: Collection) -> str:
    lines = []
    for publication in collection.publications.values():
        line = f"*{inline(publication['titel'])}*. {inline(publication['uitgever'])}"
        if "jaar" in publication:
            line += f" ({publication['jaar']})"
        line += "."
        if "opmerking" in publication:
            line += f" {inline(publication['opmerking'])}"
        lines.append(line)
    return bullet_list(lines)


# --- Source material around the cards: casussen, vragensets, bouwstenen, begrippen, situaties -------------------

PRACTICE_TYPES = (CASUS, VRAGENSET, BOUWSTEEN, SITUATIE, BEGRIP)


def link_list(from_item: Item, items) -> str:
    return "\n".join(f"- {link(from_item, other)}" for other in items)


def related_block(collection: Collection, item: Item, types, title: str = "Samenhang", anchor: str = "samenhang") -> str:
    """A section listing, per type, every item linked to this one from either side."""
    parts = []
    for content_type in types:
        others = collection.related(item, content_type)
        if others:
            parts.append(f"**{content_type.heading}**\n\n{link_list(item, others)}")
    return "\n\n".join([heading(2, title, anchor), *parts]) if parts else ""


def in_practice(collection: Collection, item: Item) -> str:
    """On werkkaart and spanningsveld pages: the cases, question sets, blocks, situations and terms that link here."""
    return related_block(collection, item, PRACTICE_TYPES, "Verder in de kennisbank", "verder")


def material_intro(item: Item, kind: str) -> str:
    return "\n\n".join([
        f"# {inline(item.title)}",
        f"{kind}\n{{: .kaartcode }}",
        inline(item.data["samenvatting"]) + "\n{: .samenvatting }",
    ])


def page(item: Item, parts) -> Page:
    return Page(item.page_path, item_front_matter(item) + "\n\n".join(p for p in parts if p) + "\n")


def question_origin(collection: Collection, item: Item, group: dict) -> str:
    """Where a casus's question group comes from: a linked item in this kennisbank, or a place in a publication."""
    for key, content_type in QUESTION_ORIGINS.items():
        if key in group:
            return f"*Uit {key} {link(item, collection.get(content_type, group[key]))}*"
    return f"*Bron: {citation(collection, group['bron'])}*"


def casus_page(collection: Collection, item: Item) -> Page:
    data = item.data
    parts = [material_intro(item, "Casus")]
    if data.get("samengesteld"):
        parts.append('!!! note "Samengesteld beeld"\n\n    Dit is niet het verhaal van één gezin, maar een patroon dat '
                     "de bron uit meerdere casussen samenstelt.")
    parts += [heading(2, "Het verhaal", "verhaal"), safe(data["tekst"]),
              heading(2, "Wat liep vast", "wat-liep-vast"),
              safe(data["wat_liep_vast"]) if "wat_liep_vast" in data else "*De bron beschrijft niet wat er vastliep.*",
              heading(2, "Wat hielp", "wat-hielp"),
              safe(data["wat_hielp"]) if "wat_hielp" in data else "*De bron beschrijft niet wat hielp.*"]
    if "citaten" in data:
        parts += [heading(2, "In hun eigen woorden", "citaten"), quotes(data["citaten"])]
    if "reflectievragen" in data:
        parts.append(heading(2, "Vragen om samen te bespreken", "reflectievragen"))
        parts.append("Deze vragen komen uit de bronnen; bij elke groep staat waar.")
        for number, group in enumerate(data["reflectievragen"], 1):
            parts += [heading(3, group.get("titel", "Vragen"), f"vragen-{number}"),
                      question_origin(collection, item, group), bullet_list(group["vragen"], css="vragen")]
    parts += [related_block(collection, item, (SPANNINGSVELD, WERKKAART, VRAGENSET, BOUWSTEEN, SITUATIE, CASUS)),
              source_block(collection, item), keywords_block(item)]
    return page(item, parts)


def vragenset_page(collection: Collection, item: Item) -> Page:
    data = item.data
    parts = [material_intro(item, "Vragenset")]
    if "inleiding" in data:
        parts.append(safe(data["inleiding"]))
    for group in data["groepen"]:
        parts.append(heading(2, group["titel"], group_anchor(group)))
        if "doelgroepen" in group:
            parts.append("*Voor " + ", ".join(DOELGROEP_LABELS[d] for d in group["doelgroepen"]) + "*")
        if "tekst" in group:
            parts.append(safe(group["tekst"]))
        parts.append(bullet_list(group["vragen"], css="vragen"))
        if "slottekst" in group:
            parts.append(safe(group["slottekst"]))
    if "citaten" in data:
        parts += [heading(2, "Uit de praktijk", "citaten"), quotes(data["citaten"])]
    parts += [related_block(collection, item, (SPANNINGSVELD, WERKKAART, CASUS, BOUWSTEEN, SITUATIE)),
              source_block(collection, item), keywords_block(item)]
    return page(item, parts)


def bouwsteen_page(collection: Collection, item: Item) -> Page:
    data = item.data
    parts = [material_intro(item, f"Bouwsteen · {BOUWSTEEN_SOORTEN[data['soort']][0]}")]
    if "inleiding" in data:
        parts.append(safe(data["inleiding"]))
    if "citaten" in data:
        parts.append(quotes(data["citaten"]))
    if "punten" in data:
        parts.append(bullet_list(data["punten"]))
    if "stappen" in data:
        parts.append(bullet_list(data["stappen"], ordered=True))
    parts += [section(part, 2) for part in data.get("onderdelen", [])]
    if "slottekst" in data:
        parts.append(safe(data["slottekst"]))
    parts += [related_block(collection, item, (SPANNINGSVELD, WERKKAART, CASUS, VRAGENSET, BOUWSTEEN, BEGRIP, SITUATIE)),
              source_block(collection, item), keywords_block(item)]
    return page(item, parts)


def begrip_page(collection: Collection, item: Item) -> Page:
    data = item.data
    parts = [f"# {inline(item.title)}", "Begrip\n{: .kaartcode }", safe(data["omschrijving"])]
    if "citaten" in data:
        parts.append(quotes(data["citaten"]))
    places = occurrences(collection, item)
    if places:
        parts += [heading(2, "Hier kom je dit begrip tegen", "voorkomen"), link_list(item, places)]
    parts += [related_block(collection, item, (BEGRIP, SPANNINGSVELD, WERKKAART, BOUWSTEEN), "Zie ook", "zie-ook"),
              source_block(collection, item), keywords_block(item)]
    return page(item, parts)


def situatie_page(collection: Collection, item: Item) -> Page:
    parts = [f"# {inline(item.title)}", "Situatie\n{: .kaartcode }",
             f"> {inline(item.data['samenvatting'])}\n>\n> — *{citation(collection, item.data['bron'])}*",
             "Wat in de kennisbank helpt als je dit herkent:"]
    for content_type in (WERKKAART, SPANNINGSVELD, CASUS, VRAGENSET, BOUWSTEEN):
        others = collection.related(item, content_type)
        if others:
            parts += [heading(2, content_type.heading, content_type.plural), link_list(item, others)]
    parts.append(keywords_block(item))
    return page(item, parts)


RENDERERS = {WERKKAART.name: werkkaart_page, SPANNINGSVELD.name: spanningsveld_page, CASUS.name: casus_page,
             VRAGENSET.name: vragenset_page, BOUWSTEEN.name: bouwsteen_page, BEGRIP.name: begrip_page,
             SITUATIE.name: situatie_page}


def item_pages(collection: Collection) -> list[Page]:
    return [RENDERERS[item.type.name](collection, item) for item in collection.all_items()]

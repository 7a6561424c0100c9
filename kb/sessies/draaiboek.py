"""Render a checked session (kb/sessions.py) as a draaiboek: one Markdown text for the site page and the PDF.

The draaiboek is what a facilitator takes into the room: a cover (goal, audience, duration, people),
a preparation checklist, the timed run-sheet, every block with instructions, the words of the
invitation, questions and what to watch for, the reflection moments, the closing with follow-up, and
the sources. All text comes from the content files; this module only arranges it.

Links differ between the site (relative links to .md pages, checked by MkDocs) and the PDF (absolute
site URLs), so every renderer takes a `Links` object.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..model.collection import Collection, Item
from ..model.types import SPANNINGSVELD, WERKKAART
from ..model.vocabulary import DOELGROEP_LABELS, dilemmas, section_anchor, values_named, variants, walk
from ..site.markdown import bullet_list, front_matter, inline, part_text, safe, wrap
from .model import FOLLOW_UP_ROLE, Block, Session, card_parts, card_with_role
from .rules import ROLE_LABELS, status

DRAAIBOEK_DIR = "draaiboeken"
BUILDER_PAGE = "maken"
BLOCKS_JSON = "api/draaiboek-blokken.json"
PRINT_CSS = Path(__file__).resolve().parent / "draaiboek_print.css"


@dataclass(frozen=True)
class Links:
    """How the draaiboek links to other pages: relative Markdown links on the site, full URLs in the PDF."""

    site_url: str = ""
    for_pdf: bool = False

    def item(self, item: Item, anchor: str = "") -> str:
        fragment = f"#{anchor}" if anchor else ""
        if self.for_pdf:
            return f"{self.site_url}{item.url}{fragment}"
        return f"../{item.type.plural}/{item.id}.md{fragment}"

    def builder(self, session: Session) -> str:
        """The session builder with this session's plan (an HTML link: MkDocs would check the hash as an anchor)."""
        prefix = f"{self.site_url}{DRAAIBOEK_DIR}/" if self.for_pdf else ""
        return f"{prefix}{BUILDER_PAGE}.html#{session.plan_hash()}"


def item_link(item: Item, links: Links, anchor: str = "") -> str:
    return f"[{item.code} {inline(item.title)}]({links.item(item, anchor)})"


# ---------------------------------------------------------------------------------------------------------------
# Small pieces


def source_line(collection: Collection, publication: str, bron: dict | None) -> str:
    """'*Titel*, sectie, regels 1-2' for a bron or bronverwijzing."""
    bron = bron or {}
    title = collection.publications.get(publication, {}).get("titel", publication)
    parts = [f"*{inline(title)}*"]
    if bron.get("sectie"):
        parts.append(inline(bron["sectie"]))
    if bron.get("regels"):
        parts.append(f"regels {bron['regels']}")
    return ", ".join(parts)


class Citations:
    """Short references ('bron 2, regels 257-259') to the numbered publication list at the end."""

    def __init__(self, collection: Collection, session: Session):
        used = {session.data["bron"]["publicatie"]}
        used |= {value for _, value in values_named(session.data, "publicatie")}
        for item in [session.facilitator] + [b.card or b.sv for b in session.blocks if b.card or b.sv]:
            used.add(item.data["bron"]["publicatie"])
        order = [session.data["bron"]["publicatie"]] + [p for p in collection.publications if p in used]
        self.numbers: dict[str, int] = {}
        for publication in order:
            self.numbers.setdefault(publication, len(self.numbers) + 1)
        self.collection = collection
        self.session = session

    def cite(self, bron: dict | None) -> str:
        bron = bron or {}
        number = self.numbers[self.session.publication(bron)]
        lines = bron.get("regels", "")
        if not lines:
            return f"bron {number}"
        return f"bron {number}, {'regel' if lines.isdigit() else 'regels'} {lines}"

    def publications(self) -> list[str]:
        lines = []
        for publication, number in self.numbers.items():
            data = self.collection.publications.get(publication, {})
            line = f"*{inline(data.get('titel', publication))}*"
            if data.get("uitgever"):
                line += f", {inline(data['uitgever'])}"
            if data.get("jaar"):
                line += f" ({data['jaar']})"
            lines.append(line + ".")
        return lines


def subhead(text: str) -> str:
    """A heading inside a block that stays out of the page's table of contents."""
    return f"{text}\n{{: .blokkop }}"


def checklist(lines) -> str:
    return bullet_list(lines, css="checklist")


def part_body(part: dict, with_title: bool = True) -> str:
    """One werkkaart onderdeel without a heading of its own (the draaiboek has its own headings)."""
    out = [f"**{inline(part['titel'])}**"] if with_title else []
    if "duur_minuten" in part:
        out.append(f"*Duur volgens de bron: {part['duur_minuten']} minuten.*")
    out += part_text(part, with_quotes=False)
    for child in part.get("onderdelen", []):
        if child["soort"] != "voorbeelden":
            out.append(part_body(child))
    return "\n\n".join(out)


def context_text(part: dict) -> str:
    """The text of a section around a chosen variant, without the sentence that introduces the other variants."""
    paragraphs = [p for p in part.get("tekst", "").split("\n\n") if p.strip()]
    if paragraphs and paragraphs[-1].rstrip().endswith(":"):
        paragraphs = paragraphs[:-1]
    return safe("\n\n".join(paragraphs)) if paragraphs else ""


def materials(block: Block) -> list[str]:
    """What the block needs, as the source words it: from the card (or the chosen variant) and the block."""
    found = []
    if block.card is not None:
        if block.variant is None:
            found += block.card.data.get("materialen", [])
            scope = block.card.data["onderdelen"]
        else:
            scope = [block.variant]
        found += [m for part in walk(scope) for m in part.get("materialen", [])]
    found += block.data.get("materialen", [])
    return found


def merged_materials(session: Session) -> list[tuple[str, list[str]]]:
    """All materials of all blocks in one list, each once, with the blocks that need it."""
    merged: dict[str, tuple[str, list[str]]] = {}
    for block in session.blocks:
        for material in materials(block):
            key = " ".join(material.lower().split())
            text, users = merged.setdefault(key, (material, []))
            if block.title not in users:
                users.append(block.title)
    return list(merged.values())


def minutes_text(block: Block) -> str:
    return f"{block.minutes} minuten, {status(block.minutes, block.source_minutes)}"


# ---------------------------------------------------------------------------------------------------------------
# Sections of the draaiboek


class Draaiboek:
    """One session rendered for one medium (site page or PDF)."""

    def __init__(self, collection: Collection, session: Session, links: Links):
        self.collection = collection
        self.session = session
        self.links = links
        self.citations = Citations(collection, session)
        self.rows = session.rows()

    def link(self, item: Item, anchor: str = "") -> str:
        return item_link(item, self.links, anchor)

    def cite(self, bron: dict | None) -> str:
        return self.citations.cite(bron)

    def markdown(self) -> str:
        session = self.session
        parts = [f"# Draaiboek: {inline(session.title)}", self.cover()]
        if not self.links.for_pdf:
            # The plan travels in the URL hash, which MkDocs would check as an anchor: raw HTML keeps it as it is.
            builder = html.escape(self.links.builder(session))
            parts.append(f"[PDF om te printen (A4)]({session.id}.pdf){{: .md-button }} "
                         f'<a class="md-button" href="{builder}">Aanpassen in de draaiboekmaker</a>')
        parts += [self.run_sheet(), self.preparation(), self.course(), self.closing(), self.support(), self.sources()]
        return "\n\n".join(parts) + "\n"

    def cover(self) -> str:
        data = self.session.data
        people = data["deelnemers"]
        if "aantal" in people:
            count = f"{people['aantal']} {'deelnemer' if people['aantal'] == 1 else 'deelnemers'}"
        else:
            count = f"{people['minimaal']} tot {people['maximaal']} deelnemers"
        count += f" ({self.cite(people['bron'])})" if "bron" in people else " (voorstel)"
        audience = ", ".join(DOELGROEP_LABELS[d] for d in data["doelgroepen"])
        duration = f"volgens {self.cite(data['duur_bron'])}" if "duur_bron" in data else "voorstel"
        start_note = "" if "begintijd" in data else " (kies je eigen begintijd in de draaiboekmaker)"
        lines = [f"**Doel.** {inline(data['doel']['tekst'])} *({self.cite(data['doel']['bron'])})*"]
        if "kernvragen" in data:
            lines.append(f"**Centrale vragen** *({self.cite(data['kernvragen']['bron'])})*\n\n"
                         + bullet_list(data["kernvragen"]["vragen"], css="vragen"))
        lines += [
            f"**Voor wie.** {inline(people['wie'])}; {count}. *Doelgroep: {audience}.*",
            f"**Duur.** {self.session.duration_text} ({duration}), van {self.rows[0].start} tot "
            f"{self.rows[-1].end}{start_note}.",
        ]
        people_lines = []
        for person in data["mensen"]:
            line = inline(person["rol"])
            line = line[0].upper() + line[1:]
            if "aantal" in person:
                line += f" ({person['aantal']})"
            if "taak" in person:
                line += f": {inline(person['taak'])}"
            if "bron" in person:
                line += f" *({self.cite(person['bron'])})*"
            people_lines.append(line)
        lines.append("**Wie heb je nodig**\n\n" + bullet_list(people_lines))
        used = []
        for block in self.session.blocks:
            item = block.card or block.sv
            if item is not None and item not in used:
                used.append(item)
        if used:
            lines.append("**Werkvormen en spanningsvelden:** " + " · ".join(self.link(i) for i in used))
        return wrap("draaiboek-voorblad", "\n\n".join(lines))

    def run_sheet(self) -> str:
        lines = ["| Tijd | Onderdeel | Duur | Duur is |", "|---|---|---|---|"]
        for number, (row, block) in enumerate(zip(self.rows, self.session.blocks), 1):
            start_end, title, minutes, status_text = row.cells()
            label = ROLE_LABELS[block.role]
            role = f" *({label.lower()})*" if block.role in ("opening", "afsluiting") and block.title != label else ""
            lines.append(f"| {start_end} | [{inline(title)}](#blok-{number}){role} | {minutes} | {status_text} |")
        source = f"volgens {self.cite(self.session.data['duur_bron'])}" if "duur_bron" in self.session.data \
            else "voorstel"
        total = (f"**Totaal:** {self.session.total} minuten ({self.session.duration_text}, {source}), "
                 f"van {self.rows[0].start} tot {self.rows[-1].end}.")
        if any(row.status.startswith("voorstel") for row in self.rows):  # explain the word only where it is used
            total += (" Waar *voorstel* staat, komt de duur niet uit de bron: pas de minuten aan je groep "
                      "aan; de draaiboekmaker rekent het tijdschema dan opnieuw uit.")
        return "\n\n".join(["## Tijdschema {#tijdschema}", wrap("tijdschema", "\n".join(lines)), total])

    def preparation(self) -> str:
        facilitator = self.session.facilitator
        out = ["## Voorbereiding {#voorbereiding}"]
        for part in walk(facilitator.data["onderdelen"]):
            if part["soort"] == "voorbereiding":
                out.append("### Vragen aan jezelf als facilitator {#voorbereiding-facilitator}")
                out.append(f"Uit {self.link(facilitator, section_anchor(part))}. {inline(part.get('tekst', ''))}")
                out.append(checklist(part.get("vragen", []) + part.get("punten", [])))
        block_parts = []
        for number, block in enumerate(self.session.blocks, 1):
            items = [part_body(part, with_title=False) for part in block.parts().voorbereiding]
            if "voorbereiding" in block.data:
                items.append(checklist(block.data["voorbereiding"]))
            if items:
                source = f" (uit {self.link(block.card)})" if block.card and block.parts().voorbereiding else ""
                block_parts.append(f"**{number}. {inline(block.title)}**{source}\n\n" + "\n\n".join(items))
        if block_parts:
            out += ["### Per blok {#voorbereiding-per-blok}", *block_parts]
        out.append("### Materialen {#materialen}")
        merged = merged_materials(self.session)
        if merged:
            out.append(checklist(f"{inline(text)} *(voor: {'; '.join(inline(u) for u in users)})*"
                                 for text, users in merged))
        else:
            out.append("De werkvormen in dit draaiboek noemen geen materialen.")
        return "\n\n".join(out)

    def course(self) -> str:
        blocks = [self.block(number, block) for number, block in enumerate(self.session.blocks, 1)]
        return "\n\n".join(["## Het verloop {#verloop}", *blocks])

    def block(self, number: int, block: Block) -> str:
        row = self.rows[number - 1]
        out = [f"### {row.start}–{row.end} · {inline(block.title)} {{#blok-{number}}}"]
        label = ROLE_LABELS[block.role] if block.role != "blok" else ("Reflectiemoment" if block.sv else "Blok")
        facts = [f"{label} {number} · {minutes_text(block)}"]
        if block.card:
            facts.append(self.link(block.card, section_anchor(block.variant) if block.variant else ""))
        if block.sv:
            facts.append(self.link(block.sv))
        out.append(" · ".join(facts) + "\n{: .blok-feiten }")
        parts = block.parts()

        invitation = block.data.get("uitnodiging")
        if invitation:
            out += [f"**Zo nodig je uit** *({self.cite(invitation['bron'])})*",
                    wrap("uitnodiging", f"> {inline(invitation['tekst'])}")]
        elif block.card or block.sv:
            item = block.card or block.sv
            out += ["**Zo introduceer je de werkvorm** *(samenvatting van de kaart)*" if block.card else
                    "**Zo introduceer je het spanningsveld** *(samenvatting van de kaart)*",
                    wrap("uitnodiging", f"> {inline(item.data['samenvatting'])}")]
        if block.sv:
            left, right = block.sv.data["polen"]
            out.append(f"**Het spanningsveld:** tussen *{inline(left['naam'])}* en *{inline(right['naam'])}*.")

        instructions = []
        if "tekst" in block.data and block.role != "pauze":
            instructions.append(safe(block.data["tekst"]))
        for part in parts.context:
            text = context_text(part)
            if text:
                instructions.append(f"**{inline(part['titel'])}**\n\n{text}")
        instructions += [part_body(part) for part in parts.werkwijze]
        if instructions:
            out += [subhead("Wat je doet"), *instructions]

        questions = []
        if "vragen" in block.data:
            questions.append(bullet_list(block.data["vragen"], css="vragen"))
        questions += [part_body(part) for part in parts.vragen]
        for group in block.reflection_groups():
            audience = ", ".join(DOELGROEP_LABELS[d] for d in group["doelgroepen"])
            title = f"**{inline(group['titel'])}** *(voor {audience})*" if "titel" in group else f"*Voor {audience}:*"
            questions.append(title + "\n\n" + bullet_list(group["vragen"], css="vragen"))
        if questions:
            out += [subhead("Reflectievragen" if block.sv else "Vragen"), *questions]

        for example in block.data.get("voorbeelden", []):
            out += [subhead("Voorbeeld uit de bron"),
                    wrap("voorbeeld", safe(example["tekst"]) + f"\n\n*({self.cite(example['bron'])})*")]

        watch = [f"- {inline(note['tekst'])} *({self.cite(note['bron'])})*" for note in block.data.get("let_op", [])]
        watch = ["\n".join(watch)] if watch else []
        watch += [part_body(part) for part in parts.let_op]
        for part in block.facilitator_dilemmas:
            watch.append(f"**Dilemma: {inline(part['titel'])}** "
                         f"(uit {self.link(self.session.facilitator, section_anchor(part))})\n\n"
                         + part_body(part, with_title=False))
        if watch:
            out += [subhead("Waar je op let"), *watch]

        for part in parts.afronding:
            out += [subhead("Afronden"), part_body(part, with_title=False)]
        if parts.wanneer:
            out.append(wrap("achtergrond", "\n\n".join(
                ["**Achtergrond: waarom deze werkvorm**"] + [part_body(p, with_title=False) for p in parts.wanneer])))
        if "bron" in block.data and any(k in block.data for k in ("tekst", "vragen", "voorbereiding", "materialen")):
            out.append(f"*Tekst en vragen van dit blok: {self.cite(block.data['bron'])}.*\n{{: .blok-bron }}")
        return wrap("draaiboek-blok", "\n\n".join(out))

    def closing(self) -> str:
        card = card_with_role(self.collection, FOLLOW_UP_ROLE)
        follow_up = self.session.follow_up
        out = ["## Na de bijeenkomst: terugkoppeling en vervolg {#vervolg}",
               f"**Terugkoppeling** (uit {self.link(card, section_anchor(follow_up))}, {inline(follow_up['titel'])})",
               part_body(follow_up, with_title=False)]
        for step in self.session.data.get("vervolg", []):
            out.append(f"{safe(step['tekst'])} *({self.cite(step['bron'])})*")
        return "\n\n".join(out)

    def support(self) -> str:
        """Werkkaart 1's general insights and open questions, and the dilemmas the blocks do not name."""
        card = self.session.facilitator
        out = ["## Houvast voor de facilitator {#houvast}", f"Uit {self.link(card)}."]
        out += [part_body(part) for part in card.data["onderdelen"] if part["soort"] == "inzichten"]
        named = {id(part) for block in self.session.blocks for part in block.facilitator_dilemmas}
        others = [part for part in dilemmas(card) if id(part) not in named]
        if others:
            out.append("**Meer uit werkkaart 1 over wat je kunt tegenkomen:**\n\n"
                       + bullet_list(f"[{inline(p['titel'])}]({self.links.item(card, section_anchor(p))})"
                                     for p in others))
        return "\n\n".join(out)

    def sources(self) -> str:
        session = self.session
        lines = ["Opzet van de bijeenkomst: "
                 + source_line(self.collection, session.data["bron"]["publicatie"], session.data["bron"]) + "."]
        items = []
        for item in [session.facilitator] + [b.card or b.sv for b in session.blocks if b.card or b.sv]:
            if item not in items:
                items.append(item)
        lines += [f"{self.link(item)}: "
                  + source_line(self.collection, item.data["bron"]["publicatie"], item.data["bron"]) + "."
                  for item in items]
        parts = [
            "## Bronnen {#bronnen}",
            "Alle tekst in dit draaiboek komt uit deze publicaties; regelnummers verwijzen naar de tekstversie. "
            "Het draaiboek ordent de teksten; duren en aantallen zonder bron zijn voorstellen.",
            bullet_list(self.citations.publications(), ordered=True),  # numbered as cited: 'bron 1'
            bullet_list(lines),
        ]
        if "correcties" in session.data:
            fixes = [f"{inline(c['was'])} → {inline(c['wordt'])}: {inline(c['reden'])}" for c in session.data["correcties"]]
            parts += ["Verbeterd ten opzichte van de bron:", bullet_list(fixes)]
        return "\n\n".join(parts)


def draaiboek_markdown(collection: Collection, session: Session, links: Links) -> str:
    """The whole draaiboek as Markdown (without front matter)."""
    return Draaiboek(collection, session, links).markdown()


# ---------------------------------------------------------------------------------------------------------------
# Site pages, the overview and the builder data


@dataclass(frozen=True)
class DraaiboekPage:
    path: str
    markdown: str


def draaiboek_pages(collection: Collection) -> list[DraaiboekPage]:
    pages = []
    for session in collection.sessions.values():
        meta = front_matter(title=f"Draaiboek: {session.title}",
                            description=" ".join(session.data["samenvatting"].split()),
                            kb_draaiboek=session.id,
                            # The cards themselves should rank above the draaiboeken that quote them.
                            search={"boost": 0.5})
        pages.append(DraaiboekPage(f"{DRAAIBOEK_DIR}/{session.id}.md",
                                   meta + draaiboek_markdown(collection, session, Links())))
    return pages


def overview(collection: Collection) -> str:
    """Markdown list of all draaiboeken for docs/draaiboeken/index.md."""
    rows = []
    for session in sorted(collection.sessions.values(), key=lambda s: s.title.lower()):
        source = "volgens de bron" if "duur_bron" in session.data else "voorstel"
        audience = ", ".join(DOELGROEP_LABELS[d] for d in session.data["doelgroepen"])
        rows.append(f"### [{inline(session.title)}]({session.id}.md)\n\n{inline(session.data['samenvatting'])}\n\n"
                    f"*{session.duration_text} ({source}) · voor {audience} · {len(session.blocks)} blokken* · "
                    f"[PDF]({session.id}.pdf)")
    return "\n\n".join(rows) if rows else "*Er zijn nog geen draaiboeken.*"


def builder_data(collection: Collection) -> dict:
    """What the session builder page can choose from, with the fields its run-sheet needs."""
    cards = []
    for card in collection.of(WERKKAART):
        durations = [p["duur_minuten"] for p in walk(card.data["onderdelen"]) if "duur_minuten" in p]
        cards.append({
            "id": card.id, "code": card.code, "titel": card.title, "url": card.url,
            "samenvatting": " ".join(card.data["samenvatting"].split()),
            "bron_minuten": max(durations) if durations else None,
            "vragen": _card_questions(card, None),
            "varianten": [{
                "anker": section_anchor(part), "titel": part["titel"],
                "bron_minuten": max([p["duur_minuten"] for p in walk([part]) if "duur_minuten" in p], default=None),
                "vragen": _card_questions(card, part),
            } for part in variants(card)],
        })
    fields = []
    for sv in collection.of(SPANNINGSVELD):
        fields.append({
            "id": sv.id, "code": sv.code, "titel": sv.title, "url": sv.url,
            "samenvatting": " ".join(sv.data["samenvatting"].split()),
            "groepen": [{"doelgroepen": g["doelgroepen"], "vragen": g["vragen"]} for g in sv.data["reflectievragen"]],
        })
    return {
        "versie": 1,
        "rollen": ROLE_LABELS,
        "doelgroepen": DOELGROEP_LABELS,
        "werkkaarten": cards,
        "spanningsvelden": fields,
        "draaiboeken": [{"id": s.id, "titel": s.title, "url": s.url, "plan": s.plan_hash()}
                        for s in sorted(collection.sessions.values(), key=lambda s: s.title.lower())],
    }


def _card_questions(card: Item, variant: dict | None) -> list[str]:
    parts = card_parts(card, variant)
    chosen = parts.werkwijze + parts.vragen + parts.afronding
    return [question for part in walk(chosen) for question in part.get("vragen", [])]


def builder_json(collection: Collection) -> str:
    return json.dumps(builder_data(collection), ensure_ascii=False, indent=1)


def builder_script_tag(collection: Collection) -> str:
    """The builder data inline in the page, so the builder also works from file:// (no fetch needed)."""
    text = json.dumps(builder_data(collection), ensure_ascii=False, separators=(",", ":"))
    text = re.sub(r"</", r"<\\/", text)
    return f'<script type="application/json" id="draaiboek-blokken">{text}</script>'


# ---------------------------------------------------------------------------------------------------------------
# PDF (A4), through the shared WeasyPrint entry point in kb/print/pdf.py

_MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition"]


def draaiboek_html(collection: Collection, session: Session, site_url: str) -> str:
    import markdown

    body = markdown.markdown(draaiboek_markdown(collection, session, Links(site_url, for_pdf=True)),
                             extensions=_MARKDOWN_EXTENSIONS, output_format="html")
    title = html.escape(f"Draaiboek: {session.title}")
    footer = html.escape(f"{site_url}{session.url}")
    return (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><div class="pdf-kop" aria-hidden="true">{title}</div>'
            f'<div class="pdf-voet" aria-hidden="true">{footer}</div>{body}</body></html>')


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

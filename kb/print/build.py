"""Stage 5 (print): every card set in both profiles, the alignment test and one PDF per item.

Every card face is laid out once, as an A6 drukker page (fit.lay_out, which also measures it and
makes vervolg cards for long lists), and painted once (painted.py); the drukker pages and the home
sheets (impose.py) draw those paintings. Each PDF is then written from a subset of the pages
(WeasyPrint's Document.copy). Sets whose printed content did not change since an earlier build come
from the cache (cache.py) and are not laid out.
"""

from __future__ import annotations

import copy
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..model.addresses import is_placeholder
from ..model.collection import Collection, Item
from ..model.kaartsets import (
    ALIGNMENT_SET_ID,
    QUOTE_SET_PREFIX,
    RESERVED_SET_PREFIXES,
    STANDARD_SET_IDS,
    Kaartset,
    all_phases,
)
from ..model.types import SPANNINGSVELD, WERKKAART
from ..site.pages import session_items
from . import cards as C
from . import fit, layout
from .cache import PdfFile, Store, fingerprint
from .impose import ImposedPage, drukker_pages, sheet_labels
from .painted import PaintedFace
from .pdf import document_to_pdf

FOLDER = "kaarten"
DRAAIBOEK_SET_PREFIX = "draaiboek-"  # reserved in kb/model/kaartsets.py, so no kaartsets/ file can take these ids
assert DRAAIBOEK_SET_PREFIX in RESERVED_SET_PREFIXES


@dataclass
class CardSet:
    id: str  # file stem in kaarten/
    title: str
    description: str
    cards: list[C.Card]  # main cards; their vervolg cards are printed right after them
    source: str | None = None  # kaartsets/<id>.yml for sets defined by a facilitator
    session: str | None = None  # id of the session in sessies/ whose cards these are

    def printed(self) -> list[C.Card]:
        return [printed for card in self.cards for printed in card.all_cards()]


@dataclass
class SetSummary:
    """What the download page says about a set (kept in the cache next to the PDFs)."""

    id: str
    title: str
    description: str
    source: str | None
    cards: int  # cards named by the set
    continuation_cards: int  # vervolg cards added because a list was too long for one card
    session: str | None = None  # the session (sessies/<id>.yml) whose cards these are


@dataclass
class CardBuild:
    sets: list[SetSummary]
    pdfs: dict[tuple[str, str], PdfFile] = field(default_factory=dict)  # (set id, profile id) -> file
    singles: dict[str, PdfFile] = field(default_factory=dict)  # item.url -> its card as PDF
    alignment: PdfFile | None = None

    def files(self) -> list[PdfFile]:
        return [*self.pdfs.values(), *self.singles.values(), *([self.alignment] if self.alignment else [])]


def set_path(set_id: str, profile: layout.Profile) -> str:
    return f"{FOLDER}/{set_id}-{profile.id}.pdf"


def session_set_id(session_id: str) -> str:
    """The id of the card set of one draaiboek (sessies/<session_id>.yml)."""
    return f"{DRAAIBOEK_SET_PREFIX}{session_id}"


def session_set_path(session_id: str, profile: layout.Profile) -> str:
    return set_path(session_set_id(session_id), profile)


def single_path(item: Item) -> str:
    return f"{FOLDER}/los/{item.type.plural}/{item.id}.pdf"


ALIGNMENT_PATH = f"{FOLDER}/{ALIGNMENT_SET_ID}-thuis.pdf"


# --- which cards ------------------------------------------------------------------------------


def standard_sets(ctx: C.Context) -> list[CardSet]:
    collection = ctx.collection
    sets = [
        CardSet(
            STANDARD_SET_IDS[0],
            "Alle werkkaarten",
            "Elke werkkaart: voorkant met waarom en wanneer en de stappen in het kort, achterkant met de "
            "helpende vragen en een QR-code naar de werkkaart.",
            [C.item_card(ctx, item) for item in collection.of(WERKKAART)],
        ),
        CardSet(
            STANDARD_SET_IDS[1],
            "Alle spanningsvelden",
            "Elk spanningsveld: voorkant met de twee polen op een lijn, achterkant met de reflectievragen.",
            [C.item_card(ctx, item) for item in collection.of(SPANNINGSVELD)],
        ),
        CardSet(
            STANDARD_SET_IDS[2],
            "Alle reflectievragen",
            "Eén reflectievraag per kaart, om een kaart te trekken; op de achterkant het spanningsveld.",
            C.all_reflection_cards(ctx),
        ),
    ]
    for phase in all_phases(collection):
        sets.append(
            CardSet(
                f"{QUOTE_SET_PREFIX}{phase.anchor}",
                f"Citaten fase {phase.number}: {phase.title}",
                f"Eén citaat per kaart uit fase {phase.number} van '{phase.item.title}' ({phase.item.code}).",
                C.quote_cards(ctx, phase),
            )
        )
    return sets


def _quote_groups(sets: list[CardSet]) -> dict[str, list[C.Card]]:
    """Anchor of a phase or subcategory -> its quote cards (keys: citaat/<item>/<section anchor>/<n>)."""
    groups: dict[str, list[C.Card]] = {}
    for card_set in sets:
        if card_set.id.startswith(QUOTE_SET_PREFIX):
            groups[card_set.id.removeprefix(QUOTE_SET_PREFIX)] = card_set.cards
            for card in card_set.cards:
                groups.setdefault(card.key.split("/")[2], []).append(card)
    return groups


def kaartset_cards(kaartset: Kaartset, registry: dict[str, C.Card], quotes: dict[str, list[C.Card]]) -> list[C.Card]:
    found: list[C.Card] = []
    for entry in kaartset.entries:
        if entry.kind in ("werkkaart", "spanningsveld"):
            found.append(registry[f"{entry.kind}/{entry.ref}"])
        elif entry.kind == "reflectievragen":
            prefix = f"reflectievraag/{entry.ref}/"
            numbered = [card for key, card in registry.items() if key.startswith(prefix)]
            found += [
                card for card in numbered if not entry.numbers or int(card.key.removeprefix(prefix)) in entry.numbers
            ]
        else:
            found += quotes[entry.ref]
    return found


def session_sets(ctx: C.Context, registry: dict[str, C.Card]) -> list[CardSet]:
    """One set per draaiboek: the cards its blocks use, in the order of the meeting."""
    return [
        CardSet(
            session_set_id(session.id),
            f"Kaarten bij het draaiboek {session.title}",
            "De werkkaarten en spanningsvelden die deze bijeenkomst gebruikt, in de volgorde van het draaiboek.",
            [registry[f"{item.type.name}/{item.id}"] for item in session_items(session)],
            session=session.id,
        )
        for session in sorted(ctx.collection.sessions.values(), key=lambda s: s.title.lower())
        if session_items(session)  # a meeting of conversation only has no cards
    ]


def all_sets(ctx: C.Context) -> list[CardSet]:
    sets = standard_sets(ctx)
    registry = {card.key: card for card_set in sets for card in card_set.cards}
    quotes = _quote_groups(sets)
    for kaartset in ctx.collection.kaartsets:
        sets.append(
            CardSet(
                kaartset.id,
                kaartset.title,
                kaartset.description,
                kaartset_cards(kaartset, registry, quotes),
                kaartset.source,
            )
        )
    return sets + session_sets(ctx, registry)


# --- PDFs -------------------------------------------------------------------------------------


def _write(document, pages, title: str, path: str, profile: layout.Profile, proof: bool = False) -> PdfFile:
    subset = document.copy(pages)
    subset.metadata = copy.copy(document.metadata)
    subset.metadata.title = layout.pdf_title(title, proof)
    return PdfFile(path, document_to_pdf(subset, profile.pdf_variant), len(pages), profile.id)


def _distinct(cards: list[C.Card]) -> list[C.Card]:
    seen, out = set(), []
    for card in cards:
        if card.key not in seen:
            seen.add(card.key)
            out.append(card)
    return out


@dataclass(eq=False)
class Job:
    """One group of PDFs that is built (or taken from the cache) together: a set, a single card, the test."""

    kind: str  # "set", "item" or "alignment"
    id: str  # set id, item URL, or "uitlijntest"
    title: str
    cards: list[C.Card]  # main cards (vervolg cards are added by fit.split_long_lists)
    paths: dict[str, str]  # profile id -> path in the site
    key: str = ""

    def fingerprint(self, site_url: str) -> str:
        faces = [(card.key, face.macro, face.context) for card in self.cards for face in card.faces()]
        return fingerprint(self.kind, self.id, self.title, self.paths, site_url, faces)


def _jobs(sets: list[CardSet], items: list[Item], site_url: str) -> list[Job]:
    jobs = [Job("set", s.id, s.title, s.cards, {p.id: set_path(s.id, p) for p in layout.PROFILES}) for s in sets]
    jobs += [
        Job("item", item.url, f"{item.code} {item.title}", [_single(item, sets)], {layout.THUIS.id: single_path(item)})
        for item in items
    ]
    jobs.append(Job("alignment", "uitlijntest", "Uitlijntest thuis printen", [], {layout.THUIS.id: ALIGNMENT_PATH}))
    for job in jobs:
        job.key = job.fingerprint(site_url)
    return jobs


def build_cards(collection: Collection, site_url: str, store: Store | None = None) -> CardBuild:
    """All card PDFs for the site. Raises fit.CardsDoNotFit (with Problems) when a text does not fit.

    Sets whose printed content is unchanged come from the cache (cache.py); the rest is laid out here.
    """
    store = store or Store.from_environment()
    ctx = C.Context(site_url, collection)
    sets = all_sets(ctx)
    printed = [
        item for item in collection.all_items() if item.type in (WERKKAART, SPANNINGSVELD)
    ]  # only these are cards
    jobs = _jobs(sets, printed, site_url)
    outputs = {
        job.key: store.get(job.key, set(job.paths.values()), ("continuation_cards",) if job.kind == "set" else ())
        for job in jobs
    }
    todo = [job for job in jobs if outputs[job.key] is None]
    with _few_collections():
        built = _build(todo, is_placeholder(site_url))
    for job, (files, extra) in built.items():
        store.put(job.key, files, extra)
        outputs[job.key] = (files, extra)
    store.prune()

    result = CardBuild([])
    by_id = {s.id: s for s in sets}
    for job in jobs:
        files, extra = outputs[job.key]
        if job.kind == "set":
            card_set = by_id[job.id]
            result.sets.append(
                SetSummary(
                    card_set.id,
                    card_set.title,
                    card_set.description,
                    card_set.source,
                    len(card_set.cards),
                    extra["continuation_cards"],
                    card_set.session,
                )
            )
            for pdf in files:
                result.pdfs[(job.id, pdf.profile)] = pdf
        elif job.kind == "item":
            result.singles[job.id] = files[0]
        else:
            result.alignment = files[0]
    return result


GC_THRESHOLD = 50_000  # objects allocated between two young collections while the cards are made (Python: 700)


@contextmanager
def _few_collections():
    """Layout allocates millions of small objects that live until their page is painted. Python's cyclic garbage
    collector would scan them over and over (a third of the build time); while the cards are made, everything that
    exists before (site, content) is left out of its scans, it runs far less often, and the layouts are freed
    right after they are painted (painted.release)."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _build(jobs: list[Job], proof: bool = False) -> dict[Job, tuple[list[PdfFile], dict]]:
    """Lay out the cards of these jobs once and write their PDFs (marked as proofs when ``proof``)."""
    built: dict = {}
    card_jobs = [job for job in jobs if job.kind != "alignment"]
    if card_jobs:
        laid_out = fit.lay_out(_distinct([card for job in card_jobs for card in job.cards]))
        printed_by_job = {job.key: [p for card in job.cards for p in card.all_cards()] for job in card_jobs}
        face_pages = laid_out.pages
        drukker = drukker_pages(
            face_pages,
            {j.key: (j.title, printed_by_job[j.key]) for j in card_jobs if layout.DRUKKER.id in j.paths},
            proof,
        )

        # Thuis: the same laid-out faces, imposed on A4 sheets (impose.py). What every sheet of a side has (cut
        # lines, instruction) is laid out and painted once; the sheets' labels are laid out together, as lines.
        all_sheets, ranges = [], {}
        for job in card_jobs:
            sheets = layout.thuis_sheets(printed_by_job[job.key], job.title, proof)
            ranges[job.key] = range(len(all_sheets), len(all_sheets) + len(sheets))
            all_sheets += sheets
        blank = layout.render(layout.blank_sheets_html(), [layout.THUIS_CSS])
        chrome = blank.copy([])
        blank_sheets = dict(zip(layout.SHEET_SIDES, (PaintedFace(page, blank) for page in blank.pages), strict=True))
        labels = sheet_labels([sheet.label for sheet in all_sheets])
        imposed = [
            ImposedPage(
                blank_sheets[sheet.side],
                [(face_pages[(slot.card.key, slot.side)], *slot.origin) for slot in sheet.slots],
                layout.SCALE,
                labels.box(sheet.label),
            )
            for sheet in all_sheets
        ]

        for job in card_jobs:
            printed_cards = printed_by_job[job.key]
            files = []
            if layout.DRUKKER.id in job.paths:
                pages = drukker[job.key]
                files.append(
                    _write(
                        laid_out.document,
                        pages,
                        f"{job.title} (drukker)",
                        job.paths[layout.DRUKKER.id],
                        layout.DRUKKER,
                        proof,
                    )
                )
            pages = [imposed[i] for i in ranges[job.key]]
            files.append(
                _write(chrome, pages, f"{job.title} (thuis printen)", job.paths[layout.THUIS.id], layout.THUIS, proof)
            )
            built[job] = (files, {"continuation_cards": len(printed_cards) - len(job.cards)})

    for job in jobs:
        if job.kind == "alignment":
            document = layout.render(layout.alignment_test_html(proof), [layout.THUIS_CSS])
            built[job] = (
                [PdfFile(job.paths[layout.THUIS.id], document_to_pdf(document), len(document.pages), layout.THUIS.id)],
                {},
            )
    return built


def _single(item: Item, sets: list[CardSet]) -> C.Card:
    key = f"{item.type.name}/{item.id}"
    return next(card for card_set in sets for card in card_set.cards if card.key == key)

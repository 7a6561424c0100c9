"""Searching the built site the way a reader does: type into Material's search box and read the result list.

QUERIES are Dutch queries a professional, facilitator or bestuurder would type (phrases, questions, plurals,
inflections, words without their diaeresis) with the page that must be among the first three results, written from
the sources' own wording (issue 15). bench/search_recall.py prints the recall on this list;
tests/browser/test_search.py asserts it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

WK, SV, DB, ST = "werkkaarten/", "spanningsvelden/", "draaiboeken/", "situaties/"
CS, VS, BS, BG = "casussen/", "vragensets/", "bouwstenen/", "begrippen/"

# (query, page that must be among the first three results). Keep them real: what someone preparing a
# leerbijeenkomst or reflecting on their work would type, in the form they would type it.
QUERIES: list[tuple[str, str]] = [
    ("tijdlijn", WK + "tijdlijn-maken.html"),
    ("tijdlijnen", WK + "tijdlijn-maken.html"),
    ("tijdlijnen maken", WK + "tijdlijn-maken.html"),
    ("chronologie", WK + "tijdlijn-maken.html"),
    ("perspectiefwisseling", WK + "perspectiefwissel.html"),
    ("perspectiefwisselingen", WK + "perspectiefwissel.html"),
    ("rollenspel", WK + "perspectiefwissel.html"),
    ("in andermans schoenen", WK + "perspectiefwissel.html"),
    ("facilitator", WK + "rol-van-facilitator.html"),
    ("facilitators", WK + "rol-van-facilitator.html"),
    ("faciliteren", WK + "rol-van-facilitator.html"),
    ("gespreksleider", WK + "rol-van-facilitator.html"),
    ("genogram", WK + "geno-sociogram-maken.html"),
    ("sociogrammen", WK + "geno-sociogram-maken.html"),
    ("stamboom", WK + "geno-sociogram-maken.html"),
    ("reflectieve gesprekken", WK + "reflectief-gesprek.html"),
    ("gezinsleden interviewen", WK + "reflectief-gesprek.html"),
    ("gedichten", WK + "kunst-inzetten.html"),
    ("muziek", WK + "kunst-inzetten.html"),
    ("poezie", WK + "kunst-inzetten.html"),
    ("associatiekaarten", WK + "andere-taal-gebruiken.html"),
    ("taalgebruik", WK + "andere-taal-gebruiken.html"),
    ("fases", WK + "fasen-samen-leren.html"),
    ("urgentie", WK + "fasen-samen-leren.html"),
    ("vertragen", SV + "doorgaan-en-vertragen.html"),
    ("vertraging", SV + "doorgaan-en-vertragen.html"),
    ("vertraagd", SV + "doorgaan-en-vertragen.html"),
    ("stagnatie", BG + "stagnatie.html"),
    ("stagnerende hulp", SV + "doorgaan-en-vertragen.html"),
    ("doormodderen", SV + "doorgaan-en-vertragen.html"),
    ("wachtlijst", SV + "doorgaan-en-vertragen.html"),
    ("protocollen", SV + "goed-doen-en-goede-doen.html"),
    ("richtlijn", SV + "goed-doen-en-goede-doen.html"),
    ("moreel kompas", SV + "goed-doen-en-goede-doen.html"),
    ("intuitie", SV + "hoofd-hart-en-handen.html"),
    ("impliciete kennis", SV + "hoofd-hart-en-handen.html"),
    ("gedeelde verantwoordelijkheid", SV + "jij-en-ik-en-wij.html"),
    ("stapeling van hulp", SV + "jij-en-ik-en-wij.html"),
    ("maakbaarheid", SV + "maakbaar-en-ongrijpbaar.html"),
    ("niet-weten", SV + "maakbaar-en-ongrijpbaar.html"),
    ("netwerkorganisaties", SV + "organisatie-en-netwerk.html"),
    ("raad van toezicht", SV + "organisatie-en-netwerk.html"),
    # Phrases and questions as a facilitator, professional, teamleider or bestuurder types them (issue 15).
    ("droom van de jongere", DB + "gesprek-jongere-droom.html"),
    ("gesprek met een jongere over zijn dromen", DB + "gesprek-jongere-droom.html"),
    ("vastgelopen casus", DB + "leerbijeenkomst-vastgelopen-casus.html"),
    ("leerbijeenkomst organiseren rond een casus die vastloopt", DB + "leerbijeenkomst-vastgelopen-casus.html"),
    ("pas op de plaats", SV + "doorgaan-en-vertragen.html"),
    ("een pas op de plaats maken", SV + "doorgaan-en-vertragen.html"),
    ("hoe maak ik een tijdlijn", WK + "tijdlijn-maken.html"),
    ("wat doet een facilitator", WK + "rol-van-facilitator.html"),
    ("procesbegeleider", WK + "rol-van-facilitator.html"),
    ("retrospectieve casusanalyse", DB + "retrospectieve-casusanalyse.html"),
    ("terugkijken op een casus met alle betrokkenen", DB + "retrospectieve-casusanalyse.html"),
    ("perspectieve casusanalyse", DB + "perspectieve-casusanalyse.html"),
    ("kernteam en intentieverklaring", DB + "perspectieve-casusanalyse.html"),
    ("onderstroom in de samenwerking", DB + "perspectieve-casusanalyse.html"),
    ("reflectiebijeenkomst voor bestuurders", DB + "reflectie-bestuurders-netwerk.html"),
    ("opdracht van de organisatie en opgave van het netwerk", DB + "reflectie-bestuurders-netwerk.html"),
    ("de hulp stagneert", ST + "hulp-stagneert.html"),
    ("hulp loopt vast", ST + "hulp-stagneert.html"),
    ("er is geen passende plek", ST + "geen-passende-plek.html"),
    ("geen plek voor het kind", ST + "geen-passende-plek.html"),
    ("het kind raakt uit beeld", ST + "kind-uit-beeld.html"),
    ("stem van het kind", ST + "kind-uit-beeld.html"),
    ("we praten langs elkaar heen", ST + "langs-elkaar-heen.html"),
    ("ik voel me machteloos", ST + "machteloos.html"),
    ("machteloosheid", ST + "machteloos.html"),
    ("niemand voelt zich verantwoordelijk", ST + "niemand-verantwoordelijk.html"),
    ("organisaties wijzen naar elkaar", ST + "organisaties-wijzen-naar-elkaar.html"),
    ("hete aardappel", ST + "organisaties-wijzen-naar-elkaar.html"),
    ("regels en protocollen knellen", ST + "regels-knellen.html"),
    ("te veel hulpverleners betrokken", ST + "veel-hulpverleners.html"),
    ("versnipperde hulp", ST + "veel-hulpverleners.html"),
    ("er is veel urgentie", ST + "veel-urgentie.html"),
    ("crisis en tijdsdruk", ST + "veel-urgentie.html"),
    ("samen terugkijken en leren", ST + "terugkijken-en-leren.html"),
    # Casussen, vragensets, bouwstenen and begrippen by the names and words of the sources.
    ("de droom van amalia", CS + "amalia.html"),
    ("gezin schellekens", CS + "gezin-schellekens.html"),
    ("denise en haar moeder", CS + "denise.html"),
    ("documentaire alicia", CS + "alicia.html"),
    ("bestuurders op werkstage", CS + "bestuurders-op-werkstage.html"),
    ("schuilplek regelen zonder de client", CS + "sketch-schuilplek.html"),
    ("intervisie die er niet van komt", CS + "sketch-intervisie.html"),
    ("pluis niet pluis", VS + "pluis-niet-pluis.html"),
    ("vragen naar de droom", VS + "vragen-naar-de-droom.html"),
    ("coaching on the job", VS + "coaching-on-the-job.html"),
    ("negen werkwoorden", BS + "negen-werkwoorden.html"),
    ("drie ordes van leren", BS + "drie-ordes-van-leren.html"),
    ("leercyclus", BS + "leercyclus.html"),
    ("vier vormen van samenwerking", BS + "vier-vormen-van-samenwerking.html"),
    ("belang van het kind", BS + "belang-van-het-kind.html"),
    ("handelingsverlegenheid", BG + "handelingsverlegenheid.html"),
    ("schijnsamenwerking", BG + "schijnsamenwerking.html"),
    ("redderspositie", BG + "redderspositie.html"),
    ("paralleldynamiek", BG + "paralleldynamiek.html"),
    ("discretionaire ruimte", BG + "discretionaire-ruimte.html"),
    ("leefwereld en systeemwereld", BG + "leefwereld-en-systeemwereld.html"),
    ("verambtelijking", BG + "verambtelijking.html"),
    ("geraaktheid", BG + "geraaktheid.html"),
]

# The share of QUERIES whose page must be among the first three results (see test_search.py).
RECALL_THRESHOLD = 0.95

_COUNT = re.compile(r"overeenkom|Geen")
_PLACEHOLDER = "Typ om"


@dataclass
class Outcome:
    query: str
    expected: str
    results: list[str]  # page paths, best first, without #section

    @property
    def rank(self) -> int | None:
        return self.results.index(self.expected) + 1 if self.expected in self.results else None

    @property
    def found(self) -> bool:
        return self.rank is not None and self.rank <= 3


def open_search(page) -> None:
    """Open the search on the current page as a reader does: click the field (on narrow screens first the search
    button in the header)."""
    field = page.locator("input.md-search__input")
    if not field.evaluate("el => el === document.activeElement"):
        if not field.is_visible():
            page.locator("label.md-header__button[for=__search]").click()
        field.click()


# Material reads the query on keyup. For each query: empty the field and wait until the placeholder is back, then
# put the whole query in and wait for its result count (so the only count that can appear is this query's), then
# read the result links. All queries in one call into the page: seven calls per query made 99 queries take 8 s.
_SEARCH = """async ([queries, placeholder, count, waitMs]) => {
    const field = document.querySelector("input.md-search__input");
    const meta = document.querySelector(".md-search-result__meta");
    const shows = (test, what) => new Promise((resolve, reject) => {
        if (test(meta.textContent)) return resolve();
        const timer = setTimeout(() => { watch.disconnect(); reject(new Error(what)); }, waitMs);
        const watch = new MutationObserver(() => {
            if (test(meta.textContent)) { clearTimeout(timer); watch.disconnect(); resolve(); }
        });
        watch.observe(meta, { childList: true, characterData: true, subtree: true });
    });
    const enter = (value) => {
        field.value = value;
        field.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
    };
    const found = [];
    for (const query of queries) {
        enter("");
        await shows((text) => text.includes(placeholder), `zoekveld leeg: geen '${placeholder}'`);
        enter(query);
        await shows((text) => new RegExp(count).test(text), `'${query}': geen aantal resultaten`);
        found.push(Array.from(
            document.querySelectorAll(".md-search-result__item > a.md-search-result__link"), (a) => a.href));
    }
    return found;
}"""
WAIT_MS = 10_000


def results(page, base_url: str, queries: list[str]) -> list[list[str]]:
    """For each query, in the open search: the result pages (site paths), best first."""
    found = page.evaluate(_SEARCH, [queries, _PLACEHOLDER, _COUNT.pattern, WAIT_MS])
    return [_site_paths(hrefs, base_url) for hrefs in found]


def search(page, base_url: str, query: str) -> list[str]:
    """Open the search on the current page, enter the query, return the result pages (site paths), best first."""
    open_search(page)
    return results(page, base_url, [query])[0]


def _site_paths(hrefs: list[str], base_url: str) -> list[str]:
    """The result links as site paths (without #section), each page once, in the order of the results."""
    prefix = urlsplit(base_url).path
    pages: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path
        path = path[len(prefix) :] if path.startswith(prefix) else path
        if path not in pages:
            pages.append(path)
    return pages


def run_queries(page, base_url: str, queries=QUERIES) -> list[Outcome]:
    """Every query, one after the other in the search of the start page."""
    page.goto(base_url + "index.html")
    open_search(page)
    found = results(page, base_url, [query for query, _ in queries])
    return [Outcome(query, expected, pages) for (query, expected), pages in zip(queries, found, strict=True)]


def page_words(site: Path) -> tuple[dict[str, set[str]], set[str]]:
    """Every word the search index holds per page (kb/site/search_index.py), and the index's stop words."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    words = data["config"].get("woordenlijst", [])
    pages = {}
    for doc in data["docs"]:
        found = set(re.findall(r"[^\W_]+", (doc["title"] + " " + doc["text"]).lower()))
        for field in ("trefwoorden", "woorden"):
            at = -1
            for gap in doc.get(field, "").split():
                at += int(gap, 36) + 1
                found.add(words[at])
        pages[doc["location"]] = found
    return pages, set(data["config"].get("stopwoorden", []))


def only_stop_words(outcome: Outcome, pages: dict[str, set[str]], stop_words: set[str]) -> list[str]:
    """The pages among the first five results that contain none of the query's words other than stop words."""
    terms = [t for t in re.split(r"[^\w']+", outcome.query.lower()) if t and t not in stop_words]
    return [
        page
        for page in outcome.results[:5]
        if not any(word.startswith(term) for term in terms for word in pages.get(page, ()))
    ]


def recall(outcomes: list[Outcome]) -> float:
    return sum(o.found for o in outcomes) / len(outcomes)


def report(outcomes: list[Outcome]) -> str:
    lines = [f"{'zoekvraag':32} {'plek':>4}  verwachte pagina"]
    for o in outcomes:
        rank = str(o.rank) if o.rank else "-"
        mark = "" if o.found else "   <-- niet in de eerste drie: " + ", ".join(o.results[:3])
        lines.append(f"{o.query:32} {rank:>4}  {o.expected}{mark}")
    lines.append(
        f"recall (in de eerste drie): {sum(o.found for o in outcomes)}/{len(outcomes)} = {recall(outcomes):.0%}"
    )
    return "\n".join(lines)

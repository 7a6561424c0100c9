"""Casussen, vragensets, bouwstenen, begrippen and situaties: on the site, linked both ways, reachable, checked."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

import pytest

from conftest import ROOT, check
from kb.check.collection import load_collection
from kb.model.collection import Collection
from kb.model.types import BEGRIP, BOUWSTEEN, CASUS, SITUATIE, SPANNINGSVELD, VRAGENSET, WERKKAART
from kb.site.glossary import Term, link_terms
from sitehtml import article_text, internal_targets, normalise, parse

MATERIAL = (CASUS, VRAGENSET, BOUWSTEEN, BEGRIP, SITUATIE)
CARDS = (WERKKAART, SPANNINGSVELD)


@pytest.fixture(scope="module")
def collection() -> Collection:
    loaded, problems = load_collection(ROOT)
    assert not problems, problems
    return loaded


def page_of(site: Path, item) -> Path:
    return site / item.url


def card_links(site: Path, page: Path) -> set[Path]:
    """The werkkaart and spanningsveld pages a page links to (resolved, existing or not)."""
    found = set()
    for href in parse(page).links:
        target = internal_targets(site, page, href)
        if target and target[0].parent.name in ("werkkaarten", "spanningsvelden") and target[0].name != "index.html":
            found.add(target[0])
    return found


def test_every_case_story_of_the_sources_is_a_page(site, collection):
    expected = {
        "amalia",
        "shirley",
        "alicia",
        "denise",
        "gezin-schellekens",
        "bestuurders-op-werkstage",
        "kernteam-rond-een-meisje",
        "nergens-passen",
    }
    ids = {item.id for item in collection.of(CASUS)}
    assert expected <= ids
    for item in collection.of(CASUS):
        assert page_of(site, item).exists(), item.url


@pytest.mark.parametrize("kind", [CASUS, VRAGENSET], ids=lambda t: t.plural)
def test_every_case_and_set_links_to_a_card_and_every_link_resolves(site, collection, kind):
    for item in collection.of(kind):
        page = page_of(site, item)
        cards = card_links(site, page)
        assert cards, f"{item.url} linkt naar geen enkele werkkaart of spanningsveld"
        for href in parse(page).links:
            target = internal_targets(site, page, href)
            if target is None:
                continue
            file, fragment = target
            assert file.exists(), f"{item.url} -> {href}"
            if fragment and file.suffix == ".html":
                assert fragment in parse(file).ids, f"{item.url} -> {href} (anker ontbreekt)"


@pytest.mark.parametrize("kind", MATERIAL, ids=lambda t: t.plural)
def test_links_to_cards_are_answered_from_the_card_page(site, collection, kind):
    """If a case names a werkkaart or spanningsveld, that card's page links back to the case."""
    for item in collection.of(kind):
        for card_type in CARDS:
            for card in collection.related(item, card_type):
                back = {
                    internal_targets(site, page_of(site, card), href)[0]
                    for href in parse(page_of(site, card)).links
                    if internal_targets(site, page_of(site, card), href)
                }
                assert page_of(site, item).resolve() in back, f"{card.url} linkt niet terug naar {item.url}"


@pytest.mark.parametrize("kind", MATERIAL, ids=lambda t: t.plural)
def test_every_item_names_its_source(site, collection, kind):
    for item in collection.of(kind):
        text = article_text(page_of(site, item))
        title = collection.publications[item.data["bron"]["publicatie"]]["titel"]
        assert normalise(title) in text, f"{item.url} noemt zijn bron niet"


def test_questions_from_another_page_carry_a_link_to_it(site, collection):
    for item in collection.of(CASUS):
        page = page_of(site, item)
        linked = {
            internal_targets(site, page, href)[0] for href in parse(page).links if internal_targets(site, page, href)
        }
        for group in item.data.get("reflectievragen", []):
            for key, target_type in (
                ("spanningsveld", SPANNINGSVELD),
                ("werkkaart", WERKKAART),
                ("vragenset", VRAGENSET),
            ):
                if key in group:
                    origin = collection.get(target_type, group[key])
                    assert page_of(site, origin).resolve() in linked, (item.url, origin.url)


def test_every_item_is_at_most_three_clicks_from_the_home_page(site, collection):
    """Breadth-first over the links of the built site, starting at index.html."""
    start = (site / "index.html").resolve()
    depth = {start: 0}
    queue = deque([start])
    while queue:
        page = queue.popleft()
        if depth[page] == 3:
            continue
        for href in parse(page).links:
            target = internal_targets(site, page, href)
            if target is None or target[0].suffix != ".html" or not target[0].exists():
                continue
            file = target[0].resolve()
            if file not in depth:
                depth[file] = depth[page] + 1
                queue.append(file)
    far = [item.url for item in collection.all_items() if page_of(site, item).resolve() not in depth]
    assert not far, f"verder dan drie klikken van de startpagina: {far}"


def test_overview_pages_are_in_the_nav_but_item_pages_are_not(site, collection):
    nav_links = set()
    page = site / "over.html"  # a page that shows the full navigation
    html = page.read_text(encoding="utf-8")
    nav = html[
        html.index('<nav class="md-nav md-nav--primary"') : html.index('<div class="md-sidebar md-sidebar--secondary"')
    ]
    for href in re.findall(r'href="([^"]+)"', nav):
        target = internal_targets(site, page, href)
        if target:
            nav_links.add(target[0].resolve())
    for content_type in (CASUS, VRAGENSET, BOUWSTEEN, BEGRIP):
        assert (site / content_type.plural / "index.html").resolve() in nav_links, content_type.plural
    assert (site / "wegwijzer.html").resolve() in nav_links
    item_pages = {page_of(site, item).resolve() for t in MATERIAL for item in collection.of(t)}
    assert not item_pages & nav_links, "itempagina's horen niet in de navigatie"


def test_wegwijzer_lists_every_situation_and_audience(site, collection):
    text = article_text(site / "wegwijzer.html")
    for situation in collection.of(SITUATIE):
        assert normalise(situation.title) in text
    for audience in ("Professionals", "Teamleiders en leidinggevenden", "Bestuurders", "Beleidsmakers"):
        assert audience in text


def test_situation_page_lists_what_is_tagged_with_it(site, collection):
    for situation in collection.of(SITUATIE):
        page = page_of(site, situation)
        linked = {
            internal_targets(site, page, href)[0] for href in parse(page).links if internal_targets(site, page, href)
        }
        for content_type in (CASUS, VRAGENSET, BOUWSTEEN, WERKKAART, SPANNINGSVELD):
            for other in collection.related(situation, content_type):
                assert page_of(site, other).resolve() in linked, (situation.url, other.url)


def test_glossary_terms_link_where_they_occur_and_back(site, collection):
    term = collection.get(BEGRIP, "parallelle-processen")
    source = collection.get(WERKKAART, "rol-van-facilitator")
    html = page_of(site, source).read_text(encoding="utf-8")
    assert 'class="begrip-link" href="../begrippen/parallelle-processen.html"' in html
    term_page = page_of(site, term)
    back = {
        internal_targets(site, term_page, href)[0]
        for href in parse(term_page).links
        if internal_targets(site, term_page, href)
    }
    assert page_of(site, source).resolve() in back
    assert article_text(site / "begrippen" / "index.html").count("Parallelle processen") >= 1


def test_glossary_links_only_the_first_occurrence_outside_headings_and_links():
    terms = [Term("tijdlijn", "begrippen/tijdlijn.html", "Uitleg", ("tijdlijn", "tijdlijnen"))]
    html = (
        '<h2>Een tijdlijn</h2><p>Zie <a href="x.html">de tijdlijn</a>.</p><p>Maak een tijdlijn. Nog een tijdlijnen.</p>'
    )
    linked = link_terms(html, terms, "werkkaarten/x.html")
    assert linked.count("begrip-link") == 1
    assert "<h2>Een tijdlijn</h2>" in linked and '<a href="x.html">de tijdlijn</a>' in linked
    assert 'Maak een <a class="begrip-link" href="../begrippen/tijdlijn.html" title="Uitleg">tijdlijn</a>.' in linked
    assert link_terms(html, terms, "begrippen/tijdlijn.html") == html  # never on its own page


def test_on_a_terms_own_page_other_terms_link_but_never_inside_the_term():
    terms = [
        Term("leefwereld-en-systeemwereld", "begrippen/lw.html", "Twee werelden", ("leefwereld en systeemwereld",)),
        Term("leefwereld", "begrippen/leefwereld.html", "De wereld van het gezin", ("leefwereld",)),
    ]
    html = "<p>Over leefwereld en systeemwereld. Later de leefwereld alleen.</p>"
    linked = link_terms(html, terms, "begrippen/lw.html")
    assert "Over leefwereld en systeemwereld." in linked  # its own term, and nothing linked inside it
    assert 'de <a class="begrip-link" href="leefwereld.html" title="De wereld van het gezin">leefwereld</a>' in linked
    assert linked.count("begrip-link") == 1


def test_material_is_in_the_index_feed(index, collection):
    listed = {(entry["type"], entry["id"]) for entry in index["items"]}
    for content_type in MATERIAL:
        for item in collection.of(content_type):
            assert (content_type.name, item.id) in listed


# --- the checker ------------------------------------------------------------------------------------------------

CASE = """\
---
# yaml-language-server: $schema=../schemas/casus.schema.json
id: proefcasus
titel: Een proefcasus
samenvatting: Een casus om de controle te testen.
reflectievragen:
  - titel: Vragen
    spanningsveld: doorgaan-en-vertragen
    vragen:
      - Wat houdt je tegen om te vertragen?
spanningsvelden:
  - doorgaan-en-vertragen
situaties:
  - hulp-stagneert
bron:
  publicatie: nji-samen-lerend-doen-wat-werkt
  sectie: Hoofdstuk 1
---
Het verhaal.
"""


def write_case(project, text):
    (project / "casussen" / "proefcasus.md").write_text(text, encoding="utf-8")
    return check(project)


def reported(result, line, *words):
    assert result.returncode == 1, result.stdout
    pattern = re.compile(rf"^casussen/proefcasus\.md:{line}:\d+: (.+)$", re.MULTILINE)
    messages = pattern.findall(result.stdout)
    assert any(all(w.lower() in m.lower() for w in words) for m in messages), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_valid_case_passes(project):
    result = write_case(project, CASE)
    assert result.returncode == 0, result.stdout


def test_question_that_is_not_in_the_named_spanningsveld_is_reported(project):
    result = write_case(project, CASE.replace("Wat houdt je tegen om te vertragen?", "Wat houdt je tegen?"))
    reported(result, 10, "niet letterlijk", "doorgaan-en-vertragen", "Bedoelde je")


def test_question_group_needs_exactly_one_origin(project):
    text = CASE.replace("    spanningsveld: doorgaan-en-vertragen\n", "")
    reported(write_case(project, text), 7, "precies één herkomst")


def test_origin_must_also_be_linked_from_the_case(project):
    text = CASE.replace("spanningsvelden:\n  - doorgaan-en-vertragen\n", "werkkaarten:\n  - tijdlijn-maken\n")
    reported(write_case(project, text), 8, "doorgaan-en-vertragen", "spanningsvelden:")


def test_unknown_situation_is_reported_with_a_suggestion(project):
    reported(
        write_case(project, CASE.replace("  - hulp-stagneert", "  - hulp-stagneerd")),
        14,
        "geen situatie",
        "hulp-stagneert",
    )


def test_case_without_card_or_field_is_reported(project):
    text = CASE.replace(CASE[CASE.index("reflectievragen:") : CASE.index("situaties:")], "")
    reported(write_case(project, text), 3, "niet gekoppeld", "werkkaarten:")


def test_case_needs_front_matter(project):
    reported(write_case(project, "Alleen tekst.\n"), 1, "front matter")


def test_glossary_form_used_by_two_terms_is_reported(project):
    path = project / "begrippen" / "proefbegrip.yml"
    path.write_text(
        "id: proefbegrip\ntitel: Proefbegrip\nvormen:\n  - tijdlijn\nsamenvatting: Iets.\n"
        "omschrijving: Iets.\nbron:\n  publicatie: nji-samen-lerend-doen-wat-werkt\n  sectie: X\n",
        encoding="utf-8",
    )
    result = check(project)
    assert result.returncode == 1
    assert re.search(
        r"^begrippen/proefbegrip\.yml:\d+:\d+: De woordvorm 'tijdlijn' hoort ook bij begrip 'tijdlijn'",
        result.stdout,
        re.MULTILINE,
    ), result.stdout


def test_glossary_page_lists_the_pages_that_use_the_term(site, collection):
    """On the built site, 'Hier kom je dit begrip tegen' lists exactly pages whose text uses one of its forms."""
    from kb.model.vocabulary import term_forms

    term = collection.get(BEGRIP, "tijdlijn")
    source = page_of(site, term).read_text(encoding="utf-8")
    listed = re.search(r'id="voorkomen".*?</h2>(.*?)(?:<h2|</article>)', source, re.S).group(1)
    pages = {internal_targets(site, page_of(site, term), href)[0] for href in re.findall(r'href="([^"]+)"', listed)}
    assert page_of(site, collection.get(WERKKAART, "tijdlijn-maken")).resolve() in pages
    forms = "|".join(re.escape(form) for form in term_forms(term))
    for page in pages:
        assert re.search(rf"(?<![\w-])({forms})(?![\w-])", article_text(page), re.I), page


def test_a_glossary_term_is_found_as_a_whole_word_only():
    """The edge cases of that list: a plural or a hyphenated compound is another word."""
    from kb.site.glossary import _has_word

    assert _has_word("we maken een tijdlijn.", "tijdlijn") and _has_word("(tijdlijn)", "tijdlijn")
    assert _has_word("eerste tekst\0tijdlijn", "tijdlijn")
    assert not _has_word("twee tijdlijnen", "tijdlijn") and not _has_word("de tijdlijn-methode", "tijdlijn")
    assert not _has_word("een retijdlijn", "tijdlijn") and _has_word("x tijdlijnen en tijdlijn", "tijdlijn")

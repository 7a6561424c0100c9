"""The draaiboekmaker (session builder) in a real browser, opened from file:// (no server):
build a plan, share it as a link, reload it, and get the same run-sheet as the generator of the draaiboeken."""
from __future__ import annotations

import re

from kb.check.collection import load_collection
from kb.sessies.rules import decode_plan
from kb.sessies.model import blocks_from_plan, plan_rows

from conftest import ROOT

RUN_SHEET = "#dm-tijdschema tbody tr"


def cells(page, selector: str) -> list[list[str]]:
    rows = page.eval_on_selector_all(selector, "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText))")
    return [[" ".join(cell.split()) for cell in row] for row in rows]


def builder_url(site) -> str:
    return (site / "draaiboeken" / "maken.html").as_uri()


def add(page, choice: str, minutes: int | None = None, title: str = ""):
    page.select_option("#dm-keuze", choice)
    if minutes is not None:
        page.fill("#dm-minuten", str(minutes))
    page.fill("#dm-eigen-titel", title)
    page.click("#dm-voeg-toe")


def generator_rows(fragment: str) -> list[list[str]]:
    """The run-sheet the Python generator makes for the plan in a builder link (as the draaiboek pages show it)."""
    collection, problems = load_collection(ROOT)
    assert not problems, problems
    start, _, plan = decode_plan(fragment)
    blocks = blocks_from_plan(collection, plan)
    return [row.cells() for row in plan_rows(start, blocks)]


def test_plan_built_in_the_builder_comes_back_from_the_shared_link(context, page, site):
    page.goto(builder_url(site))
    add(page, "opening||", 15)
    add(page, "blok|wk|perspectiefwissel/geen-gedeelde-besluitvorming")  # the source says 15 minutes
    assert page.input_value("#dm-minuten") == "15"
    add(page, "blok|sv|organisatie-en-netwerk/bestuurders", 40)
    add(page, "blok|wk|tijdlijn-maken", 45, title="De tijdlijn: wat zien we?")
    add(page, "pauze||", 10)
    add(page, "afsluiting||", 20, title="Wat nemen we mee?")
    page.fill("#dm-start", "13:30")
    page.fill("#dm-titel", "Proefbijeenkomst, met komma & ampersand")
    page.click("[aria-label='Blok 5 omhoog']")  # the break before the timeline
    page.fill("#dm-blok-2-minuten", "20")       # more than the source's 15 minutes

    built = cells(page, RUN_SHEET)
    assert [row[0] for row in built] == ["13:30–13:45", "13:45–14:05", "14:05–14:45", "14:45–14:55",
                                         "14:55–15:40", "15:40–16:00"]
    assert built[1][3] == "voorstel (de bron noemt 15 min.)"
    assert built[4][1] == "WK3 · De tijdlijn: wat zien we?"
    assert built[5][1] == "Wat nemen we mee? (afsluiting)"
    total = page.inner_text("#dm-totaal")
    assert total == "Totaal: 150 minuten (2 uur en 30 minuten), van 13:30 tot 16:00."

    link = page.input_value("#dm-link")
    assert link.startswith("file://") and "#" in link
    fragment = link.split("#", 1)[1]
    assert generator_rows(fragment) == built  # same rules as the generator of the draaiboeken

    page.reload()
    assert cells(page, RUN_SHEET) == built
    shared = context.new_page()
    shared.on("pageerror", lambda error: context.errors.append(str(error)))
    shared.goto(link)
    assert cells(shared, RUN_SHEET) == built
    assert shared.inner_text("#dm-totaal") == total
    assert shared.input_value("#dm-titel") == "Proefbijeenkomst, met komma & ampersand"

    shared.emulate_media(media="print")
    assert cells(shared, RUN_SHEET) == built
    assert shared.is_visible("#dm-tijdschema") and not shared.is_visible("#dm-voeg-toe")
    assert shared.inner_text("#dm-printtitel") == "Proefbijeenkomst, met komma & ampersand"


def test_builder_gives_the_run_sheet_of_every_draaiboek(context, page, site):
    for draaiboek in sorted((site / "draaiboeken").glob("*.html")):
        if draaiboek.stem in ("index", "maken"):
            continue
        page.goto(draaiboek.as_uri())
        generated = cells(page, ".tijdschema table tbody tr")
        assert generated, draaiboek.name
        href = page.get_attribute("a.md-button[href^='maken.html#']", "href")
        page.goto(builder_url(site) + "#" + href.split("#", 1)[1])
        assert cells(page, RUN_SHEET) == generated, draaiboek.name
        page.emulate_media(media="print")
        assert cells(page, RUN_SHEET) == generated, draaiboek.name
        page.emulate_media(media="screen")


def test_builder_warns_when_minutes_are_below_what_the_source_states(page, site):
    page.goto(builder_url(site))
    add(page, "blok|wk|perspectiefwissel/geen-gedeelde-besluitvorming")
    page.fill("#dm-blok-1-minuten", "10")
    page.click("#dm-titel")  # leave the field; the plan list redraws on the next change
    page.fill("#dm-titel", "x")
    assert re.search(r"voorstel \(de bron noemt 15 min\.\)", page.inner_text("#dm-tijdschema"))
    add(page, "pauze||", 5)
    assert "plan er minstens 15" in page.inner_text("#dm-plan")
    assert "Begin met een opening" in page.inner_text("#dm-meldingen")

"""The draaiboekmaker (session builder) in a real browser, opened from file:// (no server):
build a plan, share it as a link, reload it, and get the same run-sheet as the generator of the draaiboeken.

The browser takes every rule and word of the run-sheet from the data that kb/sessies/rules.py writes into the page;
the tests below compare what the browser shows with what Python computes for the same plans, edge cases included."""

from __future__ import annotations

import functools
import re

import pytest

from conftest import ROOT
from kb.check.collection import load_collection
from kb.sessies.model import blocks_from_plan, plan_rows
from kb.sessies.rules import PlanBlock, decode_plan, encode_plan, total_line

from .chromium import CHROMIUM, LAUNCH_ARGS, guarded_context

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


@functools.cache
def collection():
    loaded, problems = load_collection(ROOT)
    assert not problems, problems
    return loaded


@functools.cache
def python_plan(fragment: str) -> tuple[list[list[str]], str, str]:
    """What Python makes of the plan in a builder link: the run-sheet rows (as the draaiboek pages show them), the
    builder's total line, and the link the builder writes back for the plan it kept."""
    start, title, plan = decode_plan(fragment)
    blocks = blocks_from_plan(collection(), plan)
    rows = plan_rows(start, blocks)
    total = total_line(rows[0].start, rows[-1].end, sum(b.minutes for b in blocks)) if rows else ""
    return [row.cells() for row in rows], total, encode_plan(start, title, [b.plan_block() for b in blocks])


def generator_rows(fragment: str) -> list[list[str]]:
    return python_plan(fragment)[0]


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
    page.fill("#dm-blok-2-minuten", "20")  # more than the source's 15 minutes

    built = cells(page, RUN_SHEET)
    assert [row[0] for row in built] == [
        "13:30–13:45",
        "13:45–14:05",
        "14:05–14:45",
        "14:45–14:55",
        "14:55–15:40",
        "15:40–16:00",
    ]
    assert built[1][3] == "voorstel (de bron noemt 15 min.)"
    assert built[4][1] == "WK3 · De tijdlijn: wat zien we?"
    assert built[5][1] == "Wat nemen we mee? (afsluiting)"
    total = page.inner_text("#dm-totaal")
    assert total == "Totaal: 2 uur en 30 minuten, van 13:30 tot 16:00."

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


def plan(start: str, *blocks: tuple, title: str = "Proef") -> str:
    return encode_plan(start, title, [PlanBlock(*block) for block in blocks])


VARIANT = "perspectiefwissel/geen-gedeelde-besluitvorming"  # the source says 15 minutes
# name: (builder link, number of blocks kept, texts the run-sheet must show, total line)
PLANS = {
    "over middernacht": (
        plan(
            "23:30",
            ("opening", "", "", 20, ""),
            ("blok", "wk", VARIANT, 15, ""),
            ("pauze", "", "", 45, ""),
            ("afsluiting", "", "", 10, "Naar huis"),
        ),
        4,
        ["23:50–00:05", "volgens de bron", "00:05–00:50", "Naar huis (afsluiting)"],
        "Totaal: 1 uur en 30 minuten, van 23:30 tot 01:00.",
    ),
    "minuten anders dan de bron": (
        plan("10:00", ("blok", "wk", VARIANT, 20, ""), ("blok", "wk", VARIANT, 10, "Korter")),
        2,
        ["voorstel (de bron noemt 15 min.)", "· Korter"],
        "Totaal: 30 minuten, van 10:00 tot 10:30.",
    ),
    "blok van 1 minuut": (
        plan("08:59", ("opening", "", "", 1, "")),
        1,
        ["08:59–09:00", "1 min.", "Opening"],
        "Totaal: 1 minuut, van 08:59 tot 09:00.",
    ),
    "uren en 1 minuut": (
        plan("00:00", ("blok", "sv", "organisatie-en-netwerk/bestuurders", 60, ""), ("blok", "", "", 1, "Eén minuut")),
        2,
        ["00:00–01:00", "(voor bestuurders)", "01:00–01:01"],
        "Totaal: 1 uur en 1 minuut, van 00:00 tot 01:01.",
    ),
    "hele uren, langste blokken": (
        plan("12:00", ("blok", "", "", 600, "Lang"), ("blok", "", "", 600, "Nog langer")),
        2,
        ["12:00–22:00", "22:00–08:00", "600 min."],
        "Totaal: 20 uur, van 12:00 tot 08:00.",
    ),
    # A link as someone might type or cut it off: a wrong start time (so the default), a title with a comma and an
    # ampersand, a variant and a spanningsveld for one audience, and blocks that both sides must skip: an unknown
    # card, an unknown role, minutes that are no number, 0 and 601 minutes; a title that cannot be decoded is empty.
    "uit een link": (
        "start=25%3A00&titel=Samen%2C%20met%20%26%20zonder&blokken=opening,,,5,Welkom%20%26%20koffie;"
        "blok,wk,bestaat-niet,30,;feest,,,10,;blok,wk,tijdlijn-maken,abc,;blok,,,0,Nul;blok,,,601,Te%20lang;"
        "blok,wk,perspectiefwissel%2Fgeen-gedeelde-besluitvorming,15,;blok,sv,organisatie-en-netwerk%2Fbestuurders,50,;"
        "afsluiting,,,20,%E0%A4%A",
        4,
        ["09:00–09:05", "Welkom & koffie (opening)", "09:05–09:20", "volgens de bron", "10:10–10:30", "Afsluiting"],
        "Totaal: 1 uur en 30 minuten, van 09:00 tot 10:30.",
    ),
}


@pytest.mark.parametrize("name", PLANS)
def test_browser_and_python_give_the_same_run_sheet(page, site, name):
    fragment, kept, expected, expected_total = PLANS[name]
    rows, total, written_back = python_plan(fragment)
    # What Python computes is right (so that agreeing means something) ...
    assert len(rows) == kept and total == expected_total, (rows, total)
    for text in expected:
        assert any(text in cell for row in rows for cell in row), (text, rows)
    # ... and the browser shows exactly the same, on screen and in print, and keeps the same plan in its link.
    page.goto(builder_url(site) + "#" + fragment)
    assert cells(page, RUN_SHEET) == rows
    assert page.inner_text("#dm-totaal") == total
    assert page.input_value("#dm-link").split("#", 1)[1] == written_back
    page.emulate_media(media="print")
    assert cells(page, RUN_SHEET) == rows


def test_a_plan_lists_its_cards_as_printable_pdfs(page, site):
    """A plan made in the draaiboekmaker prints its cards too: every werkkaart and spanningsveld of the plan, once,
    in plan order, as the single-card PDF of the site."""
    for session in collection().sessions.values():
        page.goto(builder_url(site) + "#" + session.plan_hash())
        items = []
        for item in (block.card or block.sv for block in session.blocks):
            if item is not None and item not in items:
                items.append(item)
        links = page.eval_on_selector_all("#dm-kaarten a", "links => links.map(a => [a.textContent, a.href])")
        assert [text.split(" · ")[0] for text, _ in links] == [item.code for item in items], session.id
        assert page.locator("#dm-kaarten-blok").is_visible() == bool(items), session.id
        for (_, href), item in zip(links, items, strict=True):
            path = f"kaarten/los/{item.type.plural}/{item.id}.pdf"
            assert href == (site / path).as_uri(), href
            assert (site / path).read_bytes()[:5] == b"%PDF-", path


# ---- The start time on a 24-hour clock, also in an English browser -----------------------------------------------

AM_PM = re.compile(r"\b(AM|PM|a\.m\.|p\.m\.)\b|AM/PM")


@pytest.fixture
def english_page(browser):
    """The builder's page in a Chromium whose language is American English (12-hour clock with AM/PM), the
    situation in which <input type=time> shows AM/PM whatever the page's lang="nl" says."""
    english = browser.browser_type.launch(executable_path=str(CHROMIUM), args=[*LAUNCH_ARGS, "--lang=en-US"])
    context = guarded_context(english, viewport={"width": 1280, "height": 900}, locale="en-US")
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    english.close()
    assert not context.external and not errors, (context.external, errors)


def texts_in_accessibility_tree(page) -> list[str]:
    """Every name, value and text the browser exposes, including the parts inside form fields (hours, AM/PM)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return [str(node[key]["value"]) for node in nodes for key in ("name", "value") if node.get(key, {}).get("value")]


def type_start(page, text: str):
    page.fill("#dm-start", text)
    page.press("#dm-start", "Tab")  # leave the field, as someone does after typing


def test_start_time_is_a_24_hour_dutch_field_in_an_english_browser(english_page, site):
    page = english_page
    page.goto(builder_url(site))
    assert page.evaluate("navigator.language") == "en-US"
    assert page.evaluate("new Intl.DateTimeFormat(undefined, {hour: 'numeric'}).resolvedOptions().hour12")
    add(page, "opening||", 15)
    shown = texts_in_accessibility_tree(page)
    assert not [text for text in shown if AM_PM.search(text)], [text for text in shown if AM_PM.search(text)]
    assert page.get_attribute("#dm-start", "placeholder") == "09:30"
    assert page.get_attribute("#dm-start", "inputmode") == "numeric"

    for typed, start in (("9:30", "09:30"), ("14:05", "14:05"), ("930", "09:30"), ("08.15", "08:15")):
        type_start(page, typed)
        assert page.input_value("#dm-start") == start, typed
        assert page.eval_on_selector("#dm-start", "field => field.validity.valid"), typed
        assert not page.is_visible("#dm-start-fout"), typed
        assert cells(page, RUN_SHEET)[0][0].startswith(start + "–"), typed
        assert f"start={start.replace(':', '%3A')}" in page.input_value("#dm-link"), typed

    for typed in ("25:00", "9:75", "half tien", ""):
        type_start(page, typed)
        message = page.inner_text("#dm-start-fout")
        assert page.is_visible("#dm-start-fout") and "uu:mm" in message and "09:30" in message, (typed, message)
        assert page.eval_on_selector("#dm-start", "field => field.validationMessage") == message, typed
        assert page.get_attribute("#dm-start", "aria-invalid") == "true", typed
        assert cells(page, RUN_SHEET)[0][0].startswith("08:15–"), typed  # the last valid time stays
    type_start(page, "25:00")
    assert "24-uursklok" in page.inner_text("#dm-start-fout")
    type_start(page, "14:05")
    assert not page.is_visible("#dm-start-fout") and page.get_attribute("#dm-start", "aria-invalid") is None

"""A contributor adds a card by following CONTRIBUTING.md; renamed items keep their old URLs working."""

from __future__ import annotations

import json
import re

import yaml
from pdfread import text as pdf_text

from conftest import CONTRIBUTED, CONTRIBUTING, RENAMED, ROOT, mkdocs_build, rename, scaffold
from sitehtml import article_text, parse


def assert_filled_in_checked_and_built(steps, kind):
    """Steps 2-4 of CONTRIBUTING.md for the file of this kind."""
    assert "Vervang elke tekst die met `VOORBEELD` begint" in CONTRIBUTING
    made = steps["made"][kind]
    assert made["returncode"] == 0, made["stdout"] + made["stderr"]
    # Before filling in, the checker points at every example text, with file and line.
    unfilled = steps["unfilled"]
    assert unfilled["returncode"] == 1
    shown = re.escape(CONTRIBUTED[kind][1])
    assert re.search(rf"^{shown}:\d+:\d+: Hier staat nog voorbeeldtekst", unfilled["stdout"], re.M), unfilled["stdout"]
    assert steps["checked"]["returncode"] == 0, steps["checked"]["stdout"]
    assert steps["built"]["returncode"] == 0, steps["built"]["stdout"] + steps["built"]["stderr"]


def test_contributor_adds_a_werkkaart_that_appears_everywhere(scratch_build):
    project, site, steps = scratch_build
    assert "make nieuw TYPE=werkkaart" in CONTRIBUTING
    assert_filled_in_checked_and_built(steps, "werkkaart")
    card = project / "werkkaarten" / "samen-koffie-drinken.yml"
    assert card.exists() and "Aangemaakt: werkkaarten/samen-koffie-drinken.yml" in steps["made"]["werkkaart"]["stdout"]
    data = yaml.safe_load(card.read_text(encoding="utf-8"))
    assert data["nummer"] == 9  # the first free number after the eight werkkaarten

    page = site / "werkkaarten" / "samen-koffie-drinken.html"
    assert "Samen koffie drinken" in article_text(page)
    assert "samen-koffie-drinken.html" in parse(site / "werkkaarten" / "index.html").links
    index = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    assert {"type": "werkkaart", "id": "samen-koffie-drinken"}.items() <= next(
        i for i in index["items"] if i["id"] == "samen-koffie-drinken"
    ).items()
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(
        d["location"].startswith("werkkaarten/samen-koffie-drinken.html") and "Samen koffie drinken" in d["title"]
        for d in search["docs"]
    )
    # The new URL is recorded in the project's registry of published URLs.
    assert "werkkaarten/samen-koffie-drinken.html" in (project / "permalinks.yml").read_text(encoding="utf-8")
    # The card is printed in the set of all werkkaarten, in both profiles, and on its own.
    for deck in ("werkkaarten-drukker.pdf", "werkkaarten-thuis.pdf", "los/werkkaarten/samen-koffie-drinken.pdf"):
        assert "Samenkoffiedrinken" in pdf_words(site / "kaarten" / deck), deck


def pdf_words(path) -> str:
    return re.sub(r"\s+", "", pdf_text(path))


def test_contributor_adds_a_casus_and_a_sessie(scratch_build):
    _, site, steps = scratch_build
    assert "make nieuw TYPE=casus" in CONTRIBUTING and "make nieuw TYPE=sessie" in CONTRIBUTING
    assert_filled_in_checked_and_built(steps, "casus")
    assert_filled_in_checked_and_built(steps, "sessie")
    story = article_text(site / "casussen" / "een-gezin-met-veel-hulpverleners.html")
    assert "Een gezin met veel hulpverleners" in story and "Het verhaal van de casus" in story
    # The casus links to the werkkaart it names, and the werkkaart links back.
    assert (
        "../werkkaarten/tijdlijn-maken.html" in parse(site / "casussen" / "een-gezin-met-veel-hulpverleners.html").links
    )
    assert (
        "../casussen/een-gezin-met-veel-hulpverleners.html" in parse(site / "werkkaarten" / "tijdlijn-maken.html").links
    )
    script = article_text(site / "draaiboeken" / "korte-tijdlijnsessie.html")
    assert "Korte tijdlijnsessie" in script and "09:00" in script and "10:00" in script
    assert (site / "draaiboeken" / "korte-tijdlijnsessie.pdf").stat().st_size > 0


def test_scaffold_never_overwrites_and_picks_a_free_id(project):
    first = scaffold(project, "werkkaart", "Een tijdlijn maken")
    second = scaffold(project, "werkkaart", "Een tijdlijn maken")
    assert "een-tijdlijn-maken.yml" in first.stdout
    assert "een-tijdlijn-maken-2.yml" in second.stdout
    unknown = scaffold(project, "kaartje", "X")
    assert unknown.returncode != 0 and "Onbekend type 'kaartje'" in unknown.stderr + unknown.stdout


def test_renamed_item_with_redirect_keeps_old_url_working(edited_site):
    """In the scratch build of conftest.scratch_build, a werkkaart is renamed with a redirect from the old URL."""
    old_id, new_id = RENAMED
    old = (edited_site / "werkkaarten" / f"{old_id}.html").read_text(encoding="utf-8")
    assert f'http-equiv="refresh" content="0; url={new_id}.html"' in old
    assert f"location.replace('{new_id}.html' + location.hash)" in old
    assert "Andere taal gebruiken" in article_text(edited_site / "werkkaarten" / f"{new_id}.html")


def test_renamed_item_without_redirect_fails_the_build_naming_the_lost_url(project, tmp_path):
    rename(project, "tijdlijn-maken", "een-tijdlijn-maken")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert re.search(
        r"permalinks\.yml:\d+:\d+: Het gepubliceerde adres 'werkkaarten/tijdlijn-maken\.html' bestaat niet meer", output
    ), output
    assert "redirects.yml" in output and "Traceback" not in output


def test_registry_lists_every_page_of_the_site(site):
    registered = set(yaml.safe_load((ROOT / "permalinks.yml").read_text(encoding="utf-8"))["adressen"])
    pages = {
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if p.name != "404.html" and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:600]
    }
    assert pages <= registered, sorted(pages - registered)

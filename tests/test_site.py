"""Tests on the built site itself: every item is there, complete, linked both ways and listed in the index."""

from __future__ import annotations

import json
import re

import pytest

from conftest import BRACES, BRACES_CARD, ROOT, mkdocs_build
from kb.load.yaml_text import load_file
from kb.model.types import ITEM_TYPES
from sitehtml import article_text, internal_targets, normalise, parse

TYPES = {t.name: t.plural for t in ITEM_TYPES}


def source_items():
    for content_type in ITEM_TYPES:
        for file in sorted((ROOT / content_type.plural).glob(f"*{content_type.suffix}")):
            yield content_type.name, load_file(file, file.name).data


def texts_that_must_appear(data):
    """Every question and quote in a content file, wherever it is nested."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "vragen":
                yield from value
            elif key == "citaten":
                yield from (citaat["tekst"] for citaat in value)
            else:
                yield from texts_that_must_appear(value)
    elif isinstance(data, list):
        for value in data:
            yield from texts_that_must_appear(value)


def test_all_werkkaarten_and_spanningsvelden_are_in_the_index(index):
    expected = {(kind, data["id"]) for kind, data in source_items()}
    listed = {(item["type"], item["id"]) for item in index["items"]}
    assert listed == expected
    assert len([k for k, _ in expected if k == "werkkaart"]) == 8
    assert len([k for k, _ in expected if k == "spanningsveld"]) == 6
    assert index["version"] == 1


def test_index_entries_point_to_pages_with_their_title_and_source(site, index):
    for item in index["items"]:
        assert set(item) >= {"type", "id", "title", "url", "source"}
        assert item["url"] == f"{TYPES[item['type']]}/{item['id']}.html"
        page = site / item["url"]
        assert page.exists(), item["url"]
        text = article_text(page)
        assert normalise(item["title"]) in text
        assert item["source"]["publication"] and item["source"]["section"]
        assert normalise(item["source"]["title"]) in text  # the page names its source


@pytest.mark.parametrize("kind,data", list(source_items()), ids=lambda v: v if isinstance(v, str) else v["id"])
def test_page_shows_every_question_and_quote_in_the_source_words(site, kind, data):
    text = article_text(site / TYPES[kind] / f"{data['id']}.html")
    missing = [t for t in texts_that_must_appear(data) if normalise(t) not in text]
    assert not missing, missing


def test_internal_links_and_anchors_resolve(site):
    broken = []
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    parsed = {}
    for page in pages:
        for href in parse(page).links:
            target = internal_targets(site, page, href)
            if target is None:
                continue
            file, fragment = target
            if not file.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
                continue
            # A fragment with '=' carries page state (the draaiboekmaker's plan), not an anchor.
            if fragment and file.suffix == ".html" and "=" not in fragment:
                ids = parsed.setdefault(file, parse(file).ids)
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)} -> {href} (anker ontbreekt)")
    assert not broken, broken
    assert len(pages) >= 14 + 3


def test_related_items_link_both_ways(site, index):
    links = {}
    for item in index["items"]:
        page = site / item["url"]
        links[item["url"]] = {
            str(t[0].relative_to(site))
            for href in parse(page).links
            if (t := internal_targets(site, page, href)) and t[0].is_relative_to(site)
        }
    pairs = 0
    for kind, data in source_items():
        own = f"{TYPES[kind]}/{data['id']}.html"
        for field, folder in (
            ("spanningsvelden", "spanningsvelden"),
            ("werkkaarten", "werkkaarten"),
            ("verwijzingen", "werkkaarten"),
        ):
            for ref in data.get(field, []):
                other = f"{folder}/{ref}.html"
                assert other in links[own], f"{own} links not to {other}"
                assert own in links[other], f"{other} links not back to {own}"
                pairs += 1
    assert pairs > 0


def test_overview_pages_list_every_item_with_summary(site, index):
    for kind, folder in TYPES.items():
        overview = site / folder / "index.html"
        hrefs = set(parse(overview).links)
        text = article_text(overview)
        for item in (i for i in index["items"] if i["type"] == kind):
            assert f"{item['id']}.html" in hrefs
            assert normalise(item["summary"]) in text


def test_home_page_is_dutch_and_leads_to_the_overviews(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in home
    links = parse(site / "index.html").links
    assert "werkkaarten/index.html" in links and "spanningsvelden/index.html" in links


def test_item_pages_are_searchable_but_not_listed_in_every_navigation(site, index):
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert search["config"]["lang"] == ["nl"]
    locations = {doc["location"].split("#")[0] for doc in search["docs"]}
    for item in index["items"]:
        assert item["url"] in locations
    # The navigation does not list item pages, so each page stays small as the collection grows.
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    assert not any(f"{item['id']}.html" in nav[: nav.index("</nav>")] for item in index["items"])


def test_no_hand_made_stub_pages_per_item():
    for folder in TYPES.values():
        assert sorted(p.name for p in (ROOT / "docs" / folder).iterdir()) == ["index.md"]


def test_braces_and_markup_in_contributor_text_are_shown_literally(edited_site):
    """In the scratch build of conftest.edited_site, werkkaart BRACES_CARD has BRACES as summary and introduction."""
    for page in (f"werkkaarten/{BRACES_CARD}.html", "werkkaarten/index.html"):
        assert BRACES in article_text(edited_site / page), page
        assert "onclick" not in parse(edited_site / page).attribute_names, page


def test_build_fails_with_the_checker_message_when_content_is_broken(project, tmp_path):
    card = project / "werkkaarten" / "tijdlijn-maken.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("titel:", "titl:", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert re.search(r"werkkaarten/tijdlijn-maken\.yml:\d+:\d+: Onbekend veld 'titl'", output), output
    assert "Traceback" not in output

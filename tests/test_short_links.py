"""Short permanent links on the printed cards (k/wk1/) and the site address of a build for publishing.

Every werkkaart and spanningsveld has a short link page that forwards to its item, registered in permalinks.yml like
every other address; a build for publishing (KB_PUBLICEREN=1) refuses the placeholder site address.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import PUBLISHED_HOST, ROOT, check, mkdocs_build
from kb.check.collection import load_collection
from kb.model.addresses import PLACEHOLDER_URL, SHORT_LINK_TYPES, printed_items, short_page, short_path

REAL_HOST = PUBLISHED_HOST
PROBLEM = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$", re.M)


@pytest.fixture(scope="module")
def printed():
    """The werkkaarten and spanningsvelden as the content files have them (not as the site shows them)."""
    collection, problems = load_collection(ROOT)
    assert not problems, problems
    items = printed_items(collection)
    assert {item.type for item in items} == set(SHORT_LINK_TYPES) and len(items) >= 10
    return items


def forwards_to(page: Path, site: Path) -> dict[str, str]:
    """Where a redirect page sends a reader, per mechanism, as a path from the site root."""
    text = page.read_text(encoding="utf-8")
    base = page.relative_to(site).as_posix()

    def target(pattern: str) -> str:
        found = re.search(pattern, text)
        assert found, f"{base}: {pattern} ontbreekt"
        return urljoin(base, html.unescape(found.group(1)))

    return {
        "refresh": target(r'<meta http-equiv="refresh" content="0; url=([^"]+)">'),
        "canonical": target(r'<link rel="canonical" href="([^"]+)">'),
        "script": target(r"location\.replace\('([^']+)' \+ location\.hash\)"),
        "link": target(r'<body>\s*<p>[^<]*<a href="([^"]+)">'),
    }


def problems_in(result: subprocess.CompletedProcess, file: str) -> list[str]:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return [m["message"] for m in PROBLEM.finditer(output) if m["path"] == file]


# --- the short link pages in the built site -----------------------------------------------------------------------


def test_every_card_has_a_short_link_page_that_forwards_to_its_item(site, printed):
    for item in printed:
        assert short_path(item) == f"k/{item.code.lower()}/"
        page = site / short_page(item)
        assert page.is_file(), f"{short_page(item)} ontbreekt voor {item.doc.path}"
        assert set(forwards_to(page, site).values()) == {item.url}, short_page(item)
        text = page.read_text(encoding="utf-8")
        assert '<html lang="nl">' in text and '<meta name="robots" content="noindex">' in text
        visible = re.sub(r"<[^>]+>", "", text.split("<body>")[1])
        assert f"Je gaat naar {item.code} {item.title}" in html.unescape(visible)
    folders = {p.relative_to(site).as_posix() + "/" for p in (site / "k").iterdir()}
    assert folders == {short_path(item) for item in printed}, "korte links zonder kaart"


def test_the_feed_lists_the_short_link_of_every_card_and_only_of_cards(index, printed):
    by_url = {entry["url"]: entry for entry in index["items"]}
    for item in printed:
        assert by_url[item.url]["short_url"] == short_path(item)
    others = [entry for entry in index["items"] if entry["type"] not in {t.name for t in SHORT_LINK_TYPES}]
    assert others and not [entry for entry in others if "short_url" in entry]


# --- the registry ----------------------------------------------------------------------------------------------------


def test_every_short_link_is_registered_in_permalinks_yml(printed):
    from kb.check.permalinks import site_urls

    registered = set(yaml.safe_load((ROOT / "permalinks.yml").read_text(encoding="utf-8"))["adressen"])
    pages = {short_page(item) for item in printed}
    assert pages <= registered, sorted(pages - registered)
    assert pages <= site_urls(load_collection(ROOT)[0], ROOT / "docs")  # what `make check` knows is published


def _commit(project: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "permalinks.yml"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-qm", "gepubliceerd"], cwd=project, check=True)


def test_a_short_link_taken_out_of_permalinks_yml_is_refused_naming_the_file(project, printed):
    page = short_page(printed[0])
    _commit(project)
    registry = project / "permalinks.yml"
    text = registry.read_text(encoding="utf-8")
    assert f"  - {page}\n" in text
    registry.write_text(text.replace(f"  - {page}\n", ""), encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert f"Het adres '{page}' is uit permalinks.yml gehaald, maar het is al gepubliceerd." in " ".join(
        problems_in(result, "permalinks.yml")
    ), result.stdout


def test_a_card_whose_short_link_disappears_is_refused_until_it_is_redirected(project, printed):
    item = printed[0]
    source = project / item.doc.path
    text = source.read_text(encoding="utf-8")
    assert f"\nnummer: {item.number}\n" in text
    source.write_text(text.replace(f"\nnummer: {item.number}\n", "\nnummer: 999\n"), encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    messages = problems_in(result, "permalinks.yml")
    assert any(f"Het gepubliceerde adres '{short_page(item)}' bestaat niet meer" in m for m in messages), messages
    (project / "redirects.yml").write_text(
        f"doorverwijzingen:\n  - van: {short_page(item)}\n    naar: {item.url}\n", encoding="utf-8"
    )
    assert check(project).returncode == 0, check(project).stdout


def test_a_redirect_cannot_overwrite_a_short_link(project, printed):
    page = short_page(printed[0])
    (project / "redirects.yml").write_text(f"doorverwijzingen:\n  - van: {page}\n    naar: over.html\n")
    result = check(project)
    assert result.returncode == 1
    assert f"'{page}' is de korte link van een geprinte kaart" in " ".join(problems_in(result, "redirects.yml"))


def test_a_hand_written_page_cannot_take_a_short_link(project, printed):
    item = printed[0]
    taken = project / "docs" / Path(short_page(item)).with_suffix(".md")
    taken.parent.mkdir(parents=True)
    taken.write_text("# Iets anders\n", encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    shown = taken.relative_to(project).as_posix()
    assert any(f"is de korte link van {item.code}" in m for m in problems_in(result, shown)), result.stdout


def test_two_cards_never_share_a_short_link():
    """Numbers are unique per kind, so a clash needs two kinds with one code; the check names file and line anyway."""
    from kb.check.permalinks import short_link_problems

    collection = load_collection(ROOT)[0]
    first, second = printed_items(collection)[:2]
    second.data["nummer"] = first.number  # what a second kind with the same code would do
    problems = short_link_problems(collection, ROOT / "docs")
    assert len(problems) == 1, problems
    blamed, owner = (second, first) if problems[0].path == second.doc.path else (first, second)
    assert (problems[0].path, problems[0].line) == (blamed.doc.path, blamed.doc.where(("nummer",))[0])
    assert f"De korte link {short_path(owner)} hoort al bij {owner.doc.path}" in problems[0].message


# --- the site address of a build for publishing ------------------------------------------------------------------


@pytest.mark.parametrize("site_url", [None, PLACEHOLDER_URL, "https://kennisbank.example.org/", "http://localhost/"])
def test_a_build_for_publishing_refuses_a_placeholder_address(project, tmp_path, monkeypatch, site_url):
    monkeypatch.setenv("KB_PUBLICEREN", "1")
    if site_url is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", site_url)
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, output
    assert "KB_PUBLICEREN=1 (bouwen om te publiceren): SITE_URL is " in errors[0]
    assert ("niet gezet" if site_url is None else f"'{site_url}', een voorbeeldadres") in errors[0]
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists(), "er is iets geschreven voor de build stopte"


@pytest.fixture(scope="module")
def published(published_site) -> Path:
    """A scratch project built for publishing at a real address (conftest.published_site)."""
    return published_site


def test_a_build_for_publishing_with_a_real_address_shows_the_short_link_on_item_pages(published, printed):
    host = REAL_HOST.split("://")[1].rstrip("/")
    for item in printed:
        text = (published / item.url).read_text(encoding="utf-8")
        link = f'Korte link (staat ook op de geprinte kaart): <a href="{REAL_HOST}{short_path(item)}">'
        assert f"{link}{host}/{short_path(item).rstrip('/')}</a>" in text, item.url
    feed = json.loads((published / "api" / "index.json").read_text(encoding="utf-8"))
    assert {entry.get("short_url") for entry in feed["items"]} >= {short_path(item) for item in printed}

"""The facilitator's journey without a browser: every draaiboek has its own card set, and the PDFs hold exactly the
cards its blocks use (read from sessies/*.yml, not from the code that makes the sets)."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

SESSIONS = sorted((ROOT / "sessies").glob("*.yml"))
PROFILES = ("thuis", "drukker")
CARD_CODE = re.compile(r"\b(?:WK|SV)\d+\b(?!-)")  # WK3, SV4; not the reflection cards SV4-1


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def _codes() -> dict[tuple[str, str], str]:
    """(kind, id) -> the code printed on its card."""
    found = {}
    for kind, folder, prefix in (("werkkaart", "werkkaarten", "WK"), ("spanningsveld", "spanningsvelden", "SV")):
        for path in (ROOT / folder).glob("*.yml"):
            data = _load(path)
            found[(kind, data["id"])] = f"{prefix}{data['nummer']}"
    return found


def expected_codes(session_file: Path) -> list[str]:
    """The codes of the werkkaarten and spanningsvelden the blocks name, each once, in order."""
    codes: list[str] = []
    for block in _load(session_file)["blokken"]:
        for kind in ("werkkaart", "spanningsveld"):
            if kind in block:
                code = _codes()[(kind, block[kind])]
                if code not in codes:
                    codes.append(code)
    return codes


def printed_codes(pdf: Path) -> list[str]:
    """The card codes in a PDF, each once, in order of appearance."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    codes: list[str] = []
    for code in CARD_CODE.findall(text):
        if code not in codes:
            codes.append(code)
    return codes


def test_card_codes_are_read_from_the_content():
    assert _codes(), "geen werkkaarten of spanningsvelden gevonden"
    assert any(expected_codes(path) for path in SESSIONS)


@pytest.mark.parametrize("session_file", SESSIONS, ids=lambda p: p.stem)
@pytest.mark.parametrize("profile", PROFILES)
def test_each_draaiboek_has_a_card_set_with_exactly_its_cards(site, session_file, profile):
    expected = expected_codes(session_file)
    pdf = site / "kaarten" / f"draaiboek-{session_file.stem}-{profile}.pdf"
    if not expected:
        assert not pdf.exists(), f"{pdf.name}: een draaiboek zonder kaarten krijgt geen kaartset"
        return
    assert pdf.exists(), f"{pdf.name} ontbreekt"
    assert printed_codes(pdf) == expected


@pytest.mark.parametrize("session_file", SESSIONS, ids=lambda p: p.stem)
def test_draaiboek_page_links_to_its_cards_beside_the_pdf(site, session_file):
    html = (site / "draaiboeken" / f"{session_file.stem}.html").read_text(encoding="utf-8")
    buttons = re.findall(r'<a class="md-button[^"]*" href="([^"]*)">([^<]*)</a>', html)
    labels = [label for _, label in buttons]
    assert labels[0] == "PDF om te printen (A4)"
    if expected_codes(session_file):
        assert buttons[1] == (f"../kaarten/draaiboek-{session_file.stem}-thuis.pdf", "Kaarten voor deze bijeenkomst")
    else:
        assert "Kaarten voor deze bijeenkomst" not in labels


def test_download_page_lists_the_sets_per_draaiboek(site):
    text = (site / "kaarten" / "index.html").read_text(encoding="utf-8")
    for session_file in SESSIONS:
        if expected_codes(session_file):
            for profile in PROFILES:
                assert f"draaiboek-{session_file.stem}-{profile}.pdf" in text


def _users() -> dict[tuple[str, str], set[str]]:
    """(kind, id) of a werkkaart or spanningsveld -> the sessions whose blocks name it."""
    users: dict[tuple[str, str], set[str]] = {}
    for session_file in SESSIONS:
        for block in _load(session_file)["blokken"]:
            for kind in ("werkkaart", "spanningsveld"):
                if kind in block:
                    users.setdefault((kind, block[kind]), set()).add(session_file.stem)
    return users


@pytest.mark.parametrize("folder", ["werkkaarten", "spanningsvelden"])
def test_item_pages_list_the_draaiboeken_that_use_them(site, folder):
    kind = {"werkkaarten": "werkkaart", "spanningsvelden": "spanningsveld"}[folder]
    users = _users()
    for path in (ROOT / folder).glob("*.yml"):
        item_id = _load(path)["id"]
        html = (site / folder / f"{item_id}.html").read_text(encoding="utf-8")
        section = html.split('id="draaiboeken"', 1)[1].split("<h2", 1)[0] if 'id="draaiboeken"' in html else ""
        listed = set(re.findall(r'href="\.\./draaiboeken/([^"#]+)\.html"', section))
        assert listed == users.get((kind, item_id), set()), item_id


def test_situatie_pages_start_with_begin_hier(site):
    for path in (ROOT / "situaties").glob("*.yml"):
        html = (site / "situaties" / f"{path.stem}.html").read_text(encoding="utf-8")
        article = html.split("<article", 1)[1]
        first = article.split("</h1>", 1)[1]
        assert first.index('class="begin-hier"') < first.index("<blockquote"), path.stem
        box = first.split('class="begin-hier"', 1)[1].split("</div>", 1)[0]
        assert "Begin hier" in box
        assert re.search(r'href="\.\./draaiboeken/[^"]+\.html"', box), path.stem


def test_feed_lists_the_draaiboeken_with_page_and_pdf(site, index):
    listed = {entry["id"]: entry for entry in index["draaiboeken"]}
    assert set(listed) == {path.stem for path in SESSIONS}
    for entry in listed.values():
        assert (site / entry["url"]).is_file()
        assert (site / entry["pdf"]).read_bytes().startswith(b"%PDF")
        assert [f"{i['type']}/{i['id']}" for i in entry["items"]] == [
            f"{kind}/{ref}" for kind, ref in _ordered_refs(entry["id"])
        ]


def _ordered_refs(session_id: str) -> list[tuple[str, str]]:
    refs: list[tuple[str, str]] = []
    for block in _load(ROOT / "sessies" / f"{session_id}.yml")["blokken"]:
        for kind in ("werkkaart", "spanningsveld"):
            if kind in block and (kind, block[kind]) not in refs:
                refs.append((kind, block[kind]))
    return refs


def test_contributor_guide_keeps_code_blocks_and_numbering(site):
    source = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    html = (site / "bijdragen" / "index.html").read_text(encoding="utf-8").split("<article", 1)[1]
    assert "```" not in html
    assert html.count("<pre>") == source.count("```") // 2
    # every numbered list of the guide is one list on the site, not a series of lists of one step each
    assert html.count("<ol>") == len(re.findall(r"^1\. ", source, re.M))

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

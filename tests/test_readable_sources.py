"""Readable sources in the draaiboeken and a short pick per role in the wegwijzer, checked on the built site.

A reader sees where a text comes from as publication and section ('bron 1, Bijlage 2, werkkaart 3'); the line
numbers of the text versions and the corrections are for whoever checks the texts: in a closed 'Verantwoording' at
the end of the page, never printed and never in the PDF. Expectations are read from sessies/*.yml and the content
files, not from the code that makes the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pdfread import text as pdf_text

from conftest import ROOT, check
from sitehtml import normalise

SESSIONS = sorted((ROOT / "sessies").glob("*.yml"))
LINE_NUMBERS = re.compile(r"\bregels?\s+\d")
VERANTWOORDING = re.compile(r'<details class="verantwoording"[^>]*>.*?</details>', re.S)
ROLES = ("professionals", "teamleiders", "bestuurders", "beleidsmakers")
MAX_LINKS_PER_ROLE = 10  # the pick: a draaiboek, a few spanningsvelden and items, links to the full lists


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def visible_text(html: str) -> str:
    """The text of some HTML without tags and without the title attributes of glossary links."""
    return normalise(re.sub(r"<[^>]+>", " ", html))


def sources_with_section(session: dict) -> list[dict]:
    """Every `bron` below the top level of a session (the session's own is listed apart) that names a section."""
    from kb.sessies.draaiboek import nested_sources

    return [bron for bron in nested_sources(session) if "sectie" in bron]


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_draaiboek_page_shows_sections_and_keeps_line_numbers_in_the_verantwoording(site, path):
    session = load(path)
    html = article(site / "draaiboeken" / f"{path.stem}.html")
    found = VERANTWOORDING.findall(html)
    assert len(found) == 1, "één Verantwoording per draaiboek"
    details = found[0]
    assert not re.match(r"<details[^>]*\bopen\b", details), "de Verantwoording is dichtgeklapt"
    assert "<summary>Verantwoording</summary>" in details
    outside = VERANTWOORDING.sub("", html)
    assert not LINE_NUMBERS.search(visible_text(outside)), LINE_NUMBERS.search(visible_text(outside))
    assert html.index('id="bronnen"') < html.index('<details class="verantwoording"')  # at the end, after Bronnen
    assert html[html.index(details) + len(details) :].strip() == ""  # the last thing on the page
    inside = visible_text(details)
    assert session["bron"]["regels"] in inside
    for bron in sources_with_section(session):
        assert bron["regels"] in inside, bron
        assert re.search(rf"\bbron \d+, {re.escape(normalise(bron['sectie']))}", visible_text(outside)), bron
    for fix in session.get("correcties", []):
        assert normalise(fix["wordt"]) in inside and normalise(fix["reden"]) in inside


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_draaiboek_pdf_has_no_line_numbers_and_no_verantwoording(site, path):
    session = load(path)
    text = normalise(pdf_text(site / "draaiboeken" / f"{path.stem}.pdf"))
    assert not LINE_NUMBERS.search(text), LINE_NUMBERS.search(text)
    assert "Verantwoording" not in text
    for bron in sources_with_section(session):
        assert normalise(bron["sectie"]) in text, bron  # the section is still there


def every_source(value):
    """Every `bron` and `duur_bron` anywhere in a session, with the session's own."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key in ("bron", "duur_bron") and isinstance(child, dict):
                yield child
            else:
                yield from every_source(child)
    elif isinstance(value, list):
        for child in value:
            yield from every_source(child)


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_every_session_citation_names_its_section(path):
    missing = [bron for bron in every_source(load(path)) if not str(bron.get("sectie", "")).strip()]
    assert not missing, missing


def test_a_citation_without_section_is_refused_with_file_and_line(project):
    path = project / "sessies" / "retrospectieve-casusanalyse.yml"
    text = path.read_text(encoding="utf-8")
    cited = 'bron: {sectie: "1. Aanpak: De retrospectieve analyses, stap 2", regels: "135-136"}'
    assert cited in text
    line = text[: text.index(cited)].count("\n") + 1
    path.write_text(text.replace(cited, 'bron: {regels: "135-136"}'), encoding="utf-8")
    result = check(project)
    assert result.returncode == 1, result.stdout
    messages = re.findall(rf"^sessies/retrospectieve-casusanalyse\.yml:{line}:\d+: (.+)$", result.stdout, re.M)
    assert any("sectie" in message for message in messages), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_verantwoording_is_not_printed():
    css = (ROOT / "docs" / "assets" / "stylesheets" / "draaiboek.css").read_text(encoding="utf-8")
    print_rules = " ".join(re.findall(r"@media print\s*\{(.*?)\n\}", css, re.S))
    hidden = re.findall(r"([^{}]+)\{[^}]*display:\s*none", print_rules)
    assert any(".verantwoording" in selectors for selectors in hidden)


# ---- Wegwijzer: a short pick per role -----------------------------------------------------------------------------


def role_sections(site: Path) -> dict[str, str]:
    html = article(site / "wegwijzer.html")
    sections = {}
    for role in ROLES:
        start = html.index(f'<h3 id="{role}"')
        end = min(i for i in (html.find("<h3", start + 1), html.find("<h2", start + 1)) if i > 0)
        sections[role] = html[start:end]
    return sections


def question_groups_name(data, role: str) -> bool:
    if isinstance(data, dict):
        if role in data.get("doelgroepen", []) and "vragen" in data:
            return True
        return any(question_groups_name(child, role) for child in data.values())
    if isinstance(data, list):
        return any(question_groups_name(child, role) for child in data)
    return False


@pytest.mark.parametrize("role", ROLES)
def test_wegwijzer_gives_a_short_pick_per_role(site, role):
    section = role_sections(site)[role]
    full = re.findall(r"<details[^>]*>.*?</details>", section, re.S)
    assert len(full) == 1 and not re.match(r"<details[^>]*\bopen\b", full[0])  # everything, closed
    pick = re.sub(r"<details[^>]*>.*?</details>", "", section, flags=re.S)
    links = re.findall(r'<a href="([^"#]+)(?:#[^"]*)?"', pick)
    assert 0 < len(links) <= MAX_LINKS_PER_ROLE, links
    sessions = {p.stem: load(p) for p in SESSIONS}
    for_role = [name for name, data in sessions.items() if role in data["doelgroepen"]]
    drafts = [link for link in links if re.fullmatch(r"draaiboeken/[^/]+\.html", link)]
    named = [link.split("/")[1][: -len(".html")] for link in drafts if not link.endswith(("index.html", "maken.html"))]
    if for_role:
        assert len(named) == 1 and named[0] in for_role, named
    else:
        assert not named and "draaiboeken/maken.html" in links
    for link in links:
        if link.startswith("spanningsvelden/") and link != "spanningsvelden/index.html":
            data = load(ROOT / "spanningsvelden" / f"{Path(link).stem}.yml")
            assert question_groups_name(data, role), (role, link)


def test_wegwijzer_names_draaiboeken_and_card_printing(site):
    links = re.findall(r'<a href="([^"#]+)', article(site / "wegwijzer.html"))
    assert "draaiboeken/index.html" in links
    assert "kaarten/index.html" in links

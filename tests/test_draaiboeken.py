"""Draaiboeken: every session in sessies/ becomes a page and an A4 PDF with correct clock times, every question of
the cards it uses, and a Dutch `pad:regel` error with exit 1 when a session file is broken.

Expected values are computed here from the YAML files themselves (not with the kb code under test).
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from pdfread import text as pdf_text
from pypdf import PdfReader

from conftest import ROOT, check, mkdocs_build
from sitehtml import article_text, normalise, parse

SESSIONS = sorted((ROOT / "sessies").glob("*.yml"))
A4 = (595.3, 841.9)  # points


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def card(card_id):
    return load(ROOT / "werkkaarten" / f"{card_id}.yml")


def field(field_id):
    return load(ROOT / "spanningsvelden" / f"{field_id}.yml")


def walk(parts):
    for part in parts:
        yield part
        yield from walk(part.get("onderdelen", []))


def anchor(part):
    return part.get("anker") or re.sub(r"[^a-z0-9]+", "-", part["titel"].lower()).strip("-")


def block_minutes(block) -> int:
    """The block's minutes; without 'minuten' the duration the card states for the chosen variant."""
    if "minuten" in block:
        return block["minuten"]
    parts = card(block["werkkaart"])["onderdelen"]
    variant = next(p for p in walk(parts) if anchor(p) == block["variant"])
    return max(p["duur_minuten"] for p in walk([variant]) if "duur_minuten" in p)


def to_minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def to_clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def run_sheet(page) -> list[list[str]]:
    """The rows of the run-sheet table ('Tijdschema') on a built draaiboek page."""
    source = page.read_text(encoding="utf-8")
    table = re.search(r'<div class="tijdschema">\s*<table>(.*?)</table>', source, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        rows.append([normalise(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)])
    return rows


def expected_questions(session) -> list[str]:
    """Every question the draaiboek must show: werkkaart 1's preparation questions, the session's own questions,
    and the questions of every card (or chosen variant) and spanningsveld it refers to."""
    facilitator = card("rol-van-facilitator")
    questions = [
        q for p in walk(facilitator["onderdelen"]) if p["soort"] == "voorbereiding" for q in p.get("vragen", [])
    ]
    questions += session.get("kernvragen", {}).get("vragen", [])
    for block in session["blokken"]:
        questions += block.get("vragen", [])
        if "werkkaart" in block:
            parts = card(block["werkkaart"])["onderdelen"]
            if "variant" in block:
                chosen = [next(p for p in walk(parts) if anchor(p) == block["variant"])]
                chosen += [p for p in parts if p["soort"] in ("vragen", "afronding", "aandachtspunten", "inzichten")]
            else:
                chosen = [p for p in parts if p["soort"] not in ("voorbeelden", "fase")]
            questions += [q for p in walk(chosen) for q in p.get("vragen", [])]
        if "spanningsveld" in block:
            audience = block.get("doelgroep")
            for group in field(block["spanningsveld"])["reflectievragen"]:
                if audience is None or audience in group["doelgroepen"] or "iedereen" in group["doelgroepen"]:
                    questions += group["vragen"]
    return questions


def test_there_are_the_sessions_the_sources_describe():
    assert len(SESSIONS) >= 5
    sessions = [load(path) for path in SESSIONS]
    blocks = [b for s in sessions for b in s["blokken"]]
    cards_used = {b.get("werkkaart") for b in blocks}
    assert {"tijdlijn-maken", "geno-sociogram-maken", "perspectiefwissel"} <= cards_used
    assert any("spanningsveld" in b and b.get("doelgroep") == "bestuurders" for b in blocks)
    assert any(s.get("duur_minuten") == 240 and "duur_bron" in s for s in sessions)  # the dagdeel of four hours
    assert any("Wat zijn jouw dromen?" in b.get("vragen", []) for b in blocks)


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_page_and_pdf_exist_and_name_the_session(site, path):
    session = load(path)
    page = site / "draaiboeken" / f"{path.stem}.html"
    assert page.exists()
    text = article_text(page)
    assert normalise(session["titel"]) in text
    assert normalise(session["doel"]["tekst"]) in text
    links = parse(page).links
    assert f"{path.stem}.pdf" in links
    pdf = PdfReader(io.BytesIO((site / "draaiboeken" / f"{path.stem}.pdf").read_bytes()))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == A4
    assert normalise(session["titel"]) in normalise(pdf_text(site / "draaiboeken" / f"{path.stem}.pdf", pages=1))


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_run_sheet_clock_times_and_total(site, path):
    session = load(path)
    rows = run_sheet(site / "draaiboeken" / f"{path.stem}.html")
    assert len(rows) == len(session["blokken"])
    at = to_minutes(session.get("begintijd", "09:00"))
    start = at
    for row, block in zip(rows, session["blokken"], strict=False):
        minutes = block_minutes(block)
        assert row[0] == f"{to_clock(at)}–{to_clock(at + minutes)}", row
        assert row[2] == f"{minutes} min.", row
        at += minutes
    total = (
        session["duur_minuten"]
        if "duur_minuten" in session
        else to_minutes(session["eindtijd"]) - to_minutes(session["begintijd"])
    )
    assert at - start == total
    text = article_text(site / "draaiboeken" / f"{path.stem}.html")
    assert f"Totaal: {total} minuten" in text
    assert f"van {to_clock(start)} tot {to_clock(start + total)}" in text


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_durations_say_whether_the_source_gives_them(site, path):
    session = load(path)
    rows = run_sheet(site / "draaiboeken" / f"{path.stem}.html")
    for row, block in zip(rows, session["blokken"], strict=False):
        stated = None
        if "variant" in block:
            variant = next(p for p in walk(card(block["werkkaart"])["onderdelen"]) if anchor(p) == block["variant"])
            stated = max([p["duur_minuten"] for p in walk([variant]) if "duur_minuten" in p], default=None)
        if stated is not None and block_minutes(block) == stated:
            assert row[3] == "volgens de bron", row
        elif stated is not None:
            assert row[3] == f"voorstel (de bron noemt {stated} min.)", row
        else:
            assert row[3] == "voorstel", row


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_every_referenced_question_appears_in_page_and_pdf(site, path):
    session = load(path)
    questions = expected_questions(session)
    assert questions
    page_text = article_text(site / "draaiboeken" / f"{path.stem}.html")
    missing = [q for q in questions if normalise(q) not in page_text]
    assert not missing, missing
    # A line break after a hyphen ('face-to-' / 'face') is layout, not text.
    printed = normalise(re.sub(r"-\s*\n", "-", pdf_text(site / "draaiboeken" / f"{path.stem}.pdf")))
    missing = [q for q in questions if normalise(q) not in printed]
    assert not missing, missing


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_follow_up_materials_and_sources_are_in_the_draaiboek(site, path):
    session = load(path)
    text = article_text(site / "draaiboeken" / f"{path.stem}.html")
    afronding = next(p for p in card("reflectief-gesprek")["onderdelen"] if p["soort"] == "afronding")
    assert normalise(afronding["tekst"]) in text  # how participants hear back (werkkaart 2)
    for step in session.get("vervolg", []):
        assert normalise(step["tekst"]) in text
    for block in session["blokken"]:
        if "werkkaart" in block and "variant" not in block:
            for material in card(block["werkkaart"]).get("materialen", []):
                assert normalise(material) in text
    assert "Bronnen" in text and str(session["bron"]["regels"]) in text


def test_overview_is_in_the_navigation_and_lists_every_draaiboek(site):
    page = (site / "werkkaarten" / "index.html").read_text(encoding="utf-8")
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', page)
    assert "../draaiboeken/index.html" in nav_links
    assert not any(f"draaiboeken/{p.stem}.html" in link for p in SESSIONS for link in nav_links)  # not in every menu
    links = parse(site / "draaiboeken" / "index.html").links
    text = article_text(site / "draaiboeken" / "index.html")
    for path in SESSIONS:
        session = load(path)
        assert f"{path.stem}.html" in links and f"{path.stem}.pdf" in links
        assert normalise(session["samenvatting"]) in text
    assert "maken.html" in links


def test_builder_data_lists_every_card_variant_and_spanningsveld(site):
    data = json.loads((site / "api" / "draaiboek-blokken.json").read_text(encoding="utf-8"))
    ids = {c["id"]: c for c in data["werkkaarten"]}
    for file in (ROOT / "werkkaarten").glob("*.yml"):
        content = load(file)
        assert content["id"] in ids
        variants = {anchor(p) for p in walk(content["onderdelen"]) if p["soort"] == "variant"}
        assert {v["anker"] for v in ids[content["id"]]["varianten"]} == variants
    assert {s["id"] for s in data["spanningsvelden"]} == {p.stem for p in (ROOT / "spanningsvelden").glob("*.yml")}
    builder = (site / "draaiboeken" / "maken.html").read_text(encoding="utf-8")
    inline = re.search(r'<script type="application/json" id="draaiboek-blokken">(.*?)</script>', builder, re.S)
    assert json.loads(inline.group(1)) == data  # the page carries the same data, so it works from file://


SEEDS = Path(os.environ.get("KB_BRONTEKSTEN", "/work/shared/seeds"))  # the text versions named in bronnen.yml


def quoted_texts(value, publication, path=()):
    """(text, publication, lines, where) for every text in a session file that carries a 'bron' with 'regels'."""
    if isinstance(value, dict):
        bron = value.get("bron")
        if isinstance(bron, dict) and "regels" in bron:
            for key in ("tekst", "vragen", "voorbereiding", "materialen", "taak"):
                texts = value.get(key, [])
                for text in [texts] if isinstance(texts, str) else texts:
                    yield text, bron.get("publicatie", publication), bron["regels"], path + (key,)
        for key, child in value.items():
            if key != "bron":
                yield from quoted_texts(child, publication, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from quoted_texts(child, publication, path + (index,))


def letters(text: str) -> str:
    """Only letters and digits: line breaks, hyphenation, quote marks and Markdown do not count."""
    return re.sub(r"[\W_]+", "", text.lower())


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_quoted_texts_stand_in_the_cited_lines_of_the_source(path):
    if not SEEDS.is_dir():
        pytest.skip(f"De tekstversies van de bronnen staan niet in {SEEDS} (zet KB_BRONTEKSTEN).")
    session = load(path)
    files = {p["id"]: p["bestand"] for p in load(ROOT / "bronnen.yml")["publicaties"]}
    wrong = []
    for text, publication, lines, where in quoted_texts(session, session["bron"]["publicatie"]):
        source_lines = (SEEDS / files[publication]).read_text(encoding="utf-8").split("\n")
        cited = ""
        for part in lines.split(","):
            first, _, last = part.strip().partition("-")
            cited += "\n".join(source_lines[int(first) - 1 : int(last or first)])
        for fix in session.get("correcties", []):
            text = text.replace(fix["wordt"], fix["was"])
        for sentence in re.split(r"(?<=[.?!;:])\s+", text):
            if letters(sentence) and letters(sentence) not in letters(cited):
                wrong.append(f"{where} (regels {lines}): {sentence[:80]}")
    assert not wrong, wrong


# ---- Broken session files: the checker says what and where, in Dutch, and exits 1 -----------------------------

SESSION = "retrospectieve-casusanalyse"


@pytest.fixture
def sessions_project(project):
    assert (project / "sessies" / f"{SESSION}.yml").exists()  # the scratch copy has the real sessions
    return project


def break_session(project, old: str, new: str) -> tuple[str, int]:
    """Replace text in the session file; return its path and the (1-based) line of the replacement."""
    path = project / "sessies" / f"{SESSION}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return f"sessies/{SESSION}.yml", line


def assert_reported(result, file, line, *words):
    assert result.returncode == 1, result.stdout + result.stderr
    messages = re.findall(rf"^{re.escape(file)}:{line}:\d+: (.+)$", result.stdout, re.MULTILINE)
    assert messages, f"geen melding op {file}:{line}\n{result.stdout}"
    assert any(all(w.lower() in m.lower() for w in words) for m in messages), messages
    assert "Traceback" not in result.stdout + result.stderr


def test_valid_sessions_pass(sessions_project):
    result = check(sessions_project)
    assert result.returncode == 0, result.stdout


def test_unknown_card(sessions_project):
    file, line = break_session(sessions_project, "werkkaart: tijdlijn-maken", "werkkaart: tijdlijn-maaken")
    assert_reported(
        check(sessions_project),
        file,
        line,
        "geen werkkaart met het id 'tijdlijn-maaken'",
        "bedoelde je 'tijdlijn-maken'",
    )


def test_minutes_not_adding_up(sessions_project):
    break_session(sessions_project, "    minuten: 25\n", "    minuten: 35\n")
    path = sessions_project / "sessies" / f"{SESSION}.yml"
    line = path.read_text(encoding="utf-8").split("\n").index("duur_minuten: 240") + 1
    assert_reported(
        check(sessions_project), f"sessies/{SESSION}.yml", line, "250 minuten", "240 minuten", "haal 10 minuten weg"
    )


def test_every_problem_in_a_session_is_reported_at_once(sessions_project):
    file, card_line = break_session(sessions_project, "werkkaart: tijdlijn-maken", "werkkaart: tijdlijn-maaken")
    break_session(sessions_project, "    minuten: 25\n", "    minuten: 35\n")
    result = check(sessions_project)
    assert_reported(result, file, card_line, "tijdlijn-maaken")
    assert "De blokken duren samen 250 minuten" in result.stdout


def test_unknown_variant_lists_the_variants(sessions_project):
    file, line = break_session(
        sessions_project,
        "    werkkaart: geno-sociogram-maken\n",
        "    werkkaart: perspectiefwissel\n    variant: rugzak\n",
    )
    assert_reported(
        check(sessions_project), file, line + 1, "geen variant met het anker 'rugzak'", "overladen-met-adviezen"
    )


def test_fewer_minutes_than_the_source_states(sessions_project):
    file, line = break_session(
        sessions_project,
        "    werkkaart: geno-sociogram-maken\n    minuten: 45\n",
        "    werkkaart: perspectiefwissel\n    variant: geen-gedeelde-besluitvorming\n    minuten: 10\n",
    )
    assert_reported(check(sessions_project), file, line + 2, "de bron noemt 15 minuten", "minstens 15")


def test_opening_and_closing_are_required(sessions_project):
    file, line = break_session(sessions_project, "  - soort: opening\n", "  - minuten: 1\n")
    break_session(
        sessions_project,
        "    titel: Stap 1 Voorstellen en inchecken\n    minuten: 20\n",
        "    titel: Stap 1 Voorstellen en inchecken\n",
    )
    assert_reported(check(sessions_project), file, line, "eerste blok moet de opening zijn")


def test_text_without_source_is_refused(sessions_project):
    file, line = break_session(
        sessions_project, "    vragen:\n      - Naast elkaar", "    vragen:\n      - Naast elkaar"
    )
    path = sessions_project / "sessies" / f"{SESSION}.yml"
    text = re.sub(r'(?m)^    bron: \{.*regels: "135-136"\}\n', "", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    assert_reported(check(sessions_project), file, line, "zonder bron")


def test_build_stops_on_a_broken_session(sessions_project, tmp_path):
    broken, line = break_session(sessions_project, "werkkaart: tijdlijn-maken", "werkkaart: tijdlijn")
    result = mkdocs_build(sessions_project, tmp_path / "out")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"{broken}:{line}:" in output and "geen werkkaart met het id 'tijdlijn'" in output, output
    assert "Traceback" not in output

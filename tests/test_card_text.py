"""What a printed card says is a selection of the item's own words: `make check` refuses anything else, in Dutch,
with file and line; and the faces carry what the card needs (steps, key questions or a quote, lead-ins)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_checker import VALID, assert_reported, write

from conftest import ROOT, check

CARD = (
    VALID.replace(
        "    vragen:\n      - Wie doen er mee?\n",
        '    tekst: "Nodig iedereen uit. Vraag wie er mee willen doen. Leg het doel uit: samen leren."\n'
        "    vragen:\n      - Wie doen er mee?\n      - Wat willen we leren?\n"
        "    citaten:\n      - tekst: We leren samen.\n",
    )
    + 'kaart:\n  stappen:\n    - "{step}"\n  achterkant:\n    {back}\n'
)


def card(step="Vraag wie er mee willen doen.", back="vragen: [Wat willen we leren?]") -> str:
    return CARD.format(step=step, back=back)


def line_of(text: str, needle: str) -> int:
    """The last line that holds ``needle`` (the kaart block comes after the text it selects from)."""
    return max(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_selection_of_whole_sentences_passes(project):
    write(project, card(step="Vraag wie er mee willen doen. Leg het doel uit: samen leren."))
    result = check(project)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    "step, words",
    [
        ("Vraag wie er mee wil doen.", ["stap 1", "niet letterlijk", "Bedoel je: 'Vraag wie er mee willen doen.'"]),
        ("Vraag wie er mee willen", ["stap 1", "niet letterlijk", "hele zinnen"]),  # half a sentence
        ("Nodig iedereen uit en leg het doel uit.", ["stap 1", "geen eigen woorden"]),  # new wording
    ],
)
def test_a_step_that_is_not_the_sources_words_is_refused(project, step, words):
    text = card(step=step)
    write(project, text)
    assert_reported(check(project), "werkkaarten/proefkaart.yml", line_of(text, step), *words)


def test_back_questions_and_quote_must_be_the_cards_own(project):
    text = card(back="vragen: [Wat willen wij leren?]")
    write(project, text)
    assert_reported(
        check(project), "werkkaarten/proefkaart.yml", line_of(text, "Wat willen wij"), "geen helpende vraag"
    )
    text = card(back="citaat: We leren alleen.")
    write(project, text)
    assert_reported(
        check(project), "werkkaarten/proefkaart.yml", line_of(text, "We leren alleen"), "geen citaat", "letterlijk"
    )


def test_lead_ins_must_point_back_to_an_existing_question(project):
    path = project / "spanningsvelden" / "jij-en-ik-en-wij.yml"
    text = path.read_text(encoding="utf-8") + "kaart:\n  aanloop:\n    - nummers: [2, 40]\n      bij: 3\n"
    path.write_text(text, encoding="utf-8")
    result = check(project)
    file = "spanningsvelden/jij-en-ik-en-wij.yml"
    assert_reported(result, file, line_of(text, "nummers: [2, 40]"), "vraag 40 bestaat niet", "6 reflectievragen")
    assert_reported(result, file, line_of(text, "nummers: [2, 40]"), "vraag 2", "eerdere vraag")


# --- the faces show the selection --------------------------------------------------------------


@pytest.fixture(scope="module")
def cards():
    from kb.check.collection import load_collection
    from kb.print import cards as C

    collection, problems = load_collection(ROOT)
    assert not problems
    ctx = C.Context("https://kennisbank.jeugdnetwerk.nl/", collection)
    return collection, ctx, C


def _data(folder: str, name: str) -> dict:
    return yaml.safe_load((ROOT / folder / f"{name}.yml").read_text(encoding="utf-8"))


def test_werkkaart_faces_carry_the_chosen_steps_and_back(cards):
    collection, ctx, C = cards
    from kb.model.types import WERKKAART

    for item in collection.of(WERKKAART):
        chosen = _data("werkkaarten", item.id).get("kaart")
        if chosen is None:
            continue
        card = C.item_card(ctx, item)
        front, back = card.front.html(), card.back.html()
        for step in chosen.get("stappen", []):
            assert " ".join(step.split()) in " ".join(front.split()), (item.code, step)
        for question in chosen.get("achterkant", {}).get("vragen", []):
            assert card.back.context["items"].count(question) == 1, (item.code, question)
        if "citaat" in chosen.get("achterkant", {}):
            assert card.back.context["quote"] is not None, item.code
        assert "Bron:" in front and "Bron:" in back
        assert "/k/" + item.code.lower() in front and "/k/" + item.code.lower() in back


def test_no_werkkaart_back_repeats_a_question(cards):
    collection, ctx, C = cards
    from kb.model.types import WERKKAART

    for item in collection.of(WERKKAART):
        items = C.item_card(ctx, item).back.context["items"]
        assert len(items) == len(set(" ".join(q.split()) for q in items)), item.code


def test_question_cards_carry_their_spanningsveld_and_lead_in(cards):
    collection, ctx, C = cards
    from kb.model.types import SPANNINGSVELD

    checked = 0
    for item in collection.of(SPANNINGSVELD):
        data = _data("spanningsvelden", item.id)
        questions = [q for group in data["reflectievragen"] for q in group["vragen"]]
        lead_ins = {n: entry["bij"] for entry in data.get("kaart", {}).get("aanloop", []) for n in entry["nummers"]}
        for number, card in enumerate(C.reflection_cards(ctx, item), 1):
            assert card.front.context["field_title"] == item.title
            expected = questions[lead_ins[number] - 1] if number in lead_ins else None
            assert card.front.context["lead_in"] == expected
            checked += number in lead_ins
    assert checked >= 4, "de inhoud heeft aanloopvragen (bijvoorbeeld 'Waar merk jij dat aan?')"
    html = " ".join(C.all_reflection_cards(ctx)[1].front.html().split())
    assert "Herken je het gevoel van stagnatie?" in html and "Waar merk jij dat aan?" in html


def test_every_steps_block_in_the_content_is_a_real_selection():
    """The real content passes its own rule (so the check above is not vacuous): every chosen step is found."""
    from kb.model import cardtext

    for path in sorted(Path(ROOT, "werkkaarten").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for step in data.get("kaart", {}).get("stappen", []):
            assert cardtext.source_of_step(data, step) is not None, (path.name, step)

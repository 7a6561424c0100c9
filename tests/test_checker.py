"""The checker reports every class of mistake as `pad:regel:kolom: melding` in Dutch, with exit status 1.

Each test asserts what is wrong, where (file and line), and the hint how to fix it.
"""

from __future__ import annotations

import json
import re
from functools import partial

import pytest

from conftest import ROOT, check, check_command

VALID = """\
# yaml-language-server: $schema=../schemas/werkkaart.schema.json
id: proefkaart
nummer: 90
titel: Een proefkaart
samenvatting: Een kaart om de controle te testen.
inleiding: |-
  Eerste alinea.

  Tweede alinea.
onderdelen:
  - titel: Voorbereiding
    soort: voorbereiding
    vragen:
      - Wie doen er mee?
verwijzingen:
  - tijdlijn-maken
bron:
  publicatie: nji-samen-lerend-doen-wat-werkt
  sectie: Bijlage 2
"""


def write(project, text, name="proefkaart.yml", folder="werkkaarten"):
    path = project / folder / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_reported(result, file, line, *words):
    """Exit 1 and a `file:line:col:` line whose Dutch message contains every word."""
    assert result.returncode == 1, result.stdout + result.stderr
    pattern = re.compile(rf"^{re.escape(file)}:{line}:\d+: (.+)$", re.MULTILINE)
    messages = pattern.findall(result.stdout)
    assert messages, f"no problem reported at {file}:{line}\n{result.stdout}"
    assert any(all(w.lower() in m.lower() for w in words) for m in messages), messages
    assert "Traceback" not in result.stdout + result.stderr


def test_valid_file_passes(project):
    write(project, VALID)
    result = check(project)
    assert result.returncode == 0, result.stdout
    assert "Inhoud in orde" in result.stdout


def test_the_command_line_prints_every_problem_and_exits_1(project):
    """The other tests call the checker in this process; `python -m kb.check <map>` (`make check`) is the same."""
    write(project, VALID)
    passed = check_command(project)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Inhoud in orde" in passed.stdout
    write(project, VALID.replace("samenvatting:", "samenvating:"))
    failed = check_command(project)
    assert_reported(
        failed, "werkkaarten/proefkaart.yml", 5, "onbekend veld 'samenvating'", "bedoelde je 'samenvatting'"
    )
    assert re.search(r"^\d+ fout(en)? gevonden\. Los ze op en draai 'make check' opnieuw\.$", failed.stderr, re.M), (
        failed.stderr
    )


def test_invalid_yaml(project):
    write(project, VALID.replace("titel: Een proefkaart", "titel: Let op: dit breekt"))
    assert_reported(check(project), "werkkaarten/proefkaart.yml", 4, "geen geldige YAML", "aanhalingstekens")


def test_duplicate_key(project):
    write(project, VALID.replace("nummer: 90\n", "nummer: 90\ntitel: Nog een titel\n"))
    assert_reported(
        check(project), "werkkaarten/proefkaart.yml", 5, "'titel'", "twee keer", "regel 4", "voeg de twee samen"
    )


def test_unknown_key_suggests_the_right_name(project):
    write(project, VALID.replace("samenvatting:", "samenvating:"))
    assert_reported(
        check(project), "werkkaarten/proefkaart.yml", 5, "onbekend veld 'samenvating'", "bedoelde je 'samenvatting'"
    )


def test_missing_required_field(project):
    write(project, VALID.replace("samenvatting: Een kaart om de controle te testen.\n", ""))
    assert_reported(
        check(project), "werkkaarten/proefkaart.yml", 2, "verplichte veld 'samenvatting' ontbreekt", "voeg het toe"
    )


def test_wrong_type(project):
    write(project, VALID.replace("nummer: 90", "nummer: negentig"))
    assert_reported(
        check(project),
        "werkkaarten/proefkaart.yml",
        3,
        "'nummer' moet een heel getal zijn",
        "tekst",
        "schrijf alleen cijfers",
    )


def test_yes_no_text_is_caught_with_hint(project):
    write(project, VALID.replace("- Wie doen er mee?", "- yes"))
    assert_reported(check(project), "werkkaarten/proefkaart.yml", 14, "ja/nee", "aanhalingstekens")


def test_empty_text(project):
    write(project, VALID.replace("titel: Voorbereiding", 'titel: "  "'))
    assert_reported(check(project), "werkkaarten/proefkaart.yml", 11, "'onderdelen[1].titel' is leeg", "vul tekst in")


def test_duplicate_id(project):
    write(project, VALID)
    write(project, VALID.replace("nummer: 90", "nummer: 91"), name="proefkaart-kopie.yml")
    assert_reported(
        check(project),
        "werkkaarten/proefkaart.yml",
        2,
        "id 'proefkaart' wordt ook gebruikt door werkkaarten/proefkaart-kopie.yml",
        "geef één van de bestanden een ander id",
    )


def test_reference_to_missing_item(project):
    write(project, VALID.replace("- tijdlijn-maken", "- tijdlijn-maakn"))
    assert_reported(
        check(project),
        "werkkaarten/proefkaart.yml",
        16,
        "geen werkkaart met het id 'tijdlijn-maakn'",
        "bedoelde je 'tijdlijn-maken'",
    )


def test_object_constructing_tag_is_refused(project):
    write(project, VALID.replace("titel: Een proefkaart", "titel: !!python/object/apply:os.system ['touch HACKED']"))
    result = check(project)
    assert_reported(result, "werkkaarten/proefkaart.yml", 4, "YAML-tag", "niet toegestaan", "haal de tag weg")
    assert not (project / "HACKED").exists()


def test_html_in_text_points_at_the_line_inside_the_block(project):
    write(project, VALID.replace("Tweede alinea.", "Tweede <script>alert(1)</script> alinea."))
    assert_reported(check(project), "werkkaarten/proefkaart.yml", 9, "HTML is niet toegestaan", "gebruik markdown")


@pytest.mark.parametrize(
    "field,value,line,words",
    [
        (
            "soort: voorbereiding",
            "soort: voorbereidng",
            12,
            ["'voorbereidng' is geen geldige waarde", "bedoelde je 'voorbereiding'"],
        ),
        ("id: proefkaart", "id: Proef Kaart", 2, ["kleine letters"]),
    ],
)
def test_value_errors_explain_the_fix(project, field, value, line, words):
    write(project, VALID.replace(field, value))
    assert_reported(check(project), "werkkaarten/proefkaart.yml", line, *words)


def test_every_problem_in_a_file_is_reported_at_once(project):
    broken = VALID.replace("samenvatting:", "samenvating:").replace("nummer: 90", "nummer: negentig")
    write(project, broken)
    result = check(project)
    lines = [line for line in result.stdout.splitlines() if line.startswith("werkkaarten/proefkaart.yml:")]
    assert len(lines) >= 3, result.stdout  # unknown key, missing field, wrong type


_DROP = object()


def _mutations(data):
    """Broken variants of a valid document: every kind of schema mistake, at every depth of the document. Yields
    (mistake, make): the kind of mistake and its place in the schema, and what makes the variant (a deep copy)."""

    def walk(node, path=()):
        yield path, node
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        shapes = set()
        for key, child in children:
            if isinstance(node, list):  # list items of one shape are checked alike: the first stands for the rest
                shape = (type(child), tuple(sorted(child)) if isinstance(child, dict) else None)
                if shape in shapes:
                    continue
                shapes.add(shape)
            yield from walk(child, path + (key,))

    def replaced(path, value):
        copy = json.loads(json.dumps(data))
        node = copy
        for key in path[:-1]:
            node = node[key]
        if value is _DROP:
            del node[path[-1]]
        else:
            node[path[-1]] = value
        return copy

    for path, node in walk(data):
        # where in the schema the mistake is: keys by name, list items by position left out
        where = tuple(key if isinstance(key, str) else "[]" for key in path)
        if isinstance(node, dict):  # also the document itself
            yield (where, "onbekend veld"), partial(replaced, (*path, "onbekend_veld"), "x")
        if not path:
            continue
        yield (where, "weg"), partial(replaced, path, _DROP if isinstance(path[-1], str) else None)
        yield (where, "ander type"), partial(replaced, path, 12345 if isinstance(node, str) else "tekst")
        if isinstance(node, str):
            yield (where, "leeg"), partial(replaced, path, "")
            yield (where, "te lang"), partial(replaced, path, "lang " * 2000)  # past every maxLength


def test_quick_validator_agrees_with_the_full_schema_on_every_mistake():
    """The checker answers 'valid?' with pre-resolved schemas (speed) and explains with the full ones; they must
    never disagree, or a broken file would pass silently."""
    from kb.check.schema import quick_validator, validator
    from kb.load.yaml_text import load_file
    from kb.model.types import ITEM_TYPES

    compared, outcomes = 0, set()
    for content_type in ITEM_TYPES:
        tried = set()  # a mistake of one kind at one place of the schema, once per type (the files share places)
        for file in sorted((ROOT / content_type.plural).glob(f"*{content_type.suffix}"))[:3]:
            data = load_file(file, file.name).data
            for mistake, make in [(file.name, lambda data=data: data), *_mutations(data)]:
                if mistake in tried:
                    continue
                tried.add(mistake)
                variant = make()
                quick = quick_validator(content_type.schema).is_valid(variant)
                full = validator(content_type.schema).is_valid(variant)
                assert quick == full, (file.name, mistake, variant)
                compared, outcomes = compared + 1, outcomes | {full}
    assert compared > 500 and outcomes == {True, False}, compared

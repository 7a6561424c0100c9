"""Translate jsonschema validation errors into plain Dutch messages with a hint how to fix them."""

from __future__ import annotations

import difflib

from jsonschema.exceptions import ValidationError

_TYPE_NAMES = {
    "string": "tekst",
    "integer": "een heel getal",
    "number": "een getal",
    "array": "een lijst (regels die met '- ' beginnen)",
    "object": "een blok met velden",
    "boolean": "ja of nee",
    "null": "leeg",
}

_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        "Gebruik alleen kleine letters, cijfers en koppeltekens, zonder spaties of accenten, bijvoorbeeld "
        "'tijdlijn-maken'."
    ),
    "\\S": "Het veld is leeg. Vul tekst in, of verwijder het veld als het niet verplicht is.",
    "^[0-9]+(-[0-9]+)?(, ?[0-9]+(-[0-9]+)?)*$": "Schrijf regelnummers als '120-135' of '120-135, 140'.",
    '^https?://[^\\s<>"]+$': "Een webadres begint met https:// of http:// en bevat geen spaties.",
    "^[^\\s<>{}]+( [^\\s<>{}]+)*$": "Een zoekwoord bevat geen <, >, {, } en geen dubbele spaties.",
    "^[0-9]{4}$": 'Schrijf een jaartal als vier cijfers tussen aanhalingstekens, bijvoorbeeld "2022".',
}


def describe_value(value) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "een ja/nee-waarde"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met velden"
    return type(value).__name__


def field_label(path) -> str:
    """Readable location such as 'onderdelen[3].vragen[1]' (numbers count from 1)."""
    label = ""
    for part in path:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        else:
            label += ("." if label else "") + str(part)
    return label or "het bestand"


def _type_hint(expected: str, value) -> str:
    if expected == "string" and isinstance(value, bool):
        return " YAML leest ja/nee, yes/no en on/off als ja/nee-waarde: zet de tekst tussen aanhalingstekens."
    if expected == "string" and value is None:
        return " Vul tekst in, of verwijder het veld als het niet verplicht is."
    if expected == "string" and isinstance(value, (int, float)):
        return " Zet de tekst tussen aanhalingstekens."
    if expected == "array" and isinstance(value, (str, int)):
        return " Zet elke waarde op een eigen regel die begint met '- '."
    if expected == "integer" and isinstance(value, str):
        return " Schrijf alleen cijfers, zonder aanhalingstekens."
    if expected == "object" and isinstance(value, str):
        return " Zet de velden ingesprongen onder deze regel."
    return ""


def translate(error: ValidationError) -> list[tuple[tuple, str, bool]]:
    """Return (path, message, point_at_key) for one schema error; additionalProperties may give several."""
    path = tuple(error.absolute_path)
    where = field_label(path)
    keyword = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    if keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        results = []
        for key in value:
            if key in allowed:
                continue
            guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f" Bedoelde je '{guess[0]}'?" if guess else ""
            results.append(
                (
                    path + (key,),
                    f"Onbekend veld '{key}'.{hint} Toegestaan in {where}: {', '.join(allowed)}. "
                    "Een onbekend veld zou stilletjes wegvallen; hernoem of verwijder het.",
                    True,
                )
            )
        return results
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [
            (
                path,
                f"Het verplichte veld '{missing}' ontbreekt in {where}. Voeg het toe "
                f"(zie CONTRIBUTING.md voor een voorbeeld).",
                False,
            )
        ]
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        return [
            (
                path,
                f"'{where}' moet {_TYPE_NAMES.get(expected, expected)} zijn, maar is "
                f"{describe_value(value)}.{_type_hint(expected, value)}",
                False,
            )
        ]
    if keyword in ("minLength", "pattern") and schema.get("pattern") == "\\S" or keyword == "minLength" and value == "":
        return [(path, f"'{where}' is leeg. Vul tekst in, of verwijder het veld als het niet verplicht is.", False)]
    if keyword == "pattern":
        hint = _PATTERN_HINTS.get(error.validator_value, "")
        return [(path, f"'{value}' is geen geldige waarde voor '{where}'. {hint}".rstrip(), False)]
    if keyword == "enum":
        options = ", ".join(map(str, error.validator_value))
        guess = difflib.get_close_matches(str(value), list(map(str, error.validator_value)), n=1, cutoff=0.6)
        hint = f" Bedoelde je '{guess[0]}'?" if guess else ""
        return [(path, f"'{value}' is geen geldige waarde voor '{where}'.{hint} Kies uit: {options}.", False)]
    if keyword == "minItems":
        if schema.get("maxItems") == error.validator_value:
            return [
                (
                    path,
                    f"'{where}' moet precies {error.validator_value} waarden hebben, maar heeft er {len(value)}.",
                    False,
                )
            ]
        return [(path, f"De lijst '{where}' is leeg. Voeg minstens één waarde toe, of verwijder het veld.", False)]
    if keyword == "maxItems":
        if schema.get("minItems") == error.validator_value:
            return [
                (
                    path,
                    f"'{where}' moet precies {error.validator_value} waarden hebben, maar heeft er {len(value)}.",
                    False,
                )
            ]
        return [(path, f"De lijst '{where}' heeft te veel waarden (hoogstens {error.validator_value}).", False)]
    if keyword == "maxLength":
        return [
            (
                path,
                f"De tekst van '{where}' is te lang ({len(value)} tekens, hoogstens {error.validator_value}). "
                "Maak hem korter.",
                False,
            )
        ]
    if keyword == "uniqueItems":
        return [(path, f"De lijst '{where}' bevat een waarde twee keer. Haal de dubbele weg.", False)]
    if keyword == "minimum":
        return [(path, f"'{where}' moet minstens {error.validator_value} zijn, maar is {value}.", False)]
    if keyword == "maximum":
        return [(path, f"'{where}' mag hoogstens {error.validator_value} zijn, maar is {value}.", False)]
    if keyword == "anyOf" and isinstance(value, dict) and "titel" in value:
        return [
            (
                path,
                f"Het onderdeel '{value.get('titel')}' ({where}) heeft geen inhoud. Geef minstens één van: "
                "tekst, punten, stappen, vragen, citaten of onderdelen.",
                False,
            )
        ]
    return [(path, f"Ongeldige waarde bij '{where}': {error.message}", False)]

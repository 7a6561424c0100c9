"""Contributor text is Markdown, never HTML: refuse tags, script links and leftover example text."""

from __future__ import annotations

import html
import re
import unicodedata

from ..model.document import Document
from ..model.problems import Problem
from ..model.vocabulary import strings

_HTML_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
# Link targets in Markdown: inline links and images `](target`, and reference definitions `[x]: target`.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?(\S*)", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]]*\][(\[]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}
# Characters that have no place in text: controls (but tab and newline), invisible format characters such as
# zero-width spaces and right-to-left overrides, unpaired surrogates and private-use characters.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_PLACEHOLDER = re.compile(r"\bVOORBEELD\b")  # marks example text in files made by `make nieuw`


def text_problems(doc: Document) -> list[Problem]:
    """Contributor text is Markdown, never HTML: refuse tags and script links with their exact line."""
    problems = []
    for path, text in strings(doc.data):
        for pattern, message in (
            (
                _HTML_TAG,
                "HTML is niet toegestaan in tekst. Gebruik Markdown (*cursief*, **vet**, '- ' voor een lijst); "
                "bedoel je een kleiner-dan-teken, zet er dan een spatie achter ('a < b').",
            ),
            (
                _IMAGE,
                "Afbeeldingen zijn niet toegestaan in tekst: de site en de PDF's laden niets van buiten. "
                "Beschrijf wat er te zien is, of link naar de bron met [tekst](https://...).",
            ),
            (
                _PLACEHOLDER,
                "Hier staat nog voorbeeldtekst ('VOORBEELD …'). Vervang hem door tekst uit je bron, "
                "of verwijder het veld als het optioneel is.",
            ),
        ):
            match = pattern.search(text)
            if match:
                problems.append(_problem_in_text(doc, path, text, match.start(), message))
        problems += _link_problems(doc, path, text) + _character_problems(doc, path, text)
    return problems


def _link_problems(doc: Document, path, text: str) -> list[Problem]:
    """Links go to http(s), mailto or a relative address; anything else (javascript:, data:, file:) is refused,
    also when hidden behind control characters or spaces, which browsers ignore."""
    problems = []
    for match in _LINK_TARGET.finditer(text):
        raw = html.unescape(match.group(1) or match.group(2) or "")  # 'javascript&#58;' is 'javascript:' to a browser
        target = "".join(ch for ch in raw if ch.isprintable() and not ch.isspace())
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            problems.append(
                _problem_in_text(
                    doc,
                    path,
                    text,
                    match.start(),
                    f"Deze link ('{scheme.group(1)}:') is "
                    "niet toegestaan: gebruik een webadres dat met https:// begint, of een "
                    "link naar een pagina van deze site.",
                )
            )
    return problems


def _character_problems(doc: Document, path, text: str) -> list[Problem]:
    # Speed: every character of the invisible categories is unprintable to Python, so text that is printable apart
    # from tabs and line ends has none (the loop below looked up the category of every character).
    if text.replace("\t", "").replace("\n", "").isprintable():
        return []
    for offset, char in enumerate(text):
        if char in "\t\n" or unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
            continue
        name = unicodedata.name(char, "zonder naam") if unicodedata.category(char) != "Cs" else "los surrogaat"
        return [
            _problem_in_text(
                doc,
                path,
                text,
                offset,
                f"Hier staat een onzichtbaar of ongeldig teken (U+{ord(char):04X}, "
                f"{name.lower()}). Verwijder het; het komt vaak mee bij kopiëren en plakken.",
            )
        ]
    return []


def _problem_in_text(doc: Document, path, text: str, offset: int, message: str) -> Problem:
    """Point at the line inside a literal block scalar where the offending text stands."""
    line, column = doc.where(path)
    if path in doc.text and doc.text[path][1] == "|":
        start_line, _ = doc.text[path]
        line = start_line + 1 + text.count("\n", 0, offset)
        column = 1
    return Problem(doc.path, line, column, message)

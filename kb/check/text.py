"""Contributor text is Markdown, never HTML: refuse tags, script links and leftover example text."""
from __future__ import annotations

import re

from ..model.document import Document
from ..model.problems import Problem
from ..model.vocabulary import strings

_HTML_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(javascript|data|vbscript|file):", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\bVOORBEELD\b")  # marks example text in files made by `make nieuw`


def text_problems(doc: Document) -> list[Problem]:
    """Contributor text is Markdown, never HTML: refuse tags and script links with their exact line."""
    problems = []
    for path, text in strings(doc.data):
        for pattern, message in (
            (_HTML_TAG, "HTML is niet toegestaan in tekst. Gebruik Markdown (*cursief*, **vet**, '- ' voor een lijst); "
                        "bedoel je een kleiner-dan-teken, zet er dan een spatie achter ('a < b')."),
            (_UNSAFE_LINK, "Deze link is niet toegestaan: gebruik een webadres dat met https:// begint."),
            (_PLACEHOLDER, "Hier staat nog voorbeeldtekst ('VOORBEELD …'). Vervang hem door tekst uit je bron, "
                           "of verwijder het veld als het optioneel is."),
        ):
            match = pattern.search(text)
            if match:
                problems.append(_problem_in_text(doc, path, text, match.start(), message))
    return problems


def _problem_in_text(doc: Document, path, text: str, offset: int, message: str) -> Problem:
    """Point at the line inside a literal block scalar where the offending text stands."""
    line, column = doc.where(path)
    if path in doc.text and doc.text[path][1] == "|":
        start_line, _ = doc.text[path]
        line = start_line + 1 + text.count("\n", 0, offset)
        column = 1
    return Problem(doc.path, line, column, message)

"""The glossary (begrippen): where each term occurs, and linking the first occurrence on every page.

Linking works on the HTML of a page's content, after Markdown: only text outside links, headings and code is
touched, so a term never ends up inside another link or in a heading anchor.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass

from ..model.collection import Collection, Item
from ..model.types import BEGRIP
from ..model.vocabulary import strings, term_forms

# Text inside these elements is never linked.
_SKIP = frozenset("a abbr button code h1 h2 h3 h4 h5 h6 label pre script style summary svg title".split())
_TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_ENTITY = re.compile(r"(&#?[a-zA-Z0-9]+;)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "param", "track"}


@dataclass(frozen=True)
class Term:
    id: str
    url: str  # site-relative URL of the term's page
    summary: str
    forms: tuple[str, ...]


def terms(collection: Collection) -> list[Term]:
    """The glossary terms, made once per collection (every page asks for them)."""
    return collection.derived("glossary-terms", _terms)


def _terms(collection: Collection) -> list[Term]:
    return [
        Term(t.id, t.url, " ".join(t.data["samenvatting"].split()), tuple(term_forms(t))) for t in collection.of(BEGRIP)
    ]


def form_pattern(forms) -> re.Pattern:
    """Whole words only, longest form first, case-insensitive."""
    return _form_pattern(tuple(sorted(forms)))


@functools.lru_cache(maxsize=8)
def _form_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """Compiled once per build: every page asks for the same forms, and compiling them per page took half of the
    linking."""
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE)


def occurrences(collection: Collection, term: Item) -> list[Item]:
    """Items (other than glossary terms) whose text uses the term, in collection order."""
    return collection.derived("glossary-occurrences", _all_occurrences).get(term.id, [])


def _all_occurrences(collection: Collection) -> dict[str, list[Item]]:
    """Term id -> items that use it. The same whole-word match as form_pattern, done with str.find on the item's
    text in lower case with single spaces: a regex per term and item made this the slowest step of a large build."""
    terms = [(term.id, term_forms(term)) for term in collection.of(BEGRIP)]
    found: dict[str, list[Item]] = {}
    for item in collection.all_items():
        if item.type is BEGRIP:
            continue
        # NUL between the texts: no word character and no space, so no match runs from one text into the next.
        text = " ".join("\0".join(text for _, text in strings(item.data)).lower().split())
        for term_id, forms in terms:
            if any(_has_word(text, form) for form in forms):
                found.setdefault(term_id, []).append(item)
    return found


def _has_word(text: str, form: str) -> bool:
    """Does `form` occur in `text` as a whole word (not inside a longer word or a hyphenated compound)?"""
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if not (start and _in_word(text[start - 1])) and not (end < len(text) and _in_word(text[end])):
            return True
        start = text.find(form, start + 1)
    return False


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "_-"


def link_terms(page_html: str, all_terms: list[Term], page_url: str) -> str:
    """Link the first occurrence of every term on a page to the term's page. On a term's own page the term counts
    as linked already: it is not linked, and no other term is linked inside it."""
    if not [t for t in all_terms if t.url != page_url]:
        return page_html
    by_form = {form: t for t in all_terms for form in t.forms}
    pattern = form_pattern(by_form)
    linked = {t.id for t in all_terms if t.url == page_url}
    base = posixpath.dirname(page_url)
    out, skip = [], []
    for token in _TAG.split(page_html):
        if token.startswith("<"):
            match = _TAG_NAME.match(token)
            if match and not token.startswith("<!--"):
                closing, name = match.group(1) == "/", match.group(2).lower()
                if name in _SKIP and name not in _VOID and not token.endswith("/>"):
                    if closing:
                        if name in skip:
                            del skip[len(skip) - 1 - skip[::-1].index(name) :]
                    else:
                        skip.append(name)
            out.append(token)
        elif skip or not token.strip():
            out.append(token)
        else:  # never inside a character reference such as &amp; or &#8217;
            out += [
                piece if _ENTITY.fullmatch(piece) else _link_text(piece, pattern, by_form, linked, base)
                for piece in _ENTITY.split(token)
            ]
    return "".join(out)


def _link_text(text: str, pattern: re.Pattern, by_form: dict, linked: set, base: str) -> str:
    pieces, position = [], 0
    for match in pattern.finditer(text):
        term = by_form.get(" ".join(match.group(1).lower().split()))
        if term is None or term.id in linked:
            continue
        linked.add(term.id)
        href = html.escape(posixpath.relpath(term.url, base or "."), quote=True)
        pieces += [
            text[position : match.start()],
            f'<a class="begrip-link" href="{href}" title="{html.escape(term.summary, quote=True)}">'
            f"{match.group(1)}</a>",
        ]
        position = match.end()
    return "".join(pieces) + text[position:]

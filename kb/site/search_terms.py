"""Search terms per item, so that Dutch plurals and inflections find the right page.

Material's search matches each query word as a prefix ("tijdlijn" finds "tijdlijnen") and does not stem Dutch
(stemming breaks those prefix queries). A longer, inflected query ("tijdlijnen", "fases", "vertraagd",
"netwerkorganisaties", "intuitie" without diaeresis) therefore finds nothing unless that form is in the index.

For every item we take the words of its title and its `trefwoorden`, and add the regular Dutch forms of each
word: plurals (-en, -s, with the spelling changes), verb forms (stem, -t, -d, -de, -te, ge-...), the adjective
form (-e) and the spelling without diacritics. The result is an extra search field (see kb/site/search_index.py);
it is never shown. Overgenerated forms (a rule that does not apply to a word) are harmless: nobody types them.
"""

from __future__ import annotations

import re
import unicodedata

from ..model.collection import Item
from ..model.vocabulary import DUTCH_STOP_WORDS

VOWELS = "aeiouy"
SEPARATOR = re.compile(r"[^\w']+|'s\b|'")
# Words that say nothing about the item (the search drops Dutch stop words anyway).
SKIP = {
    "een",
    "het",
    "de",
    "en",
    "van",
    "tussen",
    "bij",
    "naar",
    "voor",
    "met",
    "over",
    "als",
    "dat",
    "die",
    "wat",
    "nog",
    "ook",
    "niet",
    "jij",
    "ik",
    "wij",
}
MIN_LENGTH = 3
PREFIXES_WITHOUT_GE = ("be", "ge", "ver", "ont", "her", "er")
ADJECTIVE_ENDINGS = ("ief", "baar", "lijk", "isch", "ig", "eel", "aal", "ant", "ent", "ief", "oos")


def fold(word: str) -> str:
    """'intuïtie' -> 'intuitie', 'poëzie' -> 'poezie': how people type without special characters."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _is_vowel(char: str) -> bool:
    return char in VOWELS


def _before_suffix(word: str) -> set[str]:
    """The spellings of a word before a suffix that starts with a vowel (-en, -e, -ing)."""
    forms = {word}
    if len(word) >= 3 and not _is_vowel(word[-1]):
        last, vowel, before = word[-1], word[-2], word[-3]
        if _is_vowel(vowel) and not _is_vowel(before):
            forms.add(word + last)  # short vowel: gesprek -> gesprekk(en), kop -> kopp(en)
        if len(word) >= 4 and vowel == before and _is_vowel(vowel):
            forms.add(word[:-3] + vowel + last)  # long vowel: jaar -> jar(en), maakbaar -> maakbar(e)
    for grouped in list(forms):
        if grouped.endswith("f"):
            forms.add(grouped[:-1] + "v")  # reflectief -> reflectiev(e)
        if grouped.endswith("s"):
            forms.add(grouped[:-1] + "z")  # huis -> huiz(en)
    return forms


def noun_forms(word: str) -> set[str]:
    """Plurals (fase -> fasen/fases, gesprek -> gesprekken, jaar -> jaren) and the inflected adjective."""
    forms = {word + "s"}
    if word.endswith("en"):
        return forms  # already a plural or an infinitive: levens
    if word.endswith("e"):
        forms.add(word + "n")
    elif _is_vowel(word[-1]):
        forms.add(word + "'s")  # foto's
    else:
        forms |= {base + "en" for base in _before_suffix(word)}
        if word.endswith(ADJECTIVE_ENDINGS):
            forms |= {base + "e" for base in _before_suffix(word)}  # reflectieve, maakbare, systemische
    return forms


def verb_forms(word: str) -> set[str]:
    """From an infinitive (vertragen, maken, stoppen): stem, -t, -d, -de, -te, -ing and ge-...-d/-t."""
    if not word.endswith("en") or len(word) < 5:
        return set()
    stem = word[:-2]
    stems = {stem}
    if len(stem) >= 2 and stem[-1] == stem[-2] and not _is_vowel(stem[-1]):
        stems = {stem[:-1]}  # stoppen -> stop
    elif len(stem) >= 3 and _is_vowel(stem[-2]) and not _is_vowel(stem[-3]) and not _is_vowel(stem[-1]):
        stems.add(stem[:-1] + stem[-2] + stem[-1])  # vertragen -> vertraag, maken -> maak
    stems |= {s[:-1] + "f" for s in stems if s.endswith("v")} | {s[:-1] + "s" for s in stems if s.endswith("z")}
    forms = {stem + "ing"}  # vertraging
    for s in stems:
        forms |= {s + "t", s + "de", s + "te"}  # vertraagt, vertraagde (so also: vertraagd)
        if not word.startswith(PREFIXES_WITHOUT_GE):
            forms |= {"ge" + s + "t", "ge" + s + "d"}
    return forms


def word_forms(word: str) -> set[str]:
    word = word.lower()
    forms = {word}
    for base in {word, fold(word)}:
        forms |= {base} | noun_forms(base) | verb_forms(base)
    return forms


def item_words(item: Item) -> list[str]:
    phrases = [item.title, *item.data.get("trefwoorden", [])]
    words = []
    for phrase in phrases:
        for word in SEPARATOR.split(phrase.lower()):
            if len(word) >= MIN_LENGTH and word not in SKIP | DUTCH_STOP_WORDS and not word.isdigit():
                words.append(word)
    return words


def search_terms(item: Item) -> str:
    """The extra search field for an item: its title words and trefwoorden with their Dutch forms.

    All forms stay (also one that starts another), so the exact word can weigh more than a longer one it starts:
    'pas' (op de plaats) above 'passende' (plek). kb.site.search_index stores each word once for the whole site.
    """
    forms: set[str] = set()
    for word in item_words(item):
        forms |= word_forms(word)
    return " ".join(sorted(forms))

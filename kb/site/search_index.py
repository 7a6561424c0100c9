"""Stage 4b (search): rewrite Material's search index into one small entry per page.

Material's search plugin writes search/search_index.json with one entry per page section, each with the section's
full HTML. Every reader downloads that file whole before the first result (13.9 MB at 1,000 werkkaarten), and
the section entries rank a page by whichever section happens to contain a word. We rewrite it after the build:

- one entry per page: its location, its title, a short plain-text summary to show in the result list (`text`);
- `trefwoorden`: the item's title words and trefwoorden with their Dutch forms (kb.site.search_terms), boosted
  like the title, so titles and trefwoorden outrank body text;
- `woorden`: every other word of the page once (section headings and body text), lowercased, without stop
  words and numbers, also without diacritics;
- both word fields as numbers into one sorted list of all words of the site (`config.woordenlijst`): each page
  lists the gaps between its word numbers in base 36 ('3 1 a'), so a word costs about three bytes per page
  instead of ten. The query pre-processor in the browser (docs/assets/javascripts/zoeken.js) turns the numbers
  back into words before Material's search worker builds its index, drops the Dutch stop words
  (`config.stopwoorden`, kb/model/vocabulary.py) from a query and ranks pages with all query words first.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from ..model.vocabulary import DUTCH_STOP_WORDS
from .search_terms import fold

FIELD = "trefwoorden"
WORDS = "woorden"
SUMMARY_LENGTH = 120
TAG = re.compile(r"<[^>]*>")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def plain(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", markup))).strip()


def summary(markup: str) -> str:
    """The first words of a text, as escaped plain text, cut at a word boundary."""
    text = plain(markup)
    if len(text) > SUMMARY_LENGTH:
        text = text[:SUMMARY_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return html.escape(text, quote=False)


def page_words(texts: list[str], known: str) -> str:
    """The words of a page once, for prefix matching: lowercased, also folded, without stop words and numbers."""
    known_words = set(WORD.findall(known.lower()))
    forms: set[str] = set()
    for text in texts:
        for word in WORD.findall(plain(text).lower()):
            if len(word) < 2 or len(word) > 40 or word.isdigit() or word in DUTCH_STOP_WORDS:
                continue
            forms |= {word, fold(word)}
    return " ".join(sorted(forms - known_words))


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def encode(docs: list[dict], fields: tuple[str, ...]) -> list[str]:
    """Replaces the words of `fields` in every doc by gaps between word numbers; returns the sorted word list."""
    words = sorted({word for doc in docs for field in fields for word in doc.get(field, "").split()})
    number = {word: i for i, word in enumerate(words)}
    for doc in docs:
        for field in fields:
            if field in doc:
                ids, previous, gaps = sorted({number[w] for w in doc[field].split()}), -1, []
                for i in ids:
                    gaps.append(base36(i - previous - 1))
                    previous = i
                doc[field] = " ".join(gaps)
    return words


def compact(data: dict, terms_by_url: dict[str, str]) -> dict:
    """One entry per page (see the module docstring) from Material's entries per section."""
    pages: dict[str, list[dict]] = {}
    for entry in data["docs"]:
        pages.setdefault(entry["location"].split("#")[0], []).append(entry)
    docs = []
    for location, entries in pages.items():
        page = next((e for e in entries if e["location"] == location), entries[0])
        doc = {"location": location, "title": page["title"], "text": summary(page.get("text", ""))}
        if location in terms_by_url:
            doc[FIELD] = terms_by_url[location]
        texts = [e["title"] for e in entries if e is not page] + [e.get("text", "") for e in entries]
        doc[WORDS] = page_words(texts, " ".join([doc["title"], doc.get(FIELD, "")]))
        for key in ("boost", "tags"):
            if key in page:
                doc[key] = page[key]
        docs.append(doc)
    config = dict(data["config"])
    config["woordenlijst"] = encode(docs, (FIELD, WORDS))
    config["stopwoorden"] = sorted(DUTCH_STOP_WORDS)
    return {"config": config, "docs": docs}


def add_search_terms(index_path: Path, terms_by_url: dict[str, str]) -> int:
    """Rewrites the index (see the module docstring); returns how many pages got trefwoorden."""
    data = compact(json.loads(index_path.read_text(encoding="utf-8")), terms_by_url)
    index_path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    return sum(FIELD in doc for doc in data["docs"])

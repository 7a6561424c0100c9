"""Search as a professional uses it: Dutch queries in the forms people type, the right page in the top three."""

from __future__ import annotations

import pytest

from .searching import RECALL_THRESHOLD, only_stop_words, page_words, recall, report, run_queries

MUST_WORK = [
    "tijdlijnen",
    "perspectiefwisseling",
    "vertragen",
    "facilitator",
    "stagnatie",
    "droom van de jongere",
    "vastgelopen casus",
    "pas op de plaats",
]


@pytest.fixture(scope="session")  # session, not module: xdist interleaves modules, which would run the queries twice
def outcomes(desktop_context, base_url):
    """The queries in the reader's tab (conftest.in_use), as one test would use it."""
    from .conftest import in_use

    with in_use(desktop_context) as context:
        return run_queries(context.tab, base_url)


def test_recall_on_the_query_list_meets_the_threshold(outcomes):
    print(report(outcomes))
    assert recall(outcomes) >= RECALL_THRESHOLD, report(outcomes)


def test_no_result_in_the_top_five_matches_only_stop_words(outcomes, site):
    """'droom van de jongere' once showed pages that matched only 'de' as the start of 'Delden' and 'derde'."""
    pages, stop_words = page_words(site)
    assert stop_words, "de zoekindex noemt geen stopwoorden (kb/site/search_index.py)"
    wrong = {o.query: only_stop_words(o, pages, stop_words) for o in outcomes}
    assert not {query: found for query, found in wrong.items() if found}


def test_the_query_list_is_large_and_natural():
    """At least 80 queries, with phrases and questions of several words, not only single words."""
    from .searching import QUERIES

    assert len(QUERIES) >= 80
    assert sum(len(query.split()) >= 3 for query, _ in QUERIES) >= 25


@pytest.mark.parametrize("query", MUST_WORK)
def test_key_queries_find_their_page_in_the_top_three(outcomes, query):
    outcome = next(o for o in outcomes if o.query == query)
    assert outcome.found, f"'{query}': verwacht {outcome.expected}, kreeg {outcome.results[:3]}"


def test_a_query_without_matches_says_so(page, base_url):
    from .searching import search

    page.goto(base_url + "index.html")
    assert search(page, base_url, "xylofoonconcert") == []
    assert "Geen" in page.locator(".md-search-result__meta").inner_text()

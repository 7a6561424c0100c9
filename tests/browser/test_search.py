"""Search as a professional uses it: Dutch queries in the forms people type, the right page in the top three."""

from __future__ import annotations

import pytest

from .searching import RECALL_THRESHOLD, recall, report, run_queries

MUST_WORK = ["tijdlijnen", "perspectiefwisseling", "vertragen", "facilitator", "stagnatie"]


@pytest.fixture(scope="session")  # session, not module: xdist interleaves modules, which would run the queries twice
def outcomes(browser, base_url):
    from .chromium import guarded_context

    context = guarded_context(browser, viewport={"width": 1280, "height": 900})
    try:
        result = run_queries(context.new_page(), base_url)
        assert not context.external, context.external
        return result
    finally:
        context.close()


def test_recall_on_the_query_list_meets_the_threshold(outcomes):
    print(report(outcomes))
    assert recall(outcomes) >= RECALL_THRESHOLD, report(outcomes)


@pytest.mark.parametrize("query", MUST_WORK)
def test_key_queries_find_their_page_in_the_top_three(outcomes, query):
    outcome = next(o for o in outcomes if o.query == query)
    assert outcome.found, f"'{query}': verwacht {outcome.expected}, kreeg {outcome.results[:3]}"


def test_a_query_without_matches_says_so(page, base_url):
    from .searching import search

    page.goto(base_url + "index.html")
    assert search(page, base_url, "xylofoonconcert") == []
    assert "Geen" in page.locator(".md-search-result__meta").inner_text()

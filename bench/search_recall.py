"""Print how well the site's search finds the right page for real Dutch queries (tests/browser/searching.py).

    .venv/bin/python bench/search_recall.py [site-map]     (default: site/, built by `make build`)

Drives the system Chromium through Playwright against the built site on a local web server.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.chromium import guarded_context, launch, serve  # noqa: E402
from browser.searching import RECALL_THRESHOLD, only_stop_words, page_words, recall, report, run_queries  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def main(site: Path) -> int:
    if not (site / "search" / "search_index.json").exists():
        print(f"Geen gebouwde site in {site}; draai eerst 'make build'.", file=sys.stderr)
        return 2
    with sync_playwright() as playwright, serve(site) as base_url:
        browser = launch(playwright)
        context = guarded_context(browser)
        outcomes = run_queries(context.new_page(), base_url)
        browser.close()
    print(report(outcomes))
    print(f"drempel in de test: {RECALL_THRESHOLD:.0%}")
    pages, stop_words = page_words(site)
    wrong = {o.query: only_stop_words(o, pages, stop_words) for o in outcomes} if stop_words else {}
    for query, found in wrong.items():
        if found:
            print(f"'{query}': in de eerste vijf alleen stopwoorden: {', '.join(found)}")
    if not stop_words:
        print("De zoekindex noemt geen stopwoorden: niet gecontroleerd op resultaten met alleen stopwoorden.")
    return 0 if recall(outcomes) >= RECALL_THRESHOLD else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"))

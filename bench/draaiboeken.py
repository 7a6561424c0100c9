"""Benchmark: what the draaiboeken add to a build (not part of the tests).

Prints, per session in sessies/: blocks, pages in the PDF, time to render the Markdown, time to lay out the PDF
without the cache (WeasyPrint), and the time with the cache in .cache/draaiboeken (what `make build` pays when
nothing changed). Also the time to load and check all content including the sessions.

    .venv/bin/python bench/draaiboeken.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from kb.check.collection import load_collection
from kb.print.cache import Store
from kb.sessies.draaiboek import Links, draaiboek_markdown
from kb.sessies.pdf import draaiboek_pdf

ROOT = Path(__file__).resolve().parent.parent


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    load_time, (collection, problems) = timed(lambda: load_collection(ROOT), args.repeat)
    if problems:
        print("\n".join(map(str, problems)))
        return 1
    print(f"Inhoud laden en controleren (met {len(collection.sessions)} sessies): {load_time * 1000:.0f} ms")
    draaiboek_pdf(collection, next(iter(collection.sessions.values())), "https://x/")  # fonts load once per process
    print(f"{'sessie':40} {'blokken':>7} {'pagina':>6} {'markdown':>9} {'pdf koud':>9} {'pdf cache':>9}")
    total_cold = total_cached = 0.0
    with tempfile.TemporaryDirectory() as cache:
        for session in collection.sessions.values():
            md_time, _ = timed(lambda: draaiboek_markdown(collection, session, Links()), args.repeat)
            cold, pdf = timed(lambda: draaiboek_pdf(collection, session, "https://x/"), args.repeat)
            draaiboek_pdf(collection, session, "https://x/", Store(Path(cache)))
            cached, _ = timed(lambda: draaiboek_pdf(collection, session, "https://x/", Store(Path(cache))), args.repeat)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            total_cold += cold
            total_cached += cached
            print(
                f"{session.id:40} {len(session.blocks):7} {pages:6} {md_time * 1000:7.1f}ms {cold:8.2f}s "
                f"{cached * 1000:7.1f}ms"
            )
    print(f"{'totaal':40} {'':7} {'':6} {'':9} {total_cold:8.2f}s {total_cached * 1000:7.1f}ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

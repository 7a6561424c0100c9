"""Benchmark: how long the printable card sets take (not part of the tests).

1. The real content: every set in both profiles, the single-card PDFs and the alignment sheet,
   built without the cache; per set the number of printed cards and PDF pages.
2. A large synthetic set: N generated werkkaarten (renamed copies of the real werkkaarten, so they
   have real text lengths), built in memory without the cache.

Prints wall time and CPU time of this process (CPU time is what counts on a shared machine), the
time per printed card, and where the time goes (layout, painting, PDF writing).

    .venv/bin/python bench/kaarten.py [--synthetic 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import copy
import time
from pathlib import Path

from kb.check.collection import load_collection
from kb.model.collection import Collection, Item
from kb.model.document import Document
from kb.model.types import ITEM_TYPES, WERKKAART
from kb.print import build, fit, impose, pdf
from kb.print.cache import Store

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://samenlerend.example.nl/"


class Stopwatch:
    """Wall and CPU time of named steps, by wrapping the functions that do them."""

    def __init__(self):
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def wrap(self, module, name: str, label: str):
        original = getattr(module, name)

        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.wall[label] = self.wall.get(label, 0) + time.perf_counter() - wall
                self.cpu[label] = self.cpu.get(label, 0) + time.process_time() - cpu

        setattr(module, name, timed)
        return original


def measure(collection: Collection) -> dict:
    watch = Stopwatch()
    originals = [
        (fit, "render_faces", watch.wrap(fit, "render_faces", "opmaak en meten kaartzijden")),
        (build, "document_to_pdf", watch.wrap(build, "document_to_pdf", "PDF's schrijven")),
        (build, "render_document", watch.wrap(build, "render_document", "opmaak vellen en uitlijntest")),
        (fit, "PaintedFace", watch.wrap(fit, "PaintedFace", "tekenen kaartzijden (één keer)")),
        (impose, "TextLines", watch.wrap(impose, "TextLines", "opmaak snijrandregels en vellabels")),
    ]
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        result = build.build_cards(collection, SITE_URL, Store(None))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        for module, name, original in originals:
            setattr(module, name, original)
    return {"result": result, "wall": wall, "cpu": cpu, "steps": watch}


def report(title: str, measured: dict) -> None:
    result: build.CardBuild = measured["result"]
    printed = sum(s.cards + s.continuation_cards for s in result.sets)
    standard = [s for s in result.sets if not s.source]
    distinct = sum(s.cards + s.continuation_cards for s in standard)
    pages = sum(f.pages for f in result.files())
    print(f"\n== {title}")
    print(f"{'set':<42} {'kaarten':>8} {'drukker p.':>11} {'thuis p.':>9}")
    for s in result.sets:
        print(
            f"{s.id:<42} {s.cards + s.continuation_cards:>8} {result.pdfs[(s.id, 'drukker')].pages:>11} "
            f"{result.pdfs[(s.id, 'thuis')].pages:>9}"
        )
    print(
        f"PDF's: {len(result.files())} ({pages} pagina's, {sum(f.size for f in result.files()) / 1e6:.1f} MB), "
        f"waarvan {len(result.singles)} losse kaarten"
    )
    print(
        f"tijd: {measured['wall']:.2f} s (CPU {measured['cpu']:.2f} s) voor {distinct} verschillende kaarten "
        f"({printed} in alle sets samen)"
    )
    print(
        f"per kaart: {measured['cpu'] / distinct * 1000:.1f} ms CPU, {measured['wall'] / distinct * 1000:.1f} ms "
        "wand (alle sets, beide profielen, losse kaart-PDF's en uitlijntest inbegrepen)"
    )
    steps = measured["steps"]
    for label in steps.cpu:
        print(f"  {label:<32} {steps.wall[label]:6.2f} s (CPU {steps.cpu[label]:.2f} s)")


def _numbered(title: str, number: int) -> str:
    """A unique title exactly as long as the real one (the end replaced by the number), so the copy fits its card."""
    suffix = f" {number}"
    return title[: len(title) - len(suffix)].rstrip() + suffix


def synthetic(collection: Collection, total: int) -> Collection:
    """A collection with `total` werkkaarten: renamed copies of the real ones (without the quote phases)."""
    models = [
        item
        for item in collection.of(WERKKAART)
        if not any(part["soort"] == "fase" for part in item.data["onderdelen"])
    ]
    big = Collection(collection.root, publications=collection.publications)
    for content_type in ITEM_TYPES:
        big.put(content_type, dict(collection.items.get(content_type.name, {})))
    werkkaarten = {}
    for number in range(1, total + 1):
        model = models[number % len(models)]
        data = copy.deepcopy(model.data)
        data["id"] = f"synthetisch-{number:04d}"
        data["nummer"] = number
        data["titel"] = _numbered(data["titel"], number)
        document = Document(f"werkkaarten/{data['id']}.yml", data, model.doc.values, model.doc.keys)
        werkkaarten[data["id"]] = Item(WERKKAART, document)
    big.put(WERKKAART, werkkaarten)
    return big


def fastest(collection: Collection, repeat: int) -> dict:
    """The run with the least CPU time of ``repeat`` runs: on a shared machine the other runs measure neighbours."""
    runs = [measure(collection) for _ in range(repeat)]
    if repeat > 1:
        times = ", ".join(f"{run['cpu']:.2f} s" for run in runs)
        print(f"\nCPU-tijd van {repeat} keer bouwen: {times}")
    return min(runs, key=lambda run: run["cpu"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1, help="zo vaak bouwen; de snelste keer telt")
    args = parser.parse_args()
    collection, problems = load_collection(ROOT)
    assert not problems, problems
    pdf.html_to_pdf("<p>opwarmen</p>", str(ROOT))  # load the fonts once, as in a build
    report("echte inhoud", fastest(collection, args.repeat))
    if args.synthetic:
        big = synthetic(collection, args.synthetic)
        report(f"{args.synthetic} gegenereerde werkkaarten", fastest(big, args.repeat))


if __name__ == "__main__":
    main()

"""Benchmark: how the build scales with the number of werkkaarten (`make bench`; not part of the tests).

For 10, 100 and 1,000 werkkaarten it makes a copy of the project in bench-out/ whose werkkaarten/ holds the real
cards plus synthetic ones (copies of the real cards under a new id, number, title and section anchors, so they pass
the checker and have real sizes and structure), checks it, builds it and prints: wall time and peak memory of
`mkdocs build` for the site (without the card-set hook), the size of site/, of the search index and of the offline
zip, HTML per item page, and the time to lay out all card sets from scratch (kb.print, timed on its own). For the
largest size it also builds the same item pages as plain hand-written Markdown (not in the navigation) with stock
MkDocs + Material, and prints our time / that time.

Each measurement runs in a fresh Python process, which reports its own wall time and peak memory (ru_maxrss).

    .venv/bin/python bench/run.py [--sizes 10,100,1000] [--repeat 2] [--card-sizes 10,100,1000]

The card sets are timed in wall time and in CPU time of that process (process_time): on a machine shared with other
work the wall time says more about the neighbours than about the build, so the target is checked on CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
# Copied into each synthetic project: everything but code (used from the venv), tests, builds and tools.
NOT_COPIED = {
    ".git",
    ".venv",
    "site",
    "bench-out",
    "bench",
    "tests",
    "kb",
    ".pytest_cache",
    ".cache",
    "fonts",
    ".ci",
    "Makefile",
    "pyproject.toml",
    "requirements.txt",
    "permalinks.yml",
}  # the registry of published URLs belongs to the real site, not to a benchmark copy
TARGETS = {"vs_plain": 1.25, "linear": 12.0, "html_kb": 60.0, "card_ms": 20.0, "search_mb": 3.0}

# ---------------------------------------------------------------------------------------------- child processes


def child_build(config: str, site_dir: str) -> dict:
    """Run one `mkdocs build` in this process; report wall time and peak memory."""
    import logging
    import resource

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    start = time.perf_counter()
    cfg = load_config(config, site_dir=site_dir, strict=False)  # content is checked by kb.check beforehand
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return {
        "seconds": time.perf_counter() - start,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child_cards(root: str) -> dict:
    """Lay out every card set from scratch (no cache), the way the build does."""
    import resource

    from kb.check.collection import load_collection
    from kb.print.build import build_cards

    collection, problems = load_collection(Path(root))
    assert not problems, problems
    start, cpu = time.perf_counter(), time.process_time()
    built = build_cards(collection, "https://bench.example.nl/")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    # Printed cards: every card of the standard sets (facilitators' own sets only repeat those cards).
    cards = sum(s.cards + s.continuation_cards for s in built.sets if not s.source)
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "cards": cards,
        "files": len(built.files()),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(*args: str, env: dict | None = None) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "true", **(env or {})},
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"Meting mislukt ({' '.join(args)}):\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------------ projects


def synthetic_cards(project: Path, total: int) -> int:
    """Fill werkkaarten/ up to `total` cards with renamed copies of the real ones; returns how many were added."""
    folder = project / "werkkaarten"
    real = sorted(folder.glob("*.yml"))
    models = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in real]
    used = {m["nummer"] for m in models}
    numbers = (n for n in range(1, 10000) if n not in used)
    added = 0
    for index in range(total - len(real)):
        card = dict(models[index % len(models)])
        number = next(numbers)
        card["id"] = f"synthetisch-{number:04d}"
        card["nummer"] = number
        card["titel"] = _numbered(card["titel"], number)
        card.pop("correcties", None)
        card.pop("draaiboek_rol", None)  # each role belongs to exactly one werkkaart
        card["onderdelen"] = _own_anchors(card["onderdelen"], number)
        (folder / f"{card['id']}.yml").write_text(
            yaml.safe_dump(card, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        added += 1
    return added


def _numbered(title: str, number: int) -> str:
    """A unique title exactly as long as the real one (the end replaced by the number), so the copy fits its card."""
    suffix = f" {number}"
    return title[: len(title) - len(suffix)].rstrip() + suffix


def _own_anchors(parts: list, number: int) -> list:
    """Section anchors of a copy get a suffix, so references to a real card's section stay unambiguous."""
    copied = []
    for part in parts:
        part = dict(part)
        if "anker" in part:
            part["anker"] = f"{part['anker']}-{number}"
        if "onderdelen" in part:
            part["onderdelen"] = _own_anchors(part["onderdelen"], number)
        copied.append(part)
    return copied


def make_project(total: int) -> Path:
    project = OUT / f"kennisbank-{total}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for source in ROOT.iterdir():
        if source.name in NOT_COPIED or source.name.endswith(".egg-info"):
            continue
        if source.is_dir():
            shutil.copytree(source, project / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / source.name)
    for watched in re.findall(r"^watch:\n((?:  - .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M):
        for name in re.findall(r"  - (\S+)", watched):  # `watch:` paths must exist (kb/ is used from the venv)
            if not (project / name).exists():
                (project / name).mkdir(parents=True)
    synthetic_cards(project, total)
    return project


def check(project: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "kb.check", str(project)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"De synthetische verzameling haalt de checker niet:\n{result.stdout[-3000:]}")


def make_plain_project(project: Path) -> Path:
    """The same item pages as plain Markdown files in docs/, kept out of the nav, with stock MkDocs + Material."""
    from kb.check.collection import load_collection
    from kb.site.pages import item_pages

    plain = OUT / f"{project.name}-plain"
    shutil.rmtree(plain, ignore_errors=True)
    (plain / "docs").mkdir(parents=True)
    collection, _ = load_collection(project)
    for page in item_pages(collection):
        target = plain / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        markdown = re.sub(r"^template: item\.html\n", "", page.markdown, count=1, flags=re.M)
        target.write_text(markdown, encoding="utf-8")
    (plain / "docs" / "index.md").write_text("# Kennisbank\n\nDe kaarten staan niet in het menu.\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    stock = {
        "site_name": "Kennisbank (gewone MkDocs)",
        "site_url": "https://bench.example.nl/",
        "use_directory_urls": False,
        "theme": {"name": "material", "language": "nl", "font": False},
        "plugins": [{"search": {"lang": "nl"}}],
        "markdown_extensions": config["markdown_extensions"],
        "not_in_nav": "/werkkaarten/\n/spanningsvelden/\n",
        "nav": [{"Start": "index.md"}],
    }
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(stock, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plain


# -------------------------------------------------------------------------------------------------- measuring


def search_download_mb(site: Path) -> float:
    """Bytes a reader downloads for the search before the first result: the index, Material's search worker, the
    lunr language scripts it loads and our query pre-processor (the page, CSS and bundle come with every page)."""
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    scripts = site / "assets" / "javascripts"
    files = [site / "search" / "search_index.json", *scripts.glob("workers/search.*.min.js")]
    files += [scripts / "lunr" / "min" / "lunr.stemmer.support.min.js"]
    files += [scripts / "lunr" / "min" / f"lunr.{lang}.min.js" for lang in config["lang"] if lang != "en"]
    files += [p for p in [scripts / "zoeken.js"] if p.exists()]
    return sum(p.stat().st_size for p in files) / 1e6


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def best_build(config: Path, site: Path, repeat: int, env: dict | None = None) -> dict:
    runs = [run_child("build", str(config), str(site), env=env) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"]) | {"peak_mb": max(r["peak_mb"] for r in runs)}


def site_only_config(project: Path) -> Path:
    """The project's mkdocs.yml without the card-set hook: the site build and the card sets are timed apart."""
    config = project / "mkdocs-bench.yml"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("  - hooks/kaarten.py\n", ""), encoding="utf-8")
    # The download page fills its tables from the card build; without the hook it is a plain page.
    (project / "docs" / "kaarten" / "index.md").write_text("# Kaarten printen\n", encoding="utf-8")
    return config


def measure(total: int, repeat: int, card_sizes: list[int]) -> dict:
    project = make_project(total)
    check(project)
    site = project / "site"
    build = best_build(site_only_config(project), site, repeat)
    pages = sorted((site / "werkkaarten").glob("synthetisch-*.html")) or sorted((site / "werkkaarten").glob("*.html"))
    row = {
        "n": total,
        "build_s": build["seconds"],
        "peak_mb": build["peak_mb"],
        "site_mb": size_mb(site),
        "index_mb": (site / "search" / "search_index.json").stat().st_size / 1e6,
        "search_mb": search_download_mb(site),
        "zip_mb": (site / "download" / "kennisbank-offline.zip").stat().st_size / 1e6,
        "html_kb": sum(p.stat().st_size for p in pages) / len(pages) / 1e3,
    }
    if total in card_sizes:
        cards = run_child("cards", str(project), env={"KB_KAARTEN_CACHE": "uit"})
        row |= {
            "cards_s": cards["seconds"],
            "card_ms": cards["seconds"] / cards["cards"] * 1000,
            "card_cpu_ms": cards["cpu_seconds"] / cards["cards"] * 1000,
            "cards": cards["cards"],
            "card_files": cards["files"],
        }
    if total == max(SIZES):
        plain = make_plain_project(project)
        row["plain_s"] = best_build(plain / "mkdocs.yml", plain / "site", repeat)["seconds"]
        row["plain_site_mb"] = size_mb(plain / "site")
    return row


def table(rows: list[dict]) -> str:
    head = (
        f"{'werkkaarten':>11} {'build s':>8} {'piek MB':>8} {'site MB':>8} {'index MB':>9} {'zip MB':>7} "
        f"{'zoeken MB':>9} {'HTML/item KB':>13} {'kaartsets s':>12} {'kaarten':>8} {'ms/kaart':>9} {'CPU ms':>7}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        if "cards_s" in r:
            cards = f"{r['cards_s']:>12.1f} {r['cards']:>8} {r['card_ms']:>9.1f} {r['card_cpu_ms']:>7.1f}"
        else:
            cards = f"{'-':>12} {'-':>8} {'-':>9} {'-':>7}"
        lines.append(
            f"{r['n']:>11} {r['build_s']:>8.2f} {r['peak_mb']:>8.0f} {r['site_mb']:>8.1f} "
            f"{r['index_mb']:>9.2f} {r['zip_mb']:>7.1f} {r.get('search_mb', 0):>9.2f} {r['html_kb']:>13.1f} {cards}"
        )
        if "plain_s" in r:
            lines.append(
                f"{'':>11} gewone MkDocs + Material, zelfde {r['n']} itempagina's buiten het menu: "
                f"{r['plain_s']:.2f} s, site {r['plain_site_mb']:.1f} MB"
            )
    return "\n".join(lines)


def verdicts(rows: list[dict]) -> str:
    by_n = {r["n"]: r for r in rows}
    big = by_n[max(by_n)]
    out = []

    def line(name, value, target, ok):
        out.append(f"{'OK  ' if ok else 'NEE '} {name}: {value} (doel {target})")

    if "plain_s" in big:
        ratio = big["build_s"] / big["plain_s"]
        line(
            f"{big['n']} kaarten t.o.v. gewone MkDocs+Material ({big['plain_s']:.2f} s)",
            f"{ratio:.2f}x",
            f"<= {TARGETS['vs_plain']}x",
            ratio <= TARGETS["vs_plain"],
        )
    if 100 in by_n and 1000 in by_n:
        ratio = by_n[1000]["build_s"] / by_n[100]["build_s"]
        line("tijd(1000) / tijd(100)", f"{ratio:.1f}", f"<= {TARGETS['linear']}", ratio <= TARGETS["linear"])
    worst_html = max(r["html_kb"] for r in rows)
    line(
        "HTML per itempagina", f"{worst_html:.1f} KB", f"< {TARGETS['html_kb']:.0f} KB", worst_html < TARGETS["html_kb"]
    )
    line(
        f"zoeken: te downloaden voor het eerste resultaat bij {big['n']} werkkaarten",
        f"{big['search_mb']:.2f} MB",
        f"< {TARGETS['search_mb']:.0f} MB",
        big["search_mb"] < TARGETS["search_mb"],
    )
    measured = [r for r in rows if "card_ms" in r]
    if not measured:
        out.append("---- kaartsets per kaart: niet gemeten (zie --card-sizes)")
        return "\n".join(out)
    worst = max(measured, key=lambda r: r["card_cpu_ms"])
    line(
        f"kaartsets per kaart (CPU; wand {worst['card_ms']:.1f} ms) bij {worst['n']} werkkaarten",
        f"{worst['card_cpu_ms']:.1f} ms",
        f"<= {TARGETS['card_ms']:.0f} ms",
        worst["card_cpu_ms"] <= TARGETS["card_ms"],
    )
    return "\n".join(out)


SIZES = [10, 100, 1000]


def main() -> int:
    global SIZES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=2, help="builds per size; the fastest counts")
    parser.add_argument("--card-sizes", default="10,100,1000", help="sizes at which the card sets are laid out too")
    args = parser.parse_args()
    SIZES = [int(s) for s in args.sizes.split(",")]
    OUT.mkdir(exist_ok=True)
    rows = []
    for total in SIZES:
        print(f"... {total} werkkaarten", file=sys.stderr, flush=True)
        rows.append(measure(total, args.repeat, [int(c) for c in args.card_sizes.split(",") if c]))
    print(table(rows))
    print()
    print("build s: mkdocs build van de site zonder kaartsets (die staan apart); snelste van --repeat builds.")
    print("kaartsets s: alle kaartsets en losse kaarten opnieuw opgemaakt zonder cache (kb.print.build.build_cards);")
    print("ms/kaart: die tijd gedeeld door het aantal geprinte kaarten (kolom kaarten: werkkaarten, spanningsvelden,")
    print("reflectievragen, citaten, vervolgkaarten, kaarten van de draaiboeken); CPU ms: hetzelfde in CPU-tijd van")
    print("dat proces (process_time), waarop het doel getoetst wordt: de wandtijd hangt af van wat er verder op de")
    print("machine draait.")
    print("zoeken MB: wat een lezer voor het eerste zoekresultaat downloadt (index, zoekworker, lunr-taalbestanden,")
    print("zoeken.js), ongecomprimeerd zoals vanaf file:// of een server zonder gzip.")
    print()
    print(verdicts(rows))
    (OUT / "resultaat.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        print(json.dumps(child_build(*rest) if kind == "build" else child_cards(*rest)))
        sys.exit(0)
    sys.exit(main())

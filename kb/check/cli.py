"""`python -m kb.check [map] [--github]` (`make check`): every problem as `pad:regel:kolom: melding`, exit 1 if any."""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.types import ITEM_TYPES
from .collection import load_collection
from .permalinks import check_permalinks, short_link_problems, site_urls


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    github = "--github" in args
    args = [arg for arg in args if arg != "--github"]
    root = Path(args[0]) if args else Path.cwd()
    collection, problems = load_collection(root)
    if not problems:  # the addresses are derived from the content, so only checked when that is in order
        problems = check_permalinks(root, site_urls(collection, root / "docs"))[2]
        problems += short_link_problems(collection, root / "docs")
    for problem in problems:
        print(problem)
        if github:
            print(problem.github_annotation())
    if problems:
        print(
            f"\n{len(problems)} {'fout' if len(problems) == 1 else 'fouten'} gevonden. "
            "Los ze op en draai 'make check' opnieuw.",
            file=sys.stderr,
        )
        return 1
    counts = ", ".join(f"{len(collection.of(t))} {t.plural}" for t in ITEM_TYPES)
    if collection.sessions:
        counts += f", {len(collection.sessions)} sessies (draaiboeken)"
    print(f"Inhoud in orde: {counts}.")
    return 0

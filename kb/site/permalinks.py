"""Permanent links: every URL that was ever published keeps working.

`permalinks.yml` lists every published page URL (committed). `redirects.yml` maps old URLs to new ones after a
rename or merge. The build fails when a registered URL disappears without a redirect, writes a small static
redirect page for every redirect, and adds newly published URLs to the registry (outside CI).
"""
from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path

from ..load.yaml_text import load_yaml_file
from ..model.document import Document
from ..model.problems import Problem
from ..model.types import REDIRECTS_FILE, REGISTRY_FILE

_REGISTRY_HEADER = """\
# Elk webadres dat ooit gepubliceerd is. `make build` voegt nieuwe adressen automatisch toe; commit die mee.
# Haal nooit een adres weg: als een pagina een ander id krijgt, zet dan een doorverwijzing in redirects.yml.
"""


def _load(root: Path, name: str, field: str) -> tuple[Document | None, list[Problem]]:
    path = root / name
    if not path.exists():
        return None, []
    doc = load_yaml_file(path, name)
    if doc.problems:
        return doc, doc.problems
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get(field), list):
        return doc, [doc.problem((), f"{name} moet één lijst '{field}:' bevatten.")]
    return doc, []


def load_redirects(root: Path) -> tuple[dict[str, str], Document | None, list[Problem]]:
    doc, problems = _load(root, REDIRECTS_FILE, "doorverwijzingen")
    redirects: dict[str, str] = {}
    if doc is None or problems:
        return redirects, doc, problems
    for index, entry in enumerate(doc.data["doorverwijzingen"]):
        if not isinstance(entry, dict) or set(entry) != {"van", "naar"} or not all(
                isinstance(v, str) and v.endswith(".html") for v in entry.values()):
            problems.append(doc.problem(("doorverwijzingen", index),
                                        "Een doorverwijzing heeft precies twee velden: 'van' (het oude adres) en 'naar' "
                                        "(het nieuwe adres), allebei eindigend op .html, bijvoorbeeld "
                                        "van: werkkaarten/oud.html en naar: werkkaarten/nieuw.html."))
            continue
        if entry["van"] in redirects:
            problems.append(doc.problem(("doorverwijzingen", index, "van"),
                                        f"Voor '{entry['van']}' staat al een doorverwijzing. Houd er één."))
        redirects[entry["van"]] = entry["naar"]
    return redirects, doc, problems


def check_permalinks(root: Path, current: set[str]) -> tuple[dict[str, str], list[str], list[Problem]]:
    """Returns the redirects to write, URLs new since the registry, and problems (lost URLs, bad redirects)."""
    redirects, redirect_doc, problems = load_redirects(root)
    doc, registry_problems = _load(root, REGISTRY_FILE, "adressen")
    problems += registry_problems
    registered = [] if doc is None or registry_problems else doc.data["adressen"]

    for index, (old, new) in enumerate(redirects.items()):
        target = _final_target(new, redirects)
        path = ("doorverwijzingen", index, "naar")
        if target is None:
            problems.append(redirect_doc.problem(path, f"De doorverwijzing vanaf '{old}' loopt in een kring. "
                                                       "Laat hem naar een bestaande pagina wijzen."))
        elif target not in current:
            problems.append(redirect_doc.problem(path, f"De doorverwijzing vanaf '{old}' wijst naar '{new}', maar die "
                                                       "pagina bestaat niet. Controleer het nieuwe id."))
        elif old in current:
            problems.append(redirect_doc.problem(path, f"'{old}' bestaat nog als pagina; een doorverwijzing zou hem "
                                                       "overschrijven. Verwijder de doorverwijzing of de pagina."))
    for index, url in enumerate(registered):
        if url not in current and url not in redirects:
            problems.append(doc.problem(("adressen", index),
                                        f"Het gepubliceerde adres '{url}' bestaat niet meer. Links vanaf intranetten en "
                                        "geprinte kaarten zouden breken. Zet in redirects.yml een doorverwijzing "
                                        f"(van: {url}, naar: het nieuwe adres), of zet de pagina terug."))
    new_urls = sorted(current - set(registered))
    return {old: _final_target(new, redirects) or new for old, new in redirects.items()}, new_urls, problems


def _final_target(url: str, redirects: dict[str, str]) -> str | None:
    seen = set()
    while url in redirects:
        if url in seen:
            return None
        seen.add(url)
        url = redirects[url]
    return url


def record_new_urls(root: Path, new_urls: list[str]) -> None:
    """Append newly published URLs to the registry (skipped in CI, where the registry must already be committed)."""
    if not new_urls or os.environ.get("CI"):
        return
    path = root / REGISTRY_FILE
    existing = path.read_text(encoding="utf-8") if path.exists() else _REGISTRY_HEADER + "adressen:\n"
    if not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + "".join(f"  - {url}\n" for url in new_urls), encoding="utf-8")


def redirect_page(old: str, new: str) -> str:
    """A static page that forwards to the new address; works offline and keeps the #anchor."""
    relative = posixpath.relpath(new, posixpath.dirname(old) or ".")
    target = html.escape(relative, quote=True)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Deze pagina is verhuisd</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
<script>location.replace({relative!r} + location.hash);</script>
</head>
<body>
<p>Deze pagina is verhuisd naar <a href="{target}">{target}</a>.</p>
</body>
</html>
"""

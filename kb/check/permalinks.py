"""Permanent links: every URL that was ever published keeps working (checked by `make check` and by the build).

`permalinks.yml` lists every published page URL (committed), the short links of printed cards (k/wk1/index.html)
included. `redirects.yml` maps old URLs to new ones after a rename or merge. A registered URL may not disappear
without a redirect, a redirect may only write a page inside the site where no real page or short link is, and an
address that was committed to the registry may not be taken out of it again. Two items never share a short link,
and no hand-written page may take the address of one.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from pathlib import Path

from ..load.yaml_text import load_yaml_file, load_yaml_text
from ..model.addresses import SHORT_LINK_FOLDER, printed_items, short_page, short_path
from ..model.collection import Collection, Item
from ..model.document import Document
from ..model.problems import Problem
from ..model.types import REDIRECTS_FILE, REGISTRY_FILE

# Pages that the build makes without a file in docs/ (besides the items and draaiboeken).
GENERATED_PAGES = ("bijdragen/velden.html",)
_SAFE_URL = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*\.html$")
_URL_HINT = (
    "een adres binnen de site, zoals werkkaarten/oude-naam.html: kleine letters, cijfers, '-' en '/', "
    "eindigend op .html, zonder '..', zonder '/' vooraan en zonder http://"
)


def site_urls(collection: Collection, docs_dir: Path) -> set[str]:
    """Every page URL the build publishes, derived without building: docs/, items, draaiboeken, generated pages."""
    urls = {str(path.relative_to(docs_dir).with_suffix(".html")) for path in Path(docs_dir).rglob("*.md")}
    urls |= {item.url for item in collection.all_items()}
    urls |= {session.url for session in collection.sessions.values()}
    return urls | set(GENERATED_PAGES) | set(short_links(collection))


def short_links(collection: Collection) -> dict[str, Item]:
    """The page of every short link (k/wk1/index.html) -> its item; of two items that clash, the first one."""
    found: dict[str, Item] = {}
    for item in printed_items(collection):
        found.setdefault(short_page(item), item)
    return found


def is_short_page(url: str) -> bool:
    return url.startswith(SHORT_LINK_FOLDER + "/") and url.endswith("/index.html")


def short_link_problems(collection: Collection, docs_dir: Path) -> list[Problem]:
    """A short link belongs to one item: never to two items, never also to a page in docs/."""
    owners = short_links(collection)
    problems = [
        item.doc.problem(
            ("nummer",),
            f"De korte link {short_path(item)} hoort al bij {owners[short_page(item)].doc.path} "
            f"({owners[short_page(item)].code}); twee kaarten kunnen niet dezelfde korte link hebben. "
            "Kies een nummer dat nog vrij is.",
        )
        for item in printed_items(collection)
        if owners[short_page(item)] is not item
    ]
    docs_dir = Path(docs_dir)
    for page, item in owners.items():
        for taken in (docs_dir / Path(page).with_suffix(".md"), docs_dir / page):
            if not taken.is_file():
                continue
            path = taken.relative_to(docs_dir.parent) if taken.is_relative_to(docs_dir.parent) else taken
            problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    f"Dit adres ({page}) is de korte link van {item.code} ({item.doc.path}), die op de "
                    "geprinte kaart staat. Geef deze pagina een andere naam of map.",
                )
            )
    return sorted(problems)


def safe_url(url) -> bool:
    """A page address inside the site that cannot point outside it or at a file that is not a page."""
    return isinstance(url, str) and bool(_SAFE_URL.fullmatch(url)) and posixpath.normpath(url) == url


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


def load_redirects(root: Path) -> tuple[dict[str, tuple[str, int]], Document | None, list[Problem]]:
    """Old URL -> (new URL, index of the entry in the file), for the entries that are well-formed."""
    doc, problems = _load(root, REDIRECTS_FILE, "doorverwijzingen")
    redirects: dict[str, tuple[str, int]] = {}
    if doc is None or problems:
        return redirects, doc, problems
    for index, entry in enumerate(doc.data["doorverwijzingen"]):
        if not isinstance(entry, dict) or set(entry) != {"van", "naar"}:
            problems.append(
                doc.problem(
                    ("doorverwijzingen", index),
                    "Een doorverwijzing heeft precies twee velden: 'van' (het oude adres) en 'naar' "
                    "(het nieuwe adres), bijvoorbeeld van: werkkaarten/oud.html en naar: "
                    "werkkaarten/nieuw.html.",
                )
            )
            continue
        bad = [key for key in ("van", "naar") if not safe_url(entry[key])]
        for key in bad:
            problems.append(
                doc.problem(
                    ("doorverwijzingen", index, key), f"'{entry[key]}' kan geen '{key}' zijn: gebruik {_URL_HINT}."
                )
            )
        if bad:
            continue
        if entry["van"] in redirects:
            problems.append(
                doc.problem(
                    ("doorverwijzingen", index, "van"),
                    f"Voor '{entry['van']}' staat al een doorverwijzing. Houd er één.",
                )
            )
        redirects[entry["van"]] = (entry["naar"], index)
    return redirects, doc, problems


def registered_urls(root: Path) -> set[str]:
    """The URLs in permalinks.yml as it stands (empty when the file is missing or broken)."""
    doc, problems = _load(root, REGISTRY_FILE, "adressen")
    return set() if doc is None or problems else {url for url in doc.data["adressen"] if isinstance(url, str)}


def check_permalinks(root: Path, current: set[str]) -> tuple[dict[str, str], list[str], list[Problem]]:
    """Returns the redirects to write, URLs new since the registry, and problems (lost URLs, bad redirects)."""
    entries, redirect_doc, problems = load_redirects(root)
    redirects = {old: new for old, (new, _) in entries.items()}
    doc, registry_problems = _load(root, REGISTRY_FILE, "adressen")
    problems += registry_problems
    registered = [] if doc is None or registry_problems else doc.data["adressen"]

    for old, (new, index) in entries.items():
        target = _final_target(new, redirects)
        path = ("doorverwijzingen", index, "naar")
        if target is None:
            problems.append(
                redirect_doc.problem(
                    path,
                    f"De doorverwijzing vanaf '{old}' loopt in een kring. Laat hem naar een bestaande pagina wijzen.",
                )
            )
        elif target not in current:
            problems.append(
                redirect_doc.problem(
                    path,
                    f"De doorverwijzing vanaf '{old}' wijst naar '{new}', maar die "
                    "pagina bestaat niet. Controleer het nieuwe id.",
                )
            )
        elif old in current:
            if is_short_page(old):
                what, fix = "is de korte link van een geprinte kaart", "Verwijder de doorverwijzing."
            else:
                what, fix = "bestaat nog als pagina", "Verwijder de doorverwijzing of de pagina."
            problems.append(
                redirect_doc.problem(
                    ("doorverwijzingen", index, "van"),
                    f"'{old}' {what}; een doorverwijzing zou hem overschrijven. {fix}",
                )
            )
    for index, url in enumerate(registered):
        if not safe_url(url):
            problems.append(doc.problem(("adressen", index), f"'{url}' is geen geldig adres: gebruik {_URL_HINT}."))
        elif url not in current and url not in redirects:
            problems.append(
                doc.problem(
                    ("adressen", index),
                    f"Het gepubliceerde adres '{url}' bestaat niet meer. Links vanaf intranetten en "
                    "geprinte kaarten zouden breken. Zet in redirects.yml een doorverwijzing "
                    f"(van: {url}, naar: het nieuwe adres), of zet de pagina terug.",
                )
            )
    if doc is not None and not registry_problems:
        problems += _dropped_from_registry(root, doc, set(registered))
    new_urls = sorted(current - set(registered))
    problems.sort()
    return {old: _final_target(new, redirects) or new for old, new in redirects.items()}, new_urls, problems


def _dropped_from_registry(root: Path, doc: Document, registered: set[str]) -> list[Problem]:
    """Addresses committed to permalinks.yml (at HEAD, and at the pull request's base branch) that the working copy
    no longer lists: editing the registry away is how a lost URL would otherwise go unnoticed."""
    dropped = sorted(published_before(root) - registered)
    return [
        doc.problem(
            ("adressen",),
            f"Het adres '{url}' is uit {REGISTRY_FILE} gehaald, maar het is al "
            "gepubliceerd. Zet het terug; verhuist de pagina, zet dan een doorverwijzing "
            "in redirects.yml.",
            key=True,
        )
        for url in dropped
    ]


def published_before(root: Path) -> set[str]:
    refs = ["HEAD"]
    if os.environ.get("GITHUB_BASE_REF"):
        refs.append(f"origin/{os.environ['GITHUB_BASE_REF']}")
    urls: set[str] = set()
    for ref in refs:
        try:
            shown = subprocess.run(
                ["git", "show", f"{ref}:./{REGISTRY_FILE}"], cwd=root, capture_output=True, text=True, timeout=10
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if shown.returncode != 0:
            continue  # not a git checkout, or the file is new
        committed = load_yaml_text(shown.stdout, REGISTRY_FILE)
        if not committed.problems and isinstance(committed.data, dict):
            urls |= {url for url in committed.data.get("adressen") or [] if isinstance(url, str)}
    return urls


def _final_target(url: str, redirects: dict[str, str]) -> str | None:
    seen = set()
    while url in redirects:
        if url in seen:
            return None
        seen.add(url)
        url = redirects[url]
    return url

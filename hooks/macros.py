"""Macros for hand-written pages in docs/ (only pages with `render_macros: true` use them)."""

from __future__ import annotations

import re

from kb.model.types import BY_PLURAL, SPANNINGSVELD, WERKKAART
from kb.site import state as build_state
from kb.site.navigation import (
    by_audience,
    by_kind,
    items_list,
    overview,
    publications_list,
    role_pick,
    situation_links,
    situations,
)

LIST_ITEM = re.compile(r"^ *(?:[-*+]|\d+\.) ")


def lazy(lines: list[str]) -> bool:
    """Whether the last line continues a list item (then a following item belongs to the same list)."""
    for line in reversed(lines):
        if not line.strip():
            return False
        if LIST_ITEM.match(line):
            return True
    return False


def for_python_markdown(markdown: str) -> str:
    """CommonMark as GitHub shows it, for MkDocs' Python-Markdown: list items continue at 4 spaces (not 3), and
    fenced code (which Python-Markdown does not know) becomes an indented code block, also inside a list item."""
    out, fence = [], None
    for line in markdown.splitlines():
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped.startswith("```") and (fence is None or indent == fence):
            fence = indent if fence is None else None
            continue
        if fence is not None:
            body = line[fence:] if not line[:fence].strip() else stripped
            out.append(" " * ((4 if fence else 0) + 4) + body if body.strip() else "")
            continue
        line = " " + line if indent % 2 else line
        if LIST_ITEM.match(line) and out and out[-1].strip() and not LIST_ITEM.match(out[-1]) and not lazy(out):
            out.append("")  # Python-Markdown starts a list only after a blank line
        out.append(line)
    return "\n".join(out) + "\n"


def define_env(env):
    @env.macro
    def aantal(soort: str) -> int:
        """Number of items of a type, e.g. {{ aantal('werkkaarten') }}."""
        return len(build_state.current().of(BY_PLURAL[soort]))

    @env.macro
    def bronnenlijst() -> str:
        """The publications from bronnen.yml as a Markdown list."""
        return publications_list(build_state.current())

    @env.macro
    def bijdragen_handleiding() -> str:
        """CONTRIBUTING.md from the repository, so the site and the repository say the same."""
        return for_python_markdown((build_state.current().root / "CONTRIBUTING.md").read_text(encoding="utf-8"))

    @env.macro
    def kaartdownloads():
        """What docs/kaarten/index.md shows of the card PDFs of this build (kb.print.downloads.DownloadPage)."""
        from kb.print.downloads import current, download_page

        return download_page(current())

    @env.macro
    def overzicht_werkkaarten(base: str = "") -> str:
        return overview(build_state.current(), WERKKAART, base)

    @env.macro
    def overzicht_spanningsvelden(base: str = "") -> str:
        return overview(build_state.current(), SPANNINGSVELD, base)

    @env.macro
    def overzicht_draaiboeken() -> str:
        """The draaiboeken made from sessies/*.yml (for docs/draaiboeken/index.md)."""
        from kb.sessies.draaiboek import overview as draaiboek_overview

        return draaiboek_overview(build_state.current())

    @env.macro
    def draaiboek_blokken() -> str:
        """The session builder's data as an inline JSON script (works from file:// too)."""
        from kb.sessies.builder import builder_script_tag

        return builder_script_tag(build_state.current())

    @env.macro
    def lijst(soort: str, base: str = "") -> str:
        """Every item of a type with its summary, e.g. {{ lijst('casussen', '../') }}."""
        return items_list(build_state.current(), BY_PLURAL[soort], base)

    @env.macro
    def bouwstenen_per_soort(base: str = "") -> str:
        return by_kind(build_state.current(), base)

    @env.macro
    def per_doelgroep(doelgroep: str, base: str = "") -> str:
        """Everything for one audience, e.g. {{ per_doelgroep('bestuurders') }}."""
        return by_audience(build_state.current(), doelgroep, base)

    @env.macro
    def kies_voor_rol(doelgroep: str, base: str = "") -> str:
        """A short pick for one role: draaiboek, spanningsvelden, a few items ({{ kies_voor_rol('bestuurders') }})."""
        from kb.sessies.draaiboek import DRAAIBOEK_DIR

        return role_pick(build_state.current(), doelgroep, DRAAIBOEK_DIR, base)

    @env.macro
    def situatielijst(base: str = "") -> str:
        return situations(build_state.current(), base)

    @env.macro
    def situatiekeuze(base: str = "") -> str:
        """Every situation as a short link (home page)."""
        return situation_links(build_state.current(), base)

"""Macros for hand-written pages in docs/ (only pages with `render_macros: true` use them)."""

from __future__ import annotations

from kb.model.types import BY_PLURAL, SPANNINGSVELD, WERKKAART
from kb.site import state as build_state
from kb.site.navigation import (
    by_audience,
    by_kind,
    items_list,
    overview,
    publications_list,
    situation_links,
    situations,
)


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
        return (build_state.current().root / "CONTRIBUTING.md").read_text(encoding="utf-8")

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
    def situatielijst(base: str = "") -> str:
        return situations(build_state.current(), base)

    @env.macro
    def situatiekeuze(base: str = "") -> str:
        """Every situation as a short link (home page)."""
        return situation_links(build_state.current(), base)

"""Macros for hand-written pages in docs/ (only pages with `render_macros: true` use them)."""
from __future__ import annotations

from kb import build_state
from kb.content import BY_PLURAL, SPANNINGSVELD, WERKKAART
from kb.render import overview, publications_list


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
    def overzicht_werkkaarten(base: str = "") -> str:
        return overview(build_state.current(), WERKKAART, base)

    @env.macro
    def overzicht_spanningsvelden(base: str = "") -> str:
        return overview(build_state.current(), SPANNINGSVELD, base)

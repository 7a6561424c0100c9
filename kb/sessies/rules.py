"""The run-sheet rules shared by the draaiboek generator and the draaiboekmaker (session builder) in the browser.

This module is their one source: `rules_data()` gives every constant and every piece of wording as data, which the
builder page carries inline and docs/assets/javascripts/draaiboek-maken.js reads; the JavaScript only computes.
tests/browser/test_draaiboekmaker.py checks that both give the same run-sheet for the same plans.

- Blocks follow each other without gaps, starting at the start time; clock times wrap at midnight.
- A block's duration is "volgens de bron" only when it equals a duration the source states for
  that werkvorm; every other duration is a "voorstel".
- A plan travels in the URL hash: `start=HH:MM&titel=…&blokken=rol,soort,ref,minuten,titel;…`
  with every field percent-encoded like JavaScript's encodeURIComponent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

DEFAULT_START = "09:00"
ROLE_LABELS = {"opening": "Opening", "blok": "Onderdeel", "pauze": "Pauze", "afsluiting": "Afsluiting"}
ROLES = tuple(ROLE_LABELS)
# An opening or closing with a title of its own keeps its role in brackets after the title.
NAMED_ROLES = ("opening", "afsluiting")
KINDS = ("wk", "sv", "")  # werkkaart, spanningsveld, own block
MIN_MINUTES, MAX_MINUTES = 1, 600
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):([0-5][0-9])$"
_CLOCK = re.compile(CLOCK_PATTERN)
_SAFE = "-_.!~*'()"  # what encodeURIComponent leaves alone

# Every word the run-sheet shows, with {placeholders} filled in by Python's str.format and by the browser alike.
WORDING = {
    "tijd": "{begin}–{eind}",
    "code_en_titel": "{code} · {titel}",
    "rol_na_titel": "({rol})",
    "duur": "{minuten} min.",
    "volgens_de_bron": "volgens de bron",
    "voorstel_met_bron": "voorstel (de bron noemt {bron} min.)",
    "voorstel": "voorstel",
    "uren": "{uren} uur",
    "minuut": "{minuten} minuut",
    "minuten": "{minuten} minuten",
    "duur_samen": "{uren} en {minuten}",
    "totaal": "Totaal: {duur}, van {begin} tot {eind}.",
    "variant_titel": "{werkkaart}: {variant}",
    "reflectie_titel": "Reflectie: {spanningsveld}",
    "reflectie_titel_doelgroep": "Reflectie: {spanningsveld} (voor {doelgroep})",
}


def rules_data() -> dict:
    """The rules as data for the draaiboekmaker (the 'regels' in its data)."""
    return {
        "begintijd": DEFAULT_START,
        "tijdpatroon": CLOCK_PATTERN,
        "rollen": ROLE_LABELS,  # in this order in the builder's choice of role
        "rollen_met_naam_na_titel": list(NAMED_ROLES),
        "soorten": list(KINDS),
        "minuten": {"minimaal": MIN_MINUTES, "maximaal": MAX_MINUTES},
        "teksten": WORDING,
    }


def parse_clock(text: str) -> int:
    """'09:30' -> 570 minutes after midnight. Raises ValueError for anything else."""
    match = _CLOCK.match(text or "")
    if not match:
        raise ValueError(f"geen tijd: {text!r}")
    return int(match.group(1)) * 60 + int(match.group(2))


def clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def duration_label(minutes: int) -> str:
    """240 -> '4 uur', 90 -> '1 uur en 30 minuten', 45 -> '45 minuten', 1 -> '1 minuut'."""
    hours, rest = divmod(minutes, 60)
    hours_text = WORDING["uren"].format(uren=hours)
    rest_text = WORDING["minuut" if rest == 1 else "minuten"].format(minuten=rest)
    if hours and rest:
        return WORDING["duur_samen"].format(uren=hours_text, minuten=rest_text)
    return hours_text if hours else rest_text


def status(minutes: int, source_minutes: int | None) -> str:
    """How a block's duration is justified, in the words the run-sheet shows."""
    if source_minutes is not None and minutes == source_minutes:
        return WORDING["volgens_de_bron"]
    if source_minutes is not None:
        return WORDING["voorstel_met_bron"].format(bron=source_minutes)
    return WORDING["voorstel"]


def role_note(role: str, title: str) -> str:
    """'(afsluiting)' after a closing with a title of its own; '' when the title already says what the block is."""
    label = ROLE_LABELS[role]
    return WORDING["rol_na_titel"].format(rol=label.lower()) if role in NAMED_ROLES and title != label else ""


def total_line(start: str, end: str, minutes: int) -> str:
    """The builder's line under the run-sheet."""
    return WORDING["totaal"].format(minuten=minutes, duur=duration_label(minutes), begin=start, eind=end)


@dataclass(frozen=True)
class PlanBlock:
    """What the run-sheet needs to know about one block."""

    role: str  # opening, blok, pauze, afsluiting
    kind: str  # wk, sv or '' (own block)
    ref: str  # 'perspectiefwissel/geen-gedeelde-besluitvorming', 'organisatie-en-netwerk/bestuurders', ''
    minutes: int
    title: str = ""  # '' = the default title for this kind and ref


@dataclass(frozen=True)
class Row:
    start: str
    end: str
    minutes: int
    code: str
    title: str
    status: str
    role_note: str = ""  # '(opening)' or ''

    @property
    def time(self) -> str:
        return WORDING["tijd"].format(begin=self.start, eind=self.end)

    @property
    def full_title(self) -> str:
        return WORDING["code_en_titel"].format(code=self.code, titel=self.title) if self.code else self.title

    @property
    def duration(self) -> str:
        return WORDING["duur"].format(minuten=self.minutes)

    def cells(self) -> list[str]:
        """The run-sheet row as a reader sees it (also what the browser test compares)."""
        title = f"{self.full_title} {self.role_note}" if self.role_note else self.full_title
        return [self.time, title, self.duration, self.status]


@dataclass(frozen=True)
class RowInput:
    """One block as the run-sheet sees it."""

    role: str
    minutes: int
    code: str
    title: str
    source_minutes: int | None


def rows(start: str, blocks: list[RowInput]) -> list[Row]:
    """Run-sheet rows for the blocks starting at `start`."""
    at = parse_clock(start)
    result = []
    for block in blocks:
        result.append(
            Row(
                clock(at),
                clock(at + block.minutes),
                block.minutes,
                block.code,
                block.title,
                status(block.minutes, block.source_minutes),
                role_note(block.role, block.title),
            )
        )
        at += block.minutes
    return result


def _enc(text: str) -> str:
    return quote(str(text), safe=_SAFE)


def encode_plan(start: str, title: str, blocks: list[PlanBlock]) -> str:
    """The URL hash (without '#') that opens this plan in the session builder."""
    parts = ",".join
    encoded = ";".join(parts([_enc(b.role), _enc(b.kind), _enc(b.ref), str(b.minutes), _enc(b.title)]) for b in blocks)
    return f"start={_enc(start)}&titel={_enc(title)}&blokken={encoded}"


def _dec(text: str) -> str:
    """Like the builder's decode: '' for what decodeURIComponent refuses (a stray '%', bytes that are no UTF-8)."""
    if re.search(r"%(?![0-9A-Fa-f]{2})", text):
        return ""
    try:
        return unquote(text, errors="strict")
    except UnicodeDecodeError:
        return ""


def decode_plan(fragment: str) -> tuple[str, str, list[PlanBlock]]:
    """Inverse of encode_plan; unknown or broken parts are skipped, like the builder does."""
    fields = {}
    for pair in fragment.lstrip("#").split("&"):
        key, _, value = pair.partition("=")
        fields[key] = value
    start = _dec(fields.get("start", "")) or DEFAULT_START
    try:
        parse_clock(start)
    except ValueError:
        start = DEFAULT_START
    blocks = []
    for raw in filter(None, fields.get("blokken", "").split(";")):
        values = raw.split(",")
        if len(values) != 5 or not re.fullmatch(r"[0-9]+", values[3]):
            continue
        role, kind, ref, minutes, title = (_dec(v) for v in values)
        if role in ROLES and kind in KINDS and MIN_MINUTES <= int(minutes) <= MAX_MINUTES:
            blocks.append(PlanBlock(role, kind, ref, int(minutes), title))
    return start, _dec(fields.get("titel", "")), blocks

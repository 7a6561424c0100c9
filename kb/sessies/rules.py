"""The run-sheet rules shared by the draaiboek generator and the session builder page.

docs/assets/javascripts/draaiboek-maken.js implements exactly the same rules in the browser;
tests/browser/test_draaiboekmaker.py checks that both give the same run-sheet for the same plan.

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
ROLES = ("opening", "blok", "pauze", "afsluiting")
ROLE_LABELS = {"opening": "Opening", "blok": "Onderdeel", "pauze": "Pauze", "afsluiting": "Afsluiting"}
KINDS = ("wk", "sv", "")  # werkkaart, spanningsveld, own block
_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
_SAFE = "-_.!~*'()"  # what encodeURIComponent leaves alone


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
    """240 -> '4 uur', 90 -> '1 uur en 30 minuten', 45 -> '45 minuten'."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} uur")
    if rest or not hours:
        parts.append(f"{rest} {'minuut' if rest == 1 else 'minuten'}")
    return " en ".join(parts)


def status(minutes: int, source_minutes: int | None) -> str:
    """How a block's duration is justified, in the words the run-sheet shows."""
    if source_minutes is not None and minutes == source_minutes:
        return "volgens de bron"
    if source_minutes is not None:
        return f"voorstel (de bron noemt {source_minutes} min.)"
    return "voorstel"


@dataclass(frozen=True)
class PlanBlock:
    """What the run-sheet needs to know about one block."""

    role: str            # opening, blok, pauze, afsluiting
    kind: str            # wk, sv or '' (own block)
    ref: str             # 'perspectiefwissel/geen-gedeelde-besluitvorming', 'organisatie-en-netwerk/bestuurders', ''
    minutes: int
    title: str = ""      # '' = the default title for this kind and ref


@dataclass(frozen=True)
class Row:
    start: str
    end: str
    minutes: int
    code: str
    title: str
    status: str

    def cells(self) -> list[str]:
        """The run-sheet row as a reader sees it (also what the browser test compares)."""
        title = f"{self.code} · {self.title}" if self.code else self.title
        return [f"{self.start}–{self.end}", title, f"{self.minutes} min.", self.status]


def rows(start: str, blocks: list[tuple[int, str, str, int | None]]) -> list[Row]:
    """Run-sheet rows for (minutes, code, title, source_minutes) blocks starting at `start`."""
    at = parse_clock(start)
    result = []
    for minutes, code, title, source_minutes in blocks:
        result.append(Row(clock(at), clock(at + minutes), minutes, code, title, status(minutes, source_minutes)))
        at += minutes
    return result


def _enc(text: str) -> str:
    return quote(str(text), safe=_SAFE)


def encode_plan(start: str, title: str, blocks: list[PlanBlock]) -> str:
    """The URL hash (without '#') that opens this plan in the session builder."""
    parts = ",".join
    encoded = ";".join(parts([_enc(b.role), _enc(b.kind), _enc(b.ref), str(b.minutes), _enc(b.title)])
                       for b in blocks)
    return f"start={_enc(start)}&titel={_enc(title)}&blokken={encoded}"


def decode_plan(fragment: str) -> tuple[str, str, list[PlanBlock]]:
    """Inverse of encode_plan; unknown or broken parts are skipped, like the builder does."""
    fields = {}
    for pair in fragment.lstrip("#").split("&"):
        key, _, value = pair.partition("=")
        fields[key] = value
    start = unquote(fields.get("start", "")) or DEFAULT_START
    try:
        parse_clock(start)
    except ValueError:
        start = DEFAULT_START
    blocks = []
    for raw in filter(None, fields.get("blokken", "").split(";")):
        values = raw.split(",")
        if len(values) != 5 or not values[3].isdigit():
            continue
        role, kind, ref, minutes, title = (unquote(v) for v in values)
        if role in ROLES and kind in KINDS and 1 <= int(minutes) <= 600:
            blocks.append(PlanBlock(role, kind, ref, int(minutes), title))
    return start, unquote(fields.get("titel", "")), blocks

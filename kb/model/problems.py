"""A problem found in a content file, reported as `pad:regel:kolom: melding`."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field

_OS_ERRORS = {
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "alleen-lezen",
    errno.ENOTDIR: "er staat een bestand waar een map hoort",
    errno.EISDIR: "dit is een map",
    errno.ENOENT: "bestaat niet",
    errno.EDQUOT: "de schijfruimte is op",
}


def os_error_text(error: OSError) -> str:
    """An operating-system error in Dutch, for messages a reader sees."""
    return _OS_ERRORS.get(error.errno, f"systeemfout {error.errno}" if error.errno else "onbekende systeemfout")


def _one_line(text: str) -> str:
    """Content can put anything in a message; a message is always one printed line."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in str(text))


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    # (type name, id) of a missing item this problem only follows from; suppressed when that item's own file has
    # a problem (kb/check/collection.py), so the root cause is what a contributor reads.
    follows_from: tuple = field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{_one_line(self.path)}:{self.line}:{self.column}: {_one_line(self.message)}"

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command; values are escaped so content cannot end it or start another."""

        def data(text: str) -> str:
            return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:
            return data(text).replace(":", "%3A").replace(",", "%2C")

        return f"::error file={prop(self.path)},line={self.line},col={self.column}::{data(_one_line(self.message))}"

"""One loaded content file: its data plus where every value and key stands (for messages with line numbers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .problems import Problem

Position = tuple[int, int]  # 1-based line and column
JsonPath = tuple  # keys and indexes from the document root


@dataclass
class Document:
    """One loaded file: its data plus the position of every value and key."""

    path: str
    data: object = None
    values: dict[JsonPath, Position] = field(default_factory=dict)
    keys: dict[JsonPath, Position] = field(default_factory=dict)
    text: dict[JsonPath, tuple[int, str]] = field(default_factory=dict)  # block-scalar start line, style
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: JsonPath, key: bool = False) -> Position:
        """Best position for a path: the key if asked and known, else the value, else its parent."""
        path = tuple(path)
        while True:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def problem(self, path: JsonPath, message: str, key: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.path, line, column, message)

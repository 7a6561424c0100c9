"""Fuzzing the loader: thousands of damaged versions of real content files never raise, never hang, and always give
either data or located problems (the contract every later stage relies on)."""

from __future__ import annotations

import random
import time

from conftest import ROOT
from kb.load.yaml_text import load_file, load_yaml_text
from kb.model.types import ITEM_TYPES

SEED = 20261201
PIECES = [
    "\x00",
    "\t",
    "\r",
    "\ufeff",
    "\u202e",
    "\ud800",
    "'",
    '"',
    ":",
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    "&a",
    "*a",
    "!!python/object:os.system",
    "!!binary",
    "|",
    ">-",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\n  ",
    "9" * 400,
    "<script>",
    "\\",
    "@",
    "`",
]


def mutations(text: str, rng: random.Random, count: int):
    for _ in range(count):
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            position = rng.randrange(len(chars) + 1)
            action = rng.random()
            if action < 0.4:
                chars[position:position] = list(rng.choice(PIECES))
            elif action < 0.7 and chars:
                del chars[position : position + rng.randint(1, 40)]
            elif chars:
                chars[position:position] = chars[rng.randrange(len(chars)) :][: rng.randint(1, 200)]
        yield "".join(chars)


def assert_contract(doc, shown: str):
    assert doc.path == shown
    if doc.problems:
        for problem in doc.problems:
            assert problem.path == shown and problem.line >= 1 and problem.column >= 1 and problem.message
            assert "\n" not in str(problem)
    else:
        assert doc.data is not None


def test_damaged_yaml_never_raises_and_always_explains():
    rng = random.Random(SEED)
    sources = [path for t in ITEM_TYPES if t.suffix == ".yml" for path in sorted((ROOT / t.plural).glob("*.yml"))[:2]]
    start = time.monotonic()
    tried = 0
    for source in sources:
        for text in mutations(source.read_text(encoding="utf-8"), rng, 150):
            assert_contract(load_yaml_text(text, "x.yml"), "x.yml")
            tried += 1
    assert tried >= 1500
    assert time.monotonic() - start < 120


def test_damaged_markdown_casus_files_never_raise(tmp_path):
    rng = random.Random(SEED + 1)
    source = sorted((ROOT / "casussen").glob("*.md"))[0].read_text(encoding="utf-8")
    for number, text in enumerate(mutations(source, rng, 300)):
        file = tmp_path / f"c{number}.md"
        file.write_bytes(text.encode("utf-8", "surrogatepass"))
        assert_contract(load_file(file, f"casussen/c{number}.md"), f"casussen/c{number}.md")

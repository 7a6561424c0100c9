"""The floor plan of kb/ holds: one subpackage per stage, dependencies only in one direction, no import cycles, small
modules, and no content ids in code (content is found through the registry and fields in the content itself)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT
from kb.model.types import ITEM_TYPES, KAARTSETS_FOLDER, SESSIONS_FOLDER

KB = ROOT / "kb"
MAX_LINES = 400
# Which stages a stage may use. model is the shared vocabulary; check builds the session model; site holds the one
# Markdown template environment and the sanitiser; print holds the one HTML -> PDF entry point.
ALLOWED = {
    "model": set(),
    "load": {"model"},
    "check": {"model", "load", "sessies"},
    "site": {"model"},
    "print": {"model", "site"},
    "sessies": {"model", "site", "print"},
    "scaffold": {"model"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in KB.rglob("*.py")}


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The kb modules that a module imports (absolute and relative, also inside functions)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {target for target in found if target in known and target != name}


def stage(name: str) -> str:
    return name.split(".")[1] if "." in name else name


def test_every_stage_only_uses_the_stages_before_it():
    known = modules()
    wrong = []
    for name, path in known.items():
        if name == "kb":
            continue
        for target in imports(name, path, known):
            if stage(target) != stage(name) and stage(target) not in ALLOWED[stage(name)]:
                wrong.append(f"{name} -> {target}")
    assert not wrong


def test_there_are_no_import_cycles():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    # A module's parent packages are imported before it; count those edges too.
    for name in graph:
        parts = name.split(".")
        graph[name] |= {".".join(parts[:n]) for n in range(1, len(parts))} - {name}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if target.count(".") < name.count(".") and name.startswith(target + "."):
                continue  # a package's own __init__ importing nothing of its children is the normal direction
            if state.get(target) == 1 and not cycle:
                cycle.extend(trail[trail.index(target) :] + [target] if target in trail else [name, target])
            elif target not in state:
                visit(target, trail + [target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycle, " -> ".join(cycle)


def test_no_module_is_longer_than_the_limit():
    long = {
        str(path.relative_to(ROOT)): n
        for path in KB.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long


def test_no_content_id_is_written_in_code():
    # Glossary terms are named after ordinary words (a begrip 'facilitator'), so their ids are left out.
    ids = {path.stem for t in ITEM_TYPES if t.name != "begrip" for path in (ROOT / t.plural).glob(f"*{t.suffix}")}
    ids |= {path.stem for folder in (SESSIONS_FOLDER, KAARTSETS_FOLDER) for path in (ROOT / folder).glob("*.yml")}
    found = []
    for path in [*KB.rglob("*.py"), *(ROOT / "hooks").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ids:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert not found

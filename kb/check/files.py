"""Read every file of a content folder and check it against its schema and for unsafe text."""

from __future__ import annotations

from pathlib import Path

from ..load.yaml_text import load_file
from ..model.document import Document
from ..model.problems import Problem
from .schema import schema_problems
from .text import text_problems


def read_folder(root: Path, folder: str, suffix: str, schema_file: str) -> tuple[list[Document], list[Problem]]:
    """Every file in root/folder, parsed and checked against its schema and for unsafe text. Returns the documents
    without problems (in file order) and the problems of the others; every content folder is read this way."""
    directory = Path(root) / folder
    if not directory.is_dir():
        return [], []
    valid: list[Document] = []
    problems: list[Problem] = []
    for file in sorted(directory.iterdir()):
        if file.name.startswith(".") or file.is_dir():
            continue
        shown = _relative(Path(root), file)
        if file.suffix != suffix:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"Alleen {suffix}-bestanden horen in {folder}/. Hernoem het bestand naar {file.stem}{suffix}.",
                )
            )
            continue
        doc = load_file(file, shown)
        file_problems = list(doc.problems)
        if not file_problems:
            file_problems += schema_problems(doc, schema_file) + text_problems(doc)
        if not file_problems:
            valid.append(doc)
        problems += file_problems
    return valid, problems


def _relative(root: Path, file: Path) -> str:
    try:
        return str(file.relative_to(root))
    except ValueError:
        return str(file)

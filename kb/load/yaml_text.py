"""Stage 1 (load): read YAML files into plain data while remembering where every value stands.

PyYAML's composer gives a node tree with positions; we turn it into dicts, lists and scalars
ourselves so that we can report duplicate keys and refuse tags that construct objects,
instead of letting a loader silently keep the last key or build arbitrary Python objects.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..model.document import Document, JsonPath, Position
from ..model.problems import Problem, os_error_text

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_MAX_NODES = 200_000  # protects against alias bombs
MAX_DEPTH = 40  # nesting levels of lists and blocks; real content uses about ten
MAX_BYTES = 1_000_000  # the longest content file is about 60 kB
_OPENERS, _CLOSERS = "[{", "]}"


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _pos(node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    def __init__(self, doc: Document):
        self.doc = doc
        self.scalars = SafeConstructor()
        self.count = 0

    def convert(self, node, path: JsonPath, ancestors: frozenset):
        self.count += 1
        if self.count > _MAX_NODES:
            raise _TooLarge()
        if len(ancestors) > MAX_DEPTH:
            raise _TooDeep(_pos(node))
        self.doc.values[path] = _pos(node)
        if node.tag not in _STANDARD_TAGS:
            self.doc.problems.append(
                Problem(
                    self.doc.path,
                    *_pos(node),
                    f"YAML-tag '{_short_tag(node.tag)}' is niet toegestaan. Haal de tag weg en schrijf de waarde "
                    "als gewone tekst, getal, lijst of veld.",
                )
            )
            return None
        if id(node) in ancestors:
            self.doc.problems.append(
                Problem(
                    self.doc.path,
                    *_pos(node),
                    "Een YAML-verwijzing (alias) verwijst naar zichzelf. Schrijf de waarde uit.",
                )
            )
            return None
        if isinstance(node, ScalarNode):
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value  # keep dates exactly as written
            if node.style in ("|", ">"):
                self.doc.text[path] = (node.start_mark.line + 1, node.style)
            try:
                return self.scalars.construct_object(node, deep=True)
            except (ValueError, OverflowError):  # e.g. a number of thousands of digits
                self.doc.problems.append(
                    Problem(
                        self.doc.path,
                        *_pos(node),
                        "Deze waarde is geen bruikbaar getal (te lang of onleesbaar). "
                        "Schrijf een gewoon getal, of zet tekst tussen aanhalingstekens.",
                    )
                )
                return None
        inner = ancestors | {id(node)}
        if isinstance(node, SequenceNode):
            return [self.convert(child, path + (i,), inner) for i, child in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _STANDARD_TAGS:
                self.doc.problems.append(
                    Problem(self.doc.path, *_pos(key_node), "Een veldnaam moet gewone tekst zijn.")
                )
                continue
            key = key_node.value
            if key in first_seen:
                self.doc.problems.append(
                    Problem(
                        self.doc.path,
                        *_pos(key_node),
                        f"Het veld '{key}' staat twee keer in hetzelfde blok (eerder op regel {first_seen[key]}). "
                        "Voeg de twee samen of verwijder er één; anders gaat er tekst verloren.",
                    )
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.doc.keys[path + (key,)] = _pos(key_node)
            result[key] = self.convert(value_node, path + (key,), inner)
        return result


class _TooLarge(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, position: Position):
        super().__init__()
        self.position = position


def _too_deep_message() -> str:
    return (
        f"De velden en lijsten zijn hier dieper dan {MAX_DEPTH} niveaus genest. Dat is geen echte inhoud; "
        "controleer de inspringing en de haakjes."
    )


def nesting_problem(text: str, path: str) -> Problem | None:
    """A cheap upper bound of the nesting depth, checked before any parser runs: libyaml's composer recurses in C and
    crashes the process on very deep nesting, and Python's runs out of stack. Counts open brackets and, per line,
    the indentation plus leading '- ' and '? ' markers (each of which opens a level)."""
    depth = 0
    # Speed: with no more opening brackets in the whole text than MAX_DEPTH, no bracket can be too deep.
    brackets = sum(text.count(opener) for opener in _OPENERS) > MAX_DEPTH
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" ")
        markers = 0
        while stripped[:2] in ("- ", "? "):
            stripped = stripped[2:].lstrip(" ")
            markers += 1
        if (len(line) - len(stripped)) // 2 + markers > MAX_DEPTH * 2:
            return Problem(path, number, 1, _too_deep_message())
        if not brackets:
            continue
        for column, char in enumerate(line, 1):
            if char in _OPENERS:
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(path, number, column, _too_deep_message())
            elif char in _CLOSERS and depth:
                depth -= 1
    return None


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml: about 10x faster (see bench/run.py)


def _compose(text: str):
    """The node tree of a YAML text. Valid files go through libyaml; a file with an error is parsed again by the
    pure-Python parser, whose error messages _syntax_message translates."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except (yaml.YAMLError, UnicodeEncodeError):  # libyaml cannot even take text with a lone surrogate
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load_yaml_text(text: str, path: str) -> Document:
    """Parse YAML text; syntax errors, tags and duplicate keys become problems, never exceptions."""
    doc = Document(path)
    too_deep = nesting_problem(text, path)
    if too_deep is not None:
        doc.problems.append(too_deep)
        return doc
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        doc.problems.append(Problem(path, line, column, _syntax_message(error)))
        return doc
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, e.g. a NUL byte
        line, column = position_of(text, error.position)
        doc.problems.append(
            Problem(
                path,
                line,
                column,
                f"Hier staat een onzichtbaar stuurteken "
                f"(U+{error.character:04X}) dat niet in tekst hoort. "
                "Verwijder het (het komt vaak mee bij kopiëren en plakken).",
            )
        )
        return doc
    except yaml.YAMLError as error:  # errors without a position
        doc.problems.append(Problem(path, 1, 1, f"Dit is geen geldige YAML: {error}"))
        return doc
    except RecursionError:
        doc.problems.append(Problem(path, 1, 1, _too_deep_message()))
        return doc
    if node is None:
        doc.problems.append(Problem(path, 1, 1, "Het bestand is leeg. Vul de velden in (zie CONTRIBUTING.md)."))
        return doc
    try:
        doc.data = _Converter(doc).convert(node, (), frozenset())
    except _TooLarge:
        doc.problems.append(
            Problem(path, 1, 1, "Het bestand is te groot of bevat te veel YAML-verwijzingen (aliassen).")
        )
    except _TooDeep as error:
        doc.problems.append(Problem(path, *error.position, _too_deep_message()))
    return doc


def position_of(text: str, offset: int) -> Position:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_text(file: Path, shown: str) -> tuple[str | None, Problem | None]:
    """The text of a content file, or the problem that stops it being read: only regular files (no folder, pipe or
    device, no link to a file elsewhere), at most MAX_BYTES, in UTF-8. A byte order mark is dropped and Windows line
    ends become plain ones, so line numbers stay true."""
    try:
        if file.is_symlink() or not file.is_file():
            return None, Problem(
                shown,
                1,
                1,
                "Dit is geen gewoon bestand (maar een link, map, pipe of apparaat). "
                "Zet hier alleen gewone tekstbestanden neer.",
            )
        size = file.stat().st_size
        if size > MAX_BYTES:
            return None, Problem(
                shown,
                1,
                1,
                f"Het bestand is te groot ({size // 1000} kB; de grens is "
                f"{MAX_BYTES // 1000} kB). Splits de inhoud over meer bestanden.",
            )
        data = file.read_bytes()
    except OSError as error:
        return None, Problem(shown, 1, 1, f"Het bestand kan niet gelezen worden ({os_error_text(error)}).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, Problem(
            shown, line, 1, f"Het bestand is niet als UTF-8 opgeslagen (byte {error.start}). Sla het op als UTF-8."
        )
    return text.removeprefix("\ufeff").replace("\r\n", "\n"), None


def load_yaml_file(file: Path, display_path: str | None = None) -> Document:
    shown = display_path or str(file)
    text, problem = read_text(file, shown)
    if problem is not None:
        return Document(shown, problems=[problem])
    return load_yaml_text(text, shown)


_SYNTAX_HINTS = {
    "mapping values are not allowed here": (
        "Er staat een dubbele punt met spatie (': ') midden in een tekst. Zet de hele tekst tussen aanhalingstekens."
    ),
    "found character '\\t' that cannot start any token": "Er staat een tab. Gebruik spaties om in te springen.",
    "could not find expected ':'": (
        "Een regel mist de dubbele punt na de veldnaam, of een tekst loopt over meer regels zonder '|-'."
    ),
    "found undefined alias": (
        "Een '*' aan het begin van een waarde betekent in YAML een verwijzing. Zet de tekst tussen aanhalingstekens."
    ),
    "expected <block end>, but found": (
        "De inspringing klopt niet. Controleer of de regels onder elkaar even ver inspringen."
    ),
    "did not find expected key": "De inspringing klopt niet, of een lijstregel ('- ') staat op de verkeerde plek.",
    "found unexpected end of stream": "Een aanhalingsteken wordt niet gesloten.",
    "expected a single document": ("Het bestand bevat meer dan één YAML-document ('---'). Gebruik er één per bestand."),
    "found character '@' that cannot start any token": (
        "Een waarde mag niet met '@' of '`' beginnen. Zet de tekst tussen aanhalingstekens."
    ),
    "found character '`' that cannot start any token": (
        "Een waarde mag niet met '@' of '`' beginnen. Zet de tekst tussen aanhalingstekens."
    ),
}


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    for needle, hint in _SYNTAX_HINTS.items():
        if needle in problem or needle in (error.context or ""):
            return f"Dit is geen geldige YAML. {hint}"
    return (
        f"Dit is geen geldige YAML ({problem}). Controleer aanhalingstekens, dubbele punten en inspringing op deze "
        "regel."
    )


def load_file(file: Path, display_path: str) -> Document:
    """A .yml file, or a .md file whose YAML front matter becomes the data and whose body becomes `tekst`."""
    if file.suffix != ".md":
        return load_yaml_file(file, display_path)
    text, problem = read_text(file, display_path)
    if problem is not None:
        return Document(display_path, problems=[problem])
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in [line.strip() for line in lines[1:]]:
        return Document(
            display_path,
            problems=[
                Problem(
                    display_path,
                    1,
                    1,
                    "Het bestand moet beginnen met een blok velden tussen twee regels '---' (front matter).",
                )
            ],
        )
    end = 1 + [line.strip() for line in lines[1:]].index("---")
    # Keep line numbers true to the file: blank lines stand in for the opening '---'.
    doc = load_yaml_text("\n" + "\n".join(lines[1:end]), display_path)
    if doc.problems or not isinstance(doc.data, dict):
        return doc
    body = "\n".join(lines[end + 1 :])
    if "tekst" in doc.data:
        doc.problems.append(
            doc.problem(
                ("tekst",),
                "Het veld 'tekst' is de tekst onder de front matter; haal het uit het blok velden.",
                key=True,
            )
        )
    doc.data["tekst"] = body
    doc.values[("tekst",)] = (end + 2, 1)
    doc.text[("tekst",)] = (end + 1, "|")
    return doc

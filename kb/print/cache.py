"""Keep card PDFs between builds, per set: a set whose cards did not change is not laid out again.

The key of a set (or single card, or the alignment sheet) is a hash of exactly what is printed:
every face's template and values, the titles and file names, the site address, and the print
code, templates, styles and fonts themselves (and the WeasyPrint version). Any change gives a new
key and a fresh build, so nothing stale is ever reused; changing one werkkaart rebuilds only the
sets that hold it. The draaiboek PDFs (kb/sessies/pdf.py) are kept here too, keyed by their page and styles.
Location: $KB_KAARTEN_CACHE, else $XDG_CACHE_HOME/kennisbank/kaarten, else ~/.cache/kennisbank/kaarten (also the
folder CI keeps between runs). KB_KAARTEN_CACHE=uit always builds everything.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .pdf import FONTS_DIR, PRINT_DIR

KEEP_DAYS = 14  # entries not used for this long are removed


@dataclass
class PdfFile:
    path: str  # inside the site, e.g. kaarten/werkkaarten-thuis.pdf
    content: bytes
    pages: int
    profile: str  # "drukker" or "thuis"

    @property
    def size(self) -> int:
        return len(self.content)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the print code, templates, styles and fonts, and the WeasyPrint version (from its package metadata:
    importing WeasyPrint takes a second, and a build whose PDFs all come from the cache does not need it)."""
    digest = hashlib.sha256(importlib.metadata.version("weasyprint").encode())
    for folder in (PRINT_DIR, FONTS_DIR):
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(folder)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def fingerprint(*parts) -> str:
    digest = hashlib.sha256(code_version().encode())
    digest.update(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()[:32]


class Store:
    def __init__(self, folder: Path | None):
        self.folder = folder

    @classmethod
    def from_environment(cls) -> Store:
        setting = os.environ.get("KB_KAARTEN_CACHE")
        if setting == "uit":
            return cls(None)
        if setting:
            return cls(Path(setting))
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return cls(Path(base) / "kennisbank" / "kaarten")

    def get(self, key: str, paths: set[str], extra_keys: tuple[str, ...] = ()) -> tuple[list[PdfFile], dict] | None:
        """The cached PDFs for a key, only if they are exactly what was stored: every file listed with its hash, the
        hashes match, the files are PDFs for the expected paths and the extra data has the expected keys. Anything
        else (a damaged or hand-edited entry) counts as a miss, so the set is built again."""
        if self.folder is None:
            return None
        entry = self.folder / key
        try:
            manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
            files = []
            for listed in manifest["files"]:
                content = (entry / Path(listed["file"]).name).read_bytes()
                if hashlib.sha256(content).hexdigest() != listed["sha256"] or not content.startswith(b"%PDF-"):
                    return None
                files.append(PdfFile(listed["path"], content, int(listed["pages"]), listed["profile"]))
            extra = manifest["extra"]
            if (
                {pdf.path for pdf in files} != paths
                or not isinstance(extra, dict)
                or not all(key in extra for key in extra_keys)
            ):
                return None
            os.utime(entry)
            return files, extra
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, files: list[PdfFile], extra: dict) -> None:
        if self.folder is None:
            return
        entry = self.folder / key
        temporary = self.folder / f".{key}.{os.getpid()}"
        try:
            shutil.rmtree(temporary, ignore_errors=True)
            temporary.mkdir(parents=True)
            listed = []
            for number, pdf in enumerate(files):
                (temporary / f"{number}.pdf").write_bytes(pdf.content)
                listed.append(
                    {
                        "path": pdf.path,
                        "pages": pdf.pages,
                        "profile": pdf.profile,
                        "file": f"{number}.pdf",
                        "sha256": hashlib.sha256(pdf.content).hexdigest(),
                    }
                )
            (temporary / "manifest.json").write_text(json.dumps({"files": listed, "extra": extra}), encoding="utf-8")
            shutil.rmtree(entry, ignore_errors=True)
            temporary.rename(entry)
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)  # a cache that cannot be written only costs time

    def prune(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        limit = time.time() - KEEP_DAYS * 86400
        for entry in self.folder.iterdir():
            try:
                if entry.stat().st_mtime < limit:
                    shutil.rmtree(entry, ignore_errors=True)
            except OSError:
                pass

"""Every kind of content in the kennisbank, registered in one place.

Adding a kind of item = one ContentType in ITEM_TYPES below, a schema in schemas/<name>.schema.json, a page
template in kb/site/templates/<name>.md, a starter file in kb/sjablonen/ and an overview page in docs/<plural>/.
Everything else (loading, checking, the site's pages and search, watching files in `make serve`, the pre-commit
hook) reads this registry. Top-level fields named after a type's plural (for example `werkkaarten:`) are
references to items of that type; the checker resolves them and the site links them both ways.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
SCHEMA_DIR = PROJECT_DIR / "schemas"


@dataclass(frozen=True)
class ContentType:
    name: str  # werkkaart, spanningsveld, ...
    plural: str  # also the folder in the repository and in the site
    code: str  # short code prefix printed on cards (WK3, SV4)
    label: str  # Dutch label for readers
    heading: str  # Dutch heading for a list of these items ("Werkkaarten")
    suffix: str = ".yml"  # ".md" for Markdown files with YAML front matter
    coded: bool = True  # links and titles show the code (WK3); False for types without cards
    browsable: bool = True  # listed per audience and situation (situations and terms are ways in, not the goal)

    @property
    def schema(self) -> str:
        return f"{self.name}.schema.json"


WERKKAART = ContentType("werkkaart", "werkkaarten", "WK", "Werkkaart", "Werkkaarten")
SPANNINGSVELD = ContentType("spanningsveld", "spanningsvelden", "SV", "Spanningsveld", "Spanningsvelden")
# Source material around the cards: cases, question sets, building blocks, glossary terms and situations.
CASUS = ContentType("casus", "casussen", "CA", "Casus", "Casussen", ".md", coded=False)
VRAGENSET = ContentType("vragenset", "vragensets", "VS", "Vragenset", "Vragensets", coded=False)
BOUWSTEEN = ContentType("bouwsteen", "bouwstenen", "BS", "Bouwsteen", "Bouwstenen", coded=False)
BEGRIP = ContentType("begrip", "begrippen", "BG", "Begrip", "Begrippen", coded=False, browsable=False)
SITUATIE = ContentType("situatie", "situaties", "SI", "Situatie", "Situaties", coded=False, browsable=False)
ITEM_TYPES: tuple[ContentType, ...] = (WERKKAART, SPANNINGSVELD, CASUS, VRAGENSET, BOUWSTEEN, BEGRIP, SITUATIE)
BY_NAME = {t.name: t for t in ITEM_TYPES}
BY_PLURAL = {t.plural: t for t in ITEM_TYPES}
# The fields of a casus question group that name where its questions come from.
QUESTION_ORIGINS = {"spanningsveld": SPANNINGSVELD, "werkkaart": WERKKAART, "vragenset": VRAGENSET}
# Besides type plurals, werkkaarten refer to each other with `verwijzingen`.
REFERENCE_FIELDS = {**BY_PLURAL, "verwijzingen": WERKKAART}

# Files that are not items but are read and checked with them.
BRONNEN_FILE = "bronnen.yml"
BRONNEN_SCHEMA = "bronnen.schema.json"
SESSIONS_FOLDER, SESSION_SCHEMA = "sessies", "sessie.schema.json"
KAARTSETS_FOLDER, KAARTSET_SCHEMA = "kaartsets", "kaartset.schema.json"
REDIRECTS_FILE = "redirects.yml"
REGISTRY_FILE = "permalinks.yml"
# Everything a contributor edits: `make serve` watches these and the pre-commit hook runs `make check` on them.
CONTENT_PATHS = (
    *(t.plural for t in ITEM_TYPES),
    SESSIONS_FOLDER,
    KAARTSETS_FOLDER,
    BRONNEN_FILE,
    REDIRECTS_FILE,
    REGISTRY_FILE,
    "schemas",
)

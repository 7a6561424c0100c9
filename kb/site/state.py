"""The collection loaded for the current MkDocs build, shared by the hook and the macros.

The hook loads and checks the content once per build (in on_config) and stores it here;
macros on hand-written pages read it instead of loading the files a second time.
"""

from __future__ import annotations

from ..model.collection import Collection

_current: Collection | None = None
new_urls: list[str] = []  # pages published for the first time in this build
redirects: dict[str, str] = {}  # old URL -> current URL, written as static redirect pages


def set_current(collection: Collection) -> None:
    global _current
    _current = collection


def current() -> Collection:
    if _current is None:
        raise RuntimeError("De inhoud is nog niet geladen: de hook hooks/kennisbank.py moet in mkdocs.yml staan.")
    return _current

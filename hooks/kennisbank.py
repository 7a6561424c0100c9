"""MkDocs hook: loads and checks the content, adds one generated page per item, writes api/index.json.

All logic lives in the kb package; this file only connects it to MkDocs events.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from kb import build_state
from kb.check import load_collection
from kb.feed import index_json
from kb.render import item_pages

log = logging.getLogger("mkdocs.hooks.kennisbank")


def on_config(config):
    root = Path(config.config_file_path).parent
    collection, problems = load_collection(root)
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"De inhoud bevat {len(problems)} fout(en); zie hierboven of draai 'make check'.")
    build_state.set_current(collection)
    return config


def on_files(files, config):
    collection = build_state.current()
    for page in item_pages(collection):
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    files.append(File.generated(config, "api/index.json", content=index_json(collection)))
    return files

"""MkDocs hook: loads and checks the content, adds one generated page per item, a short link page per printed card
(k/wk1/index.html), api/index.json and redirects.

All logic lives in the kb package; this file only connects it to MkDocs events.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from kb.check.collection import load_collection
from kb.check.permalinks import check_permalinks, short_link_problems, short_links
from kb.model.addresses import has_short_link, printed_short_link, short_url
from kb.model.types import BY_NAME, CONTENT_PATHS
from kb.site import state as build_state
from kb.site.feed import index_json
from kb.site.pages import item_pages
from kb.site.permalinks import record_new_urls, redirect_page, short_link_page
from kb.site.schema_reference import reference_markdown
from kb.site.templating import bytecode_cache

log = logging.getLogger("mkdocs.hooks.kennisbank")


def _fail(problems):
    for problem in problems:
        log.error(str(problem))
    raise PluginError(f"De inhoud bevat {len(problems)} fout(en); zie hierboven of draai 'make check'.")


def on_serve(server, config, builder):
    """`make serve` rebuilds when any content file changes: the folders come from the registry (kb/model/types.py)."""
    root = Path(config.config_file_path).parent
    for name in CONTENT_PATHS:
        if (root / name).exists():
            server.watch(str(root / name))
    return server


def on_config(config):
    collection, problems = load_collection(Path(config.config_file_path).parent)
    problems = problems or short_link_problems(collection, Path(config.docs_dir))
    if problems:
        _fail(problems)
    build_state.set_current(collection)
    return config


def on_env(env, config, files):
    """The theme's templates are compiled once and kept (kb/site/templating.py: bytecode_cache)."""
    env.bytecode_cache = env.bytecode_cache or bytecode_cache()
    return env


def on_files(files, config):
    collection = build_state.current()
    for page in item_pages(collection):
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    for item in short_links(collection).values():
        path, content = short_link_page(item)
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, "api/index.json", content=index_json(collection)))
    files.append(File.generated(config, "bijdragen/velden.md", content=reference_markdown()))
    return files


def on_nav(nav, config, files):
    """Permanent links, checked once every plugin has added its pages: no registered URL may disappear."""
    current = {file.url for file in files.documentation_pages()} | set(short_links(build_state.current()))
    redirects, new_urls, problems = check_permalinks(build_state.current().root, current)
    if problems:
        _fail(problems)
    build_state.redirects, build_state.new_urls = redirects, new_urls
    return nav


def on_page_markdown(markdown, page, config, files):
    """An item page with a card shows its short link next to the permanent link (overrides/item.html)."""
    content_type = BY_NAME.get(page.meta.get("kb_type", ""))
    item = build_state.current().get(content_type, page.meta.get("kb_id", "")) if content_type else None
    if item is not None and has_short_link(item):
        page.meta["kb_korte_link"] = {
            "url": short_url(config.site_url, item),
            "tekst": printed_short_link(config.site_url, item),
        }
    return markdown


def on_post_build(config):
    site_dir = Path(config.site_dir).resolve()
    for old, new in build_state.redirects.items():
        target = (site_dir / old).resolve()
        if not target.is_relative_to(site_dir):  # kb/check/permalinks.py refuses such addresses; never write there
            raise PluginError(f"redirects.yml: '{old}' ligt buiten de site; de doorverwijzing is niet geschreven.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_page(old, new), encoding="utf-8")
    record_new_urls(build_state.current().root, build_state.new_urls)

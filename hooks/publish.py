"""MkDocs hook: reproducible build date and the offline copy (download/kennisbank-offline.zip).

All logic lives in kb.build_date and kb.offline; this file only connects it to MkDocs events.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kb.site.build_date import pin_build_date
from kb.site.offline import ZIP_PATH, write_offline_zip

_epoch: int | None = None


def on_config(config):
    global _epoch
    _epoch = pin_build_date(Path(config.config_file_path).parent)
    return config


def on_files(files, config):
    # A placeholder, so that Markdown links to the zip are validated like any other link; filled after the build.
    files.append(File.generated(config, ZIP_PATH, content=b""))
    return files


@event_priority(-200)  # after the search plugin and the offline plugin (-100) have written the search index
def on_post_build(config):
    write_offline_zip(Path(config.site_dir), config.site_url or "", _epoch)

"""MkDocs hook: a build for publishing refuses the placeholder site address, the reproducible build date and the
offline copy (download/kennisbank-offline.zip).

All logic lives in kb.model.addresses, kb.site.build_date and kb.site.offline; this file only connects it to MkDocs
events.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kb.model.addresses import placeholder_refusal
from kb.model.problems import os_error_text
from kb.site.build_date import pin_build_date
from kb.site.offline import ZIP_PATH, write_offline_zip

_epoch: int | None = None


@event_priority(100)  # first of all hooks and plugins: nothing is loaded, checked or written before this
def on_config(config):
    """KB_PUBLICEREN=1 with a placeholder SITE_URL stops here with one Dutch line (a local build stays a proof)."""
    refusal = placeholder_refusal(config.site_url or "")
    if refusal:
        raise PluginError(refusal)
    global _epoch
    _epoch = pin_build_date(Path(config.config_file_path).parent)
    return config


def on_pre_build(config):
    """Fail with one clear line, before anything is written, when the output folder cannot be written."""
    site_dir = Path(config.site_dir)
    probe = site_dir / f".schrijftest-{os.getpid()}"
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"x" * 65536)
        probe.unlink()
    except OSError as error:
        raise PluginError(
            f"{site_dir}: de site kan hier niet geschreven worden ({os_error_text(error)}). Kies een map "
            "waarin je mag schrijven (mkdocs build -d MAP) of maak ruimte vrij."
        ) from None


def on_files(files, config):
    # A placeholder, so that Markdown links to the zip are validated like any other link; filled after the build.
    files.append(File.generated(config, ZIP_PATH, content=b""))
    return files


@event_priority(-200)  # after the search plugin and the offline plugin (-100) have written the search index
def on_post_build(config):
    write_offline_zip(Path(config.site_dir), config.site_url or "", _epoch)

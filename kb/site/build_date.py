"""One build date per commit, so that two builds of the same commit give identical files.

MkDocs writes the build date into sitemap.xml (<lastmod>) and sitemap.xml.gz (gzip header) and honours the
SOURCE_DATE_EPOCH convention (https://reproducible-builds.org/specs/source-date-epoch/). We set it to the time of
the last commit unless the caller already set it. Outside a git checkout it stays unset: MkDocs then uses today.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

VARIABLE = "SOURCE_DATE_EPOCH"


def last_commit_epoch(root: Path) -> int | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return int(value) if result.returncode == 0 and value.isdigit() else None


def pin_build_date(root: Path) -> int | None:
    """Set SOURCE_DATE_EPOCH from git if unset; returns the epoch in force (None: today's date is used)."""
    if os.environ.get(VARIABLE, "").isdigit():
        return int(os.environ[VARIABLE])
    epoch = last_commit_epoch(root)
    if epoch is not None:
        os.environ[VARIABLE] = str(epoch)
    return epoch

"""A fingerprint of everything a build of the site reads, so the tests can reuse the site that `make build` made.

`make build` writes the fingerprint of the sources it started from next to the venv (`.venv/.site-stamp`), and
only after the build succeeded. The `site` fixture (conftest.py) uses site/ only when that stamp equals the
fingerprint of the sources as they are now; otherwise it builds the site itself. Anything that could change the
output is in the fingerprint: every file of the project except the ones a build never reads (the same list a
scratch project leaves out, see conftest.py), the time of the last commit (the build date), the environment
variables the build looks at, and the Python version and installed packages.

Run as a script (`python tests/site_stamp.py`) it prints the fingerprint of the project it lives in.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = ROOT / ".venv" / ".site-stamp"
# Never read by a build; a scratch project copies all of the repository except these.
NOT_INPUTS = {
    ".git",
    ".venv",
    "site",
    "tests",
    "dist",
    "bench-out",
    ".pytest_cache",
    ".ruff_cache",
    "__pycache__",
    ".cache",
    ".github",
    "deploy",
}
ENVIRONMENT = ("SOURCE_DATE_EPOCH", "CI", "GITHUB_BASE_REF", "SITE_URL", "KB_PUBLICEREN")


def input_files(root: Path = ROOT):
    for entry in sorted(root.iterdir()):
        if entry.name in NOT_INPUTS or entry.name.endswith(".egg-info"):
            continue
        if entry.is_file():
            yield entry
        elif entry.is_dir():
            for path in sorted(entry.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    yield path


def last_commit(root: Path) -> str:
    """Hash and time of the last commit (the build date comes from it); empty outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%H %ct"], capture_output=True, text=True
        )
    except OSError:
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256()

    def add(*parts):
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode()
            digest.update(len(data).to_bytes(8, "big") + data)

    for path in input_files(root):
        add(path.relative_to(root).as_posix(), path.read_bytes())
    add("commit", last_commit(root))
    for name in ENVIRONMENT:
        add(name, os.environ.get(name, "\0"))
    add(sys.version)
    # Only the installed packages: sys.path differs between pytest and a script (the egg-info in the root).
    installed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    add(*sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions(path=sorted(installed))))
    return digest.hexdigest()


if __name__ == "__main__":
    print(fingerprint())

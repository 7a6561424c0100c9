"""Shared fixtures: the repository root, a fresh build of the real site, and scratch copies of the content."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Everything a build reads; a scratch project copies all of the repository except these.
NOT_COPIED = {".git", ".venv", "site", "tests", "dist", "bench-out", ".pytest_cache", "__pycache__", ".cache"}


def run(args, cwd=ROOT, local=False, **kwargs):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if local:  # a contributor's own machine, not CI: the build may record new URLs in permalinks.yml
        env.pop("CI", None)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, **kwargs)


def mkdocs_build(project: Path, site_dir: Path, local=False):
    return run([str(VENV_BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"),
                "-d", str(site_dir)], cwd=project, local=local)


def check(project: Path):
    return run([sys.executable, "-m", "kb.check", str(project)], cwd=ROOT)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def index(site) -> dict:
    return json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch copy of the project's content and configuration, safe to break."""
    for source in ROOT.iterdir():
        if source.name in NOT_COPIED or source.name.endswith(".egg-info"):
            continue
        if source.is_dir():
            shutil.copytree(source, tmp_path / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / source.name)
    return tmp_path

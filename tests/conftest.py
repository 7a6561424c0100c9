"""Shared fixtures: the repository root, the built real site, and scratch copies of the content."""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_stamp import NOT_INPUTS, STAMP, fingerprint

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Everything a build reads; a scratch project copies all of the repository except these.
NOT_COPIED = NOT_INPUTS


def run(args, cwd=ROOT, local=False, **kwargs):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if local:  # a contributor's own machine, not CI: the build may record new URLs in permalinks.yml
        env.pop("CI", None)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, **kwargs)


def mkdocs_build(project: Path, site_dir: Path, local=False):
    return run(
        [str(VENV_BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        local=local,
    )


def check(project: Path) -> subprocess.CompletedProcess:
    """`make check` on a project, in this process: what `python -m kb.check <map>` prints and its exit status.

    An exception inside the checker fails the test that called it, as a traceback from the command would.
    test_checker.py runs the real command line once, to show that it behaves the same.
    """
    from kb.check.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(project)])
    return subprocess.CompletedProcess(["kb.check", str(project)], status, out.getvalue(), err.getvalue())


def check_command(project: Path) -> subprocess.CompletedProcess:
    """The checker's command line (`python -m kb.check <map>`, as `make check` runs it) in its own process."""
    return run([sys.executable, "-m", "kb.check", str(project)], cwd=ROOT)


def shared(tmp_path_factory, name: str, make) -> tuple[Path, dict]:
    """A folder made once per test run, also when pytest-xdist spreads the tests over several processes.

    The first process to get here calls make(folder), which fills the folder and returns what the tests need to
    know about it (JSON); the others wait for it and get the same folder and answer. Tests must not change it.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by all workers of this run
    folder, answer = base / name, base / f"{name}.json"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not answer.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            answer.write_text(json.dumps(make(folder)), encoding="utf-8")
    return folder, json.loads(answer.read_text(encoding="utf-8"))


def completed(result: subprocess.CompletedProcess) -> dict:
    return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built with --strict: a copy of site/ if `make build` made it from the sources as they are now
    (see site_stamp.py), otherwise built here, once per test run."""

    def make(folder: Path) -> dict:
        if _copy_of_site_from_make_build(folder / "site"):
            return {"built": False}
        result = mkdocs_build(ROOT, folder / "site")
        return {"built": True, **completed(result)}

    folder, answer = shared(tmp_path_factory, "site", make)
    assert not answer["built"] or answer["returncode"] == 0, answer["stdout"] + answer["stderr"]
    return folder / "site"


def _stamp():
    try:
        return STAMP.read_text(encoding="utf-8").strip(), STAMP.stat()
    except FileNotFoundError:
        return None, None


def _site_from_make_build_is_current() -> bool:
    stamp, _ = _stamp()
    return stamp is not None and stamp == fingerprint(ROOT) and (ROOT / "site").is_dir()


def _copy_of_site_from_make_build(target: Path) -> bool:
    """Copy site/ if its stamp matches the current sources, and keep the copy only if no build ran meanwhile.

    `make build` removes the stamp before it builds and writes a new one afterwards, so a stamp that is still the
    same file after copying means the copy is one whole build. Copying (not using site/ itself) keeps the tests
    apart from a `make build` that starts while they run.
    """
    stamp, stat = _stamp()
    if stamp is None or stamp != fingerprint(ROOT) or not (ROOT / "site").is_dir():
        return False
    shutil.copytree(ROOT / "site", target)
    after, after_stat = _stamp()
    if after == stamp and (after_stat.st_ino, after_stat.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns):
        return True
    shutil.rmtree(target)
    return False


def pytest_report_header(config):
    if _site_from_make_build_is_current():
        return "site: de tests gebruiken een kopie van site/ (make build, bronnen ongewijzigd)"
    return "site: de tests bouwen de site zelf (geen site/ van make build met de huidige bronnen)"


@pytest.fixture(scope="session")
def index(site) -> dict:
    return json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))


def copy_project(target: Path) -> Path:
    """A scratch copy of the project's content and configuration in target, safe to break."""
    target.mkdir(parents=True, exist_ok=True)
    for source in ROOT.iterdir():
        if source.name in NOT_COPIED or source.name.endswith(".egg-info"):
            continue
        if source.is_dir():
            shutil.copytree(source, target / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / source.name)
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch copy of the project's content and configuration, safe to break."""
    return copy_project(tmp_path)


# --- one scratch build with a contributor's new items and several independent edits ---------------------------

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def scaffold(project, kind, title):
    """`make nieuw TYPE=kind TITEL=title` on a project."""
    return run([sys.executable, "-m", "kb.scaffold", kind, title, "--root", str(project)])


def fill_in_as_contributing_says(path):
    """Step 2 of CONTRIBUTING.md: replace every text that starts with VOORBEELD by real text."""
    assert "Vervang elke tekst die met `VOORBEELD` begint" in CONTRIBUTING
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"VOORBEELD ", "", text)
    path.write_text(text, encoding="utf-8")


# What a contributor adds in test_contribute.py: type -> (title, the file `make nieuw` makes).
CONTRIBUTED = {
    "werkkaart": ("Samen koffie drinken", "werkkaarten/samen-koffie-drinken.yml"),
    "casus": ("Een gezin met veel hulpverleners", "casussen/een-gezin-met-veel-hulpverleners.md"),
    "sessie": ("Korte tijdlijnsessie", "sessies/korte-tijdlijnsessie.yml"),
}


BRACES = 'Let op {{ config.site_name }} en {: onclick="x" } {% if %}'
BRACES_CARD = "kunst-inzetten"
RENAMED = ("andere-taal-gebruiken", "een-andere-taal-gebruiken")


SCRIPT = "alert(document.domain)"
# Attribute lists, quote break-outs and look-alike HTML, each in a field that reaches a different page or head.
HOSTILE = {
    "kaartsets/leerbijeenkomst-casus.yml": [
        ('titel: "Voorbeeld van een eigen set', f'titel: "Voorbeeld {{: onmouseover={SCRIPT} }} van een eigen set'),
        ("beschrijving: >-\n", f"beschrijving: >-\n  Kijk {{: .md-button onclick={SCRIPT} }} hier.\n"),
    ],
    "werkkaarten/fasen-samen-leren.yml": [
        (
            "  - titel: Het gezamenlijke gevoel van urgentie",
            f"  - titel: 'Het gezamenlijke gevoel van urgentie {{#x onclick={SCRIPT}}}'",
        ),
    ],
    "werkkaarten/geno-sociogram-maken.yml": [
        ("titel: Een geno-sociogram maken", f"titel: 'Een geno-sociogram maken {{: onclick={SCRIPT} }}'"),
    ],
    "sessies/gesprek-jongere-droom.yml": [
        (
            "samenvatting: >-\n",
            'samenvatting: >-\n  Vooraf" http-equiv="refresh" content="0;url=https://evil.example/" x="\n',
        ),
        (
            'titel: "Gesprek met een jongere: vragen naar de droom"',
            'titel: \'Gesprek met een jongere" onmouseover="' + SCRIPT + '" x="\'',
        ),
    ],
    "casussen/denise.md": [
        ("titel: Denise en haar moeder", 'titel: "Denise & haar moeder \' \\" {: onclick=x }"'),
    ],
}


def write_hostile(project: Path) -> None:
    """HOSTILE into the content of a project (test_hostile_pages.py)."""
    for path, changes in HOSTILE.items():
        text = (project / path).read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, f"{old!r} staat niet in {path}"
            text = text.replace(old, new, 1)
        (project / path).write_text(text, encoding="utf-8")


def write_braces(project: Path, card_id: str = BRACES_CARD) -> None:
    """Template, attribute-list and tag syntax in a werkkaart's summary and introduction (test_site.py)."""
    card = project / "werkkaarten" / f"{card_id}.yml"
    data = yaml.safe_load(card.read_text(encoding="utf-8"))
    data["samenvatting"] = BRACES
    data["inleiding"] = BRACES
    card.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def rename(project: Path, old: str, new: str) -> None:
    """Rename werkkaart old to new: file and id; references follow (test_contribute.py)."""
    source = project / "werkkaarten" / f"{old}.yml"
    text = source.read_text(encoding="utf-8").replace(f"id: {old}", f"id: {new}", 1)
    (project / "werkkaarten" / f"{new}.yml").write_text(text, encoding="utf-8")
    source.unlink()
    # References follow the rename (lists, and `werkkaart: id` in sets/sessions); casussen are Markdown files.
    for file in [*project.glob("*/*.yml"), *project.glob("casussen/*.md")]:
        file.write_text(
            re.sub(rf"(- |werkkaart: ){old}$", rf"\g<1>{new}", file.read_text(encoding="utf-8"), flags=re.M),
            encoding="utf-8",
        )


def redirect(project: Path, old_url: str, new_url: str) -> None:
    (project / "redirects.yml").write_text(
        f"doorverwijzingen:\n  - van: {old_url}\n    naar: {new_url}\n", encoding="utf-8"
    )


@pytest.fixture(scope="session")
def scratch_build(tmp_path_factory) -> tuple[Path, Path, dict]:
    """One scratch project with changes that do not touch each other, built once on a contributor's own machine
    (not CI: the build records new URLs in permalinks.yml); each test asserts only on what its own change should do:

    - steps 1-4 of CONTRIBUTING.md: a werkkaart, a casus and a sessie are made with `make nieuw`, checked, filled
      in, checked again and built (test_contribute.py);
    - werkkaart BRACES_CARD has template and markup syntax in its texts (test_site.py);
    - werkkaart RENAMED[0] is renamed to RENAMED[1], with a redirect from the old URL (test_contribute.py; not
      tijdlijn-maken, which the files of `make nieuw` name);
    - HOSTILE text in fields of other items, which `make check` accepts (browser/test_hostile_pages.py).

    Returns the project, its built site and what each step answered. One build instead of one per change.
    """

    def make(folder: Path) -> dict:
        project = copy_project(folder / "project")
        made = {kind: completed(scaffold(project, kind, title)) for kind, (title, _) in CONTRIBUTED.items()}
        unfilled = completed(check(project))  # before filling in
        for _, path in CONTRIBUTED.values():
            fill_in_as_contributing_says(project / path)
        write_braces(project)
        rename(project, *RENAMED)
        redirect(project, f"werkkaarten/{RENAMED[0]}.html", f"werkkaarten/{RENAMED[1]}.html")
        write_hostile(project)
        checked = completed(check(project))  # plain text: content may hold it
        built = completed(mkdocs_build(project, folder / "site", local=True))
        return {"made": made, "unfilled": unfilled, "checked": checked, "built": built}

    folder, steps = shared(tmp_path_factory, "scratch", make)
    return folder / "project", folder / "site", steps


@pytest.fixture(scope="session")
def edited_site(scratch_build) -> Path:
    """The site of the scratch build, which must have passed the checker and built."""
    _, site, steps = scratch_build
    for step in ("checked", "built"):
        assert steps[step]["returncode"] == 0, steps[step]["stdout"] + steps[step]["stderr"]
    return site


# --- one build for publishing at a real address, shared by the short-link and the print tests -------------------

PUBLISHED_HOST = "https://kennisbank.jeugdhulp-regio.nl/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """A scratch project built for publishing at a real address, as .github/workflows/publiceren.yml does
    (KB_PUBLICEREN=1, SITE_URL=PUBLISHED_HOST). One build for the short links on its pages (test_short_links.py)
    and for its card PDFs as the print shop gets them (test_card_print.py)."""

    def make(folder: Path) -> dict:
        project = copy_project(folder / "project")
        with pytest.MonkeyPatch.context() as env:
            env.setenv("KB_PUBLICEREN", "1")
            env.setenv("SITE_URL", PUBLISHED_HOST)
            return completed(mkdocs_build(project, folder / "site"))

    folder, result = shared(tmp_path_factory, "published", make)
    assert result["returncode"] == 0, result["stdout"] + result["stderr"]
    return folder / "site"

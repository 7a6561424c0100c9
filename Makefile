# Two commands on a fresh machine: `make build` (site with all outputs) and `make test` (everything).
VENV := .venv
export NO_MKDOCS_2_WARNING := 1
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed

.PHONY: build test check serve clean nieuw bench zoektest

$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

check: $(STAMP)
	$(PY) -m kb.check

build: check
	$(MKDOCS) build --strict

serve: $(STAMP)
	$(MKDOCS) serve

test: build
	$(PY) -m pytest

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

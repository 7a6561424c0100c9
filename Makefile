# Two commands on a fresh machine: `make build` (site with all outputs) and `make test` (everything).
VENV := .venv
export NO_MKDOCS_2_WARNING := 1
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed

.PHONY: build test check serve clean nieuw

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

clean:
	rm -rf site $(VENV)

# make nieuw TYPE=werkkaart TITEL="Samen een plan maken"
nieuw: $(STAMP)
	$(PY) -m kb.scaffold "$(TYPE)" "$(TITEL)"

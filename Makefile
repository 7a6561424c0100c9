# Two commands on a fresh machine: `make build` (site with all outputs) and `make test` (everything).
VENV := .venv
export NO_MKDOCS_2_WARNING := 1
# Python keeps the compiled form of each module it imports (__pycache__, ignored by git and by the site stamp), also
# where the environment says not to: without it every process compiles its modules again, and a build or test run
# starts some thirty Python processes (mkdocs builds of scratch projects, the checker): 0,6 s each for a build.
unexport PYTHONDONTWRITEBYTECODE
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed
# Fingerprint of the sources site/ was built from (tests/site_stamp.py); the tests reuse site/ only if it matches.
SITE_STAMP := $(VENV)/.site-stamp

.PHONY: build test check lint serve clean nieuw bench zoektest systeem systeem-build properdocs

# Debian/Ubuntu packages. Building needs Pango and HarfBuzz (WeasyPrint, the PDFs); the tests also need a browser,
# pdftotext (poppler-utils) and nginx (tests/test_publish.py). With KB_CHROMIUM pointing at another Chromium or
# Chrome (GitHub runners), Debian's headless Chromium (chromium-headless-shell) is not needed.
# python3-venv only where python3 cannot make a virtual environment (Debian's python3 without it).
BUILD_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	$(shell python3 -c 'import ensurepip' >/dev/null 2>&1 || echo python3-venv)
TEST_PACKAGES := $(BUILD_PACKAGES) poppler-utils nginx $(if $(KB_CHROMIUM),,chromium-headless-shell)

# Install the missing packages as root (apt-get); anyone else gets one line with the command to run. Machines
# without dpkg (not Debian or Ubuntu) are not checked.
define require_packages
@missing=""; \
if command -v dpkg-query >/dev/null 2>&1; then \
  for p in $(1); do \
    [ "$$(dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null)" = installed ] || missing="$$missing $$p"; \
  done; \
fi; \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" -eq 0 ]; then \
    echo "Systeempakketten installeren:$$missing"; \
    export DEBIAN_FRONTEND=noninteractive; \
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
  else \
    echo "Er ontbreken systeempakketten. Installeer ze eerst met: sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing" >&2; \
    exit 1; \
  fi; \
fi
endef

# --no-compile: Python compiles a module when it is first imported; compiling every installed file up front took
# a quarter of the installation time.
$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-compile -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-compile --no-deps -e .
	touch $(STAMP)

systeem-build:
	$(call require_packages,$(BUILD_PACKAGES))

systeem:
	$(call require_packages,$(TEST_PACKAGES))

check: $(STAMP)
	$(PY) -m kb.check

# Code style: ruff checks for mistakes and import order, and that all code is formatted (`ruff format` fixes that).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The stamp is computed before building and kept only when the build succeeds.
build: systeem-build check
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
test: systeem lint build
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

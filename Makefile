# The intranet's commands. `make help` lists them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the demo's links, feeds and sitemap use: the one the server runs on.
BASE_URL ?= http://$(HOST):$(PORT)
AXE_VERSION := 4.14.1
AXE_DIR := tests/browser/vendor

.DEFAULT_GOAL := help
.PHONY: help install install-dev messages run migrate demo test test-postgres test-reliability lint format bench clean vendor-axe wheel host-check

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-17s %s\n", $$1, $$2}'

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed messages ## Create .venv (Python 3.11) and install the requirements

install-dev: $(VENV)/.installed-dev messages ## The same, plus the test and lint tools

messages: $(VENV)/.installed ## Compile the interface's translations (intranet/locale) for Django
	$(PY) tools/compile_messages.py

migrate: install ## Bring the database up to date
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo content (safe to run again)
	BASE_URL=$(BASE_URL) $(PY) manage.py load_public_site
	BASE_URL=$(BASE_URL) $(PY) manage.py intranet_load_demo

run: demo ## Set everything up, load the demo and serve http://127.0.0.1:8000 (PORT=…)
	BASE_URL=$(BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev ## Run the whole test suite (browser tests need Debian's chromium)
	$(PY) -m pytest

test-postgres: install-dev ## Run the suite against PostgreSQL at 127.0.0.1:5432
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PY) -m pytest

test-reliability: install-dev ## Load the real server under faults (its own PostgreSQL, Redis, gunicorn) and print the figures
	$(PY) -m pytest -m reliability tests/reliability -q --tb=short

lint: install-dev ## Check code style, templates and migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check intranet/templates home/templates
	$(PY) manage.py makemigrations --check --dry-run

format: install-dev ## Format Python code and templates
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml intranet/templates home/templates

bench: install-dev ## Load the main pages under gunicorn against a bare-Django floor and nginx (ARGS=--fresh rebuilds the data)
	$(PY) bench/run.py $(ARGS)

wheel: install-dev ## Build the installable package (dist/wagtail_social_intranet-*.whl)
	rm -rf build dist
	$(PY) -m pip wheel --quiet --no-deps --wheel-dir dist .
	rm -rf build *.egg-info

host-check: wheel ## Install the wheel in a fresh `wagtail start` site as the README says, and check it
	tests/host/run dist/wagtail_social_intranet-*.whl

clean: ## Remove the virtual environment and local data (database, media)
	rm -rf $(VENV) var staticfiles build dist

vendor-axe: ## Refresh axe-core (AXE_VERSION) for the browser tests from the npm registry
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  (cd "$$tmp" && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && \
	   tar xzf axe-core-$(AXE_VERSION).tgz) && \
	  cp "$$tmp/package/axe.min.js" "$$tmp/package/LICENSE" $(AXE_DIR)/ && \
	  sed -i 's/^axe-core [0-9.]*,/axe-core $(AXE_VERSION),/' $(AXE_DIR)/README.md
	@head -1 $(AXE_DIR)/axe.min.js

# SPDX-License-Identifier: EUPL-1.2
# The two commands: `make demo` and `make test`. Nothing else needs to be prepared.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
PYTEST_ARGS ?=

.PHONY: demo test install install-dev lint migrations-check pytest worker beat clean docs-diagrams bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.install: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.install-dev: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e ".[dev,s3]"
	touch $(VENV)/.install $@

install: $(VENV)/.install
install-dev: $(VENV)/.install-dev

# Demo: SQLite file in var/, Celery eager, mails on the console, http://127.0.0.1:8000
demo: export DEBUG = 1
demo: export DATABASE_URL =
demo: export REDIS_URL =
demo: export SECURE_HTTPS = 0
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py charger_territoires --wet-run
	$(BIN)/python manage.py donnees_demo --wet-run
	$(BIN)/python manage.py comptes_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install-dev
	TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run

pytest: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint migrations-check pytest

worker: install
	$(BIN)/celery -A appropriation worker --loglevel=INFO

beat: install
	$(BIN)/celery -A appropriation beat --loglevel=INFO

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

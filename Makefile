# SPDX-License-Identifier: EUPL-1.2
# The two commands: `make demo` and `make test`. Nothing else needs to be prepared.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
PYTEST_ARGS ?=

.PHONY: demo test install install-dev lock lint migrations-check pytest worker beat clean docs-diagrams bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Installs come from the hashed lock files of requirements/ (two installs are the same
# install), then the project itself without resolving anything again.
$(VENV)/.install: pyproject.toml requirements/prod.txt | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements/prod.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.install-dev: pyproject.toml requirements/dev.txt | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements/dev.txt
	$(PIP) install --quiet --no-deps -e .
	touch $(VENV)/.install $@

install: $(VENV)/.install
install-dev: $(VENV)/.install-dev

# Refresh the lock files after a change of pyproject.toml: versions already pinned stay
# (only new or removed dependencies move); `make lock UPGRADE=1` takes the newest allowed.
# prod: the portal; s3: + object storage; dev: + tests, lint, s3; bench: dev + Locust.
LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" --annotation-style line \
	$(if $(UPGRADE),--upgrade)
lock: install-dev
	$(LOCK) -o requirements/prod.txt
	$(LOCK) --extra s3 -c requirements/prod.txt -o requirements/s3.txt
	$(LOCK) --extra dev --extra s3 -c requirements/prod.txt -o requirements/dev.txt
	$(LOCK) --extra dev --extra s3 --extra bench -c requirements/dev.txt -o requirements/bench.txt

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

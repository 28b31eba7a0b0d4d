# begeleid — the two commands a new user needs are `make demo` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export DJANGO_ALLOW_ASYNC_UNSAFE := true

.PHONY: demo test ci install assets browser messages lint format check clean bench loadtest

$(VENV)/.installed: pyproject.toml uv.lock
	@test -x $(PY) || { PYTHON=$$(scripts/find-python) && $$PYTHON -m venv $(VENV); }
	@$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(VENV)/bin/uv sync --locked --quiet --python $(PY)
	@touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@touch $@

assets: node_modules/.installed

browser:
	@scripts/ensure-chromium

messages: install
	$(PY) manage.py compilemessages --ignore ".venv" --ignore "node_modules" -v 0

## Run the product with demo data at http://127.0.0.1:$(PORT)
demo: install messages
	@mkdir -p var
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py seed_demo
	DEMO_MODE=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

## Run the whole test suite (unit, integration and browser tests)
## (on every core through pytest-xdist; PYTEST_WORKERS=0 runs it in one process)
PYTEST_WORKERS ?= auto
test: install messages assets browser
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## Everything CI checks (lint, migrations, deploy checks, translations, tests on SQLite and PostgreSQL)
ci:
	.ci/run

## Benchmark the key pages at S and M (docs/performance.md)
bench: install messages
	$(PY) manage.py bench --sizes S,M --json var/bench.json

## Load test at size M on PostgreSQL over loopback (docs/performance.md)
loadtest: install messages
	$(VENV)/bin/uv sync --locked --inexact --quiet --group load --python $(PY)
	loadtest/run.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles var

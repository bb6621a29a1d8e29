# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install setup test lint format check services clean

run: setup ## Build everything on the embedded default (SQLite) and serve it on 127.0.0.1:8000
	$(MANAGE) runserver $(HOST):$(PORT)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python ## Install the project, its tools and the design system
	$(BIN)/pip install --quiet -e ".[dev]"
	npm ci --no-audit --no-fund --silent

setup: install ## Migrate, build the site from the plan, create the development admin user
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_site
	$(MANAGE) ensure_dev_admin

test: install services lint check ## Install what the tests need, start PostgreSQL, run the whole suite
	$(BIN)/pytest
	DATABASE_URL="$$(bash scripts/postgres-url)" $(BIN)/pytest -m "not browser" -p no:cacheprovider

services: ## Start the PostgreSQL server the tests use (installs it with apt when missing)
	bash scripts/start-postgres

lint: install ## ruff (lint + format check) and djhtml for templates
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	find templates */templates -name '*.html' | xargs $(BIN)/djhtml --check

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	find templates */templates -name '*.html' | xargs $(BIN)/djhtml

check: install ## Django's system checks and no missing migrations
	DJANGO_SETTINGS_MODULE=kredsraad_site.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=kredsraad_site.settings.test $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles .pytest_cache .ruff_cache

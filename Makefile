# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install lock setup test test-load lint format check services clean audit audit-frontend screenshots screenshots-admin bench bench-search

run: setup ## Build everything on the embedded default (SQLite) and serve it on 127.0.0.1:8000
	$(MANAGE) runserver $(HOST):$(PORT)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python ## Install the locked dependencies, the project and the design system
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	npm ci --no-audit --no-fund --silent
	npm run --silent build

lock: $(BIN)/python ## Pin every dependency of pyproject.toml in requirements.lock (pip-tools)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --upgrade --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links -o requirements.lock pyproject.toml

setup: install ## Migrate, build the site from the plan, create the development admin user
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_site
	$(MANAGE) ensure_dev_admin

# The load and fault tests (tests/system/load, -m load) start gunicorn on throwaway databases of
# the PostgreSQL server and restart that server once; they run as a step of their own.
LOAD_TESTS = DATABASE_URL="$$(bash scripts/postgres-url)" REDIS_URL="$$(bash scripts/redis-url)" $(BIN)/pytest -m load -p no:cacheprovider -rA

test: install services lint check ## Install what the tests need, start PostgreSQL, run the whole suite
	REDIS_URL="$$(bash scripts/redis-url)" $(BIN)/pytest -m "not load"
	DATABASE_URL="$$(bash scripts/postgres-url)" REDIS_URL="$$(bash scripts/redis-url)" $(BIN)/pytest -m "not browser and not load" -p no:cacheprovider
	@echo "== Load and fault tests: gunicorn against PostgreSQL (tests/system/load) =="
	$(LOAD_TESTS)

test-load: install services ## Only the load and fault tests through gunicorn (about 4 minutes)
	$(LOAD_TESTS)

services: ## Start PostgreSQL and Redis; make sure Chromium and Varnish are there (apt installs what is missing)
	bash scripts/start-postgres
	bash scripts/start-redis
	bash scripts/ensure-packages /usr/bin/chromium chromium /usr/sbin/varnishd varnish \
		"$$(ldconfig -p | grep -o '/[^ ]*libpangoft2-1.0.so.0$$' | head -1)" libpangoft2-1.0-0

audit: install ## bandit, pip-audit, then the front-end audit (audit-frontend)
	BIN=$(BIN) bash scripts/audit
	$(MAKE) --no-print-directory audit-frontend

# The front end (about 3-4 minutes): the W3C Nu checker (npm vnu-jar on Debian's Java) on every
# page type, Lighthouse (npm, Debian's Chromium) on the main ones, against a throwaway copy of
# the site. Figures in $${AUDIT_DIR:-/tmp/kredsraad-frontend-audit}/report.md; docs/frontend.md.
audit-frontend: install ## Nu HTML checker 0 errors; Lighthouse a11y/best practices/SEO 100, CLS < 0.1
	bash scripts/ensure-packages /usr/bin/java default-jre-headless /usr/bin/chromium chromium
	$(BIN)/python scripts/frontend/audit.py

screenshots: install ## Every page type at 1280 and 390 px into $${SCREENSHOT_DIR:-/tmp/kredsraad-screenshots}
	bash scripts/ensure-packages /usr/bin/chromium chromium
	$(BIN)/python scripts/frontend/screenshots.py

# Benchmarks (not a test; about 10 minutes at BENCH_SECONDS=10, plus bakerydemo's set-up): SQL
# queries per page type, Varnish hits against nginx serving the same bytes, uncached req/s
# against wagtail/bakerydemo (BAKERYDEMO=path of a checkout; its venv is built with
# BAKERYDEMO_PYTHON, default python3.12), memory per gunicorn worker; all on 127.0.0.1. The
# figures are printed (and kept in /tmp/kredsraad-bench/run/report.md). BENCH_SECONDS per
# measurement (default 10), VCL (default deploy/varnish/default.vcl).
BENCH_SECONDS ?= 10
BAKERYDEMO ?=
BAKERYDEMO_PYTHON ?= python3.12
VCL ?=
bench: install ## Measure queries, Varnish against nginx, uncached against bakerydemo, memory
	@missing=""; \
	command -v varnishd >/dev/null || missing="$$missing varnish"; \
	command -v nginx >/dev/null || missing="$$missing nginx"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	if [ -n "$$missing" ]; then apt-get update -qq && apt-get install -y -qq $$missing; fi
	$(BIN)/python scripts/bench/run.py --seconds $(BENCH_SECONDS) \
		$(if $(VCL),--vcl "$(VCL)") \
		$(if $(BAKERYDEMO),--bakerydemo "$(BAKERYDEMO)" --bakerydemo-python "$(BAKERYDEMO_PYTHON)")

# The admin dashboard of every role, on a throwaway SQLite site with example data, photographed
# in Debian's Chromium (scripts/screenshots/dashboards.py); PNGs in screenshots/admin/.
screenshots-admin: install ## Screenshots of the admin dashboard as each role sees it
	$(BIN)/python scripts/screenshots/dashboards.py --out screenshots/admin

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

# Search benchmark (not a test; about 5-10 minutes per backend): latency p50/p95 and index build
# time at the setup_site site and with 10,000 generated pages; with BAKERYDEMO, also
# bakerydemo's /search/ (SQLite) beside the SQLite run. See docs/performance.md.
BENCH_ARGS ?=
bench-search: install ## Search latency at 10,000 pages: SQLite, and PostgreSQL when reachable
	$(BIN)/python scripts/bench/search_latency.py --backend sqlite $(BENCH_ARGS) \
		$(if $(BAKERYDEMO),--bakerydemo "$(BAKERYDEMO)" --bakerydemo-python "$(BAKERYDEMO_PYTHON)")
	@url="$$(bash scripts/postgres-url 2>/dev/null)"; \
	if [ -n "$$url" ] && $(BIN)/python -c 'import sys, psycopg; psycopg.connect(sys.argv[1]).close()' "$$url" 2>/dev/null; then \
		$(BIN)/python scripts/bench/search_latency.py --backend postgresql --postgres-url "$$url" $(BENCH_ARGS); \
	else \
		echo "PostgreSQL is not reachable (bash scripts/postgres-url; make services starts it): skipped"; \
	fi

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles .pytest_cache .ruff_cache

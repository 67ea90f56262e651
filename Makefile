# Redress: `make run` sets everything up and serves the app; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1
export HOST PORT

.PHONY: run test setup assets db demo lint typecheck bench clean test-sqlite test-postgres

$(BIN)/redress: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	@touch $@

build/static/redress/redress.css: node_modules/.installed assets/redress.scss
	npm run --silent build

setup: $(BIN)/redress node_modules/.installed build/static/redress/redress.css

assets: setup
	$(BIN)/redress collectstatic --noinput -v0

db: setup
	@mkdir -p var
	$(BIN)/redress migrate --noinput -v0
	$(BIN)/redress load_presets

demo: db
	$(BIN)/redress load_demo

# Serves the app and runs the background worker beside it; Ctrl-C stops both. A worker that
# exits for any reason is started again after a pause (WORKER_RESTART_PAUSE seconds).
WORKER_RESTART_PAUSE ?= 5
run: demo assets
	@$(BIN)/redress demo_credentials
	@echo "Serving on http://$(HOST):$(PORT)/"
	@trap 'kill 0' EXIT; \
	  ( while true; do $(BIN)/redress worker; \
	    echo "worker exited ($$?); restarting in $(WORKER_RESTART_PAUSE) s" >&2; \
	    sleep $(WORKER_RESTART_PAUSE); done ) & \
	  $(BIN)/gunicorn redress.wsgi:application --bind $(HOST):$(PORT) --worker-class gthread --workers 4 --threads 4 --access-logfile -

# Every test on SQLite, then again on PostgreSQL when DATABASE_URL names one.
test: setup
	@if [ ! -x /usr/bin/chromium ] && ! command -v chromium >/dev/null; then \
	  echo "Browser tests need Debian's Chromium: sudo apt-get install -y chromium"; exit 1; fi
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(MAKE) --no-print-directory test-sqlite
	@if [[ "$$DATABASE_URL" == postgres* ]]; then $(MAKE) --no-print-directory test-postgres; \
	  else echo "DATABASE_URL names no PostgreSQL database: PostgreSQL run skipped."; fi

# Two processes, one per core here; each test file stays in one process.
PYTEST_ARGS ?= -n 2 --dist loadfile -p no:cacheprovider

test-sqlite:
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres:
	@echo "== tests on PostgreSQL ($$DATABASE_URL) =="
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) node_modules var .pytest_cache

# Two commands: `make run` (app on SQLite with demo data) and `make test` (the whole suite);
# `make test-snel` runs the quick layers while working.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-snel lint system-deps clean catalogus

$(BIN)/hzw: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/hzw
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: $(BIN)/hzw
	$(BIN)/hzw db upgrade
	$(BIN)/hzw demo --als-leeg
	$(BIN)/hzw serve

system-deps:
	bash .ci/system-deps

lint: $(VENV)/.test-deps
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# Two processes (pytest-xdist): every test has its own database, server and queue, and the Redis
# tests each worker's own Redis database (tests/conftest.py), so they can run side by side.
test: system-deps $(VENV)/.test-deps node_modules/axe-core/axe.min.js lint
	$(BIN)/pytest -n 2

# The pure tests and the data tests on SQLite: no browser, no PostgreSQL, no Redis server, and not
# the few slow ones (marked traag); make test still runs everything.
test-snel: $(VENV)/.test-deps
	$(BIN)/pytest -q -n 2 -m "not browser and not postgres and not redis and not traag"

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache tests/screenshots

# The performance benchmark (bench/README.md): PostgreSQL and Redis of its own, scales 1, 10 and 100;
# writes bench/RESULTS.md. BENCH_ARGS=--snel gives the quick version.
.PHONY: bench
bench: $(VENV)/.test-deps
	$(BIN)/python -m bench $(BENCH_ARGS)

# New or changed texts in the code: add them to the English catalogue, list what lacks a translation.
catalogus: $(BIN)/hzw
	$(BIN)/python -m dashboard.catalogue

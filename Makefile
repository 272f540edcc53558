# Two commands do the whole set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
DB     ?= data/sakip.duckdb

.PHONY: run test test-pg lint format bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# The demo kabupaten is built by code, never committed; only when the file is absent.
$(DB): | $(VENV)/.runtime
	$(BIN)/python -m sakip_core --db $(DB) demo

run: $(VENV)/.runtime $(DB)
	SAKIP_DB=$(DB) $(BIN)/streamlit run server.py --server.port $(PORT)

# The whole suite on DuckDB, then the core and CLI suites on a PostgreSQL server the tests start
# (skipped with the reason shown when Debian's `postgresql` is not installed; never in CI).
test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest
	SAKIP_TEST_STORE=postgres $(BIN)/python -m pytest

test-pg: $(VENV)/.dev
	SAKIP_TEST_STORE=postgres $(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

demo: $(VENV)/.runtime
	$(BIN)/python -m sakip_core --db $(DB) demo --timpa

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts

# Speed and memory figures (not part of `make test`); writes bench/results.md.
bench: $(VENV)/.dev
	$(BIN)/python -m bench.run

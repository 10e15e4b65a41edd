# The two commands of the README: `make demo` and `make test`. Both set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000
# Test processes: one per core (pytest-xdist). TEST_WORKERS=0 runs the suite in this process, for a debugger.
TEST_WORKERS ?= auto

.PHONY: demo test lint format bench setup messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is required") if sys.version_info < (3, 11) else None'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/innopart migrate --noinput
	$(BIN)/innopart demo

demo: setup
	@echo "Innopart runs at http://$(HOST)/ with its task worker (Ctrl+C stops both)"
	$(BIN)/innopart worker & WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	$(BIN)/innopart runserver $(HOST)

test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/innopart/analytics

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(STAMP)
	$(BIN)/python bench/composite.py
	$(BIN)/python bench/selection.py
	$(BIN)/python bench/clusters.py
	$(BIN)/python bench/industrial_change.py
	$(BIN)/python bench/import_shipped.py
	$(BIN)/python bench/matching.py
	$(BIN)/python bench/scheduling.py
	$(BIN)/python bench/partnerships.py
	$(BIN)/python bench/run.py

# Needs GNU gettext (msgfmt); the compiled catalogues are committed so a fresh machine does not.
messages: $(STAMP)
	cd src/innopart && ../../$(BIN)/innopart makemessages -l lt --no-obsolete --ignore "demo/*"
	cd src/innopart && ../../$(BIN)/innopart compilemessages -l lt

clean:
	rm -rf $(VENV) var .pytest_cache

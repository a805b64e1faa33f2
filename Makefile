# The README's two commands. Each does its own set-up in .venv and is safe to re-run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.duckdb

.PHONY: demo test lint typecheck clean chromium serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed markers: re-install only when pyproject.toml changes.
$(VENV)/.installed-all: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[api,report,spark,frames,dev]'
	touch $@

demo: $(VENV)/.installed-all
	$(BIN)/detente ingest examples/ --db $(DEMO_DB)
	$(BIN)/detente docs --db $(DEMO_DB)
	$(BIN)/detente events --db $(DEMO_DB)

lint: $(VENV)/.installed-all
	$(BIN)/ruff format --check src tests
	$(BIN)/ruff check src tests

typecheck: $(VENV)/.installed-all
	$(BIN)/mypy

# The browser test drives Debian's chromium (never a browser download); install it when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.installed-all chromium lint typecheck
	$(BIN)/pytest -q

serve: $(VENV)/.installed-all
	$(BIN)/detente serve --db $(DEMO_DB)

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache
